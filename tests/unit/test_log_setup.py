"""JSON log lines: cached loggers follow sys.stderr; lines logged in an RPC carry its id."""

from __future__ import annotations

import contextlib
import contextvars
import io
import json

import structlog

from cloudact_grpc.api import request_context
from cloudact_grpc.log_setup import configure_logging


def _lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_cached_logger_writes_to_the_stderr_of_the_moment() -> None:
    configure_logging("INFO")
    log = structlog.get_logger("cloudact.test")
    first, second = io.StringIO(), io.StringIO()

    with contextlib.redirect_stderr(first):
        log.info("one", n=1)
    with contextlib.redirect_stderr(second):
        log.info("two", n=2)
        log.debug("below the level")

    assert [(e["event"], e["n"], e["level"]) for e in _lines(first)] == [("one", 1, "info")]
    assert [e["event"] for e in _lines(second)] == ["two"]


def test_lines_logged_during_an_rpc_carry_its_request_id_and_others_none() -> None:
    configure_logging("INFO")
    log = structlog.get_logger("cloudact.test")
    out = io.StringIO()

    def in_rpc() -> None:
        request_context.begin(request_context.RpcState(request_id="req-42", method="/m"))
        log.warning("inside")

    with contextlib.redirect_stderr(out):
        contextvars.copy_context().run(in_rpc)  # grpc runs every RPC in a context of its own
        log.warning("outside")

    inside, outside = _lines(out)
    assert (inside["event"], inside["request_id"]) == ("inside", "req-42")
    assert outside["event"] == "outside"
    assert "request_id" not in outside

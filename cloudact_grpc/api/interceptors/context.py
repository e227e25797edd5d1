"""Outermost step: request id, one structured log line and metrics per RPC.

A streamed response is counted when it ends, with the code the client saw (CANCELLED when
it went away) and, in the log line, the messages and bytes it was sent.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import grpc
import structlog

from cloudact_grpc.api import request_context
from cloudact_grpc.api.interceptors.chain import Call, Step
from cloudact_grpc.api.interceptors.streams import around, is_stream, status_code
from cloudact_grpc.api.metrics import RpcMetrics

_log = structlog.get_logger("cloudact.rpc")
_REQUEST_ID_MAX = 128


def _incoming_request_id(context: grpc.ServicerContext) -> str:
    for key, value in context.invocation_metadata() or ():
        if (
            key == "x-request-id"
            and isinstance(value, str)
            and 0 < len(value) <= _REQUEST_ID_MAX
            and value.replace("-", "").replace("_", "").isalnum()
        ):
            return value
    return str(uuid.uuid4())


class RequestContextStep(Step):
    """Assigns the request id, logs method, code, reason, duration and org; never bodies."""

    def __init__(self, metrics: RpcMetrics) -> None:
        self._metrics = metrics

    def run(self, call: Call) -> Any:
        context, method_name = call.context, call.method_name
        state = request_context.RpcState(
            request_id=_incoming_request_id(context), method=method_name
        )
        request_context.begin(state)
        self._metrics.begin(method_name)
        started = time.perf_counter()
        outcome: dict[str, str] = {}
        streaming: list[bool] = []

        def on_error(exc: BaseException) -> Any:
            if state.reason is None:  # not refused on purpose: name what escaped
                outcome["error"] = type(exc).__name__
            raise exc

        sent = {"messages": 0, "bytes": 0}

        def counted(stream: Iterator[Any]) -> Iterator[Any]:
            for message in stream:
                sent["messages"] += 1
                sent["bytes"] += message.ByteSize()
                yield message

        def on_done() -> None:
            elapsed = time.perf_counter() - started
            code = _code_name(context)
            streamed = {}
            if streaming:
                streamed = {"messages_sent": sent["messages"], "bytes_sent": sent["bytes"]}
            self._metrics.observe(method_name, code, elapsed)
            if state.reason is not None:
                outcome["reason"] = state.reason
            if state.backend is not None:
                outcome["backend"] = state.backend
            _log.info(
                "rpc",
                method=method_name,
                code=code,
                duration_ms=round(elapsed * 1000, 3),
                org_slug=state.org_slug,
                actor=state.principal.actor if state.principal else None,
                **streamed,
                **outcome,
            )

        def handle() -> Any:
            context.set_trailing_metadata((("x-request-id", state.request_id),))
            result = call.proceed()
            headers = {"x-request-id": state.request_id, **state.response_headers}
            context.send_initial_metadata(tuple(headers.items()))
            if is_stream(result):
                streaming.append(True)
                return counted(result)
            return result

        return around(handle, on_error, on_done)


def _code_name(context: grpc.ServicerContext) -> str:
    """The code the client got: the one set, CANCELLED when it went away, else OK.

    A response stream the client (or Envoy) abandoned ends without a code of its own.
    """
    code = status_code(context)
    if code is not None:
        return code.name
    return "OK" if context.is_active() else "CANCELLED"

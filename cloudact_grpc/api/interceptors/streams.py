"""Run code around a handler whether it returns a message or a response stream."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import GeneratorType
from typing import Any

import grpc


def status_code(context: grpc.ServicerContext) -> grpc.StatusCode | None:
    """The code set on the context so far (``ServicerContext.code`` is missing from the stubs)."""
    code = getattr(context, "code", None)
    code = code() if code is not None else None
    return code if isinstance(code, grpc.StatusCode) else None


def is_stream(result: object) -> bool:
    """True for a server-streaming handler's result (an iterator, not a message)."""
    # The cheap attribute test first: a message (the usual result) skips the ABC check.
    return not hasattr(result, "SerializeToString") and isinstance(result, GeneratorType | Iterator)


def around(
    call: Callable[[], Any], on_error: Callable[[BaseException], Any], on_done: Callable[[], None]
) -> Any:
    """Call ``call``; route exceptions to ``on_error``; run ``on_done`` when the RPC ends.

    For server-streaming handlers the exceptions and the end happen while the stream is
    consumed, so the generator is wrapped instead.
    """
    try:
        result = call()
    except BaseException as exc:  # noqa: BLE001 - handed to on_error, which re-raises or aborts
        try:
            return on_error(exc)
        finally:
            on_done()
    if is_stream(result):
        return _wrap_stream(result, on_error, on_done)
    on_done()
    return result


def _wrap_stream(
    stream: Iterator[Any], on_error: Callable[[BaseException], Any], on_done: Callable[[], None]
) -> Iterator[Any]:
    try:
        yield from stream
    except GeneratorExit:  # the client went away (or the server stops): nothing to answer
        raise
    except BaseException as exc:  # noqa: BLE001 - handed to on_error
        on_error(exc)
    finally:
        on_done()

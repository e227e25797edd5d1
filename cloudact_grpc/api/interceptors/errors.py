"""Innermost step: domain errors to rich statuses, anything else to INTERNAL."""

from __future__ import annotations

import contextlib
from typing import Any, NoReturn

import grpc
import structlog
from google.rpc import code_pb2

from cloudact_grpc.api import request_context
from cloudact_grpc.api.aliases import as_sent
from cloudact_grpc.api.interceptors.chain import Call, Step
from cloudact_grpc.api.interceptors.streams import around, status_code
from cloudact_grpc.api.status import code_of, internal_rpc_status, to_grpc_status, to_rpc_status
from cloudact_grpc.domain import errors

_log = structlog.get_logger("cloudact.errors")


def abort_with(context: grpc.ServicerContext, error: errors.DomainError) -> NoReturn:
    """Abort the RPC with the rich status of ``error``.

    The response headers (request id, rate-limit headers) go out as initial metadata: Envoy
    turns those into HTTP headers, while trailers are lost on an HTTP/1.1 error response.
    """
    state = request_context.current()
    state.reason, state.backend = error.reason.value, error.metadata.get("backend")
    headers = (("x-request-id", state.request_id), *state.response_headers.items())
    with contextlib.suppress(ValueError):  # a stream may have sent its headers already
        context.send_initial_metadata(headers)
    context.abort_with_status(to_grpc_status(to_rpc_status(error)))
    raise AssertionError("abort_with_status returned")  # pragma: no cover


class ErrorMappingStep(Step):
    """Maps every exception a servicer raises to one well-formed status."""

    def run(self, call: Call) -> Any:
        context, method_name = call.context, call.method_name

        def on_error(exc: BaseException) -> Any:
            if isinstance(exc, errors.InvalidArgument):
                exc = as_sent(exc, request_context.current().sent_names)
            if isinstance(exc, errors.DomainError):
                if code_of(exc) == code_pb2.INTERNAL:  # a wrapped failure: log its cause first
                    exc.metadata.setdefault("request_id", request_context.current().request_id)
                    _log.error("internal error", method=method_name, error=exc.message,
                               exc_info=exc.__cause__ or exc)  # fmt: skip
                abort_with(context, exc)
            if isinstance(exc, NotImplementedError):
                abort_with(
                    context,
                    errors.Unimplemented(
                        f"{method_name} is not implemented yet", metadata={"method": method_name}
                    ),
                )
            if status_code(context) not in (None, grpc.StatusCode.OK):
                raise exc  # already aborted deliberately
            state = request_context.current()
            state.reason = errors.Reason.INTERNAL_ERROR.value
            _log.error("unhandled exception", method=method_name, exc_info=exc)
            context.abort_with_status(to_grpc_status(internal_rpc_status(state.request_id)))
            raise exc  # pragma: no cover - abort raises

        return around(call.proceed, on_error, lambda: None)

"""The one table from domain errors to ``google.rpc.Status`` with rich details.

Every status carries an ``ErrorInfo`` (reason from ``ErrorReason``, our domain,
metadata); invalid input adds ``BadRequest``, limits add ``QuotaFailure`` and
``RetryInfo``, unavailable backends add ``RetryInfo``, missing resources add
``ResourceInfo``.
"""

from __future__ import annotations

import math

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from cloudact_grpc.domain import errors

ERROR_DOMAIN = "api.cloudact.ai"

_CODES: dict[type[errors.DomainError], int] = {
    errors.InvalidArgument: code_pb2.INVALID_ARGUMENT,
    errors.Unauthenticated: code_pb2.UNAUTHENTICATED,
    errors.PermissionDenied: code_pb2.PERMISSION_DENIED,
    errors.NotFound: code_pb2.NOT_FOUND,
    errors.AlreadyExists: code_pb2.ALREADY_EXISTS,
    errors.Aborted: code_pb2.ABORTED,
    errors.FailedPrecondition: code_pb2.FAILED_PRECONDITION,
    errors.ResourceExhausted: code_pb2.RESOURCE_EXHAUSTED,
    errors.Unavailable: code_pb2.UNAVAILABLE,
    errors.Unimplemented: code_pb2.UNIMPLEMENTED,
}


def _pack(message: object) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(message)  # type: ignore[arg-type]
    return packed


def _retry_info(seconds: float) -> error_details_pb2.RetryInfo:
    whole = max(0, math.ceil(seconds))
    return error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(seconds=whole))


def code_of(error: errors.DomainError) -> int:
    """The ``google.rpc.Code`` value for a domain error kind."""
    for kind in type(error).__mro__:
        if kind in _CODES:
            return _CODES[kind]
    return int(code_pb2.INTERNAL)


_MAX_MESSAGE = 1000
_MAX_VALUE = 200


def _clip(text: str, limit: int = _MAX_VALUE) -> str:
    """Caller input echoed in a status is cut short: trailers must stay well under 16 KiB."""
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def to_rpc_status(error: errors.DomainError) -> status_pb2.Status:
    """Build the ``google.rpc.Status`` for a domain error (echoed values clipped)."""
    details = [
        _pack(
            error_details_pb2.ErrorInfo(
                reason=error.reason.value,
                domain=ERROR_DOMAIN,
                metadata={k: _clip(v) for k, v in error.metadata.items()},
            )
        )
    ]
    if isinstance(error, errors.InvalidArgument) and error.violations:
        details.append(
            _pack(
                error_details_pb2.BadRequest(
                    field_violations=[
                        error_details_pb2.BadRequest.FieldViolation(
                            field=_clip(v.field), description=_clip(v.description, _MAX_MESSAGE)
                        )
                        for v in error.violations
                    ]
                )
            )
        )
    if isinstance(error, errors.ResourceExhausted):
        if error.violations:
            details.append(
                _pack(
                    error_details_pb2.QuotaFailure(
                        violations=[
                            error_details_pb2.QuotaFailure.Violation(
                                subject=v.subject, description=v.description
                            )
                            for v in error.violations
                        ]
                    )
                )
            )
        details.append(_pack(_retry_info(error.retry_after_seconds)))
    if isinstance(error, errors.Unavailable):
        details.append(_pack(_retry_info(error.retry_after_seconds)))
    if isinstance(error, errors.NotFound | errors.AlreadyExists):
        details.append(
            _pack(
                error_details_pb2.ResourceInfo(
                    resource_type=error.resource_type, resource_name=_clip(error.resource_name)
                )
            )
        )
    return status_pb2.Status(
        code=code_of(error), message=_clip(error.message, _MAX_MESSAGE), details=details
    )


def internal_rpc_status(request_id: str) -> status_pb2.Status:
    """A generic INTERNAL status: no exception text reaches the caller."""
    info = error_details_pb2.ErrorInfo(
        reason=errors.Reason.INTERNAL_ERROR.value,
        domain=ERROR_DOMAIN,
        metadata={"request_id": request_id},
    )
    return status_pb2.Status(
        code=code_pb2.INTERNAL,
        message=f"internal error; quote request id {request_id} to support",
        details=[_pack(info)],
    )


def to_grpc_status(status: status_pb2.Status) -> grpc.Status:
    """Convert for ``ServicerContext.abort_with_status``."""
    converted: grpc.Status = rpc_status.to_status(status)
    return converted

"""Transport-neutral error kinds raised by domain, service and adapter code.

The gRPC edge (``cloudact_grpc.api.status``) maps each kind to one gRPC code and
rich ``google.rpc`` details in a single table. Every error carries a stable
``reason`` (a name from the ``cloudact.v1.ErrorReason`` enum) and ``metadata``
holding the dynamic values, so clients never parse messages.

    DomainError
    ├── InvalidArgument      bad input; carries field violations
    ├── Unauthenticated      no credentials
    ├── PermissionDenied     credentials that do not reach the resource
    ├── ResourceError        about one named resource (type and name in the metadata)
    │   ├── NotFound
    │   ├── AlreadyExists
    │   ├── Aborted          lost a race (compare-and-set failed)
    │   └── FailedPrecondition  wrong state for the operation
    ├── ResourceExhausted    quota or rate limit; carries violations and retry delay
    ├── Unavailable          a backend is down for now; carries retry delay
    └── Unimplemented        not built yet
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Final


class Reason(StrEnum):
    """Mirror of ``cloudact.v1.ErrorReason`` (a contract test keeps them equal)."""

    INVALID_REQUEST = "INVALID_REQUEST"
    ROOT_KEY_MISSING = "ROOT_KEY_MISSING"
    ROOT_KEY_INVALID = "ROOT_KEY_INVALID"
    API_KEY_MISSING = "API_KEY_MISSING"
    API_KEY_INVALID = "API_KEY_INVALID"
    ORG_ACCESS_DENIED = "ORG_ACCESS_DENIED"
    ORG_INACTIVE = "ORG_INACTIVE"
    DEVELOPMENT_ONLY = "DEVELOPMENT_ONLY"
    RESOURCE_NOT_FOUND = "RESOURCE_NOT_FOUND"
    RESOURCE_ALREADY_EXISTS = "RESOURCE_ALREADY_EXISTS"
    CONCURRENT_MODIFICATION = "CONCURRENT_MODIFICATION"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    PRECONDITION_FAILED = "PRECONDITION_FAILED"
    QUOTA_EXCEEDED = "QUOTA_EXCEEDED"
    RATE_LIMITED = "RATE_LIMITED"
    BACKEND_UNAVAILABLE = "BACKEND_UNAVAILABLE"
    PROVIDER_UNREACHABLE = "PROVIDER_UNREACHABLE"
    NOT_IMPLEMENTED = "NOT_IMPLEMENTED"
    INTERNAL_ERROR = "INTERNAL_ERROR"
    UNKNOWN_ROUTE = "UNKNOWN_ROUTE"
    INTERNAL_METHOD = "INTERNAL_METHOD"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"


METADATA_KEYS: Final[Mapping[Reason, tuple[str, ...]]] = {
    Reason.INVALID_REQUEST: (),
    Reason.ROOT_KEY_MISSING: ("method",),
    Reason.ROOT_KEY_INVALID: ("method",),
    Reason.API_KEY_MISSING: ("method",),
    Reason.API_KEY_INVALID: ("key_prefix",),
    Reason.ORG_ACCESS_DENIED: ("org_slug",),
    Reason.ORG_INACTIVE: ("org_slug", "status"),
    Reason.DEVELOPMENT_ONLY: ("environment",),
    Reason.RESOURCE_NOT_FOUND: ("resource_type", "resource_name"),
    Reason.RESOURCE_ALREADY_EXISTS: ("resource_type", "resource_name"),
    Reason.CONCURRENT_MODIFICATION: ("resource_type", "resource_name"),
    Reason.IDEMPOTENCY_KEY_REUSED: ("idempotency_key",),
    Reason.PRECONDITION_FAILED: ("resource_type", "resource_name", "state"),
    Reason.QUOTA_EXCEEDED: ("org_slug", "limit"),
    Reason.RATE_LIMITED: ("scope", "limit"),
    Reason.BACKEND_UNAVAILABLE: ("backend",),
    Reason.PROVIDER_UNREACHABLE: ("provider",),
    Reason.NOT_IMPLEMENTED: ("method",),
    Reason.INTERNAL_ERROR: ("request_id",),
    Reason.UNKNOWN_ROUTE: (),
    Reason.INTERNAL_METHOD: (),
    Reason.UNSUPPORTED_MEDIA_TYPE: (),
}
"""The metadata keys each reason carries, as documented in ``error_reason.proto``.

A contract test keeps this table equal to the proto's comments; ``DomainError`` refuses to be
built without them. ``INTERNAL_ERROR`` and ``NOT_IMPLEMENTED`` are filled at the gRPC edge, which
knows the request id and the method.
"""
_FILLED_AT_THE_EDGE: Final = frozenset({Reason.INTERNAL_ERROR, Reason.NOT_IMPLEMENTED})


@dataclass(frozen=True, slots=True)
class FieldViolation:
    """One invalid request field, named by its proto field path."""

    field: str
    description: str


@dataclass(frozen=True, slots=True)
class QuotaViolation:
    """One exhausted limit: ``subject`` is who hit it, ``limit`` which limit."""

    subject: str
    limit: str
    description: str


class DomainError(Exception):
    """Base of every error the service raises on purpose."""

    default_reason: Reason = Reason.INTERNAL_ERROR

    def __init__(
        self,
        message: str,
        *,
        reason: Reason | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason or self.default_reason
        self.metadata: dict[str, str] = dict(metadata or {})
        missing = [k for k in METADATA_KEYS[self.reason] if k not in self.metadata]
        if missing and self.reason not in _FILLED_AT_THE_EDGE:
            raise TypeError(f"{self.reason} needs metadata {missing}")


class InvalidArgument(DomainError):
    """The request is malformed; ``violations`` name each bad field."""

    default_reason = Reason.INVALID_REQUEST

    def __init__(
        self,
        message: str,
        *,
        violations: Sequence[FieldViolation] = (),
        reason: Reason | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message, reason=reason, metadata=metadata)
        self.violations = tuple(violations)

    @classmethod
    def field(cls, field: str, description: str) -> InvalidArgument:
        """One bad field; the message names it."""
        return cls(f"{field}: {description}", violations=[FieldViolation(field, description)])

    @classmethod
    def fields(cls, summary: str, violations: Sequence[FieldViolation]) -> InvalidArgument:
        """Several bad fields; the message (what a person reads) says each one and why."""
        said = "; ".join(f"{v.field}: {v.description}" for v in violations)
        return cls(f"{summary}: {said}", violations=violations)


class Unauthenticated(DomainError):
    """No usable credentials were presented."""

    default_reason = Reason.API_KEY_MISSING

    @classmethod
    def invalid_api_key(cls, api_key: str) -> Unauthenticated:
        """``API_KEY_INVALID`` naming only the key's non-secret ``ca_`` prefix, if it has one."""
        prefix = "ca_" if api_key.startswith("ca_") else ""
        return cls(
            "invalid API key", reason=Reason.API_KEY_INVALID, metadata={"key_prefix": prefix}
        )


class PermissionDenied(DomainError):
    """The credentials do not reach this resource or operation."""

    default_reason = Reason.ORG_ACCESS_DENIED


class ResourceError(DomainError):
    """An error about one named resource; ``template`` words the default message.

    The metadata holds ``resource_type``, ``resource_name`` and any ``more`` values, which the
    template may name too.
    """

    template: ClassVar[str] = "{resource_type} '{resource_name}'"

    def __init__(
        self, resource_type: str, resource_name: str, message: str | None = None, **more: str
    ) -> None:
        metadata = {"resource_type": resource_type, "resource_name": resource_name, **more}
        super().__init__(message or self.template.format_map(metadata), metadata=metadata)
        self.resource_type = resource_type
        self.resource_name = resource_name


class NotFound(ResourceError):
    """The named resource does not exist."""

    default_reason = Reason.RESOURCE_NOT_FOUND
    template = "{resource_type} '{resource_name}' not found"


class AlreadyExists(ResourceError):
    """A resource with this identity already exists."""

    default_reason = Reason.RESOURCE_ALREADY_EXISTS
    template = "{resource_type} '{resource_name}' already exists"


class Aborted(ResourceError):
    """A concurrent change won; the caller may retry with fresh state."""

    default_reason = Reason.CONCURRENT_MODIFICATION
    template = "{resource_type} '{resource_name}' changed concurrently; read it and retry"


class FailedPrecondition(ResourceError):
    """The resource is in the wrong state for this operation."""

    default_reason = Reason.PRECONDITION_FAILED
    template = "{resource_type} '{resource_name}' is {state}"

    def __init__(
        self, resource_type: str, resource_name: str, state: str, message: str | None = None
    ) -> None:
        super().__init__(resource_type, resource_name, message, state=state)


class ResourceExhausted(DomainError):
    """A quota or rate limit is spent; retry after ``retry_after_seconds``."""

    default_reason = Reason.QUOTA_EXCEEDED

    def __init__(
        self,
        message: str,
        *,
        violations: Sequence[QuotaViolation] = (),
        retry_after_seconds: float = 1.0,
        reason: Reason | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message, reason=reason, metadata=metadata)
        self.violations = tuple(violations)
        self.retry_after_seconds = retry_after_seconds


class Unavailable(DomainError):
    """A backend cannot be reached right now; retry after ``retry_after_seconds``."""

    default_reason = Reason.BACKEND_UNAVAILABLE

    def __init__(
        self,
        message: str,
        *,
        retry_after_seconds: float = 1.0,
        reason: Reason | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message, reason=reason, metadata=metadata)
        self.retry_after_seconds = retry_after_seconds


class Unimplemented(DomainError):
    """The operation is part of the contract but not built yet."""

    default_reason = Reason.NOT_IMPLEMENTED

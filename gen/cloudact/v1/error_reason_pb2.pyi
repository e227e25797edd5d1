from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class ErrorReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ERROR_REASON_UNSPECIFIED: _ClassVar[ErrorReason]
    INVALID_REQUEST: _ClassVar[ErrorReason]
    ROOT_KEY_MISSING: _ClassVar[ErrorReason]
    ROOT_KEY_INVALID: _ClassVar[ErrorReason]
    API_KEY_MISSING: _ClassVar[ErrorReason]
    API_KEY_INVALID: _ClassVar[ErrorReason]
    ORG_ACCESS_DENIED: _ClassVar[ErrorReason]
    ORG_INACTIVE: _ClassVar[ErrorReason]
    DEVELOPMENT_ONLY: _ClassVar[ErrorReason]
    RESOURCE_NOT_FOUND: _ClassVar[ErrorReason]
    RESOURCE_ALREADY_EXISTS: _ClassVar[ErrorReason]
    CONCURRENT_MODIFICATION: _ClassVar[ErrorReason]
    IDEMPOTENCY_KEY_REUSED: _ClassVar[ErrorReason]
    PRECONDITION_FAILED: _ClassVar[ErrorReason]
    QUOTA_EXCEEDED: _ClassVar[ErrorReason]
    RATE_LIMITED: _ClassVar[ErrorReason]
    BACKEND_UNAVAILABLE: _ClassVar[ErrorReason]
    PROVIDER_UNREACHABLE: _ClassVar[ErrorReason]
    NOT_IMPLEMENTED: _ClassVar[ErrorReason]
    INTERNAL_ERROR: _ClassVar[ErrorReason]
    UNKNOWN_ROUTE: _ClassVar[ErrorReason]
    INTERNAL_METHOD: _ClassVar[ErrorReason]
    UNSUPPORTED_MEDIA_TYPE: _ClassVar[ErrorReason]
ERROR_REASON_UNSPECIFIED: ErrorReason
INVALID_REQUEST: ErrorReason
ROOT_KEY_MISSING: ErrorReason
ROOT_KEY_INVALID: ErrorReason
API_KEY_MISSING: ErrorReason
API_KEY_INVALID: ErrorReason
ORG_ACCESS_DENIED: ErrorReason
ORG_INACTIVE: ErrorReason
DEVELOPMENT_ONLY: ErrorReason
RESOURCE_NOT_FOUND: ErrorReason
RESOURCE_ALREADY_EXISTS: ErrorReason
CONCURRENT_MODIFICATION: ErrorReason
IDEMPOTENCY_KEY_REUSED: ErrorReason
PRECONDITION_FAILED: ErrorReason
QUOTA_EXCEEDED: ErrorReason
RATE_LIMITED: ErrorReason
BACKEND_UNAVAILABLE: ErrorReason
PROVIDER_UNREACHABLE: ErrorReason
NOT_IMPLEMENTED: ErrorReason
INTERNAL_ERROR: ErrorReason
UNKNOWN_ROUTE: ErrorReason
INTERNAL_METHOD: ErrorReason
UNSUPPORTED_MEDIA_TYPE: ErrorReason

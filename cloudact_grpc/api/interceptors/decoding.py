"""Requests that do not decode are INVALID_ARGUMENT, logged and counted like any other call.

grpcio decodes a request before any interceptor runs and answers a decoding failure with a bare
INTERNAL ("Exception deserializing request!") and a traceback. This step swaps every
method's deserializer for one that turns a failure into an ``Undecodable`` marker; its own
``run`` (placed right after the request-context step, so the call is logged and
counted) aborts such a call with INVALID_ARGUMENT naming the offending field where it can.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import grpc
import structlog
from google.protobuf import descriptor as pb_descriptor
from google.protobuf import message as pb_message

from cloudact_grpc.api.interceptors.chain import Call, Step
from cloudact_grpc.api.interceptors.errors import abort_with
from cloudact_grpc.domain import errors

_log = structlog.get_logger("cloudact.decoding")
_MAX_DEPTH = 32


@dataclass(frozen=True, slots=True)
class Undecodable:
    """Stands in for a request whose bytes are not a valid message."""

    type_name: str
    field: str
    problem: str


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        if pos >= len(data) or shift > 63:
            raise ValueError("truncated varint")
        byte = data[pos]
        value |= (byte & 0x7F) << shift
        pos += 1
        shift += 7
        if not byte & 0x80:
            return value, pos


def _skip(wire_type: int, data: bytes, pos: int) -> tuple[int, bytes | None]:
    """Position after a field's value, and the value when it is length-delimited."""
    if wire_type == 0:
        return _varint(data, pos)[1], None
    if wire_type == 1:
        end = pos + 8
    elif wire_type == 5:
        end = pos + 4
    elif wire_type == 2:
        length, pos = _varint(data, pos)
        end = pos + length
        if end > len(data):
            raise ValueError("truncated field")
        return end, data[pos:end]
    else:
        raise ValueError(f"wire type {wire_type}")
    if end > len(data):
        raise ValueError("truncated field")
    return end, None


def locate(descriptor: pb_descriptor.Descriptor, data: bytes, depth: int = 0) -> str:
    """Best effort: the path of the first field that breaks decoding, or ``""``."""
    pos = 0
    while pos < len(data):
        try:
            tag, after_tag = _varint(data, pos)
        except ValueError:
            return ""
        field = descriptor.fields_by_number.get(tag >> 3)
        try:
            pos, value = _skip(tag & 7, data, after_tag)
        except ValueError:
            return field.name if field is not None else ""
        if field is None or value is None:
            continue
        if field.type == pb_descriptor.FieldDescriptor.TYPE_STRING:
            try:
                value.decode("utf-8")
            except UnicodeDecodeError:
                return field.name
        elif field.message_type is not None and depth < _MAX_DEPTH:
            inner = locate(field.message_type, value, depth + 1)
            if inner:
                return f"{field.name}.{inner}"
    return ""


def _safe(
    deserialize: Callable[[bytes], Any], descriptor: pb_descriptor.Descriptor | None
) -> Callable[[bytes], Any]:
    def decode(data: bytes) -> Any:
        try:
            return deserialize(data)
        except Exception as exc:  # noqa: BLE001 - any decoding failure is the caller's input
            name = descriptor.full_name if descriptor is not None else "request"
            field = locate(descriptor, data) if descriptor is not None else ""
            return Undecodable(name, field, type(exc).__name__)

    return decode


def request_descriptor(deserialize: Callable[[bytes], Any]) -> pb_descriptor.Descriptor | None:
    """The request message type a method's deserializer decodes, when it is a message class."""
    owner = getattr(deserialize, "__self__", None)  # Message.FromString is a classmethod
    descriptor = getattr(owner, "DESCRIPTOR", None)
    return descriptor if isinstance(descriptor, pb_descriptor.Descriptor) else None


def _error(bad: Undecodable) -> errors.InvalidArgument:
    what = f"the request is not a valid {bad.type_name} message"
    if bad.field:
        return errors.InvalidArgument(
            f"{bad.field}: {what} (invalid UTF-8 or a malformed value)",
            violations=[errors.FieldViolation(bad.field, "is not a valid value (invalid UTF-8?)")],
            metadata={"message_type": bad.type_name},
        )
    return errors.InvalidArgument(what, metadata={"message_type": bad.type_name})


class DecodingStep(Step):
    """INVALID_ARGUMENT for requests that do not decode (see the module docstring)."""

    def adapt_handler(self, handler: Any) -> Any:
        """The method's handler with a deserializer that never raises."""
        deserialize = getattr(handler, "request_deserializer", None)
        if deserialize is None:
            return handler
        # The handler is grpcio's RpcMethodHandler named tuple.
        return handler._replace(
            request_deserializer=_safe(deserialize, request_descriptor(deserialize))
        )

    def run(self, call: Call) -> Any:
        request = call.request
        if isinstance(request, Undecodable):
            self._refuse(call.context, call.method_name, request)
        if not isinstance(request, pb_message.Message) and isinstance(request, Iterator):
            call.request = self._checked(request, call.context, call.method_name)
        return call.proceed()

    def _checked(
        self, requests: Iterator[Any], context: grpc.ServicerContext, method_name: str
    ) -> Iterator[Any]:
        for request in requests:
            if isinstance(request, Undecodable):
                self._refuse(context, method_name, request)
            yield request

    @staticmethod
    def _refuse(context: grpc.ServicerContext, method_name: str, bad: Undecodable) -> None:
        _log.warning(
            "undecodable request",
            method=method_name,
            message_type=bad.type_name,
            field=bad.field,
            problem=bad.problem,
        )
        abort_with(context, _error(bad))

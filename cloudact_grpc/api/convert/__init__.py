"""Conversions every servicer shares: the caller's context, timestamps, optional fields."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, TypeVar

from google.protobuf import timestamp_pb2
from google.protobuf.message import Message

from cloudact_grpc.api import request_context
from cloudact_grpc.domain.context import CallContext


def call_context() -> CallContext:
    """The current RPC's caller and request id."""
    state = request_context.current()
    return CallContext(principal=request_context.current_principal(), request_id=state.request_id)


def timestamp(value: dt.datetime) -> timestamp_pb2.Timestamp:
    """A protobuf Timestamp of ``value``."""
    ts = timestamp_pb2.Timestamp()
    ts.FromDatetime(value.astimezone(dt.UTC))
    return ts


def optional(msg: Message, name: str) -> Any:
    """An optional field's value, None when the request did not send it."""
    return getattr(msg, name) if msg.HasField(name) else None


def set_time(msg: Message, name: str, value: object) -> None:
    """Set the Timestamp field ``name`` of ``msg`` when ``value`` is a datetime."""
    if isinstance(value, dt.datetime):
        getattr(msg, name).CopyFrom(timestamp(value))


_M = TypeVar("_M", bound=Message)


def message(cls: type[_M], source: object, **given: object) -> _M:
    """A ``cls`` message: the ``given`` fields, the others from ``source``'s same-named attributes.

    For results whose attributes already carry the wire names and types (strings, numbers,
    booleans, lists of them); anything to convert (dates, timestamps, money) goes in ``given``.
    """
    copied = {
        f.name: getattr(source, f.name)
        for f in cls.DESCRIPTOR.fields
        if f.name not in given and hasattr(source, f.name)
    }
    return cls(**copied, **given)


_D = TypeVar("_D")


def fields_from(cls: type[_D], msg: Message, *, empty_as_none: bool = False, **given: object) -> _D:
    """A ``cls`` dataclass: the ``given`` fields, the others read from ``msg``'s same-named ones.

    Repeated fields come as lists and maps as dicts (None when empty, with ``empty_as_none``);
    a field with presence is None unless sent. Message-typed fields go in ``given``.
    """
    by_name = msg.DESCRIPTOR.fields_by_name
    values: dict[str, object] = dict(given)
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        field = by_name.get(f.name)
        if f.name in given or field is None:
            continue
        value = getattr(msg, f.name)
        if field.is_repeated:
            is_map = field.message_type is not None and field.message_type.GetOptions().map_entry
            value = dict(value) if is_map else list(value)
            values[f.name] = value or (None if empty_as_none else value)
        else:
            values[f.name] = value if not field.has_presence or msg.HasField(f.name) else None
    return cls(**values)

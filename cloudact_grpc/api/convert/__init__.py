"""Conversions every servicer shares: the caller's context and timestamps."""

from __future__ import annotations

import datetime as dt

from google.protobuf import timestamp_pb2

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

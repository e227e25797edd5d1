"""A failed call as one line an operator reads: code, message, reason, field violations."""

from __future__ import annotations

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status


def describe(exc: grpc.RpcError) -> str:
    """``CODE: message [REASON] (field: description; ...)``."""
    if not isinstance(exc, grpc.Call):
        return str(exc)
    parts = [f"{exc.code().name}: {exc.details()}"]
    status = rpc_status.from_call(exc)
    for detail in status.details if status else ():
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            parts.append(f"[{info.reason}]")
        elif detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            fields = "; ".join(f"{v.field}: {v.description}" for v in bad.field_violations)
            parts.append(f"({fields})")
    return " ".join(parts)

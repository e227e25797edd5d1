"""Decode rich error details (``google.rpc.Status``) in tests: from gRPC and from REST JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import grpc
import httpx
from google.rpc import error_details_pb2
from grpc_status import rpc_status


@dataclass
class DecodedError:
    """A failed call's code, message and unpacked details."""

    code: grpc.StatusCode
    message: str
    error_info: error_details_pb2.ErrorInfo | None = None
    bad_request: error_details_pb2.BadRequest | None = None
    retry_info: error_details_pb2.RetryInfo | None = None
    quota_failure: error_details_pb2.QuotaFailure | None = None
    resource_info: error_details_pb2.ResourceInfo | None = None
    detail_types: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        """ErrorInfo.reason, or '' when absent."""
        return self.error_info.reason if self.error_info else ""

    @property
    def violated_fields(self) -> list[str]:
        """Field names of BadRequest violations."""
        return [v.field for v in self.bad_request.field_violations] if self.bad_request else []


_KINDS = {
    "error_info": error_details_pb2.ErrorInfo,
    "bad_request": error_details_pb2.BadRequest,
    "retry_info": error_details_pb2.RetryInfo,
    "quota_failure": error_details_pb2.QuotaFailure,
    "resource_info": error_details_pb2.ResourceInfo,
}


def decode(error: grpc.RpcError) -> DecodedError:
    """Unpack the details of a failed call."""
    assert isinstance(error, grpc.Call)
    decoded = DecodedError(code=error.code(), message=error.details() or "")
    status = rpc_status.from_call(error)
    if status is None:
        return decoded
    for detail in status.details:
        decoded.detail_types.append(detail.type_url.rsplit("/", 1)[-1])
        for attr, kind in _KINDS.items():
            if detail.Is(kind.DESCRIPTOR):
                message = kind()
                detail.Unpack(message)
                setattr(decoded, attr, message)
    return decoded


@dataclass
class RestError:
    """A REST error reply's JSON body (Envoy's transcoding of ``google.rpc.Status``)."""

    code: grpc.StatusCode
    message: str
    details: dict[str, dict[str, Any]]
    """Each detail by its type's short name (``ErrorInfo``, ``BadRequest``, ...)."""

    @property
    def reason(self) -> str:
        """ErrorInfo.reason, or '' when absent."""
        return str(self.details.get("ErrorInfo", {}).get("reason", ""))

    @property
    def violated_fields(self) -> list[str]:
        """Field names of BadRequest violations (either JSON spelling of the list)."""
        bad = self.details.get("BadRequest", {})
        return [v["field"] for v in bad.get("field_violations", bad.get("fieldViolations", []))]


_STATUS_CODES = {code.value[0]: code for code in grpc.StatusCode}


def decode_rest(reply: httpx.Response) -> RestError:
    """Unpack the JSON error body of a failed REST call."""
    body: dict[str, Any] = reply.json()
    details = {str(d["@type"]).rsplit(".", 1)[-1]: d for d in body.get("details", [])}
    code = _STATUS_CODES[body["code"]]
    return RestError(code=code, message=body.get("message", ""), details=details)

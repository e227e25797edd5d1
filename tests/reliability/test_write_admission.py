"""Finding 5, the deadline half: a write whose caller leaves it too little time never starts."""

from __future__ import annotations

import time

import grpc
import pytest
from cloudact.v1 import organizations_pb2, organizations_pb2_grpc

from cloudact_grpc.ports.warehouse import Eq
from tests.reliability.conftest import Stack
from tests.support.errors import decode


def test_a_write_with_almost_no_time_left_is_refused_and_writes_nothing(stack: Stack) -> None:
    stack.onboard("admission_base")  # bootstraps
    stub = organizations_pb2_grpc.OrganizationsServiceStub(stack.channel)
    too_late = organizations_pb2.OnboardOrganizationRequest(
        org_slug="too_late", company_name="Too Late", admin_email="fin@late.example",
        request_id="late-1",
    )  # fmt: skip
    with pytest.raises(grpc.RpcError) as caught:
        stub.OnboardOrganization(too_late, metadata=stack.root_metadata, timeout=0.04)
    error = decode(caught.value)
    assert error.code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)
    if error.code is grpc.StatusCode.UNAVAILABLE:
        assert error.reason == "BACKEND_UNAVAILABLE"
        assert error.error_info is not None
        assert error.error_info.metadata["cause"] == "deadline"
        assert error.retry_info is not None
    time.sleep(1.0)  # a write that had started would have committed by now
    rows = stack.app.warehouse.select("organizations", "org_profiles", [Eq("org_slug", "too_late")])
    assert rows == []
    # With time to spare the same request_id runs (nothing was claimed).
    ok = stub.OnboardOrganization(too_late, metadata=stack.root_metadata, timeout=60)
    assert ok.api_key

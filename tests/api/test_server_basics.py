"""The server through typed stubs only: health, auth, honest UNIMPLEMENTED, logs and metrics."""

from __future__ import annotations

import json

import grpc
import pytest
from cloudact.v1 import (
    admin_pb2,
    admin_pb2_grpc,
    costs_pb2,
    costs_pb2_grpc,
    organizations_pb2,
    organizations_pb2_grpc,
)
from grpc_health.v1 import health_pb2, health_pb2_grpc
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import RunningServer
from tests.support.errors import decode
from tests.support.http import HTTP
from tests.support.metrics import sample

Metadata = tuple[tuple[str, str], ...]


def test_health_without_credentials(channel: grpc.Channel) -> None:
    reply = admin_pb2_grpc.AdminServiceStub(channel).GetHealth(admin_pb2.GetHealthRequest())
    assert (reply.status, reply.service, reply.environment) == ("healthy", "cloudact-api", "test")


def test_readiness_reports_the_warehouse(channel: grpc.Channel) -> None:
    reply = admin_pb2_grpc.AdminServiceStub(channel).GetReadiness(admin_pb2.GetReadinessRequest())
    assert (reply.status, reply.warehouse, reply.warehouse_ready) == ("ready", "duckdb", True)


def test_standard_health_service_serves(channel: grpc.Channel) -> None:
    stub = health_pb2_grpc.HealthStub(channel)
    for service in ("", "cloudact.v1.AdminService", "cloudact.v1.CostsService"):
        reply = stub.Check(health_pb2.HealthCheckRequest(service=service))
        assert reply.status == health_pb2.HealthCheckResponse.SERVING


def test_root_method_without_key_is_unauthenticated(channel: grpc.Channel) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        admin_pb2_grpc.AdminServiceStub(channel).Bootstrap(admin_pb2.BootstrapRequest())
    error = decode(caught.value)
    assert error.code is grpc.StatusCode.UNAUTHENTICATED
    assert error.reason == "ROOT_KEY_MISSING"
    assert error.error_info is not None
    assert error.error_info.domain == "api.cloudact.ai"
    assert error.error_info.metadata["method"] == "/cloudact.v1.AdminService/Bootstrap"


def test_wrong_root_key_is_permission_denied(channel: grpc.Channel) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        admin_pb2_grpc.AdminServiceStub(channel).Bootstrap(
            admin_pb2.BootstrapRequest(), metadata=(("x-ca-root-key", "not-the-key"),)
        )
    error = decode(caught.value)
    assert (error.code, error.reason) == (grpc.StatusCode.PERMISSION_DENIED, "ROOT_KEY_INVALID")


def test_org_method_without_any_key_is_unauthenticated(channel: grpc.Channel) -> None:
    stub = organizations_pb2_grpc.OrganizationsServiceStub(channel)
    with pytest.raises(grpc.RpcError) as caught:
        stub.GetQuota(organizations_pb2.GetQuotaRequest(org_slug="acme"))
    error = decode(caught.value)
    assert (error.code, error.reason) == (grpc.StatusCode.UNAUTHENTICATED, "API_KEY_MISSING")


def test_not_built_rpc_is_unimplemented_with_error_info(
    bare_channel: grpc.Channel, root_metadata: Metadata
) -> None:
    stub = costs_pb2_grpc.CostsServiceStub(bare_channel)
    with pytest.raises(grpc.RpcError) as caught:
        stub.GetCostSummary(
            costs_pb2.GetCostSummaryRequest(org_slug="acme"), metadata=root_metadata
        )
    error = decode(caught.value)
    assert error.code is grpc.StatusCode.UNIMPLEMENTED
    assert error.reason == "NOT_IMPLEMENTED"
    assert error.error_info is not None
    assert error.error_info.metadata["method"] == "/cloudact.v1.CostsService/GetCostSummary"


def test_request_id_is_echoed(channel: grpc.Channel) -> None:
    stub = admin_pb2_grpc.AdminServiceStub(channel)
    _, call = stub.GetHealth.with_call(
        admin_pb2.GetHealthRequest(), metadata=(("x-request-id", "req-abc-123"),)
    )
    assert ("x-request-id", "req-abc-123") in call.initial_metadata()


def test_one_json_log_line_per_rpc_without_secrets(
    bare_channel: grpc.Channel, root_key: str, capfd: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(grpc.RpcError):
        costs_pb2_grpc.CostsServiceStub(bare_channel).GetCostSummary(
            costs_pb2.GetCostSummaryRequest(org_slug="acme"),
            metadata=(("x-ca-root-key", root_key), ("x-request-id", "log-test-1")),
        )
    err = capfd.readouterr().err
    assert root_key not in err
    lines = [json.loads(line) for line in err.splitlines() if '"log-test-1"' in line]
    rpc_lines = [line for line in lines if line.get("event") == "rpc"]
    assert len(rpc_lines) == 1
    entry = rpc_lines[0]
    assert entry["method"] == "/cloudact.v1.CostsService/GetCostSummary"
    assert entry["code"] == "UNIMPLEMENTED"
    assert entry["org_slug"] == "acme"
    assert entry["actor"] == "root"
    assert entry["duration_ms"] >= 0
    assert entry["reason"] == "NOT_IMPLEMENTED"  # what the caller was told, not "Exception"
    assert "error" not in entry


def test_a_refused_call_logs_its_reason_and_an_answered_one_none(
    channel: grpc.Channel, capfd: pytest.CaptureFixture[str]
) -> None:
    stub = admin_pb2_grpc.AdminServiceStub(channel)
    with pytest.raises(grpc.RpcError):
        stub.Bootstrap(
            admin_pb2.BootstrapRequest(),
            metadata=(("x-ca-root-key", "not-the-key"), ("x-request-id", "log-test-refused")),
        )
    stub.GetHealth(admin_pb2.GetHealthRequest(), metadata=(("x-request-id", "log-test-ok"),))
    err = capfd.readouterr().err
    assert "not-the-key" not in err
    lines = {
        entry["request_id"]: entry
        for entry in map(json.loads, (x for x in err.splitlines() if x.startswith("{")))
        if entry.get("event") == "rpc"
    }
    refused, answered = lines["log-test-refused"], lines["log-test-ok"]
    assert (refused["code"], refused["reason"]) == ("PERMISSION_DENIED", "ROOT_KEY_INVALID")
    assert "error" not in refused
    assert answered["code"] == "OK"
    assert "reason" not in answered
    assert "error" not in answered


def test_metrics_count_rpcs_by_method_and_code(
    channel: grpc.Channel, server: RunningServer
) -> None:
    admin_pb2_grpc.AdminServiceStub(channel).GetHealth(admin_pb2.GetHealthRequest())
    handled = sample(
        server.metrics_port, "grpc_server_handled_total", grpc_method="GetHealth", grpc_code="OK"
    )
    assert handled >= 1


def test_metrics_give_request_rate_in_flight_and_bounded_labels(
    channel: grpc.Channel, server: RunningServer
) -> None:
    """Rate (started), errors (handled by code), latency, in flight; labels: method and code."""
    port, readiness = server.metrics_port, {"grpc_method": "GetReadiness"}
    before = sample(port, "grpc_server_started_total", **readiness)
    stub = admin_pb2_grpc.AdminServiceStub(channel)
    for _ in range(3):
        stub.GetReadiness(admin_pb2.GetReadinessRequest())
    assert sample(port, "grpc_server_started_total", **readiness) == before + 3
    assert sample(port, "grpc_server_in_flight", **readiness) == 0
    assert sample(port, "grpc_server_handling_seconds_count", **readiness) >= 3
    body = HTTP.get(f"http://127.0.0.1:{port}/metrics").text
    labels = {
        name
        for family in text_string_to_metric_families(body)
        if family.name.startswith("grpc_server_")
        for series in family.samples
        for name in series.labels
    }
    assert labels == {"grpc_service", "grpc_method", "grpc_code", "le"}

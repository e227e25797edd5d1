"""The per-RPC series: an RPC counts as in flight from ``begin`` until ``observe``."""

from __future__ import annotations

from prometheus_client import CollectorRegistry

from cloudact_grpc.api.metrics import RpcMetrics

METHOD = "/cloudact.v1.CostsService/ExportCosts"
LABELS = {"grpc_service": "cloudact.v1.CostsService", "grpc_method": "ExportCosts"}


def test_in_flight_rises_while_an_rpc_runs_and_falls_when_it_ends() -> None:
    registry = CollectorRegistry()
    metrics = RpcMetrics(registry)
    metrics.begin(METHOD)
    metrics.begin(METHOD)
    assert registry.get_sample_value("grpc_server_in_flight", LABELS) == 2
    metrics.observe(METHOD, "CANCELLED", 0.5)
    assert registry.get_sample_value("grpc_server_in_flight", LABELS) == 1
    metrics.observe(METHOD, "OK", 1.5)
    assert registry.get_sample_value("grpc_server_in_flight", LABELS) == 0
    assert registry.get_sample_value("grpc_server_started_total", LABELS) == 2
    handled = {**LABELS, "grpc_code": "CANCELLED"}
    assert registry.get_sample_value("grpc_server_handled_total", handled) == 1

"""Prometheus metrics per RPC method and status code, and of audit rows lost.

The labelled series of a (method, code) pair are looked up once and kept: ``labels()`` costs
more than the observation itself on the hot path. Only registered methods reach here, so the
map stays as small as the method table.
"""

from __future__ import annotations

from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram


class RpcMetrics:
    """Counters and latency histograms in their own registry (one per server)."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        self.handled = Counter(
            "grpc_server_handled",
            "RPCs completed, by method and gRPC status code.",
            ["grpc_service", "grpc_method", "grpc_code"],
            registry=registry,
        )
        self.latency = Histogram(
            "grpc_server_handling_seconds",
            "RPC handling time in seconds.",
            ["grpc_service", "grpc_method"],
            registry=registry,
        )
        self._series: dict[tuple[str, str], tuple[Any, Any]] = {}

    def observe(self, full_method: str, code: str, seconds: float) -> None:
        """Record one finished RPC."""
        series = self._series.get((full_method, code))
        if series is None:
            service, _, method = full_method.lstrip("/").partition("/")
            series = (
                self.handled.labels(service, method, code),
                self.latency.labels(service, method),
            )
            self._series[(full_method, code)] = series
        series[0].inc()
        series[1].observe(seconds)


class AuditMetrics:
    """``cloudact_audit_rows_lost_total{action}``: audit rows lost after an answer.

    The backend refused them after the change (or denial) they describe was answered;
    ``action`` is one of the code's few fixed verbs (CREATE, ROTATE, DELETE, DENIED, ...).
    """

    def __init__(self, registry: CollectorRegistry) -> None:
        self.lost = Counter(
            "cloudact_audit_rows_lost",
            "Audit rows not written although their change or denial was answered, by action.",
            ["action"],
            registry=registry,
        )

    def row_lost(self, action: str) -> None:
        """Count one lost row (``AuditService``'s ``on_lost``)."""
        self.lost.labels(action).inc()

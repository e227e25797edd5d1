"""Prometheus metrics per RPC method and status code, and of audit rows lost.

Request rate: ``grpc_server_started_total``; error rate and codes: ``grpc_server_handled_total``;
latency: ``grpc_server_handling_seconds``; load now: ``grpc_server_in_flight``. Labels are the
service, the method and the gRPC code name, never an org, a key or a raw path.

The labelled series of a (method, code) pair are looked up once and kept: ``labels()`` costs
more than the observation itself on the hot path. Only registered methods reach here, so the
map stays as small as the method table.
"""

from __future__ import annotations

from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


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
        by_method = ["grpc_service", "grpc_method"]
        self.latency = Histogram(
            "grpc_server_handling_seconds", "RPC handling time in seconds.", by_method,
            registry=registry,
        )  # fmt: skip
        self.started = Counter(
            "grpc_server_started", "RPCs started, by method.", by_method, registry=registry
        )
        self.in_flight = Gauge(
            "grpc_server_in_flight",
            "RPCs being handled now (started, not yet finished), by method.",
            by_method,
            registry=registry,
        )
        self._series: dict[tuple[str, str], tuple[Any, Any]] = {}
        self._per_method: dict[str, tuple[Any, Any]] = {}

    def _method_series(self, full_method: str) -> tuple[Any, Any]:
        """The started counter and in-flight gauge of ``full_method`` (looked up once)."""
        series = self._per_method.get(full_method)
        if series is None:
            service, _, method = full_method.lstrip("/").partition("/")
            series = (self.started.labels(service, method), self.in_flight.labels(service, method))
            self._per_method[full_method] = series
        return series

    def begin(self, full_method: str) -> None:
        """Count an RPC that starts."""
        started, in_flight = self._method_series(full_method)
        started.inc()
        in_flight.inc()

    def observe(self, full_method: str, code: str, seconds: float) -> None:
        """Record one finished RPC (begun with ``begin``)."""
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
        self._method_series(full_method)[1].dec()


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

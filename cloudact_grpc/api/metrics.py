"""Prometheus metrics per RPC method and status code.

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

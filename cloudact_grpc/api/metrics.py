"""Prometheus metrics per RPC method and status code."""

from __future__ import annotations

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

    def observe(self, full_method: str, code: str, seconds: float) -> None:
        """Record one finished RPC."""
        service, _, method = full_method.lstrip("/").partition("/")
        self.handled.labels(service, method, code).inc()
        self.latency.labels(service, method).observe(seconds)

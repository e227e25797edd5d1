"""gRPC server lifecycle: servicers, health, reflection, metrics, graceful stop."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from concurrent import futures
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIServer

import grpc
import structlog
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2_grpc
from prometheus_client import start_http_server

from cloudact_grpc.api import reflection

_log = structlog.get_logger("cloudact.server")


@dataclass(frozen=True, slots=True)
class ServiceRegistration:
    """One servicer and how to add it to a server."""

    full_name: str
    servicer: Any
    add_to_server: Callable[[Any, grpc.Server], None]


class PortUnavailable(OSError):
    """A listener could not bind its address (in use, or not an address of this host)."""

    def __init__(self, listener: str, address: str, cause: str) -> None:
        super().__init__(f"cannot listen for {listener} on {address}: {cause}")
        self.listener = listener


class CloudActServer:
    """Owns the grpc.Server, the health servicer and the metrics endpoint."""

    def __init__(
        self,
        *,
        services: Sequence[ServiceRegistration],
        interceptors: Sequence[grpc.ServerInterceptor],
        max_workers: int,
        metrics_registry: Any,
        descriptor_set: Path | None = None,
        draining: threading.Event | None = None,
    ) -> None:
        self._executor = futures.ThreadPoolExecutor(
            max_workers=max_workers, thread_name_prefix="rpc"
        )
        self.draining = draining or threading.Event()
        self._server = grpc.server(
            self._executor,
            interceptors=list(interceptors),
            options=[("grpc.so_reuseport", 0)],
        )
        self._health = health.HealthServicer()
        self._service_names = [s.full_name for s in services]
        for registration in services:
            registration.add_to_server(registration.servicer, self._server)
        health_pb2_grpc.add_HealthServicer_to_server(self._health, self._server)
        reflection_pb2_grpc.add_ServerReflectionServicer_to_server(
            reflection.SourceInfoReflectionServicer(
                [*self._service_names, health.SERVICE_NAME, reflection.SERVICE_NAME],
                descriptor_set,
            ),
            self._server,
        )
        self._metrics_registry = metrics_registry
        self._metrics_http: WSGIServer | None = None
        self._stopped = threading.Event()

    def start(self, host: str, port: int, metrics_port: int | None = None) -> int:
        """Bind and start; returns the bound gRPC port (useful with port 0)."""
        # Cheap calls get the interpreter back within 1 ms while heavy calls run (the default
        # 5 ms switch interval let two heavy calls double a cheap read's latency).
        sys.setswitchinterval(0.001)
        try:
            bound = self._server.add_insecure_port(f"{host}:{port}")
        except RuntimeError:  # grpcio's "Failed to bind", without the reason
            bound = 0
        if bound == 0:
            raise PortUnavailable("gRPC", f"{host}:{port}", "address in use or not available")
        self._server.start()
        if metrics_port is not None:
            try:
                self._metrics_http, _ = start_http_server(
                    metrics_port, addr=host, registry=self._metrics_registry
                )
            except OSError as exc:
                self._server.stop(0)
                cause = exc.strerror or str(exc)
                raise PortUnavailable("metrics", f"{host}:{metrics_port}", cause) from None
        self._set_serving(health_pb2.HealthCheckResponse.SERVING)
        _log.info("serving", grpc_port=bound, metrics_port=self.metrics_port)
        return bound

    @property
    def metrics_port(self) -> int | None:
        """Port of the Prometheus endpoint, when started."""
        return self._metrics_http.server_port if self._metrics_http else None

    def stop(self, grace_seconds: float) -> None:
        """Report NOT_SERVING, refuse new RPCs and new writes, let in-flight ones finish.

        After the grace, callers still waiting are cut off, but handlers that started are waited
        for (at most ``max(5, grace)`` more seconds): a write that started commits together with
        its idempotent response, so the caller's retry with the same key learns the outcome.
        """
        if self._stopped.is_set():
            return
        self._stopped.set()
        self.draining.set()
        self._set_serving(health_pb2.HealthCheckResponse.NOT_SERVING)
        _log.info("stopping", grace_seconds=grace_seconds)
        self._server.stop(grace_seconds).wait()
        finishing = threading.Thread(target=self._executor.shutdown, kwargs={"wait": True})
        finishing.start()
        finishing.join(max(5.0, grace_seconds))
        if finishing.is_alive():
            _log.warning("handlers still running after the grace period")
        if self._metrics_http is not None:
            self._metrics_http.shutdown()
            self._metrics_http.server_close()
        _log.info("stopped")

    def wait(self) -> None:
        """Block until the server terminates."""
        self._server.wait_for_termination()

    def _set_serving(self, status: Any) -> None:
        self._health.set("", status)
        for name in self._service_names:
            self._health.set(name, status)

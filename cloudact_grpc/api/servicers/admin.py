"""AdminService: health, readiness, bootstrap and operator reads."""

from __future__ import annotations

import grpc
from cloudact.v1 import admin_pb2, admin_pb2_grpc

from cloudact_grpc.services.bootstrap import BootstrapService
from cloudact_grpc.services.health import HealthService


class AdminServicer(admin_pb2_grpc.AdminServiceServicer):
    """Converts and delegates; methods not overridden answer UNIMPLEMENTED."""

    def __init__(self, health: HealthService, bootstrap: BootstrapService) -> None:
        self._health = health
        self._bootstrap = bootstrap

    def Bootstrap(
        self, request: admin_pb2.BootstrapRequest, context: grpc.ServicerContext
    ) -> admin_pb2.BootstrapResponse:
        result = self._bootstrap.bootstrap(
            force_recreate_tables=request.force_recreate_tables,
            force_recreate_dataset=request.force_recreate_dataset,
        )
        return admin_pb2.BootstrapResponse(
            status=result.status,
            dataset_created=result.dataset_created,
            total_tables=result.total_tables,
            created_tables=result.created_tables,
            existing_tables=result.existing_tables,
            message=result.message,
        )

    def GetHealth(
        self, request: admin_pb2.GetHealthRequest, context: grpc.ServicerContext
    ) -> admin_pb2.GetHealthResponse:
        health = self._health.health()
        return admin_pb2.GetHealthResponse(
            status=health.status,
            service=health.service,
            version=health.version,
            environment=health.environment,
        )

    def GetReadiness(
        self, request: admin_pb2.GetReadinessRequest, context: grpc.ServicerContext
    ) -> admin_pb2.GetReadinessResponse:
        ready = self._health.readiness()
        return admin_pb2.GetReadinessResponse(
            status=ready.status, warehouse=ready.warehouse, warehouse_ready=ready.warehouse_ready
        )

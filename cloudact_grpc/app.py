"""Composition root: picks adapters from settings and wires services, servicers, interceptors."""

from __future__ import annotations

from dataclasses import dataclass

from cloudact.v1 import (
    admin_pb2_grpc,
    costs_pb2_grpc,
    integrations_pb2_grpc,
    organizations_pb2_grpc,
    subscriptions_pb2_grpc,
)
from prometheus_client import CollectorRegistry

import cloudact_grpc
from cloudact_grpc.adapters.warehouse import schemas
from cloudact_grpc.adapters.warehouse.factory import build_warehouse
from cloudact_grpc.api.interceptors.auth import AuthInterceptor, NoOrgKeys
from cloudact_grpc.api.interceptors.context import RequestContextInterceptor
from cloudact_grpc.api.interceptors.errors import ErrorMappingInterceptor
from cloudact_grpc.api.metrics import RpcMetrics
from cloudact_grpc.api.servicers.admin import AdminServicer
from cloudact_grpc.config import Settings
from cloudact_grpc.ports.warehouse import Warehouse
from cloudact_grpc.server import CloudActServer, ServiceRegistration
from cloudact_grpc.services.bootstrap import BootstrapService
from cloudact_grpc.services.health import HealthService


@dataclass(frozen=True, slots=True)
class App:
    """The running application: its server and the adapters it must close."""

    server: CloudActServer
    warehouse: Warehouse

    def close(self) -> None:
        """Release adapters after the server stopped."""
        self.warehouse.close()


def build_app(settings: Settings) -> App:
    """Build the application for ``settings`` (nothing is started yet)."""
    warehouse = build_warehouse(settings)
    health = HealthService(
        service=settings.service_name,
        version=cloudact_grpc.__version__,
        environment=settings.environment.value,
        warehouse_name=warehouse.backend,
        warehouse=warehouse,
    )
    bootstrap = BootstrapService(
        warehouse,
        schemas.central_tables(settings.config_dir),
        schemas.org_tables(settings.config_dir),
    )
    services = [
        ServiceRegistration(
            "cloudact.v1.AdminService",
            AdminServicer(health, bootstrap),
            admin_pb2_grpc.add_AdminServiceServicer_to_server,
        ),
        ServiceRegistration(
            "cloudact.v1.OrganizationsService",
            organizations_pb2_grpc.OrganizationsServiceServicer(),
            organizations_pb2_grpc.add_OrganizationsServiceServicer_to_server,
        ),
        ServiceRegistration(
            "cloudact.v1.IntegrationsService",
            integrations_pb2_grpc.IntegrationsServiceServicer(),
            integrations_pb2_grpc.add_IntegrationsServiceServicer_to_server,
        ),
        ServiceRegistration(
            "cloudact.v1.SubscriptionsService",
            subscriptions_pb2_grpc.SubscriptionsServiceServicer(),
            subscriptions_pb2_grpc.add_SubscriptionsServiceServicer_to_server,
        ),
        ServiceRegistration(
            "cloudact.v1.CostsService",
            costs_pb2_grpc.CostsServiceServicer(),
            costs_pb2_grpc.add_CostsServiceServicer_to_server,
        ),
    ]
    registry = CollectorRegistry()
    interceptors = [
        RequestContextInterceptor(RpcMetrics(registry)),
        AuthInterceptor(settings.root_api_key, NoOrgKeys(), disabled=settings.disable_auth),
        ErrorMappingInterceptor(),
    ]
    server = CloudActServer(
        services=services,
        interceptors=interceptors,
        max_workers=settings.max_workers,
        metrics_registry=registry,
    )
    return App(server=server, warehouse=warehouse)

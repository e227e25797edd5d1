"""AdminService: health, readiness, bootstrap and operator reads."""

from __future__ import annotations

import json
from dataclasses import dataclass

import grpc
from cloudact.v1 import admin_pb2, admin_pb2_grpc

from cloudact_grpc.api.convert import message, timestamp
from cloudact_grpc.domain.pipelines import AvailablePipeline
from cloudact_grpc.services.audit import AuditService
from cloudact_grpc.services.bootstrap import BootstrapService
from cloudact_grpc.services.health import HealthService
from cloudact_grpc.services.organizations import OrganizationService


@dataclass(frozen=True, eq=False)
class AdminServicer(admin_pb2_grpc.AdminServiceServicer):
    """Converts and delegates; methods not overridden answer UNIMPLEMENTED."""

    health: HealthService
    bootstrap: BootstrapService
    orgs: OrganizationService
    audit: AuditService
    pipelines: tuple[AvailablePipeline, ...] = ()

    def GetDevApiKey(
        self, request: admin_pb2.GetDevApiKeyRequest, context: grpc.ServicerContext
    ) -> admin_pb2.GetDevApiKeyResponse:
        slug = request.org_slug
        return admin_pb2.GetDevApiKeyResponse(org_slug=slug, api_key=self.orgs.dev_api_key(slug))

    def ListAuditLogs(
        self, request: admin_pb2.ListAuditLogsRequest, context: grpc.ServicerContext
    ) -> admin_pb2.ListAuditLogsResponse:
        filters = self.audit.parse_filter(
            action=request.action,
            resource_type=request.resource_type,
            status=request.status,
            start_date=request.start_date,
            end_date=request.end_date,
        )
        page = self.audit.list(
            request.org_slug,
            filters,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return admin_pb2.ListAuditLogsResponse(
            audit_logs=[
                message(
                    admin_pb2.AuditLogEntry,
                    e,
                    details_json=json.dumps(e.details, sort_keys=True, default=str),
                    create_time=timestamp(e.created_at),
                )
                for e in page.entries
            ],
            next_page_token=page.next_page_token,
        )

    def Bootstrap(
        self, request: admin_pb2.BootstrapRequest, context: grpc.ServicerContext
    ) -> admin_pb2.BootstrapResponse:
        result = self.bootstrap.bootstrap(
            force_recreate_tables=request.force_recreate_tables,
            force_recreate_dataset=request.force_recreate_dataset,
        )
        return message(admin_pb2.BootstrapResponse, result)

    def GetHealth(
        self, request: admin_pb2.GetHealthRequest, context: grpc.ServicerContext
    ) -> admin_pb2.GetHealthResponse:
        return message(admin_pb2.GetHealthResponse, self.health.health())

    def GetReadiness(
        self, request: admin_pb2.GetReadinessRequest, context: grpc.ServicerContext
    ) -> admin_pb2.GetReadinessResponse:
        return message(admin_pb2.GetReadinessResponse, self.health.readiness())

    def ListAvailablePipelines(
        self, request: admin_pb2.ListAvailablePipelinesRequest, context: grpc.ServicerContext
    ) -> admin_pb2.ListAvailablePipelinesResponse:
        return admin_pb2.ListAvailablePipelinesResponse(
            success=True,
            pipelines=[message(admin_pb2.AvailablePipeline, p) for p in self.pipelines],
            total=len(self.pipelines),
        )

"""Composition root: picks adapters from settings and wires services, servicers, interceptors."""

from __future__ import annotations

from dataclasses import dataclass

import grpc
from cloudact.v1 import (
    admin_pb2_grpc,
    costs_pb2_grpc,
    integrations_pb2_grpc,
    organizations_pb2_grpc,
    pipelines_pb2_grpc,
    subscriptions_pb2_grpc,
)
from prometheus_client import CollectorRegistry

import cloudact_grpc
from cloudact_grpc.adapters.keys.factory import build_key_manager
from cloudact_grpc.adapters.keys.local_key_file import LocalKeyFileBox
from cloudact_grpc.adapters.memory import release_free_memory
from cloudact_grpc.adapters.pipelines_file import load_pipelines
from cloudact_grpc.adapters.plans_file import load_plans
from cloudact_grpc.adapters.pricing_seeds import load_seed_prices
from cloudact_grpc.adapters.providers.http_checks import HttpCredentialChecker
from cloudact_grpc.adapters.providers.registry_file import load_registry
from cloudact_grpc.adapters.saas_catalog_file import load_saas_catalog
from cloudact_grpc.adapters.warehouse import schemas
from cloudact_grpc.adapters.warehouse.factory import build_warehouse
from cloudact_grpc.api.interceptors.auth import (
    ApiKeyAuthenticator,
    AuthInterceptor,
    DenialRecorder,
)
from cloudact_grpc.api.interceptors.context import RequestContextInterceptor
from cloudact_grpc.api.interceptors.errors import ErrorMappingInterceptor
from cloudact_grpc.api.interceptors.idempotency import IdempotencyInterceptor
from cloudact_grpc.api.interceptors.rate_limit import RateLimitInterceptor
from cloudact_grpc.api.metrics import RpcMetrics
from cloudact_grpc.api.servicers.admin import AdminServicer
from cloudact_grpc.api.servicers.costs import CostsServicer
from cloudact_grpc.api.servicers.integrations import IntegrationsServicer
from cloudact_grpc.api.servicers.organizations import OrganizationsServicer
from cloudact_grpc.api.servicers.pipelines import PipelinesServicer
from cloudact_grpc.api.servicers.subscriptions import SubscriptionsServicer
from cloudact_grpc.config import Environment, Settings
from cloudact_grpc.ports.warehouse import Warehouse
from cloudact_grpc.server import CloudActServer, ServiceRegistration
from cloudact_grpc.services.api_keys import ApiKeyService
from cloudact_grpc.services.audit import AuditService
from cloudact_grpc.services.bootstrap import BootstrapService
from cloudact_grpc.services.cost_cache import CostCache
from cloudact_grpc.services.cost_changes import CostChanges
from cloudact_grpc.services.cost_rollup import CostRollup
from cloudact_grpc.services.costs import CostsService
from cloudact_grpc.services.envelope import EnvelopeCipher, EnvelopeSecretBox
from cloudact_grpc.services.health import HealthService
from cloudact_grpc.services.idempotency import IdempotencyStore
from cloudact_grpc.services.integrations import IntegrationService
from cloudact_grpc.services.llm_pricing import LlmPricingService
from cloudact_grpc.services.llm_subscriptions import LlmSubscriptionService
from cloudact_grpc.services.organizations import OrganizationService
from cloudact_grpc.services.pipeline_runs import PipelineRunService
from cloudact_grpc.services.quotas import QuotaService
from cloudact_grpc.services.rate_limit import BucketLimit, RateLimiter
from cloudact_grpc.services.saas.service import SaasPlanService


@dataclass(frozen=True, slots=True)
class App:
    """The running application: its server and the adapters it must close."""

    server: CloudActServer
    warehouse: Warehouse

    def close(self) -> None:
        """Release adapters after the server stopped."""
        self.warehouse.close()


def rate_limiter(settings: Settings) -> RateLimiter:
    """Token buckets sized from settings."""
    return RateLimiter(
        org=BucketLimit(settings.rate_limit_org_per_minute, settings.rate_limit_org_burst),
        global_=BucketLimit(
            settings.rate_limit_global_per_minute, settings.rate_limit_global_burst
        ),
    )


def build_interceptors(
    settings: Settings,
    org_keys: ApiKeyAuthenticator,
    registry: CollectorRegistry,
    idempotency: IdempotencyStore | None = None,
    denials: DenialRecorder | None = None,
) -> list[grpc.ServerInterceptor]:
    """The chain, outermost first: context/log/metrics, auth, rate limit, replay, errors."""
    interceptors: list[grpc.ServerInterceptor] = [
        RequestContextInterceptor(RpcMetrics(registry)),
        AuthInterceptor(
            settings.root_api_key, org_keys, disabled=settings.disable_auth, denials=denials
        ),
    ]
    if settings.rate_limit_enabled:
        interceptors.append(RateLimitInterceptor(rate_limiter(settings)))
    if idempotency is not None:
        interceptors.append(IdempotencyInterceptor(idempotency))
    interceptors.append(ErrorMappingInterceptor())
    return interceptors


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
    development = settings.environment is Environment.DEVELOPMENT
    # One key manager (Cloud KMS in production) protects credentials and idempotent replays.
    keys = build_key_manager(settings)
    # The clear key is kept (encrypted) only in development, for GET /admin/dev/api-key.
    dev_box = LocalKeyFileBox(settings.data_dir / "dev-keys.key") if development else None
    api_keys = ApiKeyService(warehouse, settings.api_key_hash_secret(), dev_box=dev_box)
    audit = AuditService(warehouse)
    quotas = QuotaService(warehouse)
    runs = PipelineRunService(warehouse, quotas)
    orgs = OrganizationService(
        warehouse,
        bootstrap,
        api_keys,
        quotas,
        audit,
        load_plans(settings.config_dir),
        dataset_suffix=settings.environment.dataset_suffix,
        default_location=settings.bigquery_location,
        development=development,
    )
    suffix = settings.environment.dataset_suffix
    providers = load_registry(
        settings.config_dir,
        base_url_overrides=dict(settings.provider_base_urls),
        allow_private_hosts=settings.provider_allow_private_hosts,
    )
    pricing = LlmPricingService(warehouse, audit, load_seed_prices(), dataset_suffix=suffix)
    llm_subs = LlmSubscriptionService(warehouse, audit, dataset_suffix=suffix)
    integrations = IntegrationService(
        warehouse,
        providers,
        HttpCredentialChecker(providers),
        EnvelopeCipher(keys),
        audit,
        pricing,
    )
    # SaaS writes rewrite cost rows: they forget the touched days of the daily cost rollup and
    # the org's cached cost results, and cost reads first let open-ended plans' rows catch up
    # with the current billing cycle.
    cost_changes = CostChanges(CostRollup(warehouse), CostCache(), dataset_suffix=suffix)
    saas_plans = SaasPlanService(
        warehouse,
        load_saas_catalog(settings.config_dir.parent / "seeds"),
        dataset_suffix=suffix,
        audit=audit,
        costs_changed=cost_changes,
    )
    services = [
        ServiceRegistration(
            "cloudact.v1.AdminService",
            AdminServicer(health, bootstrap, orgs, audit, load_pipelines(settings.config_dir)),
            admin_pb2_grpc.add_AdminServiceServicer_to_server,
        ),
        ServiceRegistration(
            "cloudact.v1.OrganizationsService",
            OrganizationsServicer(orgs, quotas, runs),
            organizations_pb2_grpc.add_OrganizationsServiceServicer_to_server,
        ),
        ServiceRegistration(
            "cloudact.v1.IntegrationsService",
            IntegrationsServicer(integrations, pricing, llm_subs),
            integrations_pb2_grpc.add_IntegrationsServiceServicer_to_server,
        ),
        ServiceRegistration(
            "cloudact.v1.SubscriptionsService",
            SubscriptionsServicer(saas_plans),
            subscriptions_pb2_grpc.add_SubscriptionsServiceServicer_to_server,
        ),
        ServiceRegistration(
            "cloudact.v1.CostsService",
            CostsServicer(
                CostsService(
                    warehouse,
                    dataset_suffix=suffix,
                    changes=cost_changes,
                    freshness=saas_plans,
                    after_export_window=release_free_memory,
                )
            ),
            costs_pb2_grpc.add_CostsServiceServicer_to_server,
        ),
        ServiceRegistration(
            "cloudact.v1.PipelinesService",
            PipelinesServicer(runs),
            pipelines_pb2_grpc.add_PipelinesServiceServicer_to_server,
        ),
    ]
    registry = CollectorRegistry()
    server = CloudActServer(
        services=services,
        interceptors=build_interceptors(
            settings,
            api_keys,
            registry,
            IdempotencyStore(warehouse, EnvelopeSecretBox(keys, purpose="idempotency")),
            denials=audit,
        ),
        max_workers=settings.max_workers,
        metrics_registry=registry,
    )
    return App(server=server, warehouse=warehouse)

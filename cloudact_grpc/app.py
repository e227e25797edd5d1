"""Composition root: picks adapters from settings and wires services, servicers, interceptors."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

import grpc
import structlog
from cloudact.v1 import (
    admin_pb2_grpc,
    budgets_pb2_grpc,
    costs_pb2_grpc,
    integrations_pb2_grpc,
    notifications_pb2_grpc,
    organizations_pb2_grpc,
    pipelines_pb2_grpc,
    subscriptions_pb2_grpc,
)
from prometheus_client import CollectorRegistry

import cloudact_grpc
from cloudact_grpc.adapters.keys.factory import build_key_manager
from cloudact_grpc.adapters.keys.local_key_file import LocalKeyFileBox
from cloudact_grpc.adapters.memory import release_free_memory
from cloudact_grpc.adapters.notify import signing
from cloudact_grpc.adapters.notify.sender import HttpSmtpNotifier
from cloudact_grpc.adapters.pipelines_file import load_pipelines
from cloudact_grpc.adapters.plans_file import load_plans
from cloudact_grpc.adapters.pricing_seeds import load_seed_prices
from cloudact_grpc.adapters.providers.http_checks import HttpCredentialChecker
from cloudact_grpc.adapters.providers.registry_file import load_registry
from cloudact_grpc.adapters.saas_catalog_file import load_saas_catalog
from cloudact_grpc.adapters.shared_memory import MemorySharedState
from cloudact_grpc.adapters.warehouse import schemas
from cloudact_grpc.adapters.warehouse.factory import build_warehouse
from cloudact_grpc.api.interceptors.admission import WriteAdmissionStep
from cloudact_grpc.api.interceptors.auth import (
    ApiKeyAuthenticator,
    AuthStep,
    DenialRecorder,
)
from cloudact_grpc.api.interceptors.chain import InterceptorChain, Step
from cloudact_grpc.api.interceptors.context import RequestContextStep
from cloudact_grpc.api.interceptors.decoding import DecodingStep
from cloudact_grpc.api.interceptors.errors import ErrorMappingStep
from cloudact_grpc.api.interceptors.idempotency import IdempotencyStep
from cloudact_grpc.api.interceptors.rate_limit import RateLimitStep
from cloudact_grpc.api.interceptors.workload import WorkloadStep
from cloudact_grpc.api.metrics import AuditMetrics, RpcMetrics
from cloudact_grpc.api.reflection import default_descriptor_set
from cloudact_grpc.api.servicers.admin import AdminServicer
from cloudact_grpc.api.servicers.budgets import BudgetsServicer
from cloudact_grpc.api.servicers.costs import CostsServicer
from cloudact_grpc.api.servicers.integrations import IntegrationsServicer
from cloudact_grpc.api.servicers.notifications import NotificationsServicer
from cloudact_grpc.api.servicers.organizations import OrganizationsServicer
from cloudact_grpc.api.servicers.pipelines import PipelinesServicer
from cloudact_grpc.api.servicers.subscriptions import SubscriptionsServicer
from cloudact_grpc.config import ConfigError, Environment, Settings
from cloudact_grpc.domain.clock import Clock, SystemClock
from cloudact_grpc.domain.cost_events import CostsChanged
from cloudact_grpc.domain.errors import DomainError, Unavailable
from cloudact_grpc.domain.plans import PlanCatalogue
from cloudact_grpc.domain.saas.catalog import Catalog
from cloudact_grpc.ports.shared_state import SharedState
from cloudact_grpc.ports.warehouse import Warehouse, WarehouseError
from cloudact_grpc.server import CloudActServer, ServiceRegistration
from cloudact_grpc.services.alerts.channels import ChannelService
from cloudact_grpc.services.alerts.cost_alerts import CostAlertService
from cloudact_grpc.services.alerts.evaluate import AlertEvaluator
from cloudact_grpc.services.alerts.outbox import Outbox
from cloudact_grpc.services.alerts.rules import RuleService
from cloudact_grpc.services.alerts.sources import AlertSources
from cloudact_grpc.services.alerts.summaries import SummaryService
from cloudact_grpc.services.alerts.tables import AlertTables
from cloudact_grpc.services.anomalies.service import SETTINGS_TABLE, AnomalyService
from cloudact_grpc.services.api_keys import ApiKeyService
from cloudact_grpc.services.audit import AuditService
from cloudact_grpc.services.auth_guard import AuthFailureGuard
from cloudact_grpc.services.bootstrap import CENTRAL_DATASET, BootstrapService
from cloudact_grpc.services.budgets.service import BudgetService
from cloudact_grpc.services.budgets.store import TABLE as BUDGETS_TABLE
from cloudact_grpc.services.budgets.store import BudgetStore
from cloudact_grpc.services.change_notices import ChangeNotices
from cloudact_grpc.services.cost_cache import CostCache
from cloudact_grpc.services.cost_changes import CostChanges
from cloudact_grpc.services.cost_rollup import CostRollup
from cloudact_grpc.services.costs import CostsService
from cloudact_grpc.services.denial_audit import SampledDenials
from cloudact_grpc.services.envelope import EnvelopeCipher, EnvelopeSecretBox
from cloudact_grpc.services.health import HealthService
from cloudact_grpc.services.idempotency import PENDING_LEASE, IdempotencyStore
from cloudact_grpc.services.integrations import TABLE as CREDENTIALS_TABLE
from cloudact_grpc.services.integrations import IntegrationService
from cloudact_grpc.services.llm_pricing import LlmPricingService
from cloudact_grpc.services.llm_subscriptions import LlmSubscriptionService
from cloudact_grpc.services.llm_tables import LlmTables
from cloudact_grpc.services.onboarding import ONBOARDING_LEASE, OnboardingService
from cloudact_grpc.services.org_subscriptions import OrgSubscriptionService, Subscription
from cloudact_grpc.services.org_upgrades import OrgTableUpgrades
from cloudact_grpc.services.organizations import OrganizationService
from cloudact_grpc.services.orgs.lifecycle import OrgDirectory
from cloudact_grpc.services.periodic import Periodic
from cloudact_grpc.services.pipeline_runs import PipelineRunService
from cloudact_grpc.services.quotas import QuotaService
from cloudact_grpc.services.rate_limit import BucketLimit, RateLimiter
from cloudact_grpc.services.read_cache import ReadCache
from cloudact_grpc.services.request_hash import RequestHasher
from cloudact_grpc.services.saas.costs import CostWriter
from cloudact_grpc.services.saas.daily import DailyCatchUp
from cloudact_grpc.services.saas.freshness import PlanCosts
from cloudact_grpc.services.saas.providers import ProviderOps
from cloudact_grpc.services.saas.reads import PlanReader
from cloudact_grpc.services.saas.scope import OrgScope
from cloudact_grpc.services.saas.store import PlanStore
from cloudact_grpc.services.saas.writes import PlanWriter
from cloudact_grpc.services.work_limit import InFlightLimiter

_log = structlog.get_logger("cloudact.app")
# How often the SaaS cost catch-up looks for orgs not yet caught up today.
SAAS_CATCH_UP_SECONDS = 3600.0


@dataclass(frozen=True, slots=True)
class App:
    """The running application: its server and the adapters it must close."""

    server: CloudActServer
    warehouse: Warehouse
    timers: tuple[Periodic, ...] = ()
    shared_state: SharedState | None = None

    def close(self) -> None:
        """Stop the background steps and release adapters after the server stopped."""
        for timer in self.timers:
            timer.stop()
        if self.shared_state is not None:
            self.shared_state.close()
        self.warehouse.close()


def shared_state(settings: Settings) -> SharedState:
    """Redis when ``CLOUDACT_REDIS_URL`` is set (several replicas), else this process's memory."""
    if settings.redis_url:
        # Imported only when configured: one replica starts without loading redis-py.
        from cloudact_grpc.adapters.shared_redis import RedisSharedState  # noqa: PLC0415

        return RedisSharedState(settings.redis_url)
    return MemorySharedState()


def rate_limiter(settings: Settings, state: SharedState) -> RateLimiter:
    """Token buckets sized from settings, kept in ``state``."""
    return RateLimiter(
        org=BucketLimit(settings.rate_limit_org_per_minute, settings.rate_limit_org_burst),
        global_=BucketLimit(
            settings.rate_limit_global_per_minute, settings.rate_limit_global_burst
        ),
        state=state,
    )


def auth_guard(settings: Settings, state: SharedState) -> AuthFailureGuard:
    """Budgets of failed authentications per client address and key prefix, kept in ``state``."""
    limit = BucketLimit(settings.auth_failures_per_minute, settings.auth_failure_burst)
    trust = 0.5 if state.backend == "redis" else 0.0  # a round trip saved per request
    return AuthFailureGuard(
        per_client=limit, per_key_prefix=limit, state=state, trust_seconds=trust
    )


def shared_caches(
    state: SharedState,
) -> tuple[ChangeNotices, ReadCache[Subscription], CostCache]:
    """The per-process caches other replicas' writes must reach.

    Subscriptions and API keys hear change notices; cost results check the shared version
    counter on every read (and forget everything when notices may have been missed).

    The API-key cache registers itself once built (``ApiKeyService`` needs the notices first).
    """
    notices = ChangeNotices(state)
    subscriptions: ReadCache[Subscription] = ReadCache(
        on_invalidate=notices.publisher("subscriptions")
    )
    notices.register("subscriptions", subscriptions.drop, subscriptions.clear)
    costs = CostCache(shared=state)
    notices.register("costs", costs.drop, costs.clear)
    return notices, subscriptions, costs


def build_interceptors(
    settings: Settings,
    org_keys: ApiKeyAuthenticator,
    registry: CollectorRegistry,
    idempotency: IdempotencyStore | None = None,
    denials: DenialRecorder | None = None,
    draining: threading.Event | None = None,
    state: SharedState | None = None,
) -> list[grpc.ServerInterceptor]:
    """One interceptor running the steps, outermost first.

    Context/log/metrics, decoding, auth, limits, write admission, replay, errors.
    """
    state = state if state is not None else MemorySharedState()
    steps: list[Step] = [
        RequestContextStep(RpcMetrics(registry)),
        DecodingStep(),
        AuthStep(
            settings.root_api_key,
            org_keys,
            disabled=settings.disable_auth,
            denials=denials,
            guard=auth_guard(settings, state),
        ),
    ]
    if settings.rate_limit_enabled:
        steps.append(RateLimitStep(rate_limiter(settings, state)))
    steps.append(WorkloadStep(InFlightLimiter.for_workers(settings.max_workers)))
    if draining is not None:
        steps.append(WriteAdmissionStep(draining))
    if idempotency is not None:
        steps.append(IdempotencyStep(idempotency))
    steps.append(ErrorMappingStep())
    return [InterceptorChain(steps)]


@dataclass(frozen=True, slots=True)
class OrgServices:
    """The organisation services, wired together."""

    subscriptions: OrgSubscriptionService
    onboarding: OnboardingService
    orgs: OrganizationService


def org_services(
    warehouse: Warehouse, bootstrap: BootstrapService, api_keys: ApiKeyService,
    quotas: QuotaService, audit: AuditService, plans: PlanCatalogue, *, dataset_suffix: str,
    default_location: str, development: bool, dataset: str = CENTRAL_DATASET,
    clock: Clock | None = None, subscription_cache: ReadCache[Subscription] | None = None,
) -> OrgServices:  # fmt: skip
    """Subscriptions, onboarding and the profile/key/offboarding service over one dataset."""
    clock = clock or SystemClock()
    subs = OrgSubscriptionService(
        warehouse, api_keys, quotas, audit, plans, dataset=dataset, clock=clock,
        cache=subscription_cache if subscription_cache is not None else ReadCache(),
    )  # fmt: skip
    onboarding = OnboardingService(
        warehouse, bootstrap, api_keys, quotas, audit, plans, subs,
        dataset_suffix=dataset_suffix, default_location=default_location,
        dataset=dataset, clock=clock,
    )  # fmt: skip
    orgs = OrganizationService(
        warehouse, bootstrap, api_keys, audit, subs,
        development=development, dataset=dataset, clock=clock,
    )  # fmt: skip
    return OrgServices(subs, onboarding, orgs)


@dataclass(frozen=True, slots=True)
class SaasPlans:
    """The SaaS plan services over one plan store: providers, writes, reads, cost rows."""

    providers: ProviderOps
    writer: PlanWriter
    reader: PlanReader
    costs: PlanCosts


def saas_plans(
    warehouse: Warehouse, catalog: Catalog, *, dataset_suffix: str,
    audit: AuditService | None = None, clock: Clock | None = None,
    costs_changed: CostsChanged | None = None,
) -> SaasPlans:  # fmt: skip
    """Plans of each org live in ``{org_slug}_{dataset_suffix}``; writes rewrite their costs."""
    clock = clock or SystemClock()
    scope = OrgScope(dataset_suffix, clock, audit)
    store = PlanStore(warehouse, clock)
    costs = PlanCosts(warehouse, catalog, scope, store, CostWriter(warehouse, clock, costs_changed))
    return SaasPlans(
        ProviderOps(catalog, scope, store, costs),
        PlanWriter(catalog, scope, store, costs),
        PlanReader(scope, store),
        costs,
    )


def upgrade_tables(bootstrap: BootstrapService) -> None:
    """Give existing central tables the columns a newer schema added (logged).

    A warehouse that does not answer only delays this to the next start or bootstrap.
    """
    try:
        upgraded = bootstrap.upgrade_central_tables()
    except (DomainError, WarehouseError):
        _log.warning("could not check the central tables for new columns", exc_info=True)
        return
    if upgraded:
        _log.warning("central tables upgraded with new columns", tables=upgraded)


def recover_after_crash(
    onboarding: OnboardingService, replays: IdempotencyStore, *, single_owner: bool
) -> None:
    """Undo onboardings a crash cut off and release its pending idempotency claims.

    ``single_owner`` (the DuckDB file): every such leftover is dead; otherwise only those older
    than their lease. A warehouse that does not answer only delays this.
    """
    try:
        undone = onboarding.recover_unfinished(
            dt.timedelta(0) if single_owner else ONBOARDING_LEASE
        )
        released = replays.release_dead_claims(dt.timedelta(0) if single_owner else PENDING_LEASE)
    except (DomainError, WarehouseError):
        _log.warning("could not check for unfinished onboardings", exc_info=True)
        return
    if undone:
        _log.warning("unfinished onboardings undone", org_slugs=undone)
    if released:
        _log.warning("pending idempotency claims released", count=released)


def refuse_lost_master_key(settings: Settings, warehouse: Warehouse) -> None:
    """Refuse to start when the local master key file is gone but credentials are stored.

    A new key would make every stored credential unreadable, silently.
    """
    if settings.kms_key_name or settings.master_keys or settings.master_key_file.exists():
        return
    try:
        stored = warehouse.table_exists(CENTRAL_DATASET, CREDENTIALS_TABLE) and bool(
            warehouse.select(CENTRAL_DATASET, CREDENTIALS_TABLE, columns=["credential_id"], limit=1)
        )
    except Unavailable as exc:
        raise ConfigError(
            f"the master key file {settings.master_key_file} does not exist and the warehouse "
            "cannot be asked whether credentials were encrypted with a lost one; start again "
            "when the warehouse is reachable"
        ) from exc
    if stored:
        raise ConfigError(
            f"the master key file {settings.master_key_file} is missing but stored credentials "
            "were encrypted with it; restore the file (or set CLOUDACT_MASTER_KEYS) — a new "
            "key would make them unreadable"
        )


def build_app(settings: Settings) -> App:
    """Build the application for ``settings`` (nothing is started yet)."""
    started = SystemClock().now()
    warehouse = build_warehouse(settings)
    state = shared_state(settings)
    health = HealthService(
        service=settings.service_name,
        version=cloudact_grpc.__version__,
        environment=settings.environment.value,
        warehouse_name=warehouse.backend,
        warehouse=warehouse,
        shared_state=state if settings.redis_url else None,
        shared_state_name=state.backend,
    )
    notices, subscription_cache, cost_cache = shared_caches(state)
    bootstrap = BootstrapService(
        warehouse,
        schemas.central_tables(settings.config_dir),
        schemas.org_tables(settings.config_dir),
    )
    development = settings.environment is Environment.DEVELOPMENT
    # One key manager (Cloud KMS in production) protects credentials and idempotent replays.
    refuse_lost_master_key(settings, warehouse)
    keys = build_key_manager(settings)
    # The clear key is kept (encrypted) only in development, for GET /admin/dev/api-key.
    dev_box = LocalKeyFileBox(settings.data_dir / "dev-keys.key") if development else None
    api_keys = ApiKeyService(
        warehouse,
        settings.api_key_hash_secret(),
        dev_box=dev_box,
        on_invalidate=notices.publisher("api_keys"),
    )
    notices.register("api_keys", api_keys.forget_org, api_keys.forget_all)
    notices.listen()
    registry = CollectorRegistry()
    audit = AuditService(warehouse, on_lost=AuditMetrics(registry).row_lost)
    quotas = QuotaService(warehouse)
    runs = PipelineRunService(warehouse, quotas)
    org = org_services(
        warehouse,
        bootstrap,
        api_keys,
        quotas,
        audit,
        load_plans(settings.config_dir),
        dataset_suffix=settings.environment.dataset_suffix,
        default_location=settings.bigquery_location,
        development=development,
        subscription_cache=subscription_cache,
    )
    replays = IdempotencyStore(
        warehouse,
        EnvelopeSecretBox(keys, purpose="idempotency"),
        RequestHasher.from_secret(settings.api_key_hash_secret()),
    )
    single_owner = warehouse.backend == "duckdb"
    upgrade_tables(bootstrap)
    recover_after_crash(org.onboarding, replays, single_owner=single_owner)
    suffix = settings.environment.dataset_suffix
    directory = OrgDirectory(warehouse, dataset_suffix=suffix)
    providers = load_registry(
        settings.config_dir,
        base_url_overrides=dict(settings.provider_base_urls),
        allow_private_hosts=settings.provider_allow_private_hosts,
    )
    llm_tables = LlmTables(
        warehouse,
        audit,
        dataset_suffix=suffix,
        upgrades=OrgTableUpgrades(bootstrap.upgrade_org_table),
    )
    pricing = LlmPricingService(
        llm_tables, load_seed_prices(settings.config_dir.parent / "seeds" / "llm_pricing.yaml")
    )
    llm_subs = LlmSubscriptionService(llm_tables)
    integrations = IntegrationService(
        warehouse,
        providers,
        HttpCredentialChecker(providers),
        EnvelopeCipher(keys),
        audit,
        pricing,
    )
    # SaaS writes rewrite cost rows: they forget the touched days of the daily cost rollup and
    # the org's cached cost results.
    cost_changes = CostChanges(CostRollup(warehouse), cost_cache, dataset_suffix=suffix)
    saas = saas_plans(
        warehouse,
        load_saas_catalog(settings.config_dir.parent / "seeds"),
        dataset_suffix=suffix,
        audit=audit,
        costs_changed=cost_changes,
    )
    costs = CostsService(
        warehouse,
        dataset_suffix=suffix,
        changes=cost_changes,
        after_export_window=release_free_memory,
        # The DuckDB file has one writer: an ingest claim older than this process is dead.
        sole_writer_since=started if single_owner else None,
    )
    org_schemas = {t.name: t for t in schemas.org_tables(settings.config_dir)}
    budgets = BudgetService(
        BudgetStore(warehouse, org_schemas[BUDGETS_TABLE]), costs, audit, directory
    )
    anomalies = AnomalyService(warehouse, org_schemas[SETTINGS_TABLE], costs, audit, directory)
    alert_tables = AlertTables(directory, org_schemas, audit)
    notifier = HttpSmtpNotifier(
        smtp_host=settings.smtp_host,
        smtp_port=settings.smtp_port,
        smtp_from=settings.smtp_from,
        allow_loopback=settings.notify_allow_loopback,
        retry_base_seconds=settings.notify_retry_base_seconds,
    )
    channels = ChannelService(
        alert_tables,
        EnvelopeSecretBox(keys, purpose="notification-channel"),
        notifier,
        signing_secret=signing.new_secret,
    )
    rules = RuleService(alert_tables)
    outbox = Outbox(alert_tables, channels, notifier)
    evaluator = AlertEvaluator(
        alert_tables, rules, channels, outbox, AlertSources(budgets, anomalies, costs)
    )
    services = [
        ServiceRegistration(
            "cloudact.v1.AdminService",
            AdminServicer(health, bootstrap, org.orgs, audit, load_pipelines(settings.config_dir)),
            admin_pb2_grpc.add_AdminServiceServicer_to_server,
        ),
        ServiceRegistration(
            "cloudact.v1.OrganizationsService",
            OrganizationsServicer(org.orgs, org.onboarding, org.subscriptions, quotas, runs),
            organizations_pb2_grpc.add_OrganizationsServiceServicer_to_server,
        ),
        ServiceRegistration(
            "cloudact.v1.IntegrationsService",
            IntegrationsServicer(integrations, pricing, llm_subs),
            integrations_pb2_grpc.add_IntegrationsServiceServicer_to_server,
        ),
        ServiceRegistration(
            "cloudact.v1.SubscriptionsService",
            SubscriptionsServicer(saas.providers, saas.writer, saas.reader),
            subscriptions_pb2_grpc.add_SubscriptionsServiceServicer_to_server,
        ),
        ServiceRegistration(
            "cloudact.v1.CostsService",
            CostsServicer(costs),
            costs_pb2_grpc.add_CostsServiceServicer_to_server,
        ),
        ServiceRegistration(
            "cloudact.v1.BudgetsService",
            BudgetsServicer(budgets),
            budgets_pb2_grpc.add_BudgetsServiceServicer_to_server,
        ),
        ServiceRegistration(
            "cloudact.v1.NotificationsService",
            NotificationsServicer(
                anomalies,
                channels,
                rules,
                outbox,
                evaluator,
                SummaryService(rules, evaluator),
                CostAlertService(rules, channels),
            ),
            notifications_pb2_grpc.add_NotificationsServiceServicer_to_server,
        ),
        ServiceRegistration(
            "cloudact.v1.PipelinesService",
            PipelinesServicer(runs),
            pipelines_pb2_grpc.add_PipelinesServiceServicer_to_server,
        ),
    ]
    draining = threading.Event()  # set by the server when it stops: no new writes start
    server = CloudActServer(
        services=services,
        interceptors=build_interceptors(
            settings,
            api_keys,
            registry,
            replays,
            draining=draining,
            state=state,
            denials=SampledDenials(audit, directory.known),
        ),
        max_workers=settings.max_workers,
        metrics_registry=registry,
        descriptor_set=default_descriptor_set(),
        draining=draining,
    )
    # The SaaS cost catch-up (open-ended plans costed through today): at startup, then hourly;
    # plan writes run it for their org, and cost reads never write.
    catch_up = DailyCatchUp(saas.costs.catch_up, alert_tables.active_orgs)
    timers = [Periodic("saas_catch_up", SAAS_CATCH_UP_SECONDS, catch_up.run, at_start=True)]
    if settings.alerts_interval_seconds > 0:
        # Embedded mode without a scheduler: evaluate every org now and then (opt-in).
        timers.append(
            Periodic("alerts", settings.alerts_interval_seconds, lambda: evaluator.evaluate(""))
        )
    for timer in timers:
        timer.start()
    return App(server=server, warehouse=warehouse, timers=tuple(timers), shared_state=state)

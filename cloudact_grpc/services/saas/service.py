"""SaaS plan service: one facade over providers, plan writes, plan reads and cost freshness.

Each part lives in its own module (``providers``, ``writes``, ``reads``, ``freshness``); see
``writes`` for how concurrent edits are resolved.
"""

from __future__ import annotations

from typing import TypeVar

from cloudact_grpc.domain.clock import Clock, SystemClock
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.cost_events import CostsChanged
from cloudact_grpc.domain.errors import FailedPrecondition, InvalidArgument
from cloudact_grpc.domain.saas.catalog import Catalog, PlanTemplate, Provider
from cloudact_grpc.domain.saas.plans import Status, VersionView
from cloudact_grpc.ports.warehouse import Warehouse
from cloudact_grpc.services.audit import AuditService
from cloudact_grpc.services.paging import Page
from cloudact_grpc.services.saas.costs import CostWriter
from cloudact_grpc.services.saas.freshness import PlanCosts
from cloudact_grpc.services.saas.inputs import PlanSpec, VersionChange
from cloudact_grpc.services.saas.providers import ProviderOps, ProviderSummary
from cloudact_grpc.services.saas.reads import CurrencyTotal, PlanListing, PlanReader
from cloudact_grpc.services.saas.scope import RESOURCE, OrgScope
from cloudact_grpc.services.saas.store import PlanStore
from cloudact_grpc.services.saas.writes import EditResult, PlanWriter

__all__ = [
    "RESOURCE",
    "CurrencyTotal",
    "EditResult",
    "PlanListing",
    "ProviderSummary",
    "SaasPlanService",
]

_T = TypeVar("_T")


class SaasPlanService:
    """Plans of one organization live in ``{org_slug}_{dataset_suffix}``."""

    def __init__(
        self,
        warehouse: Warehouse,
        catalog: Catalog,
        *,
        dataset_suffix: str,
        audit: AuditService | None = None,
        clock: Clock | None = None,
        costs_changed: CostsChanged | None = None,
    ) -> None:
        clock = clock or SystemClock()
        scope = OrgScope(dataset_suffix, clock, audit)
        store = PlanStore(warehouse, clock)
        costs = PlanCosts(
            warehouse, catalog, scope, store, CostWriter(warehouse, clock, costs_changed)
        )
        self._providers = ProviderOps(catalog, scope, store, costs)
        self._writer = PlanWriter(catalog, scope, store, costs)
        self._reader = PlanReader(scope, store)
        self._costs = costs

    # ---- catalogue and providers ------------------------------------------------------

    def list_providers(self, org_slug: str) -> list[ProviderSummary]:
        """Known providers plus custom ones with plans, ordered by id."""
        return self._providers.list_providers(org_slug)

    def provider_page(
        self, org_slug: str, page_size: int = 0, page_token: str = ""
    ) -> Page[ProviderSummary]:
        """A page of ``list_providers``."""
        return self._providers.provider_page(org_slug, page_size, page_token)

    def template_page(
        self, provider: str, page_size: int = 0, page_token: str = ""
    ) -> tuple[Provider, Page[PlanTemplate]]:
        """The provider and a page of its seed templates, ordered by plan_name."""
        return self._providers.template_page(provider, page_size, page_token)

    def enable_provider(self, ctx: CallContext, org_slug: str, provider: str) -> int:
        """Add the provider's templates as plans starting today; returns how many were added."""
        return self._caught_up(org_slug, self._providers.enable_provider(ctx, org_slug, provider))

    def disable_provider(
        self, ctx: CallContext, org_slug: str, provider: str, end_date: str = ""
    ) -> int:
        """End every pending or active plan of the provider; returns how many were ended."""
        return self._caught_up(
            org_slug, self._providers.disable_provider(ctx, org_slug, provider, end_date)
        )

    # ---- plans --------------------------------------------------------------------------

    def list_plans(
        self,
        org_slug: str,
        provider: str | None,
        *,
        enabled_only: bool = False,
        page_size: int = 0,
        page_token: str = "",
    ) -> PlanListing:
        """One view per plan (of one provider, or all), with totals over every page."""
        return self._reader.list_plans(
            org_slug,
            provider,
            enabled_only=enabled_only,
            page_size=page_size,
            page_token=page_token,
        )

    def history(
        self,
        org_slug: str,
        provider: str,
        subscription_id: str,
        *,
        page_size: int = 0,
        page_token: str = "",
    ) -> Page[VersionView]:
        """Every version of one plan, newest first."""
        return self._reader.history(
            org_slug, provider, subscription_id, page_size=page_size, page_token=page_token
        )

    def create_plan(
        self, ctx: CallContext, org_slug: str, provider: str, spec: PlanSpec
    ) -> VersionView:
        """Create version 1; ALREADY_EXISTS when a pending or active plan has the name."""
        return self._caught_up(org_slug, self._writer.create_plan(ctx, org_slug, provider, spec))

    def edit_version(
        self,
        ctx: CallContext,
        org_slug: str,
        provider: str,
        subscription_id: str,
        change: VersionChange,
    ) -> EditResult:
        """Record a new version from ``change.effective_date``; the latest ends the day before."""
        return self._caught_up(
            org_slug, self._writer.edit_version(ctx, org_slug, provider, subscription_id, change)
        )

    def end_plan(
        self, ctx: CallContext, org_slug: str, provider: str, subscription_id: str, end_date: str
    ) -> VersionView:
        """End (soft-delete) the plan on ``end_date`` (default today); returns its last version."""
        return self._caught_up(
            org_slug, self._writer.end_plan(ctx, org_slug, provider, subscription_id, end_date)
        )

    def update_plan(
        self,
        ctx: CallContext,
        org_slug: str,
        provider: str,
        subscription_id: str,
        status: str | None,
        end_date: str | None,
    ) -> VersionView:
        """The frontend's PUT on a plan: end it, or confirm it is still running.

        ``cancelled`` (or an ``end_date``) ends it; ``active`` keeps a pending or active plan as
        it is (a finished plan cannot come back).
        """
        wanted = (status or "").strip().lower()
        if wanted not in ("", Status.CANCELLED, Status.ACTIVE):
            raise InvalidArgument.field("status", "must be cancelled or active")
        if not wanted and end_date is None:
            raise InvalidArgument.field("status", "send status or end_date: nothing to update")
        if wanted == Status.ACTIVE:
            if end_date:
                raise InvalidArgument.field("end_date", "only with status cancelled")
            view = self.history(org_slug, provider, subscription_id, page_size=1).items[0]
            if view.status not in (Status.ACTIVE, Status.PENDING):
                raise FailedPrecondition(
                    RESOURCE,
                    subscription_id,
                    view.status.value,
                    f"plan {subscription_id} is {view.status.value}; create a new plan instead",
                )
            return view
        return self.end_plan(ctx, org_slug, provider, subscription_id, end_date or "")

    # ---- SaaS cost catch-up --------------------------------------------------------------

    def catch_up_costs(self, org_slug: str) -> int:
        """Recompute plans whose cost rows stop short of today (once per org and day).

        The one named catch-up step: plan writes run it for their org, the daily step for
        every org (``DailyCatchUp``); cost reads never write. Returns plans recomputed.
        """
        return self._costs.catch_up(org_slug)

    def _caught_up(self, org_slug: str, result: _T) -> _T:
        """``result`` of a plan write, after the org's other plans caught up with today."""
        self._costs.catch_up(org_slug)
        return result

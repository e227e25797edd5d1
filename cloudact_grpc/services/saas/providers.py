"""Provider operations: list providers and their templates, enable and disable a provider."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.saas.amortization import ONE_DAY
from cloudact_grpc.domain.saas.catalog import Catalog, PlanTemplate, Provider, normalize_provider
from cloudact_grpc.services.paging import Page, paginate
from cloudact_grpc.services.saas.freshness import PlanCosts, caught_up
from cloudact_grpc.services.saas.inputs import end_date_or_today
from cloudact_grpc.services.saas.scope import OrgScope
from cloudact_grpc.services.saas.store import PlanStore
from cloudact_grpc.services.saas.versions import first_version


@dataclass(frozen=True, slots=True)
class ProviderSummary:
    """A provider and how many pending or active plans the organization has of it."""

    provider: Provider
    plan_count: int

    @property
    def enabled(self) -> bool:
        """Whether the organization has a pending or active plan of this provider."""
        return self.plan_count > 0


@dataclass(frozen=True, slots=True)
class ProviderOps:
    """The catalogue as one organization sees it, and seeding or ending a provider's plans."""

    catalog: Catalog
    scope: OrgScope
    store: PlanStore
    costs: PlanCosts

    def list_providers(self, org_slug: str) -> list[ProviderSummary]:
        """Known providers plus custom ones with plans, ordered by id."""
        today = self.scope.today()
        counts: dict[str, int] = defaultdict(int)
        for plan in self.store.plans(self.scope.dataset(org_slug)):
            counts[plan.latest.provider] += plan.current(today).status.enabled
        known = {p.provider: p for p in self.catalog.providers}
        ids = sorted(set(known) | set(counts))
        return [ProviderSummary(self.catalog.get(i), counts.get(i, 0)) for i in ids]

    def provider_page(
        self, org_slug: str, page_size: int = 0, page_token: str = ""
    ) -> Page[ProviderSummary]:
        """A page of ``list_providers``."""
        return paginate(self.list_providers(org_slug), page_size, page_token, f"{org_slug}|p")

    def template_page(
        self, provider: str, page_size: int = 0, page_token: str = ""
    ) -> tuple[Provider, Page[PlanTemplate]]:
        """The provider and a page of its seed templates, ordered by plan_name."""
        info = self.catalog.get(normalize_provider(provider))
        found = sorted(info.templates, key=lambda t: t.plan_name)
        return info, paginate(found, page_size, page_token, f"{info.provider}|t")

    @caught_up
    def enable_provider(self, ctx: CallContext, org_slug: str, provider: str) -> int:
        """Add the provider's templates as plans starting today; returns how many were added."""
        pid = normalize_provider(provider)
        dataset = self.scope.dataset(org_slug)
        info = self.catalog.get(pid)
        today = self.scope.today()
        taken = {
            p.latest.plan_name
            for p in self.store.plans(dataset, pid)
            if p.current(today).status.enabled
        }
        added = 0
        for t in info.templates:
            if t.plan_name in taken:
                continue
            v = first_version(
                self.scope.clock,
                pid,
                t.plan_name,
                t.plan_type,
                t.display_name,
                info.category,
                t.terms,
                today,
                None,
                notes=t.notes,
            )
            if self.store.insert_first(dataset, v):
                added += 1
                self.costs.recompute(dataset, org_slug, v.subscription_id)
        self.scope.record(ctx, org_slug, "SAAS_PROVIDER_ENABLED", pid, {"plans_seeded": added})
        return added

    @caught_up
    def disable_provider(
        self, ctx: CallContext, org_slug: str, provider: str, end_date: str = ""
    ) -> int:
        """End every pending or active plan of the provider; returns how many were ended."""
        pid = normalize_provider(provider)
        end = end_date_or_today(end_date, self.scope.today())
        dataset = self.scope.dataset(org_slug)
        today = self.scope.today()
        ended = 0
        for plan in self.store.plans(dataset, pid):
            if plan.current(today).status.enabled:
                self.store.cancel(dataset, plan, max(end, plan.anchor - ONE_DAY))
                self.costs.recompute(dataset, org_slug, plan.subscription_id)
                ended += 1
        self.scope.record(
            ctx,
            org_slug,
            "SAAS_PROVIDER_DISABLED",
            pid,
            {"plans_ended": ended, "end_date": end.isoformat()},
        )
        return ended

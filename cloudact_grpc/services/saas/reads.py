"""Plan reads: listings (one provider or all) with per-currency totals, and version history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from cloudact_grpc.domain.saas.catalog import normalize_provider
from cloudact_grpc.domain.saas.plans import Status, VersionView
from cloudact_grpc.services.paging import Page, paginate
from cloudact_grpc.services.saas.scope import OrgScope
from cloudact_grpc.services.saas.store import PlanStore


@dataclass(frozen=True, slots=True)
class CurrencyTotal:
    """Exact monthly and annual totals of the active plans in one currency."""

    currency: str
    monthly_cost: Decimal
    annual_cost: Decimal
    plan_count: int


@dataclass(frozen=True, slots=True)
class PlanListing:
    """A page of plans (one view each) plus totals over every page."""

    plans: tuple[VersionView, ...]
    totals: tuple[CurrencyTotal, ...]
    total_count: int
    active_count: int
    next_page_token: str


@dataclass(frozen=True, slots=True)
class PlanReader:
    """Views of plans as of today."""

    scope: OrgScope
    store: PlanStore

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
        pid = normalize_provider(provider) if provider is not None else None
        today = self.scope.today()
        views = [p.current(today) for p in self.store.plans(self.scope.dataset(org_slug), pid)]
        if enabled_only:
            views = [v for v in views if v.status.enabled]
        views.sort(key=lambda x: (x.version.provider, x.version.plan_name, x.version.start_date))
        active = [v for v in views if v.status is Status.ACTIVE]
        key = f"{org_slug}|{pid or '*'}|{enabled_only}"
        page: Page[VersionView] = paginate(views, page_size, page_token, key)
        return PlanListing(
            page.items, totals(active), len(views), len(active), page.next_page_token
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
        pid = normalize_provider(provider)
        plan = self.store.plan(self.scope.dataset(org_slug), pid, subscription_id)
        views = list(reversed(plan.views(self.scope.today())))
        return paginate(views, page_size, page_token, f"{org_slug}|{pid}|{subscription_id}")


def totals(active: Sequence[VersionView]) -> tuple[CurrencyTotal, ...]:
    """Per-currency sums of ``active``, ordered by currency."""
    sums: dict[str, list[Decimal]] = {}
    counts: dict[str, int] = defaultdict(int)
    for view in active:
        t = view.version.terms
        acc = sums.setdefault(t.currency, [Decimal(0), Decimal(0)])
        acc[0] += t.monthly_cost
        acc[1] += t.annual_cost
        counts[t.currency] += 1
    return tuple(CurrencyTotal(c, m, a, counts[c]) for c, (m, a) in sorted(sums.items()))

"""SaaS plan service: providers, plans, versions, ending, listings with totals, and costs.

Concurrency: a new version is committed by ``insert_if_absent`` on (subscription_id, version),
so of two concurrent edits only one inserts; the winner then closes the previous version with
``compare_and_set`` on its ``etag``. If that fails (the plan was cancelled meanwhile) the new row
is withdrawn and the call is ABORTED. Reads derive each version's end from its successor, so a
crash between the two writes never shows overlapping versions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from cloudact_grpc.domain import identifiers
from cloudact_grpc.domain.clock import Clock, SystemClock
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.cost_events import CostsChanged
from cloudact_grpc.domain.errors import (
    Aborted,
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
)
from cloudact_grpc.domain.saas.amortization import ONE_DAY
from cloudact_grpc.domain.saas.catalog import Catalog, PlanTemplate, Provider, normalize_provider
from cloudact_grpc.domain.saas.plans import (
    RECORDED_ACTIVE,
    RECORDED_CANCELLED,
    Plan,
    PlanVersion,
    Status,
    VersionView,
)
from cloudact_grpc.domain.saas.terms import PricingTerms
from cloudact_grpc.ports.warehouse import Eq, Predicate, Warehouse
from cloudact_grpc.services.audit import AuditService
from cloudact_grpc.services.saas.costs import DAILY_TABLE, CostWriter, last_costed_day
from cloudact_grpc.services.saas.inputs import (
    PLAN_NAME,
    PlanSpec,
    VersionChange,
    Violations,
    unit_price_of,
)
from cloudact_grpc.services.saas.paging import Page, paginate
from cloudact_grpc.services.saas.rows import PLANS_TABLE, from_row, to_row

RESOURCE = "saas_plan"


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
class EditResult:
    """The new version and the previous one after the edit."""

    new: VersionView
    old: VersionView


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
        self._warehouse = warehouse
        self._catalog = catalog
        self._suffix = dataset_suffix
        self._audit = audit
        self._clock = clock or SystemClock()
        self._costs = CostWriter(warehouse, self._clock, costs_changed)
        self._checked: dict[str, dt.date] = {}  # dataset -> day ensure_current last ran
        self._checked_lock = threading.Lock()

    # ---- catalogue and providers ------------------------------------------------------

    def list_providers(self, org_slug: str) -> list[ProviderSummary]:
        """Known providers plus custom ones with plans, ordered by id."""
        today = self._today()
        counts: dict[str, int] = defaultdict(int)
        for plan in self._plans(self._dataset(org_slug)):
            counts[plan.latest.provider] += plan.current(today).status.enabled
        known = {p.provider: p for p in self._catalog.providers}
        ids = sorted(set(known) | set(counts))
        return [ProviderSummary(self._catalog.get(i), counts.get(i, 0)) for i in ids]

    def provider_page(
        self, org_slug: str, page_size: int = 0, page_token: str = ""
    ) -> Page[ProviderSummary]:
        """A page of ``list_providers``."""
        return paginate(self.list_providers(org_slug), page_size, page_token, f"{org_slug}|p")

    def template_page(
        self, provider: str, page_size: int = 0, page_token: str = ""
    ) -> tuple[Provider, Page[PlanTemplate]]:
        """The provider and a page of its seed templates, ordered by plan_name."""
        info = self._catalog.get(normalize_provider(provider))
        found = sorted(info.templates, key=lambda t: t.plan_name)
        return info, paginate(found, page_size, page_token, f"{info.provider}|t")

    def enable_provider(self, ctx: CallContext, org_slug: str, provider: str) -> int:
        """Add the provider's templates as plans starting today; returns how many were added."""
        pid = normalize_provider(provider)
        dataset = self._dataset(org_slug)
        info = self._catalog.get(pid)
        today = self._today()
        taken = {
            p.latest.plan_name for p in self._plans(dataset, pid) if p.current(today).status.enabled
        }
        added = 0
        for t in info.templates:
            if t.plan_name in taken:
                continue
            v = self._new_version(
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
            if self._insert_first(dataset, v):
                added += 1
                self._recompute(dataset, org_slug, v.subscription_id)
        self._record(ctx, org_slug, "SAAS_PROVIDER_ENABLED", pid, {"plans_seeded": added})
        return added

    def disable_provider(
        self, ctx: CallContext, org_slug: str, provider: str, end_date: str = ""
    ) -> int:
        """End every pending or active plan of the provider; returns how many were ended."""
        pid = normalize_provider(provider)
        bad = Violations()
        end = bad.date(end_date, "end_date") or self._today()
        bad.raise_if_any()
        dataset = self._dataset(org_slug)
        today = self._today()
        ended = 0
        for plan in self._plans(dataset, pid):
            if plan.current(today).status.enabled:
                self._cancel(dataset, plan, max(end, plan.anchor - ONE_DAY))
                self._recompute(dataset, org_slug, plan.subscription_id)
                ended += 1
        self._record(
            ctx,
            org_slug,
            "SAAS_PROVIDER_DISABLED",
            pid,
            {"plans_ended": ended, "end_date": end.isoformat()},
        )
        return ended

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
        pid = normalize_provider(provider) if provider is not None else None
        today = self._today()
        views = [p.current(today) for p in self._plans(self._dataset(org_slug), pid)]
        if enabled_only:
            views = [v for v in views if v.status.enabled]
        views.sort(key=lambda x: (x.version.provider, x.version.plan_name, x.version.start_date))
        active = [v for v in views if v.status is Status.ACTIVE]
        key = f"{org_slug}|{pid or '*'}|{enabled_only}"
        page: Page[VersionView] = paginate(views, page_size, page_token, key)
        return PlanListing(
            page.items, _totals(active), len(views), len(active), page.next_page_token
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
        plan = self._plan(self._dataset(org_slug), pid, subscription_id)
        views = list(reversed(plan.views(self._today())))
        return paginate(views, page_size, page_token, f"{org_slug}|{pid}|{subscription_id}")

    def create_plan(
        self, ctx: CallContext, org_slug: str, provider: str, spec: PlanSpec
    ) -> VersionView:
        """Create version 1; ALREADY_EXISTS when a pending or active plan has the name."""
        pid = normalize_provider(provider)
        dataset = self._dataset(org_slug)
        info = self._catalog.get(pid)
        bad = Violations()
        name = spec.plan_name.strip()
        if PLAN_NAME.fullmatch(name) is None:
            bad.add("plan_name", "must match ^[A-Za-z0-9_]{1,50}$")
        start = bad.date(spec.effective_date, "effective_date")
        if not spec.effective_date:
            bad.add("effective_date", "is required")
        end = bad.date(spec.end_date, "end_date")
        renewal = bad.date(spec.renewal_date, "renewal_date")
        cycle, model = bad.cycle(spec.billing_cycle), bad.model(spec.pricing_model)
        unit = unit_price_of(bad, spec.price_per_user_monthly, spec.unit_price, cycle, model)
        if unit is None and spec.price_per_user_monthly is None and spec.unit_price is None:
            bad.add("unit_price", "send unit_price or price_per_user_monthly")
        discount = bad.amount(spec.discount_percent, "discount_percent") or Decimal(0)
        texts = {
            f: bad.text(getattr(spec, f), f)
            for f in ("plan_type", "display_name", "category", "owner_email", "department", "notes")
        }
        terms = PricingTerms(
            cycle,
            model,
            unit or Decimal(0),
            spec.number_of_users,
            discount,
            (spec.currency.strip() or "USD").upper(),
        )
        bad.items.extend(terms.violations())
        if start is not None and end is not None and end < start:
            bad.add("end_date", "must not be before effective_date")
        bad.raise_if_any()
        assert start is not None  # noqa: S101 - guaranteed by raise_if_any
        # Several plans may share a name (two teams on TEAM, or a seeded template next to the
        # plan actually bought); each has its own subscription_id. Only the same plan starting
        # on the same day twice is a duplicate.
        upper = name.upper()
        v = self._new_version(
            pid,
            upper,
            texts["plan_type"],
            texts["display_name"] or name,
            texts["category"] or info.category,
            terms,
            start,
            end,
            owner_email=texts["owner_email"],
            department=texts["department"],
            renewal_date=renewal,
            notes=texts["notes"],
        )
        if not self._insert_first(dataset, v):
            raise AlreadyExists(RESOURCE, upper, f"{pid} already has plan {upper} from {start}")
        self._recompute(dataset, org_slug, v.subscription_id)
        self._record(
            ctx,
            org_slug,
            "SAAS_PLAN_CREATED",
            v.subscription_id,
            {"provider": pid, "plan_name": upper, "effective_date": start.isoformat()},
        )
        return self._plan(dataset, pid, v.subscription_id).views(self._today())[0]

    def edit_version(
        self,
        ctx: CallContext,
        org_slug: str,
        provider: str,
        subscription_id: str,
        change: VersionChange,
    ) -> EditResult:
        """Record a new version from ``change.effective_date``; the latest ends the day before."""
        pid = normalize_provider(provider)
        dataset = self._dataset(org_slug)
        plan = self._plan(dataset, pid, subscription_id)
        old = plan.latest
        if old.cancelled:
            raise FailedPrecondition(f"plan {subscription_id} was cancelled; create a new plan")
        new = self._changed(old, change)
        if old.end_date is not None and new.start_date > old.end_date + ONE_DAY:
            raise FailedPrecondition(
                f"plan {subscription_id} ended on {old.end_date.isoformat()}; create a new plan"
            )
        if not self._warehouse.insert_if_absent(
            dataset, PLANS_TABLE, to_row(new, is_current=True), ("subscription_id", "version")
        ):
            raise Aborted(f"plan {subscription_id} changed concurrently; read it and retry")
        closed = self._warehouse.compare_and_set(
            dataset,
            PLANS_TABLE,
            {
                "end_date": new.start_date - ONE_DAY,
                "is_current": False,
                "updated_at": new.created_at,
                "etag": _etag(),
            },
            [Eq("subscription_id", old.subscription_id), Eq("version", old.version)],
            {"etag": old.etag, "status": RECORDED_ACTIVE},
        )
        if not closed:
            self._warehouse.delete(
                dataset,
                PLANS_TABLE,
                [
                    Eq("subscription_id", new.subscription_id),
                    Eq("version", new.version),
                    Eq("etag", new.etag),
                ],
            )
            raise Aborted(f"plan {subscription_id} changed concurrently; read it and retry")
        self._recompute(dataset, org_slug, subscription_id)
        self._record(
            ctx,
            org_slug,
            "SAAS_PLAN_VERSIONED",
            subscription_id,
            {"provider": pid, "version": new.version, "effective_date": new.start_date.isoformat()},
        )
        views = {
            v.version.version: v
            for v in self._plan(dataset, pid, subscription_id).views(self._today())
        }
        return EditResult(views[new.version], views[old.version])

    def end_plan(
        self, ctx: CallContext, org_slug: str, provider: str, subscription_id: str, end_date: str
    ) -> VersionView:
        """End (soft-delete) the plan on ``end_date`` (default today); returns its last version."""
        pid = normalize_provider(provider)
        bad = Violations()
        end = bad.date(end_date, "end_date") or self._today()
        bad.raise_if_any()
        dataset = self._dataset(org_slug)
        plan = self._plan(dataset, pid, subscription_id)
        if end < plan.anchor:
            raise InvalidArgument.field("end_date", "must not be before the plan's first day")
        if plan.latest.cancelled:
            if plan.cancel_date != end:
                raise FailedPrecondition(f"plan {subscription_id} is already cancelled")
        else:
            self._cancel(dataset, plan, end)
            self._recompute(dataset, org_slug, subscription_id)
            self._record(
                ctx,
                org_slug,
                "SAAS_PLAN_ENDED",
                subscription_id,
                {"provider": pid, "end_date": end.isoformat()},
            )
        return self._plan(dataset, pid, subscription_id).views(self._today())[-1]

    # ---- cost freshness (CostsFreshness) ------------------------------------------------

    def ensure_current(self, org_slug: str) -> None:
        """Recompute every plan whose cost rows stop short of what today requires.

        Open-ended plans are costed through the end of the cycle holding the day they were
        last written; once today enters a later cycle their rows are short. Checked at most once
        per org and day per process (rows only fall behind when the date changes; every write
        recomputes its own plan), so cost reads pay one plans-table scan a day.
        """
        self.refresh_costs(org_slug)

    def refresh_costs(self, org_slug: str) -> int:
        """``ensure_current``; returns how many plans were recomputed."""
        dataset = self._dataset(org_slug)
        today = self._today()
        with self._checked_lock:
            if self._checked.get(dataset) == today:
                return 0
        written = _written_through(self._warehouse, dataset)
        stale = []
        for plan in self._plans(dataset):
            # Only rows that stop short are rewritten: rows reaching further were written by a
            # replica whose clock is ahead, and every plan write recomputes its own rows.
            wanted = last_costed_day(plan, today)
            have = written.get(plan.subscription_id)
            if wanted is not None and (have is None or have < wanted):
                stale.append(plan.subscription_id)
        for sub_id in stale:
            self._recompute(dataset, org_slug, sub_id)
        with self._checked_lock:
            self._checked[dataset] = today
        return len(stale)

    # ---- helpers ------------------------------------------------------------------------

    def _today(self) -> dt.date:
        return self._clock.now().date()

    def _dataset(self, org_slug: str) -> str:
        return identifiers.org_dataset_id(org_slug, self._suffix)

    def _plans(self, dataset: str, provider: str | None = None) -> list[Plan]:
        where: list[Predicate] = [Eq("provider", provider)] if provider else []
        grouped: dict[str, list[PlanVersion]] = defaultdict(list)
        for row in self._warehouse.select(dataset, PLANS_TABLE, where):
            v = from_row(row)
            grouped[v.subscription_id].append(v)
        return [Plan.of(vs) for vs in grouped.values()]

    def _plan(self, dataset: str, provider: str, subscription_id: str) -> Plan:
        rows = self._warehouse.select(
            dataset,
            PLANS_TABLE,
            [Eq("subscription_id", subscription_id), Eq("provider", provider)],
        )
        if not rows:
            raise NotFound(RESOURCE, subscription_id)
        return Plan.of([from_row(r) for r in rows])

    def _new_version(
        self,
        provider: str,
        plan_name: str,
        plan_type: str,
        display_name: str,
        category: str,
        terms: PricingTerms,
        start: dt.date,
        end: dt.date | None,
        *,
        owner_email: str = "",
        department: str = "",
        renewal_date: dt.date | None = None,
        notes: str = "",
    ) -> PlanVersion:
        now = self._clock.now()
        return PlanVersion(
            subscription_id=f"sub_{provider}_{plan_name.lower()}_{uuid.uuid4().hex[:8]}",
            version=1,
            provider=provider,
            plan_name=plan_name,
            plan_type=plan_type,
            display_name=display_name,
            category=category,
            terms=terms,
            start_date=start,
            end_date=end,
            cancelled=False,
            owner_email=owner_email,
            department=department,
            renewal_date=renewal_date,
            notes=notes,
            etag=_etag(),
            created_at=now,
            updated_at=now,
        )

    def _insert_first(self, dataset: str, v: PlanVersion) -> bool:
        # Two concurrent creates (or enables) of one name on one day: only one row lands.
        return self._warehouse.insert_if_absent(
            dataset,
            PLANS_TABLE,
            to_row(v, is_current=True),
            ("provider", "plan_name", "start_date", "status", "is_current"),
        )

    def _changed(self, old: PlanVersion, c: VersionChange) -> PlanVersion:
        bad = Violations()
        start = bad.date(c.effective_date, "effective_date")
        if not c.effective_date:
            bad.add("effective_date", "is required")
        elif start is not None and start <= old.start_date:
            bad.add(
                "effective_date",
                f"must be after the latest version's first day {old.start_date.isoformat()}",
            )
        t = old.terms
        cycle = bad.cycle(c.billing_cycle) if c.billing_cycle is not None else t.billing_cycle
        model = bad.model(c.pricing_model) if c.pricing_model is not None else t.pricing_model
        unit = unit_price_of(bad, c.price_per_user_monthly, c.unit_price, cycle, model)
        discount = bad.amount(c.discount_percent, "discount_percent")
        seats = t.seats if c.number_of_users is None else c.number_of_users
        currency = t.currency if c.currency is None else c.currency.strip().upper()
        terms = PricingTerms(
            cycle,
            model,
            t.unit_price if unit is None else unit,
            seats,
            t.discount_percent if discount is None else discount,
            currency,
        )
        bad.items.extend(terms.violations())
        end = bad.date(c.end_date, "end_date") if c.end_date else None
        renewal = bad.date(c.renewal_date, "renewal_date") if c.renewal_date else None
        if start is not None and end is not None and end < start:
            bad.add("end_date", "must not be before effective_date")

        def text(field: str) -> str:
            value: str | None = getattr(c, field)
            return getattr(old, field) if value is None else bad.text(value, field)

        fields = {
            f: text(f) for f in ("plan_type", "display_name", "owner_email", "department", "notes")
        }
        bad.raise_if_any()
        assert start is not None  # noqa: S101 - guaranteed by raise_if_any
        now = self._clock.now()
        return dataclasses.replace(
            old,
            version=old.version + 1,
            terms=terms,
            start_date=start,
            end_date=end,
            renewal_date=renewal if c.renewal_date is not None else old.renewal_date,
            etag=_etag(),
            created_at=now,
            updated_at=now,
            cancelled=False,
            display_name=fields["display_name"] or old.plan_name,
            plan_type=fields["plan_type"],
            owner_email=fields["owner_email"],
            department=fields["department"],
            notes=fields["notes"],
        )

    def _cancel(self, dataset: str, plan: Plan, end: dt.date) -> None:
        latest = plan.latest
        ok = self._warehouse.compare_and_set(
            dataset,
            PLANS_TABLE,
            {
                "status": RECORDED_CANCELLED,
                "end_date": end,
                "updated_at": self._clock.now(),
                "etag": _etag(),
            },
            [Eq("subscription_id", latest.subscription_id), Eq("version", latest.version)],
            {"etag": latest.etag},
        )
        if not ok:
            raise Aborted(f"plan {plan.subscription_id} changed concurrently; read it and retry")

    def _recompute(self, dataset: str, org_slug: str, subscription_id: str) -> None:
        plan = self._plans_by_id(dataset, subscription_id)
        provider = self._catalog.get(plan.latest.provider)
        self._costs.recompute(
            dataset,
            org_slug,
            provider,
            subscription_id,
            lambda: self._plans_by_id(dataset, subscription_id),
        )

    def _plans_by_id(self, dataset: str, subscription_id: str) -> Plan:
        rows = self._warehouse.select(
            dataset, PLANS_TABLE, [Eq("subscription_id", subscription_id)]
        )
        return Plan.of([from_row(r) for r in rows])

    def _record(
        self,
        ctx: CallContext,
        org_slug: str,
        action: str,
        resource_id: str,
        details: dict[str, object],
    ) -> None:
        if self._audit is not None:
            self._audit.record(
                ctx,
                org_slug=org_slug,
                action=action,
                resource_type=RESOURCE,
                resource_id=resource_id,
                details=details,
            )


def _written_through(warehouse: Warehouse, dataset: str) -> dict[str, dt.date]:
    """Last cost day written per plan (from the daily facts table)."""
    arrow = warehouse.read_arrow(dataset, DAILY_TABLE, ["subscription_id", "cost_date"])
    last: dict[str, dt.date] = {}
    for sub, day in zip(
        arrow.column("subscription_id").to_pylist(),
        arrow.column("cost_date").to_pylist(),
        strict=True,
    ):
        if isinstance(day, dt.date) and (sub not in last or day > last[sub]):
            last[str(sub)] = day
    return last


def _etag() -> str:
    return uuid.uuid4().hex


def _totals(active: Sequence[VersionView]) -> tuple[CurrencyTotal, ...]:
    sums: dict[str, list[Decimal]] = {}
    counts: dict[str, int] = defaultdict(int)
    for view in active:
        t = view.version.terms
        acc = sums.setdefault(t.currency, [Decimal(0), Decimal(0)])
        acc[0] += t.monthly_cost
        acc[1] += t.annual_cost
        counts[t.currency] += 1
    return tuple(CurrencyTotal(c, m, a, counts[c]) for c, (m, a) in sorted(sums.items()))

"""Budgets of an organisation: CRUD, allocation, status and the frontend's read models.

Spend is read through ``CostsService.daily_spend`` (the daily rollup and the cost cache), in
the budget's currency only; every write leaves one audit row.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from cloudact_grpc.analytics.filters import CostFilter
from cloudact_grpc.domain import dates
from cloudact_grpc.domain.clock import Clock, SystemClock, utc_today
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.days import add_months
from cloudact_grpc.domain.errors import Aborted, InvalidArgument
from cloudact_grpc.domain.saas.terms import minor_unit
from cloudact_grpc.services import paging
from cloudact_grpc.services.audit import AuditService, ResourceAudit
from cloudact_grpc.services.budgets import inputs
from cloudact_grpc.services.budgets import status as bs
from cloudact_grpc.services.budgets.inputs import BudgetInput, Violations
from cloudact_grpc.services.budgets.model import Budget
from cloudact_grpc.services.budgets.periods import PeriodType
from cloudact_grpc.services.budgets.store import BudgetStore
from cloudact_grpc.services.costs import CostsService
from cloudact_grpc.services.orgs import tables
from cloudact_grpc.services.orgs.lifecycle import OrgDirectory

RESOURCE = "BUDGET"
MAX_ALLOCATIONS = 50
HUNDRED = Decimal(100)
SHARE_TOLERANCE = Decimal("0.000001")


@dataclass(frozen=True, slots=True)
class Selection:
    """Which budgets a read model covers and the day actuals are computed for."""

    category: str = ""
    hierarchy_entity_id: str = ""
    period_type: str = ""
    period_start: str = ""
    as_of: str = ""
    is_active: str = ""


@dataclass(frozen=True, slots=True)
class Allocation:
    """One child of an allocation as sent."""

    hierarchy_entity_id: str
    hierarchy_entity_name: str = ""
    hierarchy_path: str = ""
    hierarchy_level_code: str = ""
    percentage: float = 0.0
    provider: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Allocated:
    """A created parent and its children."""

    parent: Budget
    children: tuple[Budget, ...]


@dataclass(frozen=True, slots=True)
class Listing:
    """A page of budgets and the number matching."""

    budgets: tuple[Budget, ...]
    total: int
    next_page_token: str


class BudgetService:
    """Budgets in each org dataset, their status from the org's cost data."""

    def __init__(
        self,
        store: BudgetStore,
        costs: CostsService,
        audit: AuditService,
        orgs: OrgDirectory,
        *,
        clock: Clock | None = None,
    ) -> None:
        self._store = store
        self._costs = costs
        self._audit = ResourceAudit(audit, RESOURCE)
        self._orgs = orgs
        self._clock = clock or SystemClock()

    def today(self) -> dt.date:
        """Today (UTC) by the service clock."""
        return utc_today(self._clock)

    # ---- reads ----------------------------------------------------------------------------

    def list_budgets(
        self, org_slug: str, sel: Selection, page_size: int, page_token: str
    ) -> Listing:
        """Budgets matching ``sel`` (category, entity, period type, is_active), newest first."""
        _, ds = self._orgs.require(org_slug, active=False)
        chosen = self._select(ds, sel, only_active=False)
        page = paging.paginate(chosen, page_size, page_token, (tables.BUDGETS, org_slug, sel))
        return Listing(page.items, page.total_size, page.next_page_token)

    def get(self, org_slug: str, budget_id: str) -> Budget:
        """One budget; NotFound when absent."""
        _, ds = self._orgs.require(org_slug, active=False)
        return self._store.get(ds, _budget_id(budget_id))

    def status(self, org_slug: str, budget_id: str, as_of: str = "") -> bs.BudgetStatus:
        """The budget's status for the period holding ``as_of`` (default today)."""
        slug, ds = self._orgs.require(org_slug, active=False)
        budget = self._store.get(ds, _budget_id(budget_id))
        return self._status(slug, budget, self._as_of(as_of, "as_of"))

    def forecast(
        self,
        org_slug: str,
        *,
        currency: str,
        scope: inputs.ScopeInput,
        metric: str,
        start_date: str,
        as_of: str,
        end_date: str,
    ) -> bs.BudgetStatus:
        """Actual cost of a scope and its forecast to ``end_date``.

        It is the status of a one-off custom budget over those days (its amount and thresholds
        are not part of the answer).
        """
        slug, _ = self._orgs.require(org_slug, active=False)
        bad = Violations()
        cur = inputs.parse_currency(currency, bad) if currency.strip() else ""
        if not cur:
            bad.add("currency", "required: an ISO 4217 code such as USD")
        day = self._as_of(as_of, "as_of")
        today = self.today()
        first = (
            inputs.parse_day(start_date, "start_date", today, bad)
            if start_date.strip()
            else day.replace(day=1)
        )
        last = (
            inputs.parse_day(end_date, "end_date", today, bad)
            if end_date.strip()
            else add_months(day.replace(day=1), 1) - dt.timedelta(days=1)
        )
        scoped = inputs.parse_scope(scope, "total", "", bad)
        chosen = inputs.parse_metric(metric, bad)
        if first is not None and last is not None:
            if last < first:
                bad.add("end_date", "must not be before start_date")
            elif (last - first).days >= 366:
                bad.add("end_date", "at most 366 days after start_date")
            if not first <= day:
                bad.add("as_of", "must not be before start_date")
        bad.raise_any()
        if first is None or last is None:  # pragma: no cover - recorded as violations above
            raise InvalidArgument.field("start_date", "invalid")
        now = self._clock.now()
        probe = Budget(
            budget_id="forecast", name="", hierarchy_entity_id="", hierarchy_entity_name="",
            hierarchy_path="", hierarchy_level_code="", category="total", amount=Decimal(1),
            currency=cur, period_type=PeriodType.CUSTOM, period_start=first, period_end=last,
            provider="", notes="", is_active=True, scope=scoped, thresholds=(), metric=chosen,
            parent_budget_id="", allocation_percentage=Decimal(0), version=0, created_at=now,
            updated_at=now,
        )  # fmt: skip
        return self._status(slug, probe, min(day, last))

    def statuses(self, org_slug: str, sel: Selection) -> list[bs.BudgetStatus]:
        """Status of every active budget matching ``sel`` for the day ``sel.as_of``."""
        slug, ds = self._orgs.require(org_slug, active=False)
        day = self._as_of(sel.as_of, "period_end")
        return [self._status(slug, b, day) for b in self._select(ds, sel, only_active=True)]

    def _as_of(self, raw: str, field: str) -> dt.date:
        today = self.today()
        if not raw.strip():
            return today
        return min(dates.parse_date(raw, field, today=today), today)

    def _status(self, org: str, budget: Budget, as_of: dt.date) -> bs.BudgetStatus:
        first, last = bs.read_range(budget, as_of)
        scope = budget.scope
        f = CostFilter(
            start=first,
            end=last,
            providers=scope.providers,
            categories=scope.categories,
            currency="",
        )
        spend = self._costs.daily_spend(
            org,
            f,
            metric=budget.metric,
            services=scope.services,
            sub_accounts=scope.sub_accounts,
            tags=scope.tags,
        )
        return bs.compute(budget, spend, as_of)

    def _select(self, ds: str, sel: Selection, *, only_active: bool) -> list[Budget]:
        bad = Violations()
        category = inputs.parse_category(sel.category, "category", bad) if sel.category else ""
        kind = inputs.parse_period_type(sel.period_type, bad) if sel.period_type else None
        active = sel.is_active.strip().lower()
        if active not in ("", "true", "false"):
            bad.add("is_active", "must be true or false")
        since = (
            inputs.parse_day(sel.period_start, "period_start", self.today(), bad)
            if sel.period_start.strip()
            else None
        )
        bad.raise_any()
        out = []
        for b in self._store.all(ds):
            if category and b.category != category:
                continue
            if sel.hierarchy_entity_id and b.hierarchy_entity_id != sel.hierarchy_entity_id:
                continue
            if kind is not None and b.period_type is not kind:
                continue
            if (only_active and not b.is_active) or (active and b.is_active != (active == "true")):
                continue
            if since is not None and b.period_end is not None and b.period_end < since:
                continue
            out.append(b)
        return out

    # ---- writes ---------------------------------------------------------------------------

    def create(self, ctx: CallContext, org_slug: str, given: BudgetInput) -> Budget:
        """Validate and store a new budget."""
        slug, ds = self._orgs.require(org_slug, active=True)
        budget = self._new(given)
        self._store.insert(ds, [budget])
        self._audit.record(ctx, slug, "CREATE", budget.budget_id, {"currency": budget.currency})
        return budget

    def update(
        self, ctx: CallContext, org_slug: str, budget_id: str, given: BudgetInput, version: int
    ) -> Budget:
        """Change the fields given; ABORTED when ``version`` (if non-zero) is stale."""
        slug, ds = self._orgs.require(org_slug, active=True)
        old = self._store.get(ds, _budget_id(budget_id))
        if version and version != old.version:
            raise Aborted(
                "budget",
                old.budget_id,
                f"budget '{old.budget_id}' is at version {old.version}, not {version}",
            )
        new = self._merged(old, given)
        if not self._store.replace(ds, new, old.version):
            raise Aborted("budget", old.budget_id)
        changed = sorted(k for k, v in vars_of(given).items() if v is not None)
        self._audit.record(ctx, slug, "UPDATE", old.budget_id, {"fields": changed})
        return new

    def delete(self, ctx: CallContext, org_slug: str, budget_id: str) -> bool:
        """Delete a budget (children become roots); False when it did not exist."""
        slug, ds = self._orgs.require(org_slug, active=True)
        bid = _budget_id(budget_id)
        # Children first (idempotent): a delete cut off midway is finished by a retry.
        self._store.detach_children(ds, bid)
        deleted = self._store.delete(ds, bid) > 0
        self._audit.record(ctx, slug, "DELETE", bid, {"deleted": deleted})
        return deleted

    def allocate(
        self,
        ctx: CallContext,
        org_slug: str,
        parent: BudgetInput,
        allocations: Sequence[Allocation],
    ) -> Allocated:
        """A parent and its children (percent of the parent), inserted in one statement.

        Each child gets its share rounded down to the currency's minor unit; the minor units
        left over go one each to the first children, so the children add up exactly to the
        parent's amount times the total percentage (rounded half-up to the minor unit).
        """
        slug, ds = self._orgs.require(org_slug, active=True)
        top = self._new(parent)
        bad = Violations()
        if not 1 <= len(allocations) <= MAX_ALLOCATIONS:
            bad.add("allocations", f"give 1 to {MAX_ALLOCATIONS} allocations")
        shares: list[Decimal] = []
        for i, a in enumerate(allocations):
            inputs.entity_id(a.hierarchy_entity_id, f"allocations[{i}].hierarchy_entity_id", bad)
            if not 0 < a.percentage <= 100:
                bad.add(f"allocations[{i}].percentage", "must be above 0 and at most 100")
                continue
            # Percentages keep six decimals (100/3 → 33.333333), enough for any split.
            shares.append(Decimal(repr(a.percentage)).quantize(SHARE_TOLERANCE, ROUND_HALF_UP))
        # Shares such as 100/3 sent as JSON numbers add up to a hair above 100: tolerated.
        if sum(shares, Decimal(0)) > HUNDRED + SHARE_TOLERANCE:
            bad.add("allocations", "the percentages add up to more than 100")
        bad.raise_any()
        amounts = split(top.amount, shares, minor_unit(top.currency))
        children = []
        for a, share, amount in zip(allocations, shares, amounts, strict=True):
            child = self._new(
                replace(
                    parent,
                    hierarchy_entity_id=a.hierarchy_entity_id,
                    hierarchy_entity_name=a.hierarchy_entity_name,
                    hierarchy_path=a.hierarchy_path,
                    hierarchy_level_code=a.hierarchy_level_code,
                    provider=a.provider,
                    notes=a.notes,
                    name=None,
                    amount=Decimal(1),  # replaced below: the share may be below the minor unit
                )
            )
            children.append(
                replace(
                    child,
                    amount=amount,
                    parent_budget_id=top.budget_id,
                    allocation_percentage=share,
                )
            )
        self._store.insert(ds, [top, *children])
        self._audit.record(
            ctx, slug, "ALLOCATE", top.budget_id, {"children": [c.budget_id for c in children]}
        )
        return Allocated(top, tuple(children))

    # ---- helpers --------------------------------------------------------------------------

    def _new(self, g: BudgetInput) -> Budget:
        bad = Violations()
        today = self.today()
        entity = inputs.entity_id(g.hierarchy_entity_id or "", "hierarchy_entity_id", bad)
        currency = inputs.parse_currency(g.currency or "", bad)
        amount = None
        if g.amount is None or g.amount == 0:
            bad.add("budget_amount", "required: an amount above 0")
        else:
            amount = inputs.parse_amount(g.amount, "budget_amount", currency, bad)
        _budget_type(g.budget_type or "", bad)
        if not (g.period_type or "").strip():
            bad.add("period_type", "required: monthly, quarterly, yearly or custom")
        kind = inputs.parse_period_type(g.period_type or "monthly", bad)
        start = (
            inputs.parse_day(g.period_start or "", "period_start", today, bad)
            if (g.period_start or "").strip()
            else today.replace(day=1)
        )
        end = (
            inputs.parse_day(g.period_end or "", "period_end", today, bad)
            if (g.period_end or "").strip()
            else None
        )
        inputs.check_period(kind, start, end, bad)
        category = inputs.parse_category(g.category or "", "category", bad)
        provider = inputs.parse_provider(g.provider or "", bad)
        scope = inputs.parse_scope(g.scope, category, provider, bad)
        thresholds = inputs.parse_thresholds(g.thresholds or (), bad)
        metric = inputs.parse_metric(g.metric or "", bad)
        entity_name = inputs.text(g.hierarchy_entity_name or "", "hierarchy_entity_name", bad)
        name = inputs.text(g.name or "", "name", bad) or entity_name or entity
        path = inputs.text(g.hierarchy_path or "", "hierarchy_path", bad)
        level = inputs.text(g.hierarchy_level_code or "", "hierarchy_level_code", bad)
        notes = inputs.text(g.notes or "", "notes", bad, inputs.MAX_NOTES)
        bad.raise_any()
        if amount is None or start is None:  # pragma: no cover - recorded as violations above
            raise InvalidArgument.field("budget_amount", "required")
        now = self._clock.now()
        return Budget(
            budget_id=uuid.uuid4().hex,
            name=name,
            hierarchy_entity_id=entity,
            hierarchy_entity_name=entity_name,
            hierarchy_path=path,
            hierarchy_level_code=level,
            category=category,
            amount=amount,
            currency=currency,
            period_type=kind,
            period_start=start,
            period_end=end,
            provider=provider,
            notes=notes,
            is_active=True if g.is_active is None else g.is_active,
            scope=scope,
            thresholds=thresholds,
            metric=metric,
            parent_budget_id="",
            allocation_percentage=Decimal(0),
            version=1,
            created_at=now,
            updated_at=now,
        )

    def _merged(self, old: Budget, g: BudgetInput) -> Budget:
        if all(v is None for v in vars_of(g).values()):
            raise InvalidArgument.field("budget", "send at least one field to change")
        bad = Violations()
        today = self.today()
        currency = old.currency if g.currency is None else inputs.parse_currency(g.currency, bad)
        amount: Decimal | None = old.amount
        if g.amount is not None:
            amount = inputs.parse_amount(g.amount, "budget_amount", currency, bad)
        elif currency != old.currency and old.amount % minor_unit(currency):
            bad.add("currency", f"the amount {old.amount} has more decimals than {currency} allows")
        kind = old.period_type
        if g.period_type is not None:
            kind = inputs.parse_period_type(g.period_type, bad)
        start: dt.date | None = old.period_start
        if g.period_start is not None:
            start = inputs.parse_day(g.period_start, "period_start", today, bad)
        end = old.period_end
        if g.period_end is not None:
            end = (
                inputs.parse_day(g.period_end, "period_end", today, bad)
                if g.period_end.strip()
                else None
            )
        inputs.check_period(kind, start, end, bad)
        provider = old.provider
        if g.provider is not None:
            provider = inputs.parse_provider(g.provider, bad)
        scope = old.scope
        if g.scope is not None or g.provider is not None:
            base = g.scope or _scope_input(old, drop_provider=old.provider)
            scope = inputs.parse_scope(base, old.category, provider, bad)
        thresholds = old.thresholds
        if g.thresholds is not None:
            thresholds = inputs.parse_thresholds(g.thresholds, bad)

        def text_or(
            old_value: str, new: str | None, name: str, limit: int = inputs.MAX_TEXT
        ) -> str:
            return old_value if new is None else inputs.text(new, name, bad, limit)

        entity_name = text_or(
            old.hierarchy_entity_name, g.hierarchy_entity_name, "hierarchy_entity_name"
        )
        new = replace(
            old,
            name=text_or(old.name, g.name, "name") or entity_name or old.hierarchy_entity_id,
            hierarchy_entity_name=entity_name,
            hierarchy_path=text_or(old.hierarchy_path, g.hierarchy_path, "hierarchy_path"),
            notes=text_or(old.notes, g.notes, "notes", inputs.MAX_NOTES),
            currency=currency,
            period_type=kind,
            period_end=end,
            provider=provider,
            scope=scope,
            thresholds=thresholds,
            is_active=old.is_active if g.is_active is None else g.is_active,
            version=old.version + 1,
            updated_at=self._clock.now(),
        )
        bad.raise_any()
        if amount is None or start is None:  # pragma: no cover - recorded as violations above
            raise InvalidArgument.field("budget_amount", "invalid")
        return replace(new, amount=amount, period_start=start)


def split(amount: Decimal, shares: Sequence[Decimal], unit: Decimal) -> list[Decimal]:
    """``amount`` times each percent share, to the minor ``unit``, adding up exactly.

    The total is amount * sum(shares) / 100 (at most ``amount``) rounded half-up to ``unit``;
    each part is rounded down and the units left over go one each to the first parts.
    """
    total = min(amount * sum(shares, Decimal(0)) / HUNDRED, amount).quantize(unit, ROUND_HALF_UP)
    parts = [(amount * s / HUNDRED).quantize(unit, ROUND_DOWN) for s in shares]
    left = int((total - sum(parts, Decimal(0))) / unit)
    for i in range(left):
        parts[i % len(parts)] += unit
    # Shares a hair above 100 % (the total is capped): the largest part gives the excess back.
    if left < 0:
        largest = max(range(len(parts)), key=lambda i: parts[i])
        parts[largest] += left * unit
    return parts


def vars_of(g: BudgetInput) -> dict[str, object]:
    """The input's fields by name."""
    return {name: getattr(g, name) for name in g.__dataclass_fields__}


def _scope_input(b: Budget, *, drop_provider: str) -> inputs.ScopeInput:
    return inputs.ScopeInput(
        providers=[p for p in b.scope.providers if p != drop_provider],
        categories=list(b.scope.categories),
        services=list(b.scope.services),
        sub_accounts=list(b.scope.sub_accounts),
        tags=dict(b.scope.tags),
    )


def _budget_type(raw: str, bad: Violations) -> None:
    value = raw.strip().lower() or "monetary"
    if value != "monetary":
        bad.add("budget_type", "only monetary budgets are supported (token and seat are not)")


def _budget_id(raw: str) -> str:
    value = raw.strip()
    if not value or len(value) > 64 or not value.isalnum():
        raise InvalidArgument.field("budget_id", "must be a budget id (letters and digits)")
    return value

"""SaaS plan costs over a range with run rates as of its last day (pure: Polars + domain).

``total`` and ``days_charged`` sum the plan's daily amortized rows in the range (exact). Run rates
are those of the version in force on the range's last day — its amortized cost that day, its
monthly cost and 12 times that — never a sum of per-day rates over the range (the earlier version's
defect). A plan whose versions changed currency gets one entry per currency; run rates go to the
entry of the currency in force on the last day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from cloudact_grpc.domain.saas.amortization import amortize
from cloudact_grpc.domain.saas.plans import Plan, PlanVersion, VersionView

ZERO = Decimal(0)
# Columns of ``saas_subscription_plan_costs_daily`` the computation reads.
SUBSCRIPTION = "subscription_id"
VERSION = "plan_version"
PROVIDER = "provider"
PLAN_NAME = "plan_name"
DAY = "cost_date"
CURRENCY = "currency"
DAILY_COST = "daily_cost"
COLUMNS = (SUBSCRIPTION, VERSION, PROVIDER, PLAN_NAME, DAY, CURRENCY, DAILY_COST)


@dataclass(frozen=True, slots=True)
class SaasPlanCost:
    """One plan in one currency: cost over the range and run rates on its last day."""

    subscription_id: str
    provider: str
    plan_name: str
    display_name: str
    currency: str
    total: Decimal
    days_charged: int
    daily_run_rate: Decimal
    monthly_run_rate: Decimal
    annual_run_rate: Decimal
    seats: int
    pricing_model: str
    billing_cycle: str
    status: str
    category: str = ""


@dataclass(frozen=True, slots=True)
class SaasRunRateTotal:
    """Sums over the plans of one currency."""

    currency: str
    total: Decimal
    daily_run_rate: Decimal
    monthly_run_rate: Decimal
    annual_run_rate: Decimal
    plan_count: int


@dataclass(frozen=True, slots=True)
class SaasCosts:
    """Every plan (largest total first) and the per-currency totals."""

    plans: tuple[SaasPlanCost, ...]
    totals: tuple[SaasRunRateTotal, ...]

    @property
    def single(self) -> SaasRunRateTotal | None:
        """The only currency's totals, or None when there are none or several."""
        return self.totals[0] if len(self.totals) == 1 else None


def in_force(plan: Plan, day: dt.date) -> VersionView | None:
    """The version of ``plan`` charged on ``day``, if any."""
    for view in plan.views(day):
        v = view.version
        if (
            not view.void
            and v.start_date <= day
            and (view.end_date is None or day <= view.end_date)
        ):
            return view
    return None


def _sums(daily: pl.LazyFrame) -> list[dict[str, object]]:
    return (
        daily.sort(DAY, VERSION)
        .group_by(SUBSCRIPTION, CURRENCY)
        .agg(
            pl.col(DAILY_COST).sum().alias("total"),
            pl.len().cast(pl.Int64).alias("days"),
            pl.col(VERSION).last().alias("last_version"),
            pl.col(PROVIDER).last().alias("provider"),
            pl.col(PLAN_NAME).last().alias("plan_name"),
        )
        .collect()
        .to_dicts()
    )


def saas_costs(
    daily: pl.LazyFrame,
    plans: Iterable[Plan],
    *,
    end: dt.date,
    providers: Sequence[str] = (),
    currency: str = "",
) -> SaasCosts:
    """Costs of the plans in ``daily`` (rows of the range) plus plans in force on ``end``.

    ``daily`` must already hold only the range's rows of the wanted providers and currency;
    ``providers`` (lower-case ids) and ``currency`` select the plans in force on ``end``.
    """
    by_id = {p.subscription_id: p for p in plans}
    entries: dict[tuple[str, str], SaasPlanCost] = {}
    for r in _sums(daily):
        sub, cur = str(r[SUBSCRIPTION]), str(r[CURRENCY])
        total = r["total"] if isinstance(r["total"], Decimal) else ZERO
        days = r["days"] if isinstance(r["days"], int) else 0
        plan = by_id.get(sub)
        last = _version(plan, r["last_version"]) if plan else None
        entries[(sub, cur)] = SaasPlanCost(
            subscription_id=sub,
            provider=last.provider if last else str(r["provider"]),
            plan_name=last.plan_name if last else str(r["plan_name"]),
            display_name=last.display_name if last else str(r["plan_name"]),
            currency=cur,
            total=total,
            days_charged=days,
            daily_run_rate=ZERO,
            monthly_run_rate=ZERO,
            annual_run_rate=ZERO,
            seats=last.terms.seats if last else 0,
            pricing_model=last.terms.pricing_model.value if last else "",
            billing_cycle=last.terms.billing_cycle.value if last else "",
            status=plan.current(end).status.value if plan else "",
            category=last.category if last else "",
        )
    for plan in by_id.values():
        view = in_force(plan, end)
        if view is None:
            continue
        v = view.version
        t = v.terms
        if (providers and v.provider not in providers) or (currency and t.currency != currency):
            continue
        found = entries.get((plan.subscription_id, t.currency))
        today = amortize(t, plan.anchor, end, end)
        entries[(plan.subscription_id, t.currency)] = SaasPlanCost(
            subscription_id=plan.subscription_id,
            provider=v.provider,
            plan_name=v.plan_name,
            display_name=v.display_name,
            currency=t.currency,
            total=found.total if found else ZERO,
            days_charged=found.days_charged if found else 0,
            daily_run_rate=today[0].effective if today else ZERO,
            monthly_run_rate=t.monthly_cost,
            annual_run_rate=t.annual_cost,
            seats=t.seats,
            pricing_model=t.pricing_model.value,
            billing_cycle=t.billing_cycle.value,
            status=view.status.value,
            category=v.category,
        )
    ordered = sorted(
        entries.values(),
        key=lambda c: (-c.total, c.currency, c.provider, c.plan_name, c.subscription_id),
    )
    return SaasCosts(tuple(ordered), _totals(ordered))


def _version(plan: Plan, number: object) -> PlanVersion | None:
    return next((v for v in plan.versions if v.version == number), None)


def _totals(plans: Sequence[SaasPlanCost]) -> tuple[SaasRunRateTotal, ...]:
    acc: dict[str, list[Decimal]] = {}
    counts: dict[str, int] = {}
    for c in plans:
        sums = acc.setdefault(c.currency, [ZERO, ZERO, ZERO, ZERO])
        for i, amount in enumerate(
            (c.total, c.daily_run_rate, c.monthly_run_rate, c.annual_run_rate)
        ):
            sums[i] += amount
        counts[c.currency] = counts.get(c.currency, 0) + 1
    return tuple(
        SaasRunRateTotal(cur, s[0], s[1], s[2], s[3], counts[cur]) for cur, s in sorted(acc.items())
    )

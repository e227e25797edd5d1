"""Daily amortized cost rows of a plan: FOCUS rows in the org's cost table, plus daily facts.

Every change to a plan recomputes all of that plan's rows (delete, then insert) under a lock per
plan, so a superseded version keeps the costs of the days it covered and no day is counted twice.
The daily facts are deleted first and inserted last: a rewrite cut off midway leaves them short
of ``last_costed_day`` or of the plan's latest version, and one that never started after an end
leaves them reaching past the plan's last day; the catch-up repairs both.
Open-ended versions are costed through the end of the billing cycle that holds today; when today
moves into a later cycle, the catch-up (``PlanCosts.catch_up``: run by plan writes
and by the daily step, never by a cost read) finds plans whose written rows stop short of
``last_costed_day`` and recomputes them. Before and after every rewrite the ``CostsChanged``
listener is told the days it touches, so neither the daily rollup nor cached results go stale.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal

from cloudact_grpc.domain.clock import Clock
from cloudact_grpc.domain.cost_events import CostsChanged, DayRange
from cloudact_grpc.domain.saas.amortization import (
    ONE_DAY,
    DailyAmount,
    amortize,
    cycle_containing,
)
from cloudact_grpc.domain.saas.catalog import Provider, focus_category
from cloudact_grpc.domain.saas.plans import Plan, PlanVersion
from cloudact_grpc.domain.saas.terms import PricingModel
from cloudact_grpc.ports.warehouse import Eq, Warehouse
from cloudact_grpc.services.orgs import tables

FOCUS_TABLE = tables.FOCUS_COSTS
DAILY_TABLE = tables.SAAS_DAILY_COSTS
SOURCE = "saas_subscription"


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def plan_amounts(plan: Plan, today: dt.date) -> list[tuple[PlanVersion, DailyAmount]]:
    """Every costed day of every version of ``plan``, oldest first."""
    out: list[tuple[PlanVersion, DailyAmount]] = []
    for view in plan.views(today):
        v = view.version
        if view.void or today < plan.anchor:
            continue
        horizon = cycle_containing(plan.anchor, v.terms.billing_cycle.months, today).last
        last = min(view.end_date or horizon, horizon)
        out.extend((v, d) for d in amortize(v.terms, plan.anchor, v.start_date, last))
    return out


def last_costed_day(plan: Plan, today: dt.date) -> tuple[dt.date, int] | None:
    """The last day and latest version ``CostWriter.recompute`` on ``today`` writes rows of."""
    amounts = plan_amounts(plan, today)
    costed = [(v, d) for v, d in amounts if d.billed or d.effective or d.list_cost]
    if not costed:
        return None
    return max(d.day for _, d in costed), max(v.version for v, _ in costed)


def focus_row(
    org_slug: str, provider: Provider, v: PlanVersion, d: DailyAmount, now: dt.datetime
) -> dict[str, object]:
    """One FOCUS 1.2 row of one day of one version."""
    t = v.terms
    service_category, subcategory = focus_category(v.category)
    per_seat = t.pricing_model is PricingModel.PER_SEAT
    contracted_unit = t.unit_price * (Decimal(100) - t.discount_percent) / Decimal(100)
    return {
        "BillingAccountId": org_slug,
        "BillingAccountName": org_slug,
        "SubAccountId": org_slug,
        "SubAccountName": org_slug,
        "BilledCost": d.billed,
        "EffectiveCost": d.effective,
        "ListCost": d.list_cost,
        "ContractedCost": d.effective,
        "BillingCurrency": t.currency,
        "BillingPeriodStart": _midnight(d.cycle.first),
        "BillingPeriodEnd": _midnight(d.cycle.last + ONE_DAY),
        "ChargePeriodStart": _midnight(d.day),
        "ChargePeriodEnd": _midnight(d.day + ONE_DAY),
        "ChargeCategory": "Purchase",
        "ChargeClass": None,
        "ChargeFrequency": "Recurring",
        "ChargeDescription": f"{v.display_name} ({v.plan_name}) v{v.version}",
        "ProviderName": provider.display_name,
        "PublisherName": provider.display_name,
        "InvoiceIssuerName": provider.display_name,
        "ServiceName": v.display_name,
        "ServiceCategory": service_category,
        "ServiceSubcategory": subcategory,
        "ResourceId": v.subscription_id,
        "ResourceName": v.display_name,
        "ResourceType": "SaaS Subscription",
        "SkuId": f"{v.provider}:{v.plan_name}",
        "ListUnitPrice": t.unit_price,
        "ContractedUnitPrice": contracted_unit.quantize(Decimal("1e-9")),
        "ConsumedQuantity": Decimal(t.quantity),
        "ConsumedUnit": "Seat" if per_seat else "Subscription",
        "PricingQuantity": Decimal(t.quantity),
        "PricingUnit": "Seat" if per_seat else "Subscription",
        "PricingCategory": "Standard",
        "Tags": {k: x for k, x in (("department", v.department), ("owner", v.owner_email)) if x},
        "x_charge_date": d.day,
        "x_source": SOURCE,
        "x_source_record_id": f"{v.subscription_id}:v{v.version}:{d.day.isoformat()}",
        "x_plan_id": v.subscription_id,
        "x_plan_version": v.version,
        "x_ingested_at": now,
    }


def daily_row(v: PlanVersion, d: DailyAmount, now: dt.datetime) -> dict[str, object]:
    """One ``saas_subscription_plan_costs_daily`` row (run rates are the plan's, not summed)."""
    t = v.terms
    return {
        "subscription_id": v.subscription_id,
        "plan_version": v.version,
        "provider": v.provider,
        "plan_name": v.plan_name,
        "cost_date": d.day,
        "billing_cycle": t.billing_cycle.value,
        "currency": t.currency,
        "seats": t.seats,
        "pricing_model": t.pricing_model.stored,
        "cycle_cost": t.billed(t.cycle_cost),
        "daily_cost": d.effective,
        "monthly_run_rate": t.monthly_cost.quantize(Decimal("1e-9")),
        "annual_run_rate": t.annual_cost.quantize(Decimal("1e-9")),
        "source": SOURCE,
        "run_date": now.date(),
        "updated_at": now,
    }


class CostWriter:
    """Rewrites a plan's cost rows in an org dataset."""

    def __init__(
        self, warehouse: Warehouse, clock: Clock, listener: CostsChanged | None = None
    ) -> None:
        self._warehouse = warehouse
        self._clock = clock
        self._listener = listener
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._guard = threading.Lock()

    @contextmanager
    def _lock(self, dataset: str, subscription_id: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault((dataset, subscription_id), threading.Lock())
        with lock:
            yield

    def recompute(
        self, dataset: str, org_slug: str, provider: Provider, sub_id: str, load: Callable[[], Plan]
    ) -> int:
        """Replace every cost row of the plan ``load`` reads (under the plan's lock).

        The listener hears of the days written before and after (old and new rows); returns
        the number of days written.
        """
        with self._lock(dataset, sub_id):
            now = self._clock.now()
            amounts = [
                (v, d)
                for v, d in plan_amounts(load(), now.date())
                if d.billed or d.effective or d.list_cost
            ]
            old = self._warehouse.select(
                dataset, DAILY_TABLE, [Eq("subscription_id", sub_id)], columns=["cost_date"]
            )
            days = DayRange.spanning(
                [d for r in old if isinstance(d := r["cost_date"], dt.date)]
                + [d.day for _, d in amounts]
            )
            self._tell(org_slug, days)
            # The daily facts are the commit marker: deleted first, written last, so a rewrite
            # cut off at any step leaves them short (or old) and the catch-up redoes it.
            self._warehouse.delete(dataset, DAILY_TABLE, [Eq("subscription_id", sub_id)])
            self._warehouse.delete(
                dataset, FOCUS_TABLE, [Eq("x_plan_id", sub_id), Eq("x_source", SOURCE)]
            )
            if amounts:
                self._warehouse.insert_rows(
                    dataset,
                    FOCUS_TABLE,
                    [focus_row(org_slug, provider, v, d, now) for v, d in amounts],
                )
                self._warehouse.insert_rows(
                    dataset, DAILY_TABLE, [daily_row(v, d, now) for v, d in amounts]
                )
            self._tell(org_slug, days)
        return len(amounts)

    def _tell(self, org_slug: str, days: DayRange | None) -> None:
        if self._listener is not None and days is not None:
            self._listener.costs_changed(org_slug, days)

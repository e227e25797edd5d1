"""Property tests of the amortizer: exact cycle sums, no double-counted days, no leaks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections import defaultdict
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cloudact_grpc.domain.saas.amortization import (
    add_months,
    allocate,
    amortize,
    cycle_at,
    cycles_between,
)
from cloudact_grpc.domain.saas.plans import Plan, PlanVersion
from cloudact_grpc.domain.saas.terms import BillingCycle, PricingModel, PricingTerms
from cloudact_grpc.services.saas.costs import last_costed_day, plan_amounts
from cloudact_grpc.services.saas.freshness import behind

NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
# Month ends and leap days are where calendar arithmetic breaks.
EDGE_DAYS = st.sampled_from(
    [dt.date(2024, 2, 29), dt.date(2024, 1, 31), dt.date(2023, 1, 31), dt.date(2024, 12, 31),
     dt.date(2023, 2, 28), dt.date(2100, 2, 28), dt.date(2000, 2, 29), dt.date(2024, 8, 30)]
)  # fmt: skip
DAYS = st.one_of(EDGE_DAYS, st.dates(dt.date(1999, 1, 1), dt.date(2101, 12, 31)))
PRICES = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False)
ODD_PRICES = st.decimals(min_value=0, max_value=1000, places=9, allow_nan=False)


@st.composite
def terms(draw: st.DrawFn) -> PricingTerms:
    return PricingTerms(
        billing_cycle=draw(st.sampled_from(list(BillingCycle))),
        pricing_model=draw(st.sampled_from(list(PricingModel))),
        unit_price=draw(st.one_of(PRICES, ODD_PRICES)),
        seats=draw(st.integers(0, 5000)),
        discount_percent=draw(st.decimals(min_value=0, max_value=100, places=3)),
        currency=draw(st.sampled_from(["USD", "EUR", "JPY"])),
    )


@pytest.mark.slow
@given(terms(), DAYS, st.integers(0, 40))
@settings(max_examples=300)
def test_every_full_cycle_sums_to_its_price_exactly(
    t: PricingTerms, anchor: dt.date, n: int
) -> None:
    months = t.billing_cycle.months
    last = cycle_at(anchor, months, n % 8).last
    rows = amortize(t, anchor, anchor, last)
    by_cycle: dict[dt.date, list[Decimal]] = defaultdict(list)
    billed: dict[dt.date, Decimal] = defaultdict(Decimal)
    for r in rows:
        by_cycle[r.cycle.first].append(r.effective)
        billed[r.cycle.first] += r.billed
        assert r.billed == 0 or r.day == r.cycle.first  # billed on the billing day only
    price = t.billed(t.cycle_cost)
    assert len(by_cycle) == n % 8 + 1
    for start, amounts in by_cycle.items():
        assert sum(amounts, Decimal(0)) == price
        assert billed[start] == price
        assert max(amounts) - min(amounts) <= Decimal("0.01") if t.currency != "JPY" else True
    assert [r.day for r in rows] == [anchor + dt.timedelta(days=i) for i in range(len(rows))]


@given(st.decimals(min_value=0, max_value=10**9, places=0), st.integers(1, 400))
def test_allocate_is_exact_and_even(cents: Decimal, days: int) -> None:
    unit = Decimal("0.01")
    parts = allocate(cents * unit, days, unit)
    assert len(parts) == days
    assert sum(parts, Decimal(0)) == cents * unit
    assert max(parts) - min(parts) <= unit
    assert parts == sorted(parts, reverse=True)  # remainder cents go to the first days


@given(DAYS, st.integers(0, 600), st.sampled_from([1, 3, 12]))
def test_cycles_tile_the_calendar(anchor: dt.date, k: int, months: int) -> None:
    a, b = cycle_at(anchor, months, k), cycle_at(anchor, months, k + 1)
    assert b.first == a.last + dt.timedelta(days=1)
    assert a.days >= 28 * months - 3
    assert add_months(anchor, 12).month == anchor.month


@given(DAYS, st.integers(0, 800), st.integers(0, 800))
def test_cycles_between_cover_the_range(anchor: dt.date, off: int, span: int) -> None:
    first = anchor + dt.timedelta(days=off)
    last = first + dt.timedelta(days=span)
    cycles = list(cycles_between(anchor, 1, first, last))
    assert cycles[0].first <= first <= cycles[0].last
    assert cycles[-1].first <= last <= cycles[-1].last
    for x, y in itertools.pairwise(cycles):
        assert y.first == x.last + dt.timedelta(days=1)


def _version(
    n: int, start: dt.date, end: dt.date | None, t: PricingTerms, cancelled: bool = False
) -> PlanVersion:
    return PlanVersion(
        subscription_id="sub_x", version=n, provider="slack", plan_name="PRO", plan_type="",
        display_name="Slack Pro", category="communication", terms=t, start_date=start,
        end_date=end, cancelled=cancelled, owner_email="", department="", renewal_date=None,
        notes="", etag=str(n), created_at=NOW, updated_at=NOW,
    )  # fmt: skip


@pytest.mark.slow
@given(
    DAYS,
    st.lists(st.integers(1, 400), min_size=1, max_size=5),
    st.lists(terms(), min_size=6, max_size=6),
    st.one_of(st.none(), st.integers(0, 2000)),
    st.integers(0, 2500),
    st.integers(0, 800),
)
@settings(max_examples=200, deadline=None)  # no timed asserts: a loaded machine is slow
def test_versions_never_overlap_or_leak(
    anchor: dt.date,
    gaps: list[int],
    ts: list[PricingTerms],
    cancel_after: int | None,
    today_after: int,
    ahead: int,
) -> None:
    starts = [anchor]
    for g in gaps:
        starts.append(starts[-1] + dt.timedelta(days=g))
    versions = [
        _version(
            i + 1, s, (starts[i + 1] - dt.timedelta(days=1)) if i + 1 < len(starts) else None, ts[i]
        )
        for i, s in enumerate(starts)
    ]
    if cancel_after is not None:
        last = versions[-1]
        cancel = anchor + dt.timedelta(days=cancel_after)
        versions[-1] = _version(last.version, last.start_date, cancel, last.terms, True)
    plan = Plan.of(versions)
    today = anchor + dt.timedelta(days=today_after)
    seen: set[dt.date] = set()
    views = {v.version.version: v for v in plan.views(today)}
    for v, d in plan_amounts(plan, today):
        assert d.day not in seen
        seen.add(d.day)
        view = views[v.version]
        assert v.start_date <= d.day
        assert view.end_date is None or d.day <= view.end_date
        if cancel_after is not None:
            assert d.day <= anchor + dt.timedelta(days=cancel_after)
    # Rows written on today's clock or one ahead are never behind; an end's old rows are.
    for clock in (today, today + dt.timedelta(days=ahead)):
        assert not behind(plan, today, last_costed_day(plan, clock))
    if cancel_after is not None:
        uncancelled = Plan.of(
            [*versions[:-1], dataclasses.replace(versions[-1], end_date=None, cancelled=False)]
        )
        before = last_costed_day(uncancelled, today)
        assert behind(plan, today, before) == (before != last_costed_day(plan, today))


def test_leap_year_annual_and_month_end_monthly() -> None:
    annual = PricingTerms(
        BillingCycle.ANNUAL, PricingModel.FLAT, Decimal("1000"), 0, Decimal(0), "USD"
    )
    rows = amortize(annual, dt.date(2024, 1, 1), dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert len(rows) == 366
    assert sum((r.effective for r in rows), Decimal(0)) == Decimal("1000.00")
    assert rows[0].billed == Decimal("1000.00")
    monthly = PricingTerms(
        BillingCycle.MONTHLY, PricingModel.PER_SEAT, Decimal("10"), 3, Decimal(0), "USD"
    )
    rows = amortize(monthly, dt.date(2024, 1, 31), dt.date(2024, 1, 31), dt.date(2024, 3, 30))
    assert [r.day for r in rows if r.billed] == [dt.date(2024, 1, 31), dt.date(2024, 2, 29)]
    assert rows[-1].cycle.last == dt.date(2024, 3, 30)


def test_partial_cycle_is_billed_its_days() -> None:
    t = PricingTerms(
        BillingCycle.MONTHLY, PricingModel.PER_SEAT, Decimal("25"), 10, Decimal(0), "USD"
    )
    rows = amortize(t, dt.date(2025, 1, 1), dt.date(2025, 1, 1), dt.date(2025, 1, 10))
    assert rows[0].billed == sum((r.effective for r in rows), Decimal(0))
    assert rows[0].billed < Decimal("250")

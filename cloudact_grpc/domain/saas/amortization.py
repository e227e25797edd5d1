"""Exact amortization: each billing cycle's price spread over the days it covers.

A plan's cycles are anchored on its first day (a billing day on the 31st falls on the last day of
shorter months). Each cycle's price is rounded once to the currency's minor unit, then split into
whole minor units per day; the remainder goes one unit each to the cycle's first days, so the days
of a full cycle add up to the cycle price exactly. A version that covers only part of a cycle gets
exactly the days it covers, and is billed their sum on its first day in that cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from cloudact_grpc.domain.days import ONE_DAY, DayRange, add_months
from cloudact_grpc.domain.saas.terms import PricingTerms, minor_unit

# ONE_DAY and add_months are re-exported for the SaaS modules that take them from here.
__all__ = [
    "ONE_DAY",
    "DailyAmount",
    "add_months",
    "allocate",
    "amortize",
    "cycle_at",
    "cycle_containing",
    "cycles_between",
]


@dataclass(frozen=True, slots=True)
class DailyAmount:
    """One day of one version: billed (cash) and effective (amortized) amounts."""

    day: dt.date
    billed: Decimal
    effective: Decimal
    list_cost: Decimal
    cycle: DayRange


def cycle_at(anchor: dt.date, months: int, k: int) -> DayRange:
    """The ``k``-th billing cycle (from 0) of ``months`` months anchored on ``anchor``."""
    return DayRange(add_months(anchor, k * months), add_months(anchor, (k + 1) * months) - ONE_DAY)


def cycles_between(
    anchor: dt.date, months: int, first: dt.date, last: dt.date
) -> Iterator[DayRange]:
    """Every cycle that overlaps ``first``..``last`` (``anchor`` <= ``first``)."""
    if first < anchor:
        raise ValueError("amortization range starts before the billing anchor")
    elapsed = (first.year - anchor.year) * 12 + first.month - anchor.month
    k = max(0, elapsed // months - 1)
    cycle = cycle_at(anchor, months, k)
    while cycle.first <= last:
        if cycle.last >= first:
            yield cycle
        k += 1
        cycle = cycle_at(anchor, months, k)


def cycle_containing(anchor: dt.date, months: int, day: dt.date) -> DayRange:
    """The cycle that holds ``day`` (``anchor`` <= ``day``)."""
    return next(cycles_between(anchor, months, day, day))


def allocate(total: Decimal, days: int, unit: Decimal) -> list[Decimal]:
    """Split ``total`` (a multiple of ``unit``) into ``days`` amounts of whole units.

    The first ``remainder`` days carry one unit more; the amounts add up to ``total`` exactly.
    """
    if days <= 0:
        raise ValueError("days must be positive")
    units = total / unit
    if units != units.to_integral_value() or units < 0:
        raise ValueError(f"{total} is not a non-negative multiple of {unit}")
    quotient, remainder = divmod(int(units), days)
    return [unit * (quotient + 1)] * remainder + [unit * quotient] * (days - remainder)


def amortize(
    terms: PricingTerms, anchor: dt.date, first: dt.date, last: dt.date
) -> list[DailyAmount]:
    """Daily amounts of ``terms`` for every day from ``first`` to ``last`` inclusive."""
    if last < first:
        return []
    unit = minor_unit(terms.currency)
    cycle_price = terms.billed(terms.cycle_cost)
    list_price = terms.billed(terms.list_cycle_cost)
    out: list[DailyAmount] = []
    for cycle in cycles_between(anchor, terms.billing_cycle.months, first, last):
        effective = allocate(cycle_price, cycle.days, unit)
        listed = allocate(list_price, cycle.days, unit)
        lo = (max(cycle.first, first) - cycle.first).days
        hi = (min(cycle.last, last) - cycle.first).days
        billed = sum(effective[lo : hi + 1], Decimal(0))
        for i in range(lo, hi + 1):
            out.append(
                DailyAmount(
                    day=cycle.first + dt.timedelta(days=i),
                    billed=billed if i == lo else Decimal(0),
                    effective=effective[i],
                    list_cost=listed[i],
                    cycle=cycle,
                )
            )
    return out

"""Anomalous days of one daily cost series, by a robust weekly baseline (exact Decimals).

For each examined day the baseline is the 28 days before it (zero-filled):

* expected = level x the day's weekday factor, where a weekday's factor is the median of that
  weekday over the 56 days before divided by the median of all 56 (1 when there are fewer than
  56 days or the median is 0), and the level is the median of the 28 days divided by their
  factors;
* spread = 1.4826 x the median absolute deviation of the 28 days from their own expected values,
  relative to those values (a robust standard deviation of multiplicative noise), at least 2%,
  times the day's expected cost;
* the day is anomalous when it lies more than ``k`` spreads from the expected cost (k = 5, 4 or
  3 for low, medium and high sensitivity) and the difference is at least ``min_impact``.

Medians keep one earlier spike from widening the band of the days after it, so a spike and a
drop in the same month are both found. Series with under 14 days of baseline are not judged.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

ZERO: Final = Decimal(0)
BASELINE_DAYS: Final = 28
PROFILE_DAYS: Final = 56
MIN_BASELINE: Final = 14
MAD_TO_SD: Final = Decimal("1.4826")
MIN_SPREAD: Final = Decimal("0.02")
SENSITIVITY: Final = {"low": Decimal(5), "medium": Decimal(4), "high": Decimal(3)}
DEFAULT_SENSITIVITY: Final = "medium"


@dataclass(frozen=True, slots=True)
class Finding:
    """One anomalous day of a series."""

    day: dt.date
    actual: Decimal
    expected: Decimal
    lower: Decimal
    upper: Decimal
    score: Decimal

    @property
    def impact(self) -> Decimal:
        """Actual minus expected."""
        return self.actual - self.expected

    @property
    def direction(self) -> str:
        """``spike`` or ``drop``."""
        return "spike" if self.impact > 0 else "drop"


def _median(values: list[Decimal]) -> Decimal:
    return statistics.median(values) if values else ZERO


def _window(daily: Mapping[dt.date, Decimal], last: dt.date, days: int) -> list[dt.date]:
    return [last - dt.timedelta(days=days - 1 - i) for i in range(days)]


def baseline(
    daily: Mapping[dt.date, Decimal], day: dt.date, first_seen: dt.date
) -> tuple[Decimal, Decimal] | None:
    """(expected, spread) of ``day`` from the days before it; None with too little history."""
    previous = day - dt.timedelta(days=1)
    if (previous - first_seen).days + 1 < MIN_BASELINE:
        return None
    base_days = [d for d in _window(daily, previous, BASELINE_DAYS) if d >= first_seen]
    factors = _factors(daily, previous, first_seen)
    # The level is the median of the weekday-adjusted days (a plain median would sit among the
    # lower weekdays, pulled down by the cheaper weekends).
    level = _median(
        [daily.get(d, ZERO) / factors[d.weekday()] for d in base_days if factors[d.weekday()]]
    )
    # Cost noise grows with the cost (a weekday moves more than a quiet Sunday): deviations
    # are taken relative to each day's expected cost, then scaled to this day's.
    deviations = []
    for d in base_days:
        expected_d = level * factors[d.weekday()]
        if expected_d:
            deviations.append(abs(daily.get(d, ZERO) - expected_d) / abs(expected_d))
    expected = level * factors[day.weekday()]
    relative = max(MAD_TO_SD * _median(deviations), MIN_SPREAD)
    return expected, relative * abs(expected)


def _factors(
    daily: Mapping[dt.date, Decimal], last: dt.date, first_seen: dt.date
) -> dict[int, Decimal]:
    days = _window(daily, last, PROFILE_DAYS)
    if days[0] < first_seen:
        return dict.fromkeys(range(7), Decimal(1))
    overall = _median([daily.get(d, ZERO) for d in days])
    if not overall:
        return dict.fromkeys(range(7), Decimal(1))
    return {
        wd: _median([daily.get(d, ZERO) for d in days if d.weekday() == wd]) / overall
        for wd in range(7)
    }


def findings(
    daily: Mapping[dt.date, Decimal],
    first: dt.date,
    last: dt.date,
    *,
    sensitivity: str,
    min_impact: Decimal,
) -> list[Finding]:
    """Anomalous days from ``first`` to ``last`` of a series (days without cost count as 0)."""
    if not daily:
        return []
    k = SENSITIVITY[sensitivity]
    first_seen = min(daily)
    out = []
    day = max(first, first_seen)
    while day <= last:
        band = baseline(daily, day, first_seen)
        if band is not None:
            expected, spread = band
            actual = daily.get(day, ZERO)
            distance = abs(actual - expected)
            if spread and distance > k * spread and distance >= min_impact:
                out.append(
                    Finding(
                        day,
                        actual,
                        expected,
                        max(expected - k * spread, ZERO),
                        expected + k * spread,
                        distance / spread,
                    )
                )
        day += dt.timedelta(days=1)
    return out

"""Daily cost forecast with an 80% interval, in exact Decimals.

The method (chosen over statsforecast, see README "Budgets"): a weekly profile.

* ``weekday_profile`` (at least 28 days of history): the level is the mean of the last 28 days,
  each weekday's factor is its mean over the last (up to) 8 weeks divided by the overall mean of
  those weeks; a day's forecast is level x factor. The spread is the standard deviation of the
  last 28 days' residuals against that profile.
* ``level`` (7 to 27 days): the mean of the history with its standard deviation; no weekday
  pattern is claimed from fewer than four weeks.
* ``none`` (under 7 days): no forecast; the caller reports the spend so far.

Daily intervals are mean +/- z*sd (z = 1.2816 for 80%, lower bound not below 0 when the history
has no negative day). The interval of a sum of ``h`` days adds the daily noise (sd^2*h) and the
uncertainty of the level estimated from ``n`` days ((sd*h)^2/n).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

ZERO: Final = Decimal(0)
Z80: Final = Decimal("1.2816")
INTERVAL_LEVEL: Final = Decimal(80)
LEVEL_DAYS: Final = 28
PROFILE_DAYS: Final = 56
MIN_LEVEL_DAYS: Final = 7
WEEKDAY_PROFILE, LEVEL, NONE = "weekday_profile", "level", "none"


@dataclass(frozen=True, slots=True)
class DayForecast:
    """Expected cost of one day and its interval."""

    day: dt.date
    mean: Decimal
    lower: Decimal
    upper: Decimal


@dataclass(frozen=True, slots=True)
class Forecast:
    """Forecast of the days after the history, and of their sum."""

    method: str
    history_days: int
    days: tuple[DayForecast, ...]
    total: Decimal
    total_lower: Decimal
    total_upper: Decimal


def _mean(values: Sequence[Decimal]) -> Decimal:
    return sum(values, ZERO) / len(values) if values else ZERO


def _sd(values: Sequence[Decimal]) -> Decimal:
    if len(values) < 2:
        return ZERO
    m = _mean(values)
    return (sum(((v - m) ** 2 for v in values), ZERO) / (len(values) - 1)).sqrt()


def history_window(daily: Mapping[dt.date, Decimal], as_of: dt.date) -> list[Decimal]:
    """Zero-filled daily amounts from the first day with cost (56 days back at most) to as_of."""
    earliest = as_of - dt.timedelta(days=PROFILE_DAYS - 1)
    known = [d for d in daily if earliest <= d <= as_of]
    if not known:
        return []
    first = min(known)
    span = (as_of - first).days + 1
    return [daily.get(first + dt.timedelta(days=i), ZERO) for i in range(span)]


def forecast(
    daily: Mapping[dt.date, Decimal], as_of: dt.date, horizon: Sequence[dt.date]
) -> Forecast:
    """Forecast ``horizon`` (days after ``as_of``) from the daily amounts up to ``as_of``."""
    history = history_window(daily, as_of)
    n = len(history)
    if n < MIN_LEVEL_DAYS or not horizon:
        return Forecast(NONE, n, (), ZERO, ZERO, ZERO)
    floor = ZERO if min(history) >= 0 else None
    if n >= LEVEL_DAYS:
        method, means, sigma, n_level = _profile(history, as_of, horizon)
    else:
        level = _mean(history)
        method, means, sigma, n_level = LEVEL, [level] * len(horizon), _sd(history), n
    days = tuple(
        DayForecast(d, m, _floor(m - Z80 * sigma, floor), m + Z80 * sigma)
        for d, m in zip(horizon, means, strict=True)
    )
    h = Decimal(len(horizon))
    total = sum(means, ZERO)
    spread = Z80 * (sigma * sigma * h + (sigma * h) ** 2 / n_level).sqrt()
    return Forecast(method, n, days, total, _floor(total - spread, floor), total + spread)


def _floor(value: Decimal, floor: Decimal | None) -> Decimal:
    return value if floor is None else max(value, floor)


def _profile(
    history: Sequence[Decimal], as_of: dt.date, horizon: Sequence[dt.date]
) -> tuple[str, list[Decimal], Decimal, int]:
    """Weekday profile forecast: (method, daily means, residual sd, days behind the level)."""
    n = len(history)
    first = as_of - dt.timedelta(days=n - 1)
    weeks = (n // 7) * 7  # whole weeks only, so every weekday weighs the same
    profile_days = [(first + dt.timedelta(days=i), history[i]) for i in range(n - weeks, n)]
    overall = _mean([v for _, v in profile_days])
    factors: dict[int, Decimal] = {}
    for wd in range(7):
        values = [v for d, v in profile_days if d.weekday() == wd]
        factors[wd] = _mean(values) / overall if overall else Decimal(1)
    recent = history[-LEVEL_DAYS:]
    level = _mean(recent)
    residuals = [
        v - level * factors[(as_of - dt.timedelta(days=LEVEL_DAYS - 1 - i)).weekday()]
        for i, v in enumerate(recent)
    ]
    sigma = _sd(residuals)
    return WEEKDAY_PROFILE, [level * factors[d.weekday()] for d in horizon], sigma, LEVEL_DAYS

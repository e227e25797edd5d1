"""A budget's status in one period: spend to date, forecast with an interval, thresholds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from cloudact_grpc.domain.days import ONE_DAY, DayRange
from cloudact_grpc.services.budgets import forecast as fc
from cloudact_grpc.services.budgets.model import ACTUAL, Budget
from cloudact_grpc.services.budgets.periods import clamp_to_span

ZERO = Decimal(0)
HUNDRED = Decimal(100)
COMPLETE = "complete"


@dataclass(frozen=True, slots=True)
class ThresholdState:
    """One threshold, the amount it stands for and whether its basis reached it."""

    percent: Decimal
    basis: str
    amount: Decimal
    crossed: bool


@dataclass(frozen=True, slots=True)
class BudgetStatus:
    """Everything GetBudgetStatus reports (exact Decimals; rounding is the edge's job)."""

    budget: Budget
    period: DayRange
    as_of: dt.date
    spent: Decimal
    forecast: fc.Forecast
    forecast_total: Decimal
    forecast_lower: Decimal
    forecast_upper: Decimal
    method: str
    thresholds: tuple[ThresholdState, ...]
    other_currencies: tuple[tuple[str, Decimal], ...]

    @property
    def remaining(self) -> Decimal:
        """Amount minus spent."""
        return self.budget.amount - self.spent

    @property
    def percent_used(self) -> Decimal:
        """Spent as a percent of the amount."""
        return percent(self.spent, self.budget.amount)

    @property
    def forecast_percent(self) -> Decimal:
        """Forecast total as a percent of the amount."""
        return percent(self.forecast_total, self.budget.amount)

    @property
    def is_over_budget(self) -> bool:
        """Spent above the amount."""
        return self.spent > self.budget.amount


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """``part`` as a percent of ``whole`` (0 when whole is 0)."""
    return part * HUNDRED / whole if whole else ZERO


def period_for(budget: Budget, as_of: dt.date) -> DayRange:
    """The budget's period holding ``as_of`` (its first or last period outside its span)."""
    day = clamp_to_span(budget.period_start, budget.period_end, as_of)
    period = budget.period(day)
    if period is None:  # pragma: no cover - a clamped day is always inside the span
        raise ValueError("day outside the budget span")
    return period


def read_range(budget: Budget, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """Days of cost the status of ``as_of`` needs: the period so far and the forecast history."""
    period = period_for(budget, as_of)
    last = min(as_of, period.last)
    history_from = as_of - dt.timedelta(days=fc.PROFILE_DAYS - 1)
    return min(period.first, history_from), max(last, period.first)


def compute(
    budget: Budget, spend: Mapping[str, Mapping[dt.date, Decimal]], as_of: dt.date
) -> BudgetStatus:
    """Status for the period holding ``as_of`` from daily spend per currency."""
    period = period_for(budget, as_of)
    daily = spend.get(budget.currency, {})
    counted = (period.first, min(as_of, period.last))

    def in_period(day: dt.date) -> bool:
        return counted[0] <= day <= counted[1]

    spent = sum((v for d, v in daily.items() if in_period(d)), ZERO)
    others = tuple(
        sorted(
            (cur, total)
            for cur, days in spend.items()
            if cur != budget.currency
            and (total := sum((v for d, v in days.items() if in_period(d)), ZERO))
        )
    )
    first_left = max(as_of + ONE_DAY, period.first)
    horizon = [
        first_left + dt.timedelta(days=i) for i in range((period.last - first_left).days + 1)
    ]
    forecast = fc.forecast(daily, as_of, horizon)
    if not horizon:
        method, total, lower, upper = COMPLETE, spent, spent, spent
    elif forecast.method == fc.NONE:
        method, total, lower, upper = fc.NONE, spent, spent, spent
    else:
        method = forecast.method
        total = spent + forecast.total
        lower, upper = spent + forecast.total_lower, spent + forecast.total_upper
    states = []
    for t in budget.thresholds:
        amount = budget.amount * t.percent / HUNDRED
        reached = spent if t.basis == ACTUAL else total
        crossed = reached >= amount and (t.basis == ACTUAL or method != fc.NONE)
        states.append(ThresholdState(t.percent, t.basis, amount, crossed))
    return BudgetStatus(
        budget=budget,
        period=period,
        as_of=as_of,
        spent=spent,
        forecast=forecast,
        forecast_total=total,
        forecast_lower=lower,
        forecast_upper=upper,
        method=method,
        thresholds=tuple(states),
        other_currencies=others,
    )

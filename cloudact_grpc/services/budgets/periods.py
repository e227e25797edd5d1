"""Budget periods: recurring (monthly, quarterly, yearly from an anchor day) or custom."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

ONE_DAY = dt.timedelta(days=1)


class PeriodType(StrEnum):
    """How a budget's periods are laid out."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    CUSTOM = "custom"

    @property
    def months(self) -> int:
        """Months one period covers (0 for custom)."""
        return {"monthly": 1, "quarterly": 3, "yearly": 12, "custom": 0}[self.value]

    @classmethod
    def parse(cls, raw: str) -> PeriodType | None:
        """The type named by ``raw`` (``annual``/``annually`` accepted), None when unknown."""
        value = raw.strip().lower()
        value = {"annual": "yearly", "annually": "yearly", "year": "yearly"}.get(value, value)
        try:
            return cls(value)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Period:
    """Days ``first`` to ``last``, both included."""

    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        """Number of days."""
        return (self.last - self.first).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first <= day <= self.last


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months (the day of month must be at most 28)."""
    index = day.year * 12 + day.month - 1 + months
    return day.replace(year=index // 12, month=index % 12 + 1)


def period_holding(
    kind: PeriodType, start: dt.date, end: dt.date | None, day: dt.date
) -> Period | None:
    """The period of a budget (first day ``start``, last covered day ``end``) holding ``day``.

    Recurring periods run from ``start`` in steps of ``kind.months``; the last one is cut at
    ``end``. None when ``day`` is outside every period.
    """
    if day < start or (end is not None and day > end):
        return None
    if kind is PeriodType.CUSTOM:
        return Period(start, end or start)
    step = kind.months
    elapsed = (day.year - start.year) * 12 + day.month - start.month
    index = elapsed // step
    first = add_months(start, index * step)
    if first > day:
        first = add_months(start, (index - 1) * step)
    last = add_months(first, step) - ONE_DAY
    if end is not None:
        last = min(last, end)
    return Period(first, last)


def clamp_to_span(start: dt.date, end: dt.date | None, day: dt.date) -> dt.date:
    """``day`` moved into ``[start, end]`` (a budget's span)."""
    if day < start:
        return start
    if end is not None and day > end:
        return end
    return day

"""Budget periods: recurring (monthly, quarterly, yearly from an anchor day) or custom."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from cloudact_grpc.domain.days import ONE_DAY, DayRange, add_months


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


def period_holding(
    kind: PeriodType, start: dt.date, end: dt.date | None, day: dt.date
) -> DayRange | None:
    """The period of a budget (first day ``start``, last covered day ``end``) holding ``day``.

    Recurring periods run from ``start`` in steps of ``kind.months``; the last one is cut at
    ``end``. None when ``day`` is outside every period.
    """
    if day < start or (end is not None and day > end):
        return None
    if kind is PeriodType.CUSTOM:
        return DayRange(start, end or start)
    step = kind.months
    elapsed = (day.year - start.year) * 12 + day.month - start.month
    index = elapsed // step
    first = add_months(start, index * step)
    if first > day:
        first = add_months(start, (index - 1) * step)
    last = add_months(first, step) - ONE_DAY
    if end is not None:
        last = min(last, end)
    return DayRange(first, last)


def clamp_to_span(start: dt.date, end: dt.date | None, day: dt.date) -> dt.date:
    """``day`` moved into ``[start, end]`` (a budget's span)."""
    if day < start:
        return start
    if end is not None and day > end:
        return end
    return day

"""Spans of whole days and calendar-month steps: billing cycles, budget periods, charge days."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

ONE_DAY: Final = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DayRange:
    """Days ``first`` to ``last``, both included."""

    first: dt.date
    last: dt.date

    @classmethod
    def spanning(cls, days: Iterable[dt.date]) -> DayRange | None:
        """The smallest range holding every day of ``days`` (None when there is none)."""
        seen = sorted(set(days))
        return cls(seen[0], seen[-1]) if seen else None

    @property
    def days(self) -> int:
        """Number of days."""
        return (self.last - self.first).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first <= day <= self.last


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months, clamped to the target month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))

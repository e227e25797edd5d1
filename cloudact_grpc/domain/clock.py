"""Time source, injectable so quota windows can be tested."""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    """Returns the current time (tz-aware UTC)."""

    def now(self) -> dt.datetime: ...


class SystemClock:
    """The real UTC clock."""

    def now(self) -> dt.datetime:
        """Current UTC time."""
        return dt.datetime.now(dt.UTC)


def utc_today(clock: Clock) -> dt.date:
    """Today by ``clock``, in UTC: the one "today" of quotas, cost windows and budgets."""
    return clock.now().astimezone(dt.UTC).date()

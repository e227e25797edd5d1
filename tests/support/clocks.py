"""A clock the test sets by hand."""

from __future__ import annotations

import datetime as dt


class FixedClock:
    """Returns ``at`` (tz-aware UTC) until the test moves it."""

    def __init__(self, now: dt.datetime) -> None:
        self.at = now

    def now(self) -> dt.datetime:
        """The time the test set."""
        return self.at

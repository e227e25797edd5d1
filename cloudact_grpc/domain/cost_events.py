"""Ports between cost writers and cost readers, so neither depends on the other's internals.

``CostsChanged``: told (before and after) a writer changes an org's cost rows, with the charge
days it touches (the costs service's ``CostChanges`` implements it: it drops the persisted daily
rollup of those days and the cached results; the SaaS cost writer and ingestion call it).
Reads never write cost rows: derived rows (SaaS plan costs) are brought up to date by their
writer's own catch-up step (``SaasPlanService.catch_up_costs``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class DayRange:
    """Charge days ``first`` to ``last``, both included."""

    first: dt.date
    last: dt.date

    @classmethod
    def spanning(cls, days: Iterable[dt.date]) -> DayRange | None:
        """The smallest range holding every day of ``days`` (None when there is none)."""
        seen = sorted(set(days))
        return cls(seen[0], seen[-1]) if seen else None


class CostsChanged(Protocol):
    """Listener told that an org's cost rows change."""

    def costs_changed(self, org_slug: str, days: DayRange | None = None) -> None:
        """Rows of ``org_slug`` charged on ``days`` (None: any day) change; forget derivations."""
        ...

"""Ports between cost writers and cost readers, so neither depends on the other's internals.

``CostsChanged``: told (before and after) a writer changes an org's cost rows, with the charge
days it touches (the costs service's ``CostChanges`` implements it: it drops the persisted daily
rollup of those days and the cached results; the SaaS cost writer and ingestion call it).
Reads never write cost rows: derived rows (SaaS plan costs) are brought up to date by their
writer's own catch-up step (``PlanCosts.catch_up``).
"""

from __future__ import annotations

from typing import Protocol

from cloudact_grpc.domain.days import DayRange

__all__ = ["CostsChanged", "DayRange"]  # DayRange re-exported: the cost ports speak of it


class CostsChanged(Protocol):
    """Listener told that an org's cost rows change."""

    def costs_changed(self, org_slug: str, days: DayRange | None = None) -> None:
        """Rows of ``org_slug`` charged on ``days`` (None: any day) change; forget derivations."""
        ...

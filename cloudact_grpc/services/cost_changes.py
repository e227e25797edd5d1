"""What happens when an org's cost rows change: the one ``CostsChanged`` implementation.

Writers (ingestion, the SaaS cost writer, the pipeline service through NotifyCostsChanged) call
it before and after they change rows; it forgets the persisted rollup of the touched days and
every cached result of the org.
"""

from __future__ import annotations

from cloudact_grpc.domain import identifiers
from cloudact_grpc.domain.cost_events import DayRange
from cloudact_grpc.services.cost_cache import CostCache
from cloudact_grpc.services.cost_rollup import CostRollup


class CostChanges:
    """``CostsChanged``: drops the rollup days a write touches, then the org's cached results."""

    def __init__(self, rollup: CostRollup, cache: CostCache, *, dataset_suffix: str) -> None:
        self.rollup = rollup
        self.cache = cache
        self._suffix = dataset_suffix

    def costs_changed(self, org_slug: str, days: DayRange | None = None) -> None:
        """Rows of ``org_slug`` charged on ``days`` (None: any day) change."""
        self.forget(org_slug, days)

    def forget(self, org_slug: str, days: DayRange | None = None) -> tuple[int, int]:
        """Like ``costs_changed``; returns (rollup days forgotten, cached results dropped)."""
        dataset = identifiers.org_dataset_id(org_slug, self._suffix)
        forgotten = self.rollup.invalidate(dataset, days)
        return forgotten, self.cache.invalidate(org_slug)

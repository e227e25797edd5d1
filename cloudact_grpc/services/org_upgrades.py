"""Existing org tables gain the columns a newer schema added, on the first write that needs them.

Start-up upgrades only the central tables: checking every org dataset there would make start-up
grow with the number of orgs. Instead a service that writes a per-org table calls
``OrgTableUpgrades.ensure`` first; the first call for a (dataset, table) in this process checks
the table once (one schema read) and adds the NULLABLE columns it lacks; later calls cost a set
lookup. Reads need nothing: a column a row lacks reads NULL.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import structlog

_log = structlog.get_logger(__name__)


class OrgTableUpgrades:
    """Once per process and org table: add the missing NULLABLE columns (``upgrade``)."""

    def __init__(self, upgrade: Callable[[str, str], bool]) -> None:
        self._upgrade = upgrade
        self._done: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def ensure(self, dataset: str, table: str) -> None:
        """Make ``dataset.table`` have every column of its schema (a no-op after the first)."""
        key = (dataset, table)
        if key in self._done:
            return
        with self._lock:
            if key in self._done:
                return
            if self._upgrade(dataset, table):
                _log.info("org table upgraded with new columns", dataset=dataset, table=table)
            self._done.add(key)


def no_upgrades() -> OrgTableUpgrades:
    """Upgrades that never change a table (services built without a bootstrap)."""
    return OrgTableUpgrades(lambda _dataset, _table: False)

"""Table schemas as read back from the warehouse, cached per adapter instance."""

from __future__ import annotations

import threading
from collections.abc import Callable

from cloudact_grpc.ports.warehouse import TableSchema


class SchemaCache:
    """Loads a table's schema once; ``forget`` when this process creates or drops tables."""

    def __init__(self, describe: Callable[[str, str], TableSchema]) -> None:
        self._describe = describe
        self._lock = threading.Lock()
        self._schemas: dict[tuple[str, str], TableSchema] = {}

    def get(self, dataset: str, table: str) -> TableSchema:
        """The cached schema, described on first use."""
        key = (dataset, table)
        with self._lock:
            cached = self._schemas.get(key)
        if cached is None:
            cached = self._describe(dataset, table)
            with self._lock:
                self._schemas[key] = cached
        return cached

    def forget(self, dataset: str, table: str | None = None) -> None:
        """Drop one table's entry, or every entry of ``dataset``."""
        with self._lock:
            for key in list(self._schemas):
                if key[0] == dataset and (table is None or key[1] == table):
                    del self._schemas[key]

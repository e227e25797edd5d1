"""Per-organization result cache for cost queries (LRU with a TTL, thread-safe).

Entries live in one bucket per org slug, so a lookup can only ever see the caller's org;
``invalidate(org)`` drops exactly that org's bucket (``CostChanges`` calls it whenever a writer
changes the org's cost rows). A result computed while an invalidation ran is returned but not
stored (per-org generation counter).

With a ``shared`` store (several replicas) each entry also carries the org's shared version
counter ``costs:<org>``, read on every lookup and bumped by ``invalidate``: a write through any
replica is seen by every replica's next read. While the store does not answer nothing is cached
(results are computed, never served stale).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar, cast

from cloudact_grpc.ports.shared_state import SharedState, SharedStateDown

_T = TypeVar("_T")


class CostCache:
    """LRU of at most ``max_entries`` results per org, each kept ``ttl_seconds``."""

    def __init__(
        self,
        *,
        max_entries: int = 256,
        ttl_seconds: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
        shared: SharedState | None = None,
    ) -> None:
        self._shared = shared
        self._max = max_entries
        self._ttl = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, OrderedDict[Hashable, tuple[float, int, object]]] = {}
        self._generation: dict[str, int] = {}
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, org: str, key: Hashable, compute: Callable[[], _T]) -> _T:
        """The cached value of ``(org, key)``, computing and storing it on a miss."""
        version = self._version(org)
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(org)
            entry = bucket.get(key) if bucket is not None else None
            if bucket is not None and entry is not None and entry[0] > now and entry[1] == version:
                bucket.move_to_end(key)
                self.hits += 1
                return cast(_T, entry[2])
            self.misses += 1
            generation = self._generation.get(org, 0)
        value = compute()
        if version is None:
            return value
        with self._lock:
            if self._generation.get(org, 0) == generation:
                bucket = self._buckets.setdefault(org, OrderedDict())
                bucket[key] = (self._clock() + self._ttl, version, value)
                bucket.move_to_end(key)
                while len(bucket) > self._max:
                    bucket.popitem(last=False)
        return value

    def invalidate(self, org: str) -> int:
        """Drop every cached result of ``org`` (every replica's); how many were here."""
        if self._shared is not None:
            with contextlib.suppress(SharedStateDown):  # then no replica caches: see above
                self._shared.bump(f"costs:{org}")
        return self.drop(org)

    def _version(self, org: str) -> int | None:
        """The org's shared version (0 in one process); None while the store is down."""
        if self._shared is None:
            return 0
        try:
            return self._shared.version(f"costs:{org}")
        except SharedStateDown:
            return None

    def drop(self, org: str) -> int:
        """Drop ``org``'s cached results in this process only; how many were dropped."""
        with self._lock:
            self._generation[org] = self._generation.get(org, 0) + 1
            bucket = self._buckets.pop(org, None)
            return len(bucket) if bucket else 0

    def clear(self) -> None:
        """Drop every org's results (notices may have been missed)."""
        with self._lock:
            for org in list(self._buckets):
                self._generation[org] = self._generation.get(org, 0) + 1
            self._buckets.clear()

    def size(self, org: str) -> int:
        """Entries cached for ``org`` (expired ones included until evicted)."""
        with self._lock:
            return len(self._buckets.get(org, ()))

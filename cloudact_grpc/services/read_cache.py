"""A small per-process read cache: entries expire after a TTL and are dropped on writes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

_V = TypeVar("_V")


class ReadCache(Generic[_V]):
    """Caches values by key; ``invalidate`` on every write keeps this process exact.

    ``on_invalidate(key)`` tells the other replicas (change notices through the shared store);
    they ``drop`` the key. Without a shared store another replica sees a write after at most
    ``ttl_seconds`` (documented in the README).
    """

    def __init__(
        self,
        ttl_seconds: float = 30.0,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
        on_invalidate: Callable[[str], None] | None = None,
    ) -> None:
        self._on_invalidate = on_invalidate
        self._ttl = ttl_seconds
        self._max = max_entries
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[float, _V]] = {}

    def get_or_load(self, key: str, load: Callable[[], _V]) -> _V:
        """The cached value, or ``load()`` stored for next time."""
        now = self._clock()
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None and hit[0] > now:
                return hit[1]
        value = load()
        with self._lock:
            if len(self._entries) >= self._max:
                self._entries.clear()
            self._entries[key] = (now + self._ttl, value)
        return value

    def invalidate(self, key: str) -> None:
        """Forget ``key`` here and on the other replicas (call on every write that changes it)."""
        self.drop(key)
        if self._on_invalidate is not None:
            self._on_invalidate(key)

    def drop(self, key: str) -> None:
        """Forget ``key`` in this process only (a change notice from another replica)."""
        with self._lock:
            self._entries.pop(key, None)

    def clear(self) -> None:
        """Forget everything (notices may have been missed)."""
        with self._lock:
            self._entries.clear()

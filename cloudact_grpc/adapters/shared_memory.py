"""``SharedState`` for one process: token buckets in a dict, notices go nowhere.

The single-replica default (no ``CLOUDACT_REDIS_URL``): exactly the in-process behaviour the
service always had. At most ``max_entries`` buckets are kept, least recently used dropped first.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence

from cloudact_grpc.ports.shared_state import Bucket, Notice, Taken


class MemorySharedState:
    """In-process token buckets (thread-safe); ``publish`` has no one to tell."""

    backend = "memory"

    def __init__(
        self, *, max_entries: int = 100_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._max = max_entries
        self._clock = clock
        self._lock = threading.Lock()
        self._items: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._versions: dict[str, int] = {}

    def take(self, buckets: Sequence[Bucket], *, force: bool = False) -> Taken:
        """One token from each bucket, all or none (``force``: from each, floored at 0)."""
        with self._lock:
            now = self._clock()
            tokens = tuple(self._tokens(bucket, now) for bucket in buckets)
            allowed = all(t >= 1 for t in tokens)
            if not (allowed or force):
                return Taken(False, tokens)
            after = tuple(max(0.0, t - 1) for t in tokens)
            for bucket, left in zip(buckets, after, strict=True):
                self._items[bucket.name] = (left, now)
                self._items.move_to_end(bucket.name)
            while len(self._items) > self._max:
                self._items.popitem(last=False)
            return Taken(allowed, after)

    def peek(self, buckets: Sequence[Bucket]) -> tuple[float, ...]:
        """Each bucket's tokens now."""
        with self._lock:
            now = self._clock()
            return tuple(self._tokens(bucket, now) for bucket in buckets)

    def _tokens(self, bucket: Bucket, now: float) -> float:
        tokens, updated = self._items.get(bucket.name, (float(bucket.burst), now))
        return min(float(bucket.burst), tokens + (now - updated) * bucket.per_second)

    def version(self, name: str) -> int:
        """The counter ``name``."""
        with self._lock:
            return self._versions.get(name, 0)

    def bump(self, name: str) -> None:
        """Add one to the counter ``name``."""
        with self._lock:
            self._versions[name] = self._versions.get(name, 0) + 1

    def publish(self, topic: str, subject: str) -> None:
        """Nothing to do: this process already applied its own change."""

    def subscribe(self, handler: Notice) -> None:
        """Nothing will ever be published by another replica."""

    def ping(self) -> bool:
        """Always answers."""
        return True

    def close(self) -> None:
        """Nothing to release."""

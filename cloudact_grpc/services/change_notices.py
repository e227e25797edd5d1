"""Change notices between replicas: a write here makes every replica forget its cached copy.

Each per-process cache registers a topic with how to forget one subject (an org slug) and how to
forget everything. A cache's own invalidation calls ``publisher(topic)``; notices from other
replicas arrive through the shared store and call the matching ``forget``. The topic ``*`` (sent
after every (re)subscription, when notices may have been missed) clears every cache.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import structlog

from cloudact_grpc.ports.shared_state import SharedState

_log = structlog.get_logger("cloudact.change_notices")


@dataclass(frozen=True, slots=True)
class _Cache:
    forget: Callable[[str], object]
    forget_all: Callable[[], object]


class ChangeNotices:
    """Routes notices from the shared store to this process's caches, and back out."""

    def __init__(self, state: SharedState) -> None:
        self._state = state
        self._caches: dict[str, _Cache] = {}

    def publisher(self, topic: str) -> Callable[[str], None]:
        """What a cache calls with the subject it just invalidated."""
        return lambda subject: self._state.publish(topic, subject)

    def register(
        self, topic: str, forget: Callable[[str], object], forget_all: Callable[[], object]
    ) -> None:
        """Where notices of ``topic`` from other replicas go."""
        self._caches[topic] = _Cache(forget, forget_all)

    def listen(self) -> None:
        """Start receiving notices (a background thread of the shared store)."""
        self._state.subscribe(self.received)

    def received(self, topic: str, subject: str) -> None:
        """Apply one notice from another replica."""
        if topic == "*":
            for cache in self._caches.values():
                cache.forget_all()
            return
        known = self._caches.get(topic)
        if known is None:
            _log.warning("change notice for an unknown topic", topic=topic)
            return
        known.forget(subject)

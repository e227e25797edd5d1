"""State the replicas share: token buckets, version counters and change notices.

One process keeps it in memory (``adapters/shared_memory.py``); several replicas keep it in Redis
(``adapters/shared_redis.py``). An adapter that cannot reach its store raises
``SharedStateDown``; callers decide what is safe (the rate limiter refuses the request).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol


class SharedStateDown(Exception):
    """The shared store does not answer."""


@dataclass(frozen=True, slots=True)
class Bucket:
    """A token bucket: its name, refill rate and burst size."""

    name: str
    per_second: float
    burst: int


class Taken(NamedTuple):
    """The answer of ``take``: whether every bucket gave a token, and each one's tokens after."""

    allowed: bool
    tokens: tuple[float, ...]


Notice = Callable[[str, str], None]
"""A change notice handler: ``(topic, subject)``, for example ``("api_keys", "acme")``."""


class SharedState(Protocol):
    """Token buckets taken atomically and change notices broadcast to every replica."""

    backend: str

    def take(self, buckets: Sequence[Bucket], *, force: bool = False) -> Taken:
        """One token from each bucket, all or none (``force``: take from each, floored at 0)."""
        ...

    def peek(self, buckets: Sequence[Bucket]) -> tuple[float, ...]:
        """Each bucket's tokens now, nothing taken."""
        ...

    def version(self, name: str) -> int:
        """The counter ``name`` (0 until first bumped)."""
        ...

    def bump(self, name: str) -> None:
        """Add one to the counter ``name``."""
        ...

    def publish(self, topic: str, subject: str) -> None:
        """Tell the other replicas that ``subject`` changed under ``topic``."""
        ...

    def subscribe(self, handler: Notice) -> None:
        """Call ``handler`` for every notice other replicas publish (from a background thread)."""
        ...

    def ping(self) -> bool:
        """Whether the store answers."""
        ...

    def close(self) -> None:
        """Stop listening and release connections."""
        ...

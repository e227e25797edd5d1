"""Makes failed authentication expensive for the caller and cheap for the service.

Every refused credential (an unknown, malformed or revoked API key, a wrong root key) takes a
token from two buckets: the client address's and the presented key prefix's. While either is
empty, requests from that address or with that prefix are refused with RESOURCE_EXHAUSTED before
any key lookup. A key prefix names an organization (``ca_<slug>_``), so an empty prefix budget
never refuses a key accepted within ``accepted_ttl`` seconds: guessing an org's keys cannot lock
that org's own callers out. A refused API key is remembered (as a digest) for ``refused_ttl``
seconds, so repeating it costs no warehouse lookup. Memory is bounded: at most ``max_entries``
buckets and remembered keys each, oldest dropped first.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Final

from cloudact_grpc.domain.errors import QuotaViolation, Reason, ResourceExhausted
from cloudact_grpc.services.rate_limit import BucketLimit

KEY_PREFIX_LENGTH: Final = 12
"""How much of a presented key names its bucket (``ca_`` and nine more characters)."""


class _Buckets:
    """Token buckets by name, least recently used dropped beyond ``max_entries``."""

    def __init__(self, limit: BucketLimit, max_entries: int) -> None:
        self.limit = limit
        self._max = max_entries
        self._items: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def tokens(self, name: str, now: float) -> float:
        tokens, updated = self._items.get(name, (float(self.limit.burst), now))
        return min(float(self.limit.burst), tokens + (now - updated) * self.limit.per_second)

    def take(self, name: str, now: float) -> None:
        self._items[name] = (max(0.0, self.tokens(name, now) - 1), now)
        self._items.move_to_end(name)
        while len(self._items) > self._max:
            self._items.popitem(last=False)


class AuthFailureGuard:
    """Per-address and per-key-prefix budgets of failed authentications (see module doc)."""

    def __init__(
        self,
        *,
        per_client: BucketLimit,
        per_key_prefix: BucketLimit,
        refused_ttl: float = 60.0,
        accepted_ttl: float = 600.0,
        max_entries: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._clients = _Buckets(per_client, max_entries)
        self._prefixes = _Buckets(per_key_prefix, max_entries)
        self._refused: OrderedDict[bytes, float] = OrderedDict()
        self._accepted: OrderedDict[bytes, float] = OrderedDict()
        self._ttl = refused_ttl
        self._accepted_ttl = accepted_ttl
        self._max = max_entries
        self._clock = clock
        self._lock = threading.Lock()

    def check(self, client: str, key: str) -> None:
        """RESOURCE_EXHAUSTED (RATE_LIMITED) while the address or key prefix has no budget."""
        prefix = key[:KEY_PREFIX_LENGTH]
        with self._lock:
            now = self._clock()
            if client and self._clients.tokens(client, now) < 1:
                raise _exhausted("client", self._clients.limit, self._clients.tokens(client, now))
            if prefix and self._prefixes.tokens(prefix, now) < 1:
                until = self._accepted.get(_digest(key), 0.0)
                if until <= now:
                    raise _exhausted(
                        "key_prefix", self._prefixes.limit, self._prefixes.tokens(prefix, now)
                    )

    def succeeded(self, key: str) -> None:
        """Remember ``key`` as accepted (its prefix budget no longer refuses it for a while)."""
        digest = _digest(key)
        with self._lock:
            self._accepted[digest] = self._clock() + self._accepted_ttl
            self._accepted.move_to_end(digest)
            while len(self._accepted) > self._max:
                self._accepted.popitem(last=False)

    def failed(self, client: str, key: str, *, remember: bool) -> None:
        """Charge one failure; ``remember`` the key as refused (unknown or revoked keys)."""
        with self._lock:
            now = self._clock()
            if client:
                self._clients.take(client, now)
            if key:
                self._prefixes.take(key[:KEY_PREFIX_LENGTH], now)
            if remember and key:
                self._refused[_digest(key)] = now + self._ttl
                self._refused.move_to_end(_digest(key))
                while len(self._refused) > self._max:
                    self._refused.popitem(last=False)

    def refused_recently(self, key: str) -> bool:
        """Whether ``key`` was refused within the last ``refused_ttl`` seconds."""
        digest = _digest(key)
        with self._lock:
            until = self._refused.get(digest)
            if until is None:
                return False
            if until <= self._clock():
                del self._refused[digest]
                return False
            return True


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).digest()


def _exhausted(scope: str, limit: BucketLimit, tokens: float) -> ResourceExhausted:
    wait = math.ceil((1 - tokens) / limit.per_second) if limit.per_second else 60
    return ResourceExhausted(
        f"too many failed authentications ({scope}); retry in {max(1, wait)} s",
        reason=Reason.RATE_LIMITED,
        violations=[
            QuotaViolation(
                subject=scope,
                limit="failed_authentications_per_minute",
                description=f"{limit.per_minute} failed authentications per minute, "
                f"burst {limit.burst}",
            )
        ],
        retry_after_seconds=max(1, wait),
        metadata={"scope": scope, "limit": str(limit.per_minute)},
    )

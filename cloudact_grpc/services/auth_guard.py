"""Makes failed authentication expensive for the caller and cheap for the service.

Every refused credential (an unknown, malformed or revoked API key, a wrong root key) takes a
token from two buckets: the client address's and the presented key prefix's. While either is
empty, requests from that address or with that prefix are refused with RESOURCE_EXHAUSTED before
any key lookup. A key prefix names an organization (``ca_<slug>_``), so an empty prefix budget
never refuses a key accepted within ``accepted_ttl`` seconds: guessing an org's keys cannot lock
that org's own callers out. A refused API key is remembered (as a digest) for ``refused_ttl``
seconds, so repeating it costs no warehouse lookup. Memory is bounded: at most ``max_entries``
remembered keys, oldest dropped first. The budgets live in the ``SharedState`` port (Redis when
configured, so they hold across replicas); the accepted and refused key memories stay per process.
With ``trust_seconds`` > 0 (Redis), an address and prefix whose budgets were at least half full
are not looked up again for that long unless this process charges them a failure: one round trip
saved per request, at the price of up to ``trust_seconds`` of other replicas' failures.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Final, TypeVar

from cloudact_grpc.domain.errors import QuotaViolation, ResourceExhausted
from cloudact_grpc.ports.shared_state import Bucket, SharedState, SharedStateDown
from cloudact_grpc.services.rate_limit import BucketLimit, rate_limited, shared_state_down

_K = TypeVar("_K", bytes, tuple[str, str])

KEY_PREFIX_LENGTH: Final = 12
"""How much of a presented key names its bucket (``ca_`` and nine more characters)."""


class AuthFailureGuard:
    """Per-address and per-key-prefix budgets of failed authentications (see module doc)."""

    def __init__(
        self,
        *,
        per_client: BucketLimit,
        per_key_prefix: BucketLimit,
        state: SharedState,
        refused_ttl: float = 60.0,
        accepted_ttl: float = 600.0,
        max_entries: int = 100_000,
        trust_seconds: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._trust = trust_seconds
        self._trusted: OrderedDict[tuple[str, str], float] = OrderedDict()
        self._client_limit = per_client
        self._prefix_limit = per_key_prefix
        self._state = state
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
        now = self._clock()
        with self._lock:
            if self._trusted.get((client, prefix), 0.0) > now:
                return
        try:
            client_tokens, prefix_tokens = self._state.peek(self._buckets(client, prefix))
        except SharedStateDown:
            raise shared_state_down(self._state) from None
        if self._trust and min(client_tokens, prefix_tokens) * 2 >= min(
            self._client_limit.burst, self._prefix_limit.burst
        ):
            self._remember(self._trusted, (client, prefix), now + self._trust)
        if client and client_tokens < 1:
            raise _exhausted("client", self._client_limit, client_tokens)
        if prefix and prefix_tokens < 1:
            with self._lock:
                until = self._accepted.get(_digest(key), 0.0)
            if until <= self._clock():
                raise _exhausted("key_prefix", self._prefix_limit, prefix_tokens)

    def _buckets(self, client: str, prefix: str) -> list[Bucket]:
        return [
            self._client_limit.bucket(f"auth:client:{client}"),
            self._prefix_limit.bucket(f"auth:prefix:{prefix}"),
        ]

    def succeeded(self, key: str) -> None:
        """Remember ``key`` as accepted (its prefix budget no longer refuses it for a while)."""
        self._remember(self._accepted, _digest(key), self._clock() + self._accepted_ttl)

    def failed(self, client: str, key: str, *, remember: bool) -> None:
        """Charge one failure; ``remember`` the key as refused (unknown or revoked keys)."""
        prefix = key[:KEY_PREFIX_LENGTH]
        charged = [
            b for b, n in zip(self._buckets(client, prefix), (client, prefix), strict=True) if n
        ]
        with self._lock:
            self._trusted.pop((client, prefix), None)
        with contextlib.suppress(SharedStateDown):  # check() refuses while the store is down
            self._state.take(charged, force=True)
        if remember and key:
            self._remember(self._refused, _digest(key), self._clock() + self._ttl)

    def _remember(self, memory: OrderedDict[_K, float], item: _K, until: float) -> None:
        """Keep ``item`` until ``until``; the oldest items beyond ``max_entries`` are dropped."""
        with self._lock:
            memory[item] = until
            memory.move_to_end(item)
            while len(memory) > self._max:
                memory.popitem(last=False)

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
    wait = limit.wait_seconds(tokens)
    return rate_limited(
        f"too many failed authentications ({scope}); retry in {wait} s",
        scope=scope,
        limit=limit.per_minute,
        violation=QuotaViolation(
            scope,
            "failed_authentications_per_minute",
            f"{limit.per_minute} failed authentications per minute, burst {limit.burst}",
        ),
        retry_after_seconds=wait,
    )

"""In-process token buckets: one per organization and one for the whole service.

Good for one replica. Several replicas need a shared store (for example Redis with an
atomic script per bucket) so the limits hold across processes; see the README.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from cloudact_grpc.domain.errors import QuotaViolation, Reason, ResourceExhausted


@dataclass(frozen=True, slots=True)
class BucketLimit:
    """A refill rate and a burst size."""

    per_minute: int
    burst: int

    @property
    def per_second(self) -> float:
        """Tokens added per second."""
        return self.per_minute / 60.0


@dataclass(frozen=True, slots=True)
class Decision:
    """An allowed request and what the caller may still spend (for response headers)."""

    limit: int
    remaining: int


class _Bucket:
    __slots__ = ("tokens", "updated")

    def __init__(self, tokens: float, updated: float) -> None:
        self.tokens = tokens
        self.updated = updated


class RateLimiter:
    """Admits a request only if both the org's bucket and the global bucket have a token."""

    def __init__(
        self,
        *,
        org: BucketLimit,
        global_: BucketLimit,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._org = org
        self._global = global_
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, _Bucket] = {}

    def acquire(self, org_slug: str | None) -> Decision:
        """Take one token; raise RESOURCE_EXHAUSTED (reason RATE_LIMITED) when a bucket is empty."""
        with self._lock:
            now = self._clock()
            global_bucket = self._refilled("*", self._global, now)
            org_bucket = self._refilled(f"org:{org_slug}", self._org, now) if org_slug else None
            if org_bucket is not None and org_bucket.tokens < 1:
                raise self._exhausted("org", self._org, org_bucket, org_slug or "")
            if global_bucket.tokens < 1:
                raise self._exhausted("global", self._global, global_bucket, "service")
            global_bucket.tokens -= 1
            if org_bucket is None:
                return Decision(self._global.per_minute, int(global_bucket.tokens))
            org_bucket.tokens -= 1
            return Decision(self._org.per_minute, int(org_bucket.tokens))

    def _refilled(self, key: str, limit: BucketLimit, now: float) -> _Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(float(limit.burst), now)
        bucket.tokens = min(
            float(limit.burst), bucket.tokens + (now - bucket.updated) * limit.per_second
        )
        bucket.updated = now
        return bucket

    @staticmethod
    def _exhausted(
        scope: str, limit: BucketLimit, bucket: _Bucket, subject: str
    ) -> ResourceExhausted:
        wait = math.ceil((1 - bucket.tokens) / limit.per_second) if limit.per_second else 60
        return ResourceExhausted(
            f"rate limit exceeded ({scope}: {limit.per_minute} requests per minute); "
            f"retry in {wait} s",
            reason=Reason.RATE_LIMITED,
            violations=[
                QuotaViolation(
                    subject=f"{scope}:{subject}",
                    limit="requests_per_minute",
                    description=f"{limit.per_minute} requests per minute, burst {limit.burst}",
                )
            ],
            retry_after_seconds=max(1, wait),
            metadata={"scope": scope, "limit": str(limit.per_minute)},
        )

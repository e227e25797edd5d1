"""Token buckets: one per organization and one for the whole service.

The buckets live in the ``SharedState`` port: in process for one replica, in Redis for several
(one atomic script per request, so an org's limit holds across replicas). When the shared store
does not answer, the request is refused (UNAVAILABLE, reason BACKEND_UNAVAILABLE, metadata
``backend``) rather than let through unlimited.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cloudact_grpc.domain.errors import QuotaViolation, Reason, ResourceExhausted, Unavailable
from cloudact_grpc.ports.shared_state import Bucket, SharedState, SharedStateDown


@dataclass(frozen=True, slots=True)
class BucketLimit:
    """A refill rate and a burst size."""

    per_minute: int
    burst: int

    @property
    def per_second(self) -> float:
        """Tokens added per second."""
        return self.per_minute / 60.0

    def wait_seconds(self, tokens: float) -> int:
        """Whole seconds (at least one) until a bucket holding ``tokens`` has a token again."""
        if not self.per_second:
            return 60
        return max(1, math.ceil((1 - tokens) / self.per_second))

    def bucket(self, name: str) -> Bucket:
        """The shared-state bucket ``name`` with this limit."""
        return Bucket(name, self.per_second, self.burst)


@dataclass(frozen=True, slots=True)
class Decision:
    """An allowed request and what the caller may still spend (for response headers)."""

    limit: int
    remaining: int


class RateLimiter:
    """Admits a request only if both the org's bucket and the global bucket have a token."""

    def __init__(self, *, org: BucketLimit, global_: BucketLimit, state: SharedState) -> None:
        self._org = org
        self._global = global_
        self._state = state

    def acquire(self, org_slug: str | None) -> Decision:
        """Take one token; raise RESOURCE_EXHAUSTED (reason RATE_LIMITED) when a bucket is empty.

        UNAVAILABLE (BACKEND_UNAVAILABLE) when the shared store does not answer: fail closed.
        """
        buckets = [self._global.bucket("*")]
        if org_slug:
            buckets.insert(0, self._org.bucket(f"org:{org_slug}"))
        try:
            taken = self._state.take(buckets)
        except SharedStateDown:
            raise shared_state_down(self._state) from None
        if not taken.allowed:
            if org_slug and taken.tokens[0] < 1:
                raise self._exhausted("org", self._org, taken.tokens[0], org_slug)
            raise self._exhausted("global", self._global, taken.tokens[-1], "service")
        if org_slug:
            return Decision(self._org.per_minute, int(taken.tokens[0]))
        return Decision(self._global.per_minute, int(taken.tokens[0]))

    @staticmethod
    def _exhausted(
        scope: str, limit: BucketLimit, tokens: float, subject: str
    ) -> ResourceExhausted:
        wait = limit.wait_seconds(tokens)
        return rate_limited(
            f"rate limit exceeded ({scope}: {limit.per_minute} requests per minute); "
            f"retry in {wait} s",
            scope=scope,
            limit=limit.per_minute,
            violation=QuotaViolation(
                f"{scope}:{subject}",
                "requests_per_minute",
                f"{limit.per_minute} requests per minute, burst {limit.burst}",
            ),
            retry_after_seconds=wait,
        )


def rate_limited(
    message: str, *, scope: str, limit: int, violation: QuotaViolation, retry_after_seconds: int
) -> ResourceExhausted:
    """RESOURCE_EXHAUSTED, reason RATE_LIMITED with its ``scope`` and ``limit`` metadata."""
    return ResourceExhausted(
        message,
        reason=Reason.RATE_LIMITED,
        violations=[violation],
        retry_after_seconds=retry_after_seconds,
        metadata={"scope": scope, "limit": str(limit)},
    )


def shared_state_down(state: SharedState) -> Unavailable:
    """The refusal while the shared store is down: fail closed, never unlimited."""
    return Unavailable(
        f"the shared rate-limit store ({state.backend}) is not reachable; retry shortly",
        retry_after_seconds=1,
        metadata={"backend": state.backend},
    )

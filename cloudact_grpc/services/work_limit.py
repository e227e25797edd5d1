"""Bounds on heavy work in flight, so one organization's load cannot starve the others.

Heavy calls (analytics over raw rows, exports, onboarding, plan rewrites, provider checks) take
a slot for as long as they run: at most ``per_org`` per organization and ``total`` for the
whole service. ``total`` is kept below the worker count, so cheap calls (profile, key and
subscription reads) always find a free worker instead of queueing behind heavy ones. A heavy
call without a slot is refused at once with RESOURCE_EXHAUSTED (reason RATE_LIMITED, scope
``org_in_flight`` or ``heavy_in_flight``) and ``RetryInfo``: the caller waits, not a worker.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from cloudact_grpc.domain.errors import QuotaViolation, ResourceExhausted
from cloudact_grpc.services.rate_limit import rate_limited


class InFlightLimiter:
    """Counts heavy calls in flight per organization and in total."""

    def __init__(self, *, per_org: int, total: int) -> None:
        if not 1 <= per_org <= total:
            raise ValueError("need 1 <= per_org <= total")
        self.per_org = per_org
        self.total = total
        self._lock = threading.Lock()
        self._running: Counter[str] = Counter()
        self._all = 0

    @classmethod
    def for_workers(cls, workers: int) -> InFlightLimiter:
        """An eighth of the workers per org (at least 2); all but a quarter in total."""
        reserved = max(2, workers // 4)
        total = max(1, workers - reserved)
        return cls(per_org=min(total, max(2, workers // 8)), total=total)

    @contextmanager
    def slot(self, org: str) -> Iterator[None]:
        """Hold one slot of ``org`` while the block runs; RESOURCE_EXHAUSTED when none is free."""
        with self._lock:
            if self._running[org] >= self.per_org:
                raise _busy("org_in_flight", self.per_org, org)
            if self._all >= self.total:
                raise _busy("heavy_in_flight", self.total, "service")
            self._running[org] += 1
            self._all += 1
        try:
            yield
        finally:
            with self._lock:
                self._running[org] -= 1
                if self._running[org] <= 0:
                    del self._running[org]
                self._all -= 1

    def in_flight(self, org: str | None = None) -> int:
        """Heavy calls running now (of ``org``, or all)."""
        with self._lock:
            return self._all if org is None else self._running[org]


def _busy(scope: str, limit: int, subject: str) -> ResourceExhausted:
    return rate_limited(
        f"too many heavy requests in flight ({scope}: {limit}); retry in a second",
        scope=scope,
        limit=limit,
        violation=QuotaViolation(
            f"{scope}:{subject}",
            "heavy_requests_in_flight",
            f"at most {limit} heavy requests at a time",
        ),
        retry_after_seconds=1,
    )

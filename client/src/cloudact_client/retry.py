"""Retries with exponential backoff and jitter for transient gRPC failures."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import grpc

T = TypeVar("T")

TRANSIENT = frozenset(
    {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.ABORTED, grpc.StatusCode.DEADLINE_EXCEEDED}
)
"""Codes worth another attempt. DEADLINE_EXCEEDED too: the first attempt may have committed
on the server after the deadline, and every ``PipelineClient`` call is safe to repeat (the
same ``request_id`` or batch id is replayed, reads and renewals change nothing twice)."""


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how long to retry; ``attempts`` counts the first call."""

    attempts: int = 4
    initial_backoff: float = 0.2
    max_backoff: float = 5.0
    codes: frozenset[grpc.StatusCode] = TRANSIENT

    def run(self, call: Callable[[], T], *, sleep: Callable[[float], None] = time.sleep) -> T:
        """Call until it succeeds, fails with a code not in ``codes``, or attempts run out."""
        backoff = self.initial_backoff
        for attempt in range(1, self.attempts + 1):
            try:
                return call()
            except grpc.RpcError as exc:
                code = exc.code() if isinstance(exc, grpc.Call) else None
                if code not in self.codes or attempt == self.attempts:
                    raise
            sleep(random.uniform(0, backoff))  # noqa: S311 - jitter, not a secret
            backoff = min(backoff * 2, self.max_backoff)
        raise AssertionError("unreachable")  # pragma: no cover

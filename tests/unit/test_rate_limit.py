"""Token buckets with a fake clock: bursts, refill, per-org isolation, the global cap."""

from __future__ import annotations

import pytest

from cloudact_grpc.adapters.shared_memory import MemorySharedState
from cloudact_grpc.domain.errors import Reason, ResourceExhausted
from cloudact_grpc.services.rate_limit import BucketLimit, RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _limiter(clock: FakeClock, *, org_burst: int = 3, global_burst: int = 100) -> RateLimiter:
    return RateLimiter(
        org=BucketLimit(per_minute=60, burst=org_burst),
        global_=BucketLimit(per_minute=600, burst=global_burst),
        state=MemorySharedState(clock=clock),
    )


def test_burst_then_refusal_with_retry_hint() -> None:
    clock = FakeClock()
    limiter = _limiter(clock)
    assert [limiter.acquire("acme").remaining for _ in range(3)] == [2, 1, 0]
    with pytest.raises(ResourceExhausted) as caught:
        limiter.acquire("acme")
    error = caught.value
    assert error.reason is Reason.RATE_LIMITED
    assert error.retry_after_seconds == 1
    assert error.metadata == {"scope": "org", "limit": "60"}
    assert error.violations[0].subject == "org:acme"


def test_refill_after_time_passes() -> None:
    clock = FakeClock()
    limiter = _limiter(clock)
    for _ in range(3):
        limiter.acquire("acme")
    clock.now += 2.0  # 60/min = one token per second
    assert limiter.acquire("acme").remaining == 1


def test_orgs_do_not_share_buckets() -> None:
    clock = FakeClock()
    limiter = _limiter(clock)
    for _ in range(3):
        limiter.acquire("acme")
    assert limiter.acquire("globex").remaining == 2


def test_global_bucket_caps_everyone() -> None:
    clock = FakeClock()
    limiter = _limiter(clock, org_burst=100, global_burst=2)
    limiter.acquire("a")
    limiter.acquire(None)
    with pytest.raises(ResourceExhausted) as caught:
        limiter.acquire("b")
    assert caught.value.metadata["scope"] == "global"


def test_refused_request_spends_nothing() -> None:
    clock = FakeClock()
    limiter = _limiter(clock, org_burst=1, global_burst=2)
    limiter.acquire("a")
    with pytest.raises(ResourceExhausted):
        limiter.acquire("a")
    # the org refusal did not take a global token: another org still gets the last one
    assert limiter.acquire("b").limit == 60


@pytest.mark.parametrize(
    ("per_minute", "tokens", "wait"),
    [(60, 0.0, 1), (60, 0.99, 1), (6, 0.0, 10), (6, -2.5, 35), (0, 0.0, 60)],
)
def test_wait_is_whole_seconds_until_the_next_token(
    per_minute: int, tokens: float, wait: int
) -> None:
    assert BucketLimit(per_minute=per_minute, burst=1).wait_seconds(tokens) == wait

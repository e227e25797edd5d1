"""The ``SharedState`` port on both adapters, and what the services built on it do with it.

The memory adapter runs in the fast set; the Redis adapter (a real ``redis-server`` on a unix
socket, two adapters standing for two replicas) is ``slow`` (it starts a process).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cloudact_grpc.adapters.shared_memory import MemorySharedState
from cloudact_grpc.adapters.shared_redis import RedisSharedState
from cloudact_grpc.domain.errors import Reason, ResourceExhausted, Unavailable
from cloudact_grpc.local_redis import running_redis
from cloudact_grpc.ports.shared_state import Bucket, Notice, SharedState
from cloudact_grpc.services.auth_guard import AuthFailureGuard
from cloudact_grpc.services.change_notices import ChangeNotices
from cloudact_grpc.services.cost_cache import CostCache
from cloudact_grpc.services.rate_limit import BucketLimit, RateLimiter

SLOW_REFILL = Bucket("b", per_second=0.001, burst=3)


@contextlib.contextmanager
def _redis(tmp_path: Path) -> Iterator[tuple[RedisSharedState, RedisSharedState]]:
    """Two adapters (two replicas) on one fresh Redis."""
    with running_redis(tmp_path / "redis") as url:
        first, second = RedisSharedState(url), RedisSharedState(url)
        try:
            yield first, second
        finally:
            first.close()
            second.close()


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.slow)])
def pair(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[SharedState, ...]]:
    """Two views of one shared state: the same memory object twice, or two Redis clients."""
    if request.param == "memory":
        state = MemorySharedState()
        yield state, state
        return
    with _redis(tmp_path) as both:
        yield both


def test_take_is_all_or_none_and_holds_across_replicas(pair: tuple[SharedState, ...]) -> None:
    first, second = pair
    small, big = Bucket("small", 0.001, 2), Bucket("big", 0.001, 100)
    answers = [(first if n % 2 else second).take([small, big]).allowed for n in range(6)]
    assert answers == [True, True, False, False, False, False]  # 2 in all, not 2 per replica
    tokens = first.peek([small, big])
    assert tokens[0] < 1 and 97.9 < tokens[1] <= 98.1  # refused takes took nothing from big
    assert first.version("costs:acme") == 0
    second.bump("costs:acme")
    assert first.version("costs:acme") == 1


def test_force_takes_from_each_bucket_floored_at_zero(pair: tuple[SharedState, ...]) -> None:
    state, _ = pair
    for _ in range(5):
        state.take([SLOW_REFILL], force=True)
    (left,) = state.peek([SLOW_REFILL])
    assert 0 <= left < 0.1


def test_rate_limiter_refuses_from_the_shared_bucket(pair: tuple[SharedState, ...]) -> None:
    limit = BucketLimit(per_minute=1, burst=2)
    limiters = [RateLimiter(org=limit, global_=BucketLimit(6000, 1000), state=s) for s in pair]
    assert [limiters[n % 2].acquire("acme").remaining for n in range(2)] == [1, 0]
    with pytest.raises(ResourceExhausted) as caught:
        limiters[0].acquire("acme")
    assert caught.value.metadata == {"scope": "org", "limit": "1"}
    assert limiters[1].acquire("other").remaining == 1  # another org: its own bucket


def test_change_notices_route_to_the_registered_cache() -> None:
    notices = ChangeNotices(MemorySharedState())
    forgotten: list[str] = []
    notices.register("api_keys", forgotten.append, lambda: forgotten.append("ALL"))
    notices.received("api_keys", "acme")
    notices.received("unknown", "acme")  # logged, ignored
    notices.received("*", "*")
    assert forgotten == ["acme", "ALL"]


@pytest.mark.slow
def test_notices_reach_the_other_replica_not_the_sender(tmp_path: Path) -> None:
    with _redis(tmp_path) as (first, second):
        heard: dict[str, list[tuple[str, str]]] = {"first": [], "second": []}
        subscribed = threading.Event()

        def listener(name: str) -> Notice:
            def hear(topic: str, subject: str) -> None:
                heard[name].append((topic, subject))
                if topic == "*":
                    subscribed.set()

            return hear

        first.subscribe(listener("first"))
        second.subscribe(listener("second"))
        assert subscribed.wait(5)
        time.sleep(0.2)  # both subscribed
        first.publish("api_keys", "acme")
        deadline = time.monotonic() + 1
        while ("api_keys", "acme") not in heard["second"] and time.monotonic() < deadline:
            time.sleep(0.01)
        assert ("api_keys", "acme") in heard["second"]
        assert ("api_keys", "acme") not in heard["first"]


@pytest.mark.slow
def test_without_redis_limits_fail_closed_and_costs_are_not_cached(tmp_path: Path) -> None:
    with running_redis(tmp_path / "redis") as url:
        state = RedisSharedState(url, timeout_seconds=0.2)
        limiter = RateLimiter(org=BucketLimit(60, 10), global_=BucketLimit(600, 100), state=state)
        guard = AuthFailureGuard(
            per_client=BucketLimit(60, 10), per_key_prefix=BucketLimit(60, 10), state=state
        )
        cache = CostCache(shared=state)
        computed: list[int] = []

        def counted(value: int) -> Callable[[], int]:
            def compute() -> int:
                computed.append(value)
                return value

            return compute

        assert limiter.acquire("acme").remaining == 9
        assert cache.get_or_compute("acme", "q", counted(1)) == 1
        assert cache.get_or_compute("acme", "q", counted(1)) == 1
        assert state.ping()
    try:
        assert not state.ping()
        with pytest.raises(Unavailable) as caught:
            limiter.acquire("acme")
        assert caught.value.reason is Reason.BACKEND_UNAVAILABLE
        assert caught.value.metadata == {"backend": "redis"}
        with pytest.raises(Unavailable):
            guard.check("10.0.0.1", "ca_acme_xxxxxxxx")
        guard.failed("10.0.0.1", "ca_acme_xxxxxxxx", remember=True)  # no error: nothing charged
        assert cache.get_or_compute("acme", "q", counted(2)) == 2
        assert cache.get_or_compute("acme", "q", counted(3)) == 3
        assert len(computed) == 3  # one cached read while Redis answered; none after
    finally:
        state.close()


def test_auth_budgets_are_shared_and_trusted_only_briefly() -> None:
    now = [1000.0]
    state = MemorySharedState(clock=lambda: now[0])
    limit = BucketLimit(per_minute=1, burst=4)
    here, there = (
        AuthFailureGuard(
            per_client=limit, per_key_prefix=limit, state=state, trust_seconds=0.5,
            clock=lambda: now[0],
        )
        for _ in range(2)
    )  # fmt: skip
    here.check("10.0.0.1", "ca_acme_xxxxxxxx")  # full budgets: trusted for 0.5 s
    for _ in range(4):
        there.failed("10.0.0.1", "ca_acme_yyyyyyyy", remember=False)  # another replica
    here.check("10.0.0.1", "ca_acme_xxxxxxxx")  # still trusted
    now[0] += 0.6
    with pytest.raises(ResourceExhausted) as caught:
        here.check("10.0.0.1", "ca_acme_xxxxxxxx")
    assert caught.value.metadata["scope"] == "client"
    now[0] += 600
    here.check("10.0.0.2", "ca_beta_xxxxxxxx")
    here.failed("10.0.0.2", "ca_beta_xxxxxxxx", remember=False)  # a local failure ends the trust
    for _ in range(3):
        there.failed("10.0.0.2", "ca_beta_xxxxxxxx", remember=False)
    with pytest.raises(ResourceExhausted):
        here.check("10.0.0.2", "ca_beta_xxxxxxxx")

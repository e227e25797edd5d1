"""What the shared store costs a request: the rate limiter on memory vs on Redis, same run.

Per call, in interleaved rounds (medians): ``RateLimiter.acquire`` with the in-process buckets
(the one-replica baseline) and with Redis (one Lua script over a unix socket, as ``make run``
starts it), a cost-cache hit with and without the Redis version check, and how long a change
notice takes from one replica's ``publish`` to another's handler.

    python bench/bench_shared_state.py [calls]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path[:0] = [
    str(Path(__file__).resolve().parents[1]),
    str(Path(__file__).resolve().parents[1] / "gen"),
]

from cloudact_grpc.adapters.shared_memory import MemorySharedState  # noqa: E402
from cloudact_grpc.adapters.shared_redis import RedisSharedState  # noqa: E402
from cloudact_grpc.local_redis import running_redis  # noqa: E402
from cloudact_grpc.ports.shared_state import SharedState  # noqa: E402
from cloudact_grpc.services.cost_cache import CostCache  # noqa: E402
from cloudact_grpc.services.rate_limit import BucketLimit, RateLimiter  # noqa: E402

ROUNDS = 3
UNLIMITED = BucketLimit(per_minute=60_000_000, burst=10_000_000)


def per_call_us(call: Callable[[], object], calls: int) -> float:
    """Microseconds per call over ``calls`` calls."""
    started = time.perf_counter()
    for _ in range(calls):
        call()
    return (time.perf_counter() - started) / calls * 1e6


def notice_latency_ms(sender: SharedState, receiver: SharedState, count: int = 200) -> float:
    """Median milliseconds from ``publish`` to the other replica's handler."""
    heard = threading.Event()
    receiver.subscribe(lambda topic, _subject: heard.set() if topic == "bench" else None)
    time.sleep(0.3)
    samples = []
    for n in range(count):
        heard.clear()
        started = time.perf_counter()
        sender.publish("bench", str(n))
        if heard.wait(2):
            samples.append((time.perf_counter() - started) * 1e3)
    return statistics.median(samples)


def main(calls: int) -> None:
    """Print the medians of interleaved rounds."""
    with tempfile.TemporaryDirectory() as tmp, running_redis(Path(tmp)) as url:
        memory, redis_a, redis_b = MemorySharedState(), RedisSharedState(url), RedisSharedState(url)
        limiters = {
            "memory": RateLimiter(org=UNLIMITED, global_=UNLIMITED, state=memory),
            "redis": RateLimiter(org=UNLIMITED, global_=UNLIMITED, state=redis_a),
        }
        caches = {"memory": CostCache(), "redis": CostCache(shared=redis_a)}
        for cache in caches.values():
            cache.get_or_compute("acme", "q", lambda: 1)
        results: dict[str, list[float]] = {}
        for _ in range(ROUNDS):
            for name, limiter in limiters.items():
                us = per_call_us(lambda lim=limiter: lim.acquire("acme"), calls)  # type: ignore[misc]
                results.setdefault(f"rate limit, {name}", []).append(us)
            for name, cache in caches.items():
                us = per_call_us(lambda c=cache: c.get_or_compute("acme", "q", lambda: 1), calls)  # type: ignore[misc]
                results.setdefault(f"cost cache hit, {name}", []).append(us)
        latency = notice_latency_ms(redis_a, redis_b)
        for state in (redis_a, redis_b):
            state.close()
    print(f"shared state, {calls} calls per round, {ROUNDS} interleaved rounds (medians)")
    for name, samples in results.items():
        print(f"  {name:28} {statistics.median(samples):8.1f} µs/call")
    print(f"  change notice to another replica {latency:6.2f} ms (median of 200)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)

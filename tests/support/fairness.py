"""One org saturates its allowance with heavy calls while another org reads.

The scenario shared by the fairness test and ``bench/bench_fairness.py``.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx


@dataclass
class Latencies:
    """Seconds per call and the HTTP statuses seen."""

    seconds: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)

    def quantile(self, q: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def light_reads(url: str, key: str, n: int, pause: float = 0.02) -> Latencies:
    """``n`` cheap reads (the org's profile), one after another."""
    out = Latencies()
    with httpx.Client(timeout=120.0) as http:
        for _ in range(n):
            t0 = time.perf_counter()
            reply = http.get(url, headers={"X-API-Key": key})
            out.seconds.append(time.perf_counter() - t0)
            out.statuses[reply.status_code] += 1
            time.sleep(pause)
    return out


Params = Callable[[], list[tuple[str, str]]]


def heavy_load(
    url: str, params: Params, key: str, workers: int, stop: threading.Event
) -> Latencies:
    """``workers`` threads calling the heavy ``url`` back to back until ``stop``."""
    out = Latencies()
    lock = threading.Lock()

    def worker() -> None:
        with httpx.Client(timeout=120.0) as http:
            while not stop.is_set():
                t0 = time.perf_counter()
                reply = http.get(url, params=tuple(params()), headers={"X-API-Key": key})
                with lock:
                    out.seconds.append(time.perf_counter() - t0)
                    out.statuses[reply.status_code] += 1
                if reply.status_code == 429:  # a polite client waits as told
                    stop.wait(float(reply.headers.get("retry-after", "1")))

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    stop.wait()
    for t in threads:
        t.join()
    return out


def under_load(
    light_url: str, light_key: str, heavy_url: str, heavy_params: Params,
    heavy_key: str, *, workers: int = 24, reads: int = 30,
) -> tuple[Latencies, Latencies]:  # fmt: skip
    """Light reads while ``workers`` heavy callers run; (light, heavy) latencies."""
    stop = threading.Event()
    result: dict[str, Latencies] = {}
    loader = threading.Thread(
        target=lambda: result.setdefault(
            "heavy", heavy_load(heavy_url, heavy_params, heavy_key, workers, stop)
        )
    )
    loader.start()
    time.sleep(1.0)  # let the heavy calls fill their slots first
    try:
        light = light_reads(light_url, light_key, reads)
    finally:
        stop.set()
        loader.join()
    return light, result["heavy"]


def pivot_params(start: dt.date, end: dt.date, seed: int = 7) -> Params:
    """Year-long pivots over raw rows with a random window each time (no cached result)."""
    rng = random.Random(seed)  # noqa: S311 - query windows, not secrets
    lock = threading.Lock()

    def params() -> list[tuple[str, str]]:
        with lock:
            first = start + dt.timedelta(days=rng.randrange(30))
            last = end - dt.timedelta(days=rng.randrange(30))
        return [
            ("rows", "provider"), ("rows", "service"), ("rows", "sku"), ("columns", "period"),
            ("granularity", "weekly"), ("metric", "billed"),
            ("start_date", first.isoformat()), ("end_date", last.isoformat()),
        ]  # fmt: skip

    return params

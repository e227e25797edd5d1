"""Fairness: another org's cheap reads, unloaded and while one org saturates heavy calls.

Usage: python bench/bench_fairness.py [ROWS] [HEAVY_CALLERS] [READS]
Starts the server (DuckDB file, 16 workers as in production) and Envoy on free ports, loads ROWS
cost rows into ``heavy_org`` (demo generator), onboards ``light_org``, then measures READS
profile reads of ``light_org`` alone (the baseline), and again while HEAVY_CALLERS threads of
``heavy_org`` run year-long pivots back to back (fresh windows: never cached). Rate limits are
raised so only the in-flight bound on heavy work protects the light org.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "gen")]

import httpx  # noqa: E402

from bench.stack import BenchStack, bench_stack  # noqa: E402
from cloudact_grpc.config import Environment  # noqa: E402
from cloudact_grpc.demo.__main__ import run as run_demo  # noqa: E402
from tests.support.fairness import Latencies, light_reads, pivot_params, under_load  # noqa: E402


def row(name: str, lat: Latencies) -> str:
    ms = [1000 * q for q in (lat.median, lat.quantile(0.95), max(lat.seconds))]
    codes = ", ".join(f"{code}: {n}" for code, n in sorted(lat.statuses.items()))
    return f"{name:34} {ms[0]:8.1f} {ms[1]:8.1f} {ms[2]:8.1f}   {codes}"


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    callers = int(sys.argv[2]) if len(sys.argv) > 2 else 24
    reads = int(sys.argv[3]) if len(sys.argv) > 3 else 60
    with bench_stack(
        "cloudact-bench-", environment=Environment.DEVELOPMENT, max_workers=16
    ) as stack:
        measure(stack, rows, callers, reads)


def measure(stack: BenchStack, rows: int, callers: int, reads: int) -> None:
    """Load ``heavy_org``, onboard ``light_org``; print the light reads unloaded and loaded."""
    url, root = stack.envoy.base_url, stack.root_headers
    report = run_demo(
        url=url, grpc_target=f"127.0.0.1:{stack.grpc_port}", key=stack.root_key,
        org="heavy_org", rows=rows,
    )  # fmt: skip
    heavy_key = httpx.get(
        f"{url}/api/v1/admin/dev/api-key/heavy_org", headers=root, timeout=60
    ).json()["api_key"]
    light_key = httpx.post(
        f"{url}/api/v1/organizations/onboard",
        json={"org_slug": "light_org", "company_name": "Light", "admin_email": "l@light.io"},
        headers=root,
        timeout=60,
    ).json()["api_key"]
    light_url = f"{url}/api/v1/organizations/light_org"
    light_reads(light_url, light_key, 10)  # warm the key cache
    unloaded = light_reads(light_url, light_key, reads)
    light, heavy = under_load(
        light_url, light_key, f"{url}/api/v1/costs/heavy_org/pivot",
        pivot_params(report.start, report.end), heavy_key, workers=callers, reads=reads,
    )  # fmt: skip
    print(
        f"{rows} cost rows in heavy_org, {callers} heavy callers, {reads} light reads, "
        f"16 workers, through Envoy; load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}   statuses")
    print(row("light_org read, unloaded", unloaded))
    print(row("light_org read, heavy_org loaded", light))
    print(row("heavy_org pivot (year, raw rows)", heavy))
    print(f"loaded / unloaded p95: {light.quantile(0.95) / unloaded.quantile(0.95):.1f}x")


if __name__ == "__main__":
    main()

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
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "gen")]

import httpx  # noqa: E402

from cloudact_grpc.app import build_app  # noqa: E402
from cloudact_grpc.config import Environment, Settings, WarehouseKind  # noqa: E402
from cloudact_grpc.demo.__main__ import run as run_demo  # noqa: E402
from cloudact_grpc.log_setup import configure_logging  # noqa: E402
from tests.support.envoy import EnvoyProcess  # noqa: E402
from tests.support.fairness import Latencies, light_reads, pivot_params, under_load  # noqa: E402
from tests.support.ports import free_port  # noqa: E402


def row(name: str, lat: Latencies) -> str:
    ms = [1000 * q for q in (lat.median, lat.quantile(0.95), max(lat.seconds))]
    codes = ", ".join(f"{code}: {n}" for code, n in sorted(lat.statuses.items()))
    return f"{name:34} {ms[0]:8.1f} {ms[1]:8.1f} {ms[2]:8.1f}   {codes}"


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    callers = int(sys.argv[2]) if len(sys.argv) > 2 else 24
    reads = int(sys.argv[3]) if len(sys.argv) > 3 else 60
    configure_logging("WARNING")
    workdir = Path(tempfile.mkdtemp(prefix="cloudact-bench-"))
    root_key = secrets.token_urlsafe(32)
    unlimited = 10_000_000
    settings = Settings(
        environment=Environment.DEVELOPMENT,
        root_api_key=root_key,
        data_dir=workdir,
        warehouse=WarehouseKind.DUCKDB,
        duckdb_path=str(workdir / "bench.duckdb"),
        master_key_file=workdir / "master-key.json",
        metrics_port=free_port(),
        max_workers=16,
        config_dir=ROOT / "configs",
        rate_limit_org_per_minute=unlimited,
        rate_limit_org_burst=unlimited,
        rate_limit_global_per_minute=unlimited,
        rate_limit_global_burst=unlimited,
    )
    app = build_app(settings)
    port = app.server.start("127.0.0.1", 0, settings.metrics_port)
    envoy = EnvoyProcess.start(
        grpc_port=port, metrics_port=settings.metrics_port, workdir=workdir, cors_origins=()
    )
    try:
        url, root = envoy.base_url, {"X-CA-Root-Key": root_key}
        report = run_demo(
            url=url, grpc_target=f"127.0.0.1:{port}", key=root_key, org="heavy_org", rows=rows
        )
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
    finally:
        envoy.stop()
        app.server.stop(1)
        app.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Authenticated cached read through Envoy vs the machine's ceiling (a no-op RPC), with ``hey``.

Usage: python bench/bench_auth_read.py [REQUESTS] [CONCURRENCY]
Starts the server (embedded DuckDB file in a temp dir) and Envoy on free ports, onboards one
org, then runs ``hey`` against ``GET /health`` (no auth, no warehouse: the ceiling) and
``GET /api/v1/organizations/{org}/subscription`` with the org's ``X-API-Key``, in one run.
Rate limits are raised for the run so the limiter does not cap the measurement.
"""

from __future__ import annotations

import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "gen")]

import httpx  # noqa: E402

from cloudact_grpc.app import build_app  # noqa: E402
from cloudact_grpc.config import Environment, Settings, WarehouseKind  # noqa: E402
from cloudact_grpc.log_setup import configure_logging  # noqa: E402
from tests.support.envoy import EnvoyProcess  # noqa: E402
from tests.support.ports import free_port  # noqa: E402


def hey(url: str, requests: int, concurrency: int, headers: dict[str, str]) -> tuple[float, float]:
    """Requests per second and p99 latency (ms) reported by hey."""
    args = ["hey", "-n", str(requests), "-c", str(concurrency)]
    for key, value in headers.items():
        args += ["-H", f"{key}: {value}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = float(re.search(r"99%+ in ([\d.]+) secs", out).group(1)) * 1000  # type: ignore[union-attr]
    statuses = re.findall(r"\[(\d{3})\]\s+(\d+) responses", out)
    if any(code != "200" for code, _ in statuses):
        raise SystemExit(f"non-200 responses: {statuses}")
    return rps, p99


def main() -> None:
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    if shutil.which("hey") is None:
        raise SystemExit("hey not found: apt-get install hey")
    configure_logging("WARNING")
    workdir = Path(tempfile.mkdtemp(prefix="cloudact-bench-"))
    root_key = secrets.token_urlsafe(32)
    settings = Settings(
        environment=Environment.TEST,
        root_api_key=root_key,
        data_dir=workdir,
        warehouse=WarehouseKind.DUCKDB,
        duckdb_path=str(workdir / "bench.duckdb"),
        metrics_port=free_port(),
        config_dir=ROOT / "configs",
        rate_limit_org_per_minute=10_000_000,
        rate_limit_org_burst=1_000_000,
        rate_limit_global_per_minute=10_000_000,
        rate_limit_global_burst=1_000_000,
    )
    app = build_app(settings)
    port = app.server.start("127.0.0.1", 0, settings.metrics_port)
    envoy = EnvoyProcess.start(
        grpc_port=port, metrics_port=settings.metrics_port, workdir=workdir, cors_origins=()
    )
    try:
        root = {"X-CA-Root-Key": root_key}
        httpx.post(f"{envoy.base_url}/api/v1/admin/bootstrap", json={}, headers=root)
        onboarded = httpx.post(
            f"{envoy.base_url}/api/v1/organizations/onboard",
            json={"org_slug": "bench_org", "company_name": "Bench", "admin_email": "b@bench.io"},
            headers=root,
        ).json()
        key = {"X-API-Key": onboarded["api_key"]}
        read = f"{envoy.base_url}/api/v1/organizations/bench_org/subscription"
        hey(read, 200, 4, key)  # warm the key and plan caches
        rows = [
            ("no-op (GET /health)", *hey(f"{envoy.base_url}/health", requests, concurrency, {})),
            ("GET …/subscription (org key)", *hey(read, requests, concurrency, key)),
        ]
        print(f"{requests} requests, concurrency {concurrency}, through Envoy, 2 cores")
        print(f"{'call':32} {'req/s':>9} {'p99 ms':>8}")
        for name, rps, p99 in rows:
            print(f"{name:32} {rps:9.0f} {p99:8.1f}")
        print(f"authenticated read / ceiling: {rows[1][1] / rows[0][1]:.0%}")
    finally:
        envoy.stop()
        app.server.stop(1)
        app.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

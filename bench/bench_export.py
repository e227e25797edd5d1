"""A large cost export through Envoy vs DuckDB's own ``COPY … TO`` of the same rows, one run.

Usage: python bench/bench_export.py [ROWS] [FORMATS]   (default 10000000 csv,parquet)

1. The server (``python -m cloudact_grpc``, its own process, embedded DuckDB file in a temp dir)
   and Envoy start on free ports; one org is onboarded through Envoy; the server stops.
2. ROWS seeded demo FOCUS rows (365 days, 2 currencies) are bulk-loaded into the org's cost
   table with the DuckDB driver, 1M rows at a time (bench-only: the API ingests in batches).
3. Baseline: DuckDB ``COPY (SELECT … the same columns and day range) TO`` a file, per format.
4. The server starts again; ``GET /api/v1/costs/{org}/export`` for the whole range is read
   through Envoy with an HTTP client that discards the bytes, per format.

Printed per format: bytes, seconds and MB/s of each, and the peak RSS (``VmHWM``) of the server
process and of the Envoy process over the whole run (the 1 GiB budget applies to each).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "gen")]

import duckdb  # noqa: E402
import httpx  # noqa: E402

from cloudact_grpc.adapters.warehouse import values  # noqa: E402
from cloudact_grpc.adapters.warehouse.schemas import org_tables  # noqa: E402
from cloudact_grpc.analytics import rows as cost_rows  # noqa: E402
from cloudact_grpc.demo.focus import DemoSpec, generate  # noqa: E402
from tests.support.envoy import EnvoyProcess  # noqa: E402
from tests.support.ports import free_port  # noqa: E402

ORG = "bench_export"
TABLE = "cost_data_focus_1_2"
START = dt.date(2025, 1, 1)
DAYS = 365
CHUNK = 1_000_000
MB = 1_000_000


def peak_rss_mb(pid: int) -> float:
    """Peak resident set (VmHWM) of a live process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Server:
    """``python -m cloudact_grpc`` in its own process."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self._log = log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cloudact_grpc"], env=env, stdout=self._log, stderr=self._log
        )

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()


def without_buffer_limits(config: str) -> str:
    """The rendered Envoy config without its ``per_connection_buffer_limit_bytes`` lines."""
    return "\n".join(
        line for line in config.splitlines() if "per_connection_buffer_limit_bytes" not in line
    )


def wait_ready(url: str, server: Server) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit("server exited")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server not ready")


def seed(path: Path, n: int) -> None:
    """``n`` demo rows into the org's cost table, in charge-date order, 1M at a time."""
    schema = next(s for s in org_tables(ROOT / "configs") if s.name == TABLE)
    con = duckdb.connect(str(path))
    target = f'"{ORG}_test"."{TABLE}"'
    for i, first in enumerate(range(0, n, CHUNK)):
        size = min(CHUNK, n - first)
        spec = DemoSpec(
            rows=size, start=START, days=DAYS, seed=i, currencies=("USD", "EUR"), org_slug=ORG
        )
        arrow = generate(spec).sort("x_charge_date").to_arrow()
        arrow = arrow.cast(values.arrow_schema(schema, arrow.column_names))
        con.register("_chunk", arrow)
        names = ", ".join(f'"{c}"' for c in arrow.column_names)
        con.execute(f"INSERT INTO {target} ({names}) SELECT {names} FROM _chunk")
        con.unregister("_chunk")
    con.close()


def duckdb_copy(path: Path, out: Path, fmt: str) -> tuple[int, float]:
    """DuckDB's own COPY of the same rows and columns (CostRow names) to ``out``."""
    columns = ", ".join(
        f'"{src}" AS {field}' for field, src in cost_rows.FIELDS.items() if src != "_category"
    )
    end = START + dt.timedelta(days=DAYS - 1)
    con = duckdb.connect(str(path), read_only=True)
    options = "(FORMAT parquet, COMPRESSION zstd)" if fmt == "parquet" else "(FORMAT csv, HEADER)"
    t0 = time.perf_counter()
    con.execute(
        f'COPY (SELECT {columns} FROM "{ORG}_test"."{TABLE}" '
        f"WHERE x_charge_date BETWEEN DATE '{START}' AND DATE '{end}' "
        f"ORDER BY x_charge_date DESC) TO '{out}' {options}"
    )
    seconds = time.perf_counter() - t0
    con.close()
    size = out.stat().st_size
    out.unlink()
    return size, seconds


def export(url: str, root_key: str, fmt: str) -> tuple[int, float, int]:
    """Bytes, seconds and HTTP status of the export read through Envoy."""
    end = START + dt.timedelta(days=DAYS - 1)
    params = {"start_date": START.isoformat(), "end_date": end.isoformat(), "format": fmt}
    received = 0
    t0 = time.perf_counter()
    with httpx.stream(
        "GET",
        f"{url}/api/v1/costs/{ORG}/export",
        params=params,
        headers={"X-CA-Root-Key": root_key},
        timeout=httpx.Timeout(120.0),
    ) as response:
        for piece in response.iter_raw(1 << 20):
            received += len(piece)
        status = response.status_code
    return received, time.perf_counter() - t0, status


def main(argv: list[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 10_000_000
    formats = (argv[2] if len(argv) > 2 else "csv,parquet").split(",")
    workdir = Path(tempfile.mkdtemp(prefix="cloudact-bench-export-"))
    root_key = secrets.token_urlsafe(32)
    grpc_port, metrics_port = free_port(), free_port()
    db = workdir / "bench.duckdb"
    env = {
        **os.environ,
        "ENVIRONMENT": "test",
        "CA_ROOT_API_KEY": root_key,
        "CLOUDACT_DATA_DIR": str(workdir),
        "CLOUDACT_DUCKDB_PATH": str(db),
        "CLOUDACT_MASTER_KEY_FILE": str(workdir / "master-key.json"),
        "CLOUDACT_GRPC_HOST": "127.0.0.1",
        "CLOUDACT_GRPC_PORT": str(grpc_port),
        "CLOUDACT_METRICS_PORT": str(metrics_port),
        "CLOUDACT_LOG_LEVEL": "WARNING",
        "PYTHONPATH": f"{ROOT}:{ROOT / 'gen'}",
    }
    log = workdir / "server.log"
    envoy = EnvoyProcess.start(
        grpc_port=grpc_port, metrics_port=metrics_port, workdir=workdir, cors_origins=(),
        ready_path="",
    )  # fmt: skip
    # The same config without the 32 MiB per-connection buffers (Envoy's 1 MiB default).
    small = EnvoyProcess.start(
        grpc_port=grpc_port, metrics_port=metrics_port, workdir=workdir, cors_origins=(),
        ready_path="", edit=without_buffer_limits,
    )  # fmt: skip
    try:
        server = Server(env, log)
        wait_ready(envoy.base_url, server)
        root = {"X-CA-Root-Key": root_key}
        httpx.post(f"{envoy.base_url}/api/v1/admin/bootstrap", json={}, headers=root, timeout=60)
        onboarded = httpx.post(
            f"{envoy.base_url}/api/v1/organizations/onboard",
            json={"org_slug": ORG, "company_name": "Bench", "admin_email": "b@bench.io"},
            headers=root,
            timeout=60,
        )
        if onboarded.status_code != 200:
            raise SystemExit(f"onboarding failed: {onboarded.text}")
        server.stop()
        t0 = time.perf_counter()
        seed(db, n)
        print(f"{n:,} rows seeded in {time.perf_counter() - t0:.1f} s; load average "
              f"{os.getloadavg()[0]:.2f}")  # fmt: skip
        baselines = {f: duckdb_copy(db, workdir / f"copy.{f}", f) for f in formats}
        server = Server(env, log)
        wait_ready(envoy.base_url, server)
        print(f"server RSS before exporting: {peak_rss_mb(server.process.pid):.0f} MB")
        print(f"{'format':8} {'Envoy':10} {'DuckDB COPY':>26} {'export through Envoy':>30}")
        for fmt in formats:
            base_size, base_s = baselines[fmt]
            copy = f"{base_size / MB:9.0f} MB {base_s:6.1f} s {base_size / MB / base_s:5.0f} MB/s"
            for name, proxy in (("32MiB-buf", envoy), ("default", small)):
                size, seconds, status = export(proxy.base_url, root_key, fmt)
                if status != 200:
                    raise SystemExit(f"export {fmt} through {name}: HTTP {status}")
                ours = f"{size / MB:9.0f} MB {seconds:6.1f} s {size / MB / seconds:5.0f} MB/s"
                print(f"{fmt:8} {name:10} {copy} {ours}", flush=True)
        print(
            f"peak RSS: server {peak_rss_mb(server.process.pid):.0f} MiB, "
            f"Envoy with 32 MiB buffers {peak_rss_mb(envoy.process.pid):.0f} MiB, "
            f"Envoy with default buffers {peak_rss_mb(small.process.pid):.0f} MiB; "
            f"load average {os.getloadavg()[0]:.2f}"
        )
        server.stop()
    finally:
        small.stop()
        envoy.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv)

"""Backend fixtures: the ``warehouse`` fixture runs each test on DuckDB and on BigQuery.

The BigQuery side is the real ``google-cloud-bigquery`` client against ``bqemulator``, started
once per session from ``.venv-bqemu`` (built by ``scripts/bqemulator.sh setup``) on free
loopback ports and stopped by PID at the end.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from cloudact_grpc.adapters.warehouse.bigquery_warehouse import BigQueryWarehouse
from cloudact_grpc.adapters.warehouse.duckdb_warehouse import DuckDBWarehouse
from cloudact_grpc.ports.warehouse import Warehouse

ROOT = Path(__file__).resolve().parents[2]
BQEMU = ROOT / ".venv-bqemu" / "bin" / "bqemulator"
PROJECT = "cloudact-test"


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def bq_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start bqemulator once per session; yield its REST endpoint."""
    if not BQEMU.exists():
        pytest.fail(f"{BQEMU} missing: run scripts/bqemulator.sh setup")
    rest, grpc_port = free_port(), free_port()
    log = tmp_path_factory.mktemp("bqemu") / "bqemulator.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(BQEMU), "start", "--rest-host", "127.0.0.1", "--rest-port", str(rest),
             "--grpc-host", "127.0.0.1", "--grpc-port", str(grpc_port), "--project", PROJECT,
             "--ephemeral", "--log-format", "console", "--log-level", "warning"],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    endpoint = f"http://127.0.0.1:{rest}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"bqemulator exited: {log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{endpoint}/readyz", timeout=1) as resp:  # noqa: S310
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("bqemulator not ready after 60 s")
            time.sleep(0.1)
        yield endpoint
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(params=["duckdb", "bigquery"])
def warehouse(request: pytest.FixtureRequest) -> Iterator[Warehouse]:
    """A fresh warehouse per test: in-memory DuckDB, or the shared emulator."""
    wh: Warehouse
    if request.param == "duckdb":
        wh = DuckDBWarehouse(":memory:")
    else:
        wh = BigQueryWarehouse(PROJECT, "US", request.getfixturevalue("bq_endpoint"))
    yield wh
    wh.close()


@pytest.fixture
def dataset(warehouse: Warehouse) -> Iterator[str]:
    """A unique, empty dataset, dropped after the test."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    warehouse.create_dataset(name)
    yield name
    warehouse.drop_dataset(name)

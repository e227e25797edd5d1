"""A warehouse that does not answer: UNAVAILABLE with RetryInfo (never INTERNAL), ready → 503."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import httpx
import pytest
from cloudact.v1 import admin_pb2, admin_pb2_grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from cloudact_grpc.adapters.keys.local_master_key import LocalKeyManager
from cloudact_grpc.adapters.warehouse.factory import build_warehouse
from cloudact_grpc.app import build_app
from cloudact_grpc.config import ConfigError, Settings, WarehouseKind
from tests.support.errors import decode
from tests.support.ports import free_port
from tests.support.stack import Served, fresh_settings, serve

pytestmark = pytest.mark.slow  # real processes and retry deadlines: seconds per test


def _unreachable(settings: Settings, workdir: Path) -> Settings:
    """BigQuery at a port nothing listens on, with a data directory and master key of its own."""
    unreachable = fresh_settings(
        settings,
        workdir,
        warehouse=WarehouseKind.BIGQUERY,
        gcp_project_id="cloudact-test",
        bigquery_endpoint=f"http://127.0.0.1:{free_port()}",  # every call waits for its retries
    )
    # As a server that ran before: the key exists.
    LocalKeyManager.from_file(unreachable.master_key_file)
    return unreachable


def test_no_master_key_and_no_warehouse_refuses_to_start_saying_why(
    settings: Settings, tmp_path: Path
) -> None:
    down = dataclasses.replace(
        _unreachable(settings, tmp_path), master_key_file=tmp_path / "missing" / "key.json"
    )
    with pytest.raises(ConfigError, match="cannot be asked whether credentials"):
        build_app(down)
    assert not down.master_key_file.exists()


@pytest.fixture(scope="module")
def down_stack(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serve(_unreachable(settings, tmp_path_factory.mktemp("down")), cors_origins=()) as served:
        yield served


def test_bootstrap_is_unavailable_with_retry_info(
    down_stack: Served, root_key: str, capfd: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        admin_pb2_grpc.AdminServiceStub(down_stack.channel).Bootstrap(
            admin_pb2.BootstrapRequest(),
            metadata=(("x-ca-root-key", root_key), ("x-request-id", "down-bootstrap")),
            timeout=30,
        )
    lines = capfd.readouterr().err.splitlines()
    line = next(x for x in lines if '"down-bootstrap"' in x and '"event":"rpc"' in x)
    # The operator's log line says what is down, not only that something was.
    assert '"reason":"BACKEND_UNAVAILABLE"' in line
    assert '"backend":"bigquery"' in line
    error = decode(caught.value)
    assert error.code is grpc.StatusCode.UNAVAILABLE
    assert error.reason == "BACKEND_UNAVAILABLE"
    assert error.retry_info is not None
    assert error.retry_info.retry_delay.seconds >= 1


def test_readiness_is_503_json(down_stack: Served) -> None:
    envoy = down_stack.envoy
    response = httpx.get(f"{envoy.base_url}/health/ready", timeout=30)
    assert response.status_code == 503
    body = response.json()
    assert body["code"] == 14
    reasons = [d.get("reason") for d in body["details"]]
    assert "BACKEND_UNAVAILABLE" in reasons
    assert httpx.get(f"{envoy.base_url}/health").status_code == 200


def test_sigterm_path_lets_an_in_flight_rpc_finish(
    settings: Settings, root_key: str, tmp_path: Path
) -> None:
    """Stopping flips health to NOT_SERVING and still answers the slow call already running."""
    slow = _unreachable(settings, tmp_path)
    app = build_app(slow)
    port = app.server.start("127.0.0.1", 0, None)
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        future = admin_pb2_grpc.AdminServiceStub(channel).Bootstrap.future(
            admin_pb2.BootstrapRequest(), metadata=(("x-ca-root-key", root_key),), timeout=30
        )
        time.sleep(1.0)  # the call is in flight: it waits ~5 s for the dead warehouse
        stopper = threading.Thread(target=app.server.stop, args=(20,))
        stopper.start()
        health = health_pb2_grpc.HealthStub(channel)
        refused: grpc.StatusCode | None = None
        deadline = time.monotonic() + 3
        while refused is None and time.monotonic() < deadline:
            try:
                health.Check(health_pb2.HealthCheckRequest(), timeout=2)
                time.sleep(0.05)
            except grpc.RpcError as exc:
                refused = exc.code()
        # New RPCs are not served while stopping: refused, or, for one sent in the instant the
        # server stops taking calls, cancelled or left unanswered until its own deadline (the
        # stream reached the closing connection before its GOAWAY; grpcio never starts it).
        assert refused in (
            grpc.StatusCode.UNAVAILABLE,
            grpc.StatusCode.CANCELLED,
            grpc.StatusCode.DEADLINE_EXCEEDED,
        )
        with pytest.raises(grpc.RpcError) as caught:
            future.result()
        stopper.join(timeout=30)
    app.close()
    # The in-flight call got its real answer, not CANCELLED by the shutdown.
    assert decode(caught.value).reason == "BACKEND_UNAVAILABLE"


def test_a_duckdb_file_another_server_holds_is_refused_saying_so(tmp_path: Path) -> None:
    """Two `make run`s on one data directory: the second one names the file and what to do."""
    path = tmp_path / "cloudact.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; held = duckdb.connect({str(path)!r}); "
         "print('held', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(ConfigError) as refused:
            build_warehouse(Settings(duckdb_path=str(path)))
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    message = str(refused.value)
    assert message.startswith(f"cannot open the DuckDB file {path} (CLOUDACT_DUCKDB_PATH): ")
    assert f"(PID {holder.pid})" in message  # DuckDB's own words: who holds the lock
    assert message.endswith("stop that one or give this one its own CLOUDACT_DATA_DIR")

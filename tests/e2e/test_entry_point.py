"""``python -m cloudact_grpc`` outside make: another directory, no PYTHONPATH, the venv's python."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.ports import free_port

GRPCURL = str(Path(sys.executable).parent / "grpcurl")

pytestmark = pytest.mark.slow


def test_module_runs_from_any_directory_without_pythonpath(tmp_path: Path) -> None:
    grpc_port, metrics_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(
        ENVIRONMENT="development",
        CLOUDACT_DATA_DIR=str(tmp_path / "data"),
        CLOUDACT_GRPC_PORT=str(grpc_port),
        CLOUDACT_METRICS_PORT=str(metrics_port),
        CLOUDACT_SHUTDOWN_GRACE_SECONDS="2",
    )
    env.pop("CA_ROOT_API_KEY", None)
    log_path = tmp_path / "server.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cloudact_grpc"], cwd=tmp_path, env=env, stdout=log, stderr=log
        )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and "cloudact api started" not in log_path.read_text():
            assert proc.poll() is None, log_path.read_text()
            time.sleep(0.2)
        started = log_path.read_text()
        assert "cloudact api started" in started, started
        line = json.loads(next(x for x in started.splitlines() if "cloudact api started" in x))
        assert line["warehouse"] == "duckdb"
        assert line["warehouse_at"] == f"duckdb file {tmp_path / 'data' / 'cloudact.duckdb'}"
        assert line["key_manager"] == f"local key file {tmp_path / 'data' / 'master-key.json'}"
        described = subprocess.run(
            [GRPCURL, "-plaintext", f"127.0.0.1:{grpc_port}", "describe",
             "cloudact.v1.AdminService.Bootstrap"],
            capture_output=True, text=True, timeout=30, cwd=tmp_path,
        )  # fmt: skip
        assert described.returncode == 0, described.stderr
        assert "rpc Bootstrap" in described.stdout
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0, log_path.read_text()
    finally:
        if proc.poll() is None:
            proc.kill()

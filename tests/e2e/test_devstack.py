"""`make run`'s entry point as a subprocess: REST on the HTTP port, reflection, graceful SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.support.ports import free_port

pytestmark = pytest.mark.slow  # real processes and retry deadlines: seconds per test

ROOT = Path(__file__).resolve().parents[2]


def test_devstack_serves_and_stops_gracefully(tmp_path: Path) -> None:
    http_port, grpc_port, admin_port, metrics_port = (free_port() for _ in range(4))
    env = {
        **os.environ,
        "ENVIRONMENT": "development",
        "CLOUDACT_DATA_DIR": str(tmp_path / "data"),
        "CLOUDACT_HTTP_PORT": str(http_port),
        "CLOUDACT_GRPC_PORT": str(grpc_port),
        "CLOUDACT_ENVOY_ADMIN_PORT": str(admin_port),
        "CLOUDACT_METRICS_PORT": str(metrics_port),
        "CLOUDACT_SHUTDOWN_GRACE_SECONDS": "3",
        "PYTHONPATH": f"{ROOT}:{ROOT / 'gen'}",
    }
    env.pop("CA_ROOT_API_KEY", None)
    log_path = tmp_path / "devstack.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cloudact_grpc.devstack"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
    try:
        deadline = time.monotonic() + 30
        health = None
        while time.monotonic() < deadline and health is None:
            try:
                response = httpx.get(f"http://127.0.0.1:{http_port}/health", timeout=1)
                if response.status_code == 200:
                    health = response.json()
            except httpx.HTTPError:
                time.sleep(0.2)
        assert health is not None, log_path.read_text()
        assert health["environment"] == "development"

        key_file = tmp_path / "data" / "root-key"
        assert key_file.stat().st_mode & 0o777 == 0o600
        assert str(key_file.resolve()) in log_path.read_text()
        assert key_file.read_text().strip() not in log_path.read_text()

        listed = subprocess.run(
            [
                str(Path(sys.executable).parent / "grpcurl"),
                "-plaintext",
                f"127.0.0.1:{grpc_port}",
                "list",
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert "cloudact.v1.AdminService" in listed.stdout

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
        log_text = log_path.read_text()
        assert '"signal":"SIGTERM"' in log_text
        assert '"event":"stopped"' in log_text
    finally:
        if proc.poll() is None:
            proc.kill()

"""``make run-bq``'s script: emulator + KMS stand-in + service behind Envoy; the log names them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.support.ports import free_port

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.bigquery, pytest.mark.slow]


def test_run_bq_serves_on_bigquery_with_cloud_kms(tmp_path: Path) -> None:
    http_port = free_port()
    env = {
        **os.environ,
        "ENVIRONMENT": "development",
        "CLOUDACT_DATA_DIR": str(tmp_path / "data"),
        "CLOUDACT_HTTP_PORT": str(http_port),
        "CLOUDACT_GRPC_PORT": str(free_port()),
        "CLOUDACT_ENVOY_ADMIN_PORT": str(free_port()),
        "CLOUDACT_METRICS_PORT": str(free_port()),
        "CLOUDACT_SHUTDOWN_GRACE_SECONDS": "2",
    }
    env.pop("CA_ROOT_API_KEY", None)
    log_path = tmp_path / "run-bq.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "run_bq.py")],
            cwd=ROOT, env=env, stdout=log, stderr=log,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        ready = None
        while time.monotonic() < deadline and ready is None:
            assert proc.poll() is None, log_path.read_text()[-3000:]
            try:
                response = httpx.get(f"http://127.0.0.1:{http_port}/health/ready", timeout=2)
                ready = response if response.status_code == 200 else None
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        assert ready is not None, log_path.read_text()[-3000:]
        key = (tmp_path / "data" / "root-key").read_text().strip()
        boot = httpx.post(f"http://127.0.0.1:{http_port}/api/v1/admin/bootstrap", json={},
                          headers={"X-CA-Root-Key": key}, timeout=120)  # fmt: skip
        assert boot.status_code == 200, boot.text
        started = next(
            json.loads(line) for line in log_path.read_text().splitlines()
            if "cloudact api started" in line
        )  # fmt: skip
        assert started["warehouse"] == "bigquery"
        assert started["warehouse_at"].startswith("bigquery project cloudact-local at http://")
        assert started["key_manager"].startswith(
            "cloud-kms projects/cloudact-local/locations/us/keyRings/dev/cryptoKeys/cloudact at "
        )
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0, log_path.read_text()[-3000:]
    finally:
        if proc.poll() is None:
            proc.kill()

"""`make run`'s entry point as a subprocess: REST on the HTTP port, reflection, graceful SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.support.ports import free_port, held_port

pytestmark = pytest.mark.slow  # real processes and retry deadlines: seconds per test

ROOT = Path(__file__).resolve().parents[2]


def _start_devstack(
    tmp_path: Path, http_port: int, grpc_port: int
) -> tuple[subprocess.Popen[bytes], Path]:
    """``make run``'s entry point on these ports (admin and metrics ports free), logged."""
    env = {
        **os.environ,
        "ENVIRONMENT": "development",
        "CLOUDACT_DATA_DIR": str(tmp_path / "data"),
        "CLOUDACT_HTTP_PORT": str(http_port),
        "CLOUDACT_GRPC_PORT": str(grpc_port),
        "CLOUDACT_ENVOY_ADMIN_PORT": str(free_port()),
        "CLOUDACT_METRICS_PORT": str(free_port()),
        "CLOUDACT_SHUTDOWN_GRACE_SECONDS": "3",
        "PYTHONPATH": f"{ROOT}:{ROOT / 'gen'}",
    }
    env.pop("CA_ROOT_API_KEY", None)
    log_path = tmp_path / "devstack.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cloudact_grpc.devstack"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
            start_new_session=True,  # its own process group, as a terminal's foreground job
        )
    return proc, log_path


def _exit_with_a_busy_port(tmp_path: Path, which: str) -> tuple[int, int, str]:
    """Start ``make run``'s entry point with its ``which`` ("http" or "grpc") port held by
    another listener; (that port, exit status, the whole log)."""
    with held_port() as busy:
        ports = (busy, free_port()) if which == "http" else (free_port(), busy)
        proc, log_path = _start_devstack(tmp_path, *ports)
        try:
            code = proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
    return busy, code, log_path.read_text()


def test_devstack_stops_with_a_reason_when_the_rest_port_is_busy(tmp_path: Path) -> None:
    """Envoy cannot bind: the server must not keep serving gRPC behind a REST port that is dead."""
    busy, code, log_text = _exit_with_a_busy_port(tmp_path, "http")
    assert code == 1, log_text
    assert f"cannot bind '127.0.0.1:{busy}'" in log_text  # Envoy's own words
    assert "rest listening" not in log_text  # said only once Envoy is ready
    stopped = json.loads(next(x for x in log_text.splitlines() if "envoy exited" in x))
    assert stopped["level"] == "error"
    assert f"127.0.0.1:{busy} (CLOUDACT_HTTP_PORT)" in stopped["hint"]


def test_devstack_refuses_a_busy_grpc_port_in_one_line(tmp_path: Path) -> None:
    busy, code, log_text = _exit_with_a_busy_port(tmp_path, "grpc")
    assert code == 2, log_text
    assert "Traceback" not in log_text
    assert (
        f"cloudact: refusing to start: cannot listen for gRPC on 127.0.0.1:{busy}: "
        "address in use or not available; stop what holds it or choose another port "
        "(CLOUDACT_GRPC_PORT)"
    ) in log_text


@pytest.mark.parametrize(
    ("stop", "signal_name"),
    [
        (lambda proc: proc.send_signal(signal.SIGTERM), "SIGTERM"),  # a supervisor, the server
        (lambda proc: os.killpg(proc.pid, signal.SIGINT), "SIGINT"),  # Ctrl-C: Envoy gets it too
    ],
    ids=["sigterm-to-server", "ctrl-c-to-group"],
)
def test_devstack_serves_and_stops_gracefully(
    tmp_path: Path, stop: Callable[[subprocess.Popen[bytes]], None], signal_name: str
) -> None:
    http_port, grpc_port = free_port(), free_port()
    proc, log_path = _start_devstack(tmp_path, http_port, grpc_port)
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
        deadline = time.monotonic() + 5  # logged within a poll of Envoy's readiness
        while "rest listening" not in log_path.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        listening = next(x for x in log_path.read_text().splitlines() if "rest listening" in x)
        assert json.loads(listening)["url"] == f"http://127.0.0.1:{http_port}"
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

        stop(proc)
        assert proc.wait(timeout=20) == 0, log_path.read_text()
        log_text = log_path.read_text()
        assert f'"signal":"{signal_name}"' in log_text
        # A clean start and stop leaves no warning or error to chase (Envoy's included: it
        # warned at every start before its connection limit was configured), only Envoy's
        # note of the signal it caught.
        noted = [
            line
            for line in log_text.splitlines()
            if ("[warning]" in line or "[error]" in line) and "caught " not in line
        ]
        assert not noted, noted
        assert '"level":"error"' not in log_text
        assert '"event":"stopped"' in log_text
    finally:
        if proc.poll() is None:
            proc.kill()

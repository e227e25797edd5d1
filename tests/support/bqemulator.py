"""Start and stop ``bqemulator`` from ``.venv-bqemu`` (built by ``scripts/bqemulator.sh setup``)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
BQEMU = ROOT / ".venv-bqemu" / "bin" / "bqemulator"
PROJECT = "cloudact-test"


@contextmanager
def running_bqemulator(workdir: Path, project: str = PROJECT) -> Iterator[str]:
    """An emulator on free loopback ports for the duration; yields its REST endpoint."""
    if not BQEMU.exists():
        raise RuntimeError(f"{BQEMU} missing: run scripts/bqemulator.sh setup")
    rest, grpc_port = free_port(), free_port()
    log = workdir / "bqemulator.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(BQEMU), "start", "--rest-host", "127.0.0.1", "--rest-port", str(rest),
             "--grpc-host", "127.0.0.1", "--grpc-port", str(grpc_port), "--project", project,
             "--ephemeral", "--log-format", "console", "--log-level", "warning"],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    endpoint = f"http://127.0.0.1:{rest}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"bqemulator exited: {log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{endpoint}/readyz", timeout=1) as resp:  # noqa: S310
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("bqemulator not ready after 60 s")
            time.sleep(0.1)
        yield endpoint
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

"""``python -m cloudact_grpc`` as a subprocess on a data directory (crash and shutdown tests)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc

from cloudact_grpc.processes import stop
from tests.support.ports import free_port

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Server:
    """A ``python -m cloudact_grpc`` process on a data directory."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"


@contextlib.contextmanager
def serving(data: Path, root_key: str, log: Path, *, grace_seconds: float = 2) -> Iterator[Server]:
    """The server on a free port until the block ends (SIGTERM, then SIGKILL after 15 s)."""
    port = free_port()
    env = {
        **os.environ,
        "ENVIRONMENT": "development",
        "CA_ROOT_API_KEY": root_key,
        "CLOUDACT_DATA_DIR": str(data),
        "CLOUDACT_GRPC_PORT": str(port),
        "CLOUDACT_METRICS_PORT": str(free_port()),
        "CLOUDACT_RATE_LIMIT_ORG_BURST": "10000",
        "CLOUDACT_RATE_LIMIT_GLOBAL_BURST": "10000",
        "CLOUDACT_SHUTDOWN_GRACE_SECONDS": str(grace_seconds),
        "PYTHONPATH": f"{ROOT}:{ROOT / 'gen'}",
    }
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cloudact_grpc"], cwd=ROOT, env=env, stdout=out, stderr=out
        )
    server = Server(proc, port, log)
    try:
        with grpc.insecure_channel(server.target) as chan:
            grpc.channel_ready_future(chan).result(timeout=60)
        yield server
    finally:
        stop(proc, timeout=15)


def kill_under_load(
    server: Server,
    workers: list[threading.Thread],
    stop: threading.Event,
    ready: Callable[[], bool],
    *,
    within: float = 60,
) -> None:
    """Start ``workers``, SIGKILL the server once ``ready()`` (or ``within`` s), then stop them."""
    for w in workers:
        w.start()
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and not ready():
        time.sleep(0.02)
    server.process.send_signal(signal.SIGKILL)
    server.process.wait()
    stop.set()
    for w in workers:
        w.join(timeout=120)

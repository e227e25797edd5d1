"""A throwaway ``redis-server`` (Debian's package, installed by ``make redis``) for a local stack.

Listens on a unix socket only (no port to collide with), keeps nothing on disk; ``make run`` with
several replicas and the tests start one when ``CLOUDACT_REDIS_URL`` is not set.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import redis

from cloudact_grpc.config import ConfigError
from cloudact_grpc.processes import stop


@contextlib.contextmanager
def running_redis(workdir: Path) -> Iterator[str]:
    """Redis on ``workdir/redis.sock`` until the block ends; yields its ``unix://`` URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise ConfigError("redis-server not found: `make redis` installs Debian's package")
    workdir.mkdir(parents=True, exist_ok=True)
    socket = workdir / "redis.sock"
    socket.unlink(missing_ok=True)
    args = ["--port", "0", "--unixsocket", str(socket), "--unixsocketperm", "700"]
    args += ["--save", "", "--appendonly", "no", "--dir", str(workdir)]
    with (workdir / "redis.log").open("ab") as log:
        process = subprocess.Popen([binary, *args], stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    url = f"unix://{socket}"
    try:
        _wait_ready(url, process)
        yield url
    finally:
        stop(process)


def _wait_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 10
    client = redis.Redis.from_url(url, socket_timeout=0.5)
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise ConfigError(f"redis-server exited with status {process.returncode}")
            with contextlib.suppress(redis.RedisError):
                if client.ping():
                    return
            time.sleep(0.05)
        raise ConfigError("redis-server did not answer within 10 s")
    finally:
        client.close()

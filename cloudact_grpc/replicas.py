"""``make run`` with ``CLOUDACT_REPLICAS`` > 1: that many server processes behind the one Envoy.

Replica ``n`` is ``python -m cloudact_grpc`` on gRPC port ``CLOUDACT_GRPC_PORT + n`` and metrics
port ``CLOUDACT_METRICS_PORT + n``; all share the warehouse (BigQuery: ``check_replicas`` refuses
DuckDB) and one Redis (``CLOUDACT_REDIS_URL``, or a local ``redis-server`` started here). On
SIGTERM/SIGINT every replica is stopped gracefully; a replica that dies is logged and left to
Envoy's health checks.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import threading
from types import FrameType
from urllib.parse import urlsplit, urlunsplit

import structlog

from cloudact_grpc.adapters.keys.factory import build_key_manager
from cloudact_grpc.config import Settings, child_environment
from cloudact_grpc.local_redis import running_redis
from cloudact_grpc.processes import stop

_log = structlog.get_logger("cloudact.replicas")


def without_credentials(url: str) -> str:
    """``url`` for a log line: any user name and password taken out of it."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(parts._replace(netloc=netloc))


def serve_replicas(settings: Settings) -> None:
    """Run ``settings.replicas`` server processes until a signal, then stop them."""
    with contextlib.ExitStack() as cleanup:
        url = settings.redis_url or cleanup.enter_context(
            running_redis(settings.data_dir.resolve() / f"redis-{settings.http_port}")
        )
        if not (settings.kms_key_name or settings.master_keys):
            build_key_manager(settings)  # the local key file, once, before replicas race for it
        children = [_start(settings, n, url) for n in range(settings.replicas)]
        cleanup.callback(_stop, children, settings.shutdown_grace_seconds)
        _log.info("replicas started", replicas=len(children), shared_state=without_credentials(url))
        stop = threading.Event()

        def on_signal(signum: int, _frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        reported: set[int] = set()
        while not stop.wait(0.5):
            for n, child in enumerate(children):
                if child.poll() is not None and n not in reported:
                    reported.add(n)
                    _log.warning("replica exited", replica=n, status=child.returncode)


def _start(settings: Settings, n: int, redis_url: str) -> subprocess.Popen[bytes]:
    env = child_environment(
        CLOUDACT_GRPC_PORT=str(settings.grpc_port + n),
        CLOUDACT_METRICS_PORT=str(settings.metrics_port + n),
        CLOUDACT_REDIS_URL=redis_url,
        CLOUDACT_REPLICAS="1",
        CA_ROOT_API_KEY=settings.root_api_key or "",
    )
    return subprocess.Popen([sys.executable, "-m", "cloudact_grpc"], env=env)


def _stop(children: list[subprocess.Popen[bytes]], grace_seconds: float) -> None:
    for child in children:
        if child.poll() is None:
            child.terminate()  # all at once: they drain in parallel
    for child in children:
        stop(child, timeout=grace_seconds + 5)

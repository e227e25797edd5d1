"""One DuckDB stack (in-process server + real Envoy) per reliability module, with onboarded orgs."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest

from cloudact_grpc.app import App, build_app
from cloudact_grpc.config import Environment, Settings, WarehouseKind
from tests.support.envoy import EnvoyProcess
from tests.support.ports import free_port

HTTP = httpx.Client(timeout=60.0)


@dataclasses.dataclass
class Stack:
    """A running DuckDB stack and how to reach it."""

    app: App
    channel: grpc.Channel
    envoy: EnvoyProcess
    root_key: str
    grpc_port: int
    metrics_port: int

    @property
    def url(self) -> str:
        return self.envoy.base_url

    @property
    def root_headers(self) -> dict[str, str]:
        return {"X-CA-Root-Key": self.root_key}

    @property
    def root_metadata(self) -> tuple[tuple[str, str], ...]:
        return (("x-ca-root-key", self.root_key),)

    def onboard(self, slug: str) -> str:
        """Onboard ``slug`` through Envoy (bootstrapping first); its API key."""
        boot = HTTP.post(f"{self.url}/api/v1/admin/bootstrap", json={}, headers=self.root_headers)
        assert boot.status_code == 200, boot.text
        made = HTTP.post(
            f"{self.url}/api/v1/organizations/onboard",
            json={
                "org_slug": slug,
                "company_name": slug,
                "admin_email": f"fin@{slug.replace('_', '-')}.example",
            },
            headers=self.root_headers,
        )
        assert made.status_code == 200, made.text
        return str(made.json()["api_key"])

    def dev_key(self, slug: str) -> str:
        """The org's current API key (development only)."""
        got = HTTP.get(f"{self.url}/api/v1/admin/dev/api-key/{slug}", headers=self.root_headers)
        assert got.status_code == 200, got.text
        return str(got.json()["api_key"])

    def metric(self, method: str, code: str) -> float:
        """``grpc_server_handled_total`` for one method and code (0 when absent)."""
        body = HTTP.get(f"http://127.0.0.1:{self.metrics_port}/metrics").text
        for line in body.splitlines():
            if (
                line.startswith("grpc_server_handled_total{")
                and f'grpc_method="{method}"' in line
                and f'grpc_code="{code}"' in line
            ):
                return float(line.rsplit(" ", 1)[1])
        return 0.0


@contextlib.contextmanager
def running_stack(
    settings: Settings, root_key: str, workdir: Path, **overrides: Any
) -> Iterator[Stack]:
    """Development settings on a DuckDB file in ``workdir`` (plus ``overrides``), with Envoy."""
    with contextlib.ExitStack() as cleanup:
        local = dataclasses.replace(
            settings,
            environment=Environment.DEVELOPMENT,
            data_dir=workdir,
            warehouse=WarehouseKind.DUCKDB,
            duckdb_path=str(workdir / "cloudact.duckdb"),
            metrics_port=free_port(),
            master_key_file=workdir / "master-key.json",
            **overrides,
        )
        app = build_app(local)
        port = app.server.start("127.0.0.1", 0, local.metrics_port)
        cleanup.callback(app.close)
        cleanup.callback(app.server.stop, 1)
        envoy = EnvoyProcess.start(
            grpc_port=port,
            metrics_port=local.metrics_port,
            workdir=workdir,
            cors_origins=("http://localhost:3000",),
        )
        cleanup.callback(envoy.stop)
        channel = cleanup.enter_context(grpc.insecure_channel(f"127.0.0.1:{port}"))
        yield Stack(app, channel, envoy, root_key, port, local.metrics_port)


@pytest.fixture(scope="module")
def stack(
    settings: Settings, root_key: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    """The default reliability stack, fresh per module."""
    with running_stack(settings, root_key, tmp_path_factory.mktemp("reliability")) as running:
        yield running

"""A stack per module: in-process server on DuckDB (or the BigQuery emulator) behind real Envoy."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator

import grpc
import pytest
from cloudact.v1 import costs_pb2, costs_pb2_grpc

from cloudact_grpc.app import App, build_app
from cloudact_grpc.config import Environment, Settings, WarehouseKind
from cloudact_grpc.demo import __main__ as demo
from tests.budgets.seed import arrow_table, seeded_rows
from tests.support.bqemulator import PROJECT, running_bqemulator
from tests.support.envoy import EnvoyProcess
from tests.support.http import HTTP
from tests.support.ports import free_port


@dataclasses.dataclass
class BudgetStack:
    """One running stack and how to reach it."""

    app: App
    channel: grpc.Channel
    envoy: EnvoyProcess
    root_key: str
    backend: str

    @property
    def url(self) -> str:
        return self.envoy.base_url

    @property
    def root_headers(self) -> dict[str, str]:
        return {"X-CA-Root-Key": self.root_key}

    @property
    def root_metadata(self) -> tuple[tuple[str, str], ...]:
        return (("x-ca-root-key", self.root_key),)

    def onboard(self, org: str) -> str:
        """Bootstrap (idempotent), onboard ``org``; its API key."""
        boot = HTTP.post(f"{self.url}/api/v1/admin/bootstrap", json={}, headers=self.root_headers)
        assert boot.status_code == 200, boot.text
        reply = HTTP.post(
            f"{self.url}/api/v1/organizations/onboard",
            json={"org_slug": org, "company_name": "Budget Co", "admin_email": "fin@b.example"},
            headers=self.root_headers,
        )
        assert reply.status_code == 200, reply.text
        return str(reply.json()["api_key"])

    def seed(self, org: str) -> None:
        """Ingest the seeded rows into ``org``."""
        stub = costs_pb2_grpc.CostsServiceStub(self.channel)
        for chunk in demo.ipc_chunks(arrow_table(seeded_rows())):
            stub.IngestCostRows(
                costs_pb2.IngestCostRowsRequest(org_slug=org, arrow_ipc_stream=chunk),
                metadata=self.root_metadata,
            )


@contextlib.contextmanager
def running_stack(
    backend: str, settings: Settings, root_key: str, workdir: object, **overrides: object
) -> Iterator[BudgetStack]:
    """Server + Envoy on ``backend`` with a fresh data directory."""
    from pathlib import Path

    path = Path(str(workdir))
    with contextlib.ExitStack() as cleanup:
        endpoint = (
            cleanup.enter_context(running_bqemulator(path)) if backend == "bigquery" else None
        )
        stack_settings = dataclasses.replace(
            settings,
            environment=Environment.DEVELOPMENT,
            data_dir=path,
            warehouse=WarehouseKind(backend),
            duckdb_path=str(path / "cloudact.duckdb"),
            gcp_project_id=PROJECT,
            bigquery_endpoint=endpoint,
            metrics_port=free_port(),
            master_key_file=path / "master-key.json",
        )
        stack_settings = dataclasses.replace(stack_settings, **overrides)  # type: ignore[arg-type]
        app = build_app(stack_settings)
        port = app.server.start("127.0.0.1", 0, stack_settings.metrics_port)
        cleanup.callback(app.close)
        cleanup.callback(app.server.stop, 1)
        envoy = EnvoyProcess.start(
            grpc_port=port,
            metrics_port=stack_settings.metrics_port,
            workdir=path,
            cors_origins=("http://localhost:3000",),
        )
        cleanup.callback(envoy.stop)
        channel = cleanup.enter_context(grpc.insecure_channel(f"127.0.0.1:{port}"))
        yield BudgetStack(app, channel, envoy, root_key, backend)


@pytest.fixture(scope="module")
def duck_stack(
    settings: Settings, root_key: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BudgetStack]:
    """The embedded stack (DuckDB file) for one module."""
    with running_stack("duckdb", settings, root_key, tmp_path_factory.mktemp("budgets")) as s:
        yield s


@pytest.fixture(scope="module")
def bq_stack(
    settings: Settings, root_key: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BudgetStack]:
    """The BigQuery (emulator) stack for one module."""
    with running_stack("bigquery", settings, root_key, tmp_path_factory.mktemp("budgets-bq")) as s:
        yield s

"""Bootstrap through REST (Envoy) and gRPC, on DuckDB and on BigQuery (emulator), read back."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import grpc
import httpx
import pytest
from cloudact.v1 import admin_pb2, admin_pb2_grpc

from cloudact_grpc.adapters.warehouse import schemas
from cloudact_grpc.app import App, build_app
from cloudact_grpc.config import Settings, WarehouseKind
from cloudact_grpc.ports.warehouse import Column, ColumnType
from tests.support.bqemulator import PROJECT, running_bqemulator
from tests.support.envoy import EnvoyProcess
from tests.support.errors import decode
from tests.support.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
CENTRAL = schemas.central_tables(ROOT / "configs")
NAMES = sorted(t.name for t in CENTRAL)


@dataclasses.dataclass
class Stack:
    app: App
    stub: admin_pb2_grpc.AdminServiceStub
    envoy: EnvoyProcess
    root_headers: dict[str, str]
    metadata: tuple[tuple[str, str], ...]


@pytest.fixture(scope="module", params=["duckdb", "bigquery"])
def stack(
    request: pytest.FixtureRequest,
    settings: Settings,
    root_key: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Stack]:
    workdir = tmp_path_factory.mktemp(f"bootstrap-{request.param}")
    with running_bqemulator(workdir) if request.param == "bigquery" else _nothing() as endpoint:
        kind_settings = dataclasses.replace(
            settings,
            warehouse=WarehouseKind(request.param),
            duckdb_path=str(workdir / "cloudact.duckdb"),
            gcp_project_id=PROJECT,
            bigquery_endpoint=endpoint,
            metrics_port=free_port(),
        )
        app = build_app(kind_settings)
        port = app.server.start("127.0.0.1", 0, kind_settings.metrics_port)
        envoy = EnvoyProcess.start(
            grpc_port=port,
            metrics_port=kind_settings.metrics_port,
            workdir=workdir,
            cors_origins=("http://localhost:3000",),
        )
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield Stack(
                app,
                admin_pb2_grpc.AdminServiceStub(channel),
                envoy,
                {"X-CA-Root-Key": root_key},
                (("x-ca-root-key", root_key),),
            )
        envoy.stop()
        app.server.stop(1)
        app.close()


class _nothing:  # noqa: N801 - reads as a context manager name
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


def test_first_bootstrap_over_rest_creates_the_15_tables(stack: Stack) -> None:
    response = httpx.post(
        f"{stack.envoy.base_url}/api/v1/admin/bootstrap", json={}, headers=stack.root_headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "SUCCESS"
    assert body["dataset_created"] is True
    assert body["total_tables"] == 15
    assert sorted(body["created_tables"]) == NAMES
    assert body["existing_tables"] == []
    warehouse = stack.app.warehouse
    assert warehouse.list_tables("organizations") == NAMES
    for expected in CENTRAL:
        stored = warehouse.describe_table("organizations", expected.name)
        assert [(c.name, c.type, c.mode) for c in stored.columns] == [
            (c.name, c.type, c.mode) for c in expected.columns
        ]
        assert stored.partition_field == expected.partition_field
        assert tuple(stored.clustering_fields) == tuple(expected.clustering_fields)


def test_second_bootstrap_over_grpc_creates_nothing(stack: Stack) -> None:
    reply = stack.stub.Bootstrap(admin_pb2.BootstrapRequest(), metadata=stack.metadata)
    assert (reply.dataset_created, list(reply.created_tables)) == (False, [])
    assert sorted(reply.existing_tables) == NAMES


def test_force_recreate_tables_drops_rows(stack: Stack) -> None:
    table = CENTRAL[0]
    row = {c.name: _sample(c) for c in table.columns if c.mode.value == "REQUIRED"}
    stack.app.warehouse.insert_rows("organizations", table.name, [row])
    assert len(stack.app.warehouse.select("organizations", table.name)) == 1
    reply = stack.stub.Bootstrap(
        admin_pb2.BootstrapRequest(force_recreate_tables=True), metadata=stack.metadata
    )
    assert reply.dataset_created is False
    assert sorted(reply.created_tables) == NAMES
    assert stack.app.warehouse.select("organizations", table.name) == []


def test_force_recreate_dataset_starts_from_nothing(stack: Stack) -> None:
    stack.app.warehouse.create_table(
        "organizations", dataclasses.replace(CENTRAL[0], name="stray_table")
    )
    reply = stack.stub.Bootstrap(
        admin_pb2.BootstrapRequest(force_recreate_dataset=True), metadata=stack.metadata
    )
    assert reply.dataset_created is True
    assert sorted(reply.created_tables) == NAMES
    assert stack.app.warehouse.list_tables("organizations") == NAMES


def test_bootstrap_needs_the_root_key(stack: Stack) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        stack.stub.Bootstrap(admin_pb2.BootstrapRequest())
    assert decode(caught.value).code is grpc.StatusCode.UNAUTHENTICATED


def _sample(column: Column) -> object:
    return {
        ColumnType.STRING: "x",
        ColumnType.INT64: 1,
        ColumnType.NUMERIC: Decimal("1.5"),
        ColumnType.BOOL: True,
        ColumnType.DATE: dt.date(2026, 1, 1),
        ColumnType.TIMESTAMP: dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        ColumnType.JSON: {},
        ColumnType.FLOAT64: 1.0,
    }[column.type]

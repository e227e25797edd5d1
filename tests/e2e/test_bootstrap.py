"""Bootstrap through REST (Envoy) and gRPC, on DuckDB and on BigQuery (emulator), read back."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import grpc
import pytest
from cloudact.v1 import admin_pb2, admin_pb2_grpc

from cloudact_grpc.adapters.warehouse import schemas
from cloudact_grpc.ports.warehouse import Column, ColumnType
from tests.e2e.conftest import Stack
from tests.support.backends import BOTH_BACKENDS
from tests.support.errors import decode
from tests.support.http import HTTP

pytestmark = pytest.mark.parametrize("stack", BOTH_BACKENDS, indirect=True)

ROOT = Path(__file__).resolve().parents[2]
CENTRAL = schemas.central_tables(ROOT / "configs")
NAMES = sorted(t.name for t in CENTRAL)


def test_first_bootstrap_over_rest_creates_the_15_tables(stack: Stack) -> None:
    response = HTTP.post(f"{stack.url}/api/v1/admin/bootstrap", json={}, headers=stack.root_headers)
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
    reply = admin_pb2_grpc.AdminServiceStub(stack.channel).Bootstrap(
        admin_pb2.BootstrapRequest(), metadata=stack.root_metadata
    )
    assert (reply.dataset_created, list(reply.created_tables)) == (False, [])
    assert sorted(reply.existing_tables) == NAMES


def test_force_recreate_tables_drops_rows(stack: Stack) -> None:
    table = CENTRAL[0]
    row = {c.name: _sample(c) for c in table.columns if c.mode.value == "REQUIRED"}
    stack.app.warehouse.insert_rows("organizations", table.name, [row])
    assert len(stack.app.warehouse.select("organizations", table.name)) == 1
    reply = admin_pb2_grpc.AdminServiceStub(stack.channel).Bootstrap(
        admin_pb2.BootstrapRequest(force_recreate_tables=True), metadata=stack.root_metadata
    )
    assert reply.dataset_created is False
    assert sorted(reply.created_tables) == NAMES
    assert stack.app.warehouse.select("organizations", table.name) == []


def test_force_recreate_dataset_starts_from_nothing(stack: Stack) -> None:
    stack.app.warehouse.create_table(
        "organizations", dataclasses.replace(CENTRAL[0], name="stray_table")
    )
    reply = admin_pb2_grpc.AdminServiceStub(stack.channel).Bootstrap(
        admin_pb2.BootstrapRequest(force_recreate_dataset=True), metadata=stack.root_metadata
    )
    assert reply.dataset_created is True
    assert sorted(reply.created_tables) == NAMES
    assert stack.app.warehouse.list_tables("organizations") == NAMES


def test_bootstrap_needs_the_root_key(stack: Stack) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        admin_pb2_grpc.AdminServiceStub(stack.channel).Bootstrap(admin_pb2.BootstrapRequest())
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

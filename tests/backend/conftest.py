"""Backend fixtures: a warehouse per test, DuckDB unless the test opts into both backends.

The BigQuery side is the real ``google-cloud-bigquery`` client against the run's one
``bqemulator`` (the ``bq_endpoint`` fixture); modules that must hold on both backends say
``pytestmark = pytest.mark.parametrize("warehouse", BOTH_BACKENDS, indirect=True)``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from cloudact_grpc.adapters.warehouse.bigquery_warehouse import BigQueryWarehouse
from cloudact_grpc.adapters.warehouse.duckdb_warehouse import DuckDBWarehouse
from cloudact_grpc.ports.warehouse import Warehouse
from tests.support.bqemulator import PROJECT


@pytest.fixture
def warehouse(request: pytest.FixtureRequest) -> Iterator[Warehouse]:
    """A fresh warehouse per test: in-memory DuckDB, or the shared emulator."""
    wh: Warehouse
    if getattr(request, "param", "duckdb") == "duckdb":
        wh = DuckDBWarehouse(":memory:")
    else:
        wh = BigQueryWarehouse(PROJECT, "US", request.getfixturevalue("bq_endpoint"))
    yield wh
    wh.close()


@pytest.fixture
def dataset(warehouse: Warehouse) -> Iterator[str]:
    """A unique, empty dataset, dropped after the test."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    warehouse.create_dataset(name)
    yield name
    warehouse.drop_dataset(name)

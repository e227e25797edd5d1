"""Backend fixtures: the ``warehouse`` fixture runs each test on DuckDB and on BigQuery.

The BigQuery side is the real ``google-cloud-bigquery`` client against ``bqemulator``, started
once per session from ``.venv-bqemu`` (built by ``scripts/bqemulator.sh setup``) on free
loopback ports and stopped by PID at the end.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from cloudact_grpc.adapters.warehouse.bigquery_warehouse import BigQueryWarehouse
from cloudact_grpc.adapters.warehouse.duckdb_warehouse import DuckDBWarehouse
from cloudact_grpc.ports.warehouse import Warehouse
from tests.support.bqemulator import PROJECT, running_bqemulator


@pytest.fixture(scope="session")
def bq_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start bqemulator once per session; yield its REST endpoint."""
    with running_bqemulator(tmp_path_factory.mktemp("bqemu")) as endpoint:
        yield endpoint


@pytest.fixture(params=["duckdb", "bigquery"])
def warehouse(request: pytest.FixtureRequest) -> Iterator[Warehouse]:
    """A fresh warehouse per test: in-memory DuckDB, or the shared emulator."""
    wh: Warehouse
    if request.param == "duckdb":
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

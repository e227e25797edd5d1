"""A stack per module for the budget and alert tests: the e2e stack plus the seeded cost rows."""

from __future__ import annotations

import contextlib
import dataclasses
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest
from cloudact.v1 import costs_pb2, costs_pb2_grpc

from cloudact_grpc.config import Settings
from cloudact_grpc.demo import __main__ as demo
from tests.budgets.seed import arrow_table, seeded_rows
from tests.e2e.conftest import Stack
from tests.e2e.conftest import running_stack as running_e2e_stack


@dataclasses.dataclass
class BudgetStack(Stack):
    """The e2e stack, able to ingest cost rows."""

    def onboard(
        self,
        slug: str,
        company_name: str = "Budget Co",
        admin_email: str = "fin@b.example",
        plan: str = "",
    ) -> str:
        """Bootstrap, then onboard ``slug``; the org's API key."""
        return super().onboard(slug, company_name, admin_email, plan)

    def seed(self, org: str) -> None:
        """Ingest the seeded rows into ``org``."""
        self.ingest(org, arrow_table(seeded_rows()))

    def ingest(self, org: str, table: pa.Table) -> None:
        """Ingest ``table`` into ``org`` over gRPC, one batch id per chunk."""
        stub = costs_pb2_grpc.CostsServiceStub(self.channel)
        for chunk in demo.ipc_chunks(table):
            stub.IngestCostRows(
                costs_pb2.IngestCostRowsRequest(
                    org_slug=org, arrow_ipc_stream=chunk, batch_id=uuid.uuid4().hex
                ),
                metadata=self.root_metadata,
            )


@contextlib.contextmanager
def running_stack(
    backend: str,
    settings: Settings,
    root_key: str,
    workdir: object,
    bq_endpoint: str | None = None,
    **overrides: object,
) -> Iterator[BudgetStack]:
    """Server + Envoy on ``backend`` with a fresh data directory (the run's one emulator)."""
    path = Path(str(workdir))
    with running_e2e_stack(backend, settings, root_key, path, bq_endpoint, **overrides) as s:
        yield BudgetStack(**{f.name: getattr(s, f.name) for f in dataclasses.fields(s)})


@pytest.fixture(scope="module")
def duck_stack(
    settings: Settings, root_key: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BudgetStack]:
    """The embedded stack (DuckDB file) for one module."""
    with running_stack("duckdb", settings, root_key, tmp_path_factory.mktemp("budgets")) as s:
        yield s


@pytest.fixture(scope="module")
def bq_stack(
    settings: Settings, root_key: str, tmp_path_factory: pytest.TempPathFactory, bq_endpoint: str
) -> Iterator[BudgetStack]:
    """The BigQuery (emulator) stack for one module."""
    workdir = tmp_path_factory.mktemp("budgets-bq")
    with running_stack("bigquery", settings, root_key, workdir, bq_endpoint) as s:
        yield s

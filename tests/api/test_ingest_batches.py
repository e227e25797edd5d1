"""IngestCostRows batches: stored once (also after a server restart), a reused id refused,
rows checked against the table schema with the column and first bad row named.

The server runs in process on a DuckDB file, so a restart is a new server on the same file.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import grpc
import pyarrow as pa
import pytest
from cloudact.v1 import (
    admin_pb2,
    admin_pb2_grpc,
    costs_pb2,
    costs_pb2_grpc,
    organizations_pb2,
    organizations_pb2_grpc,
)

from cloudact_grpc.analytics import schema as s
from cloudact_grpc.app import App
from cloudact_grpc.config import Settings
from cloudact_grpc.ports.warehouse import Eq
from cloudact_grpc.services.cost_ingest import BATCH_COLUMN, BATCHES
from tests.support.cost_rows import focus_rows, ipc
from tests.support.errors import decode
from tests.support.faults import fail_once
from tests.support.stack import app_on_file

ORG = "ingest_once"
DAY = dt.date(2026, 3, 2)


def _onboard(channel: grpc.Channel, root_key: str) -> None:
    meta = (("x-ca-root-key", root_key),)
    admin_pb2_grpc.AdminServiceStub(channel).Bootstrap(admin_pb2.BootstrapRequest(), metadata=meta)
    organizations_pb2_grpc.OrganizationsServiceStub(channel).OnboardOrganization(
        organizations_pb2.OnboardOrganizationRequest(
            org_slug=ORG, company_name="Ingest Co", admin_email="ops@ingest.example"
        ),
        metadata=meta,
    )


def _table(n: int = 3, billed: str = "1.25") -> pa.Table:
    return focus_rows(DAY, n, billed)


def _ingest(
    channel: grpc.Channel, root_key: str, table: pa.Table, batch_id: str
) -> costs_pb2.IngestCostRowsResponse:
    stub = costs_pb2_grpc.CostsServiceStub(channel)
    request = costs_pb2.IngestCostRowsRequest(
        org_slug=ORG, arrow_ipc_stream=ipc(table), batch_id=batch_id
    )
    response: costs_pb2.IngestCostRowsResponse = stub.IngestCostRows(
        request, metadata=(("x-ca-root-key", root_key),), timeout=60
    )
    return response


def _stored(app: App, batch_id: str) -> int:
    warehouse = app.warehouse
    return len(warehouse.select(f"{ORG}_test", s.TABLE, [Eq(BATCH_COLUMN, batch_id)]))


def _left_loading(app: App, batch_id: str, claimed_at: dt.datetime) -> None:
    """Put a stored batch back as a loader that died leaves it: rows in, claim 'loading'."""
    assert app.warehouse.compare_and_set(
        f"{ORG}_test",
        BATCHES,
        {"state": "loading", "claimed_at": claimed_at},
        [Eq("batch_id", batch_id)],
        {"state": "stored"},
    )


def test_a_batch_is_stored_once_also_after_a_restart(
    settings: Settings, root_key: str, tmp_path: Path
) -> None:
    path = tmp_path / "cloudact.duckdb"
    with app_on_file(settings, path) as (channel, app):
        _onboard(channel, root_key)
        first = _ingest(channel, root_key, _table(), "run-1:0")
        assert (first.inserted_rows, first.already_stored) == (3, False)
        again = _ingest(channel, root_key, _table(), "run-1:0")
        assert (again.inserted_rows, again.already_stored) == (3, True)
        assert _stored(app, "run-1:0") == 3

        # The same id with other rows is refused and writes nothing.
        with pytest.raises(grpc.RpcError) as caught:
            _ingest(channel, root_key, _table(billed="9.99"), "run-1:0")
        error = decode(caught.value)
        assert (error.code, error.reason) == (
            grpc.StatusCode.INVALID_ARGUMENT,
            "IDEMPOTENCY_KEY_REUSED",
        )
        assert error.violated_fields == ["batch_id"]
        assert error.error_info is not None
        assert error.error_info.metadata["idempotency_key"] == "run-1:0"
        assert _stored(app, "run-1:0") == 3

        # What a kill between the insert and marking the batch stored leaves: the rows are in,
        # the claim 'loading' and only a moment old.
        _ingest(channel, root_key, _table(2), "run-3:0")
        _left_loading(app, "run-3:0", dt.datetime.now(dt.UTC))

    with app_on_file(settings, path) as (channel, app):
        # The DuckDB file has one owner: a claim older than the server's start is dead, so the
        # restarted server takes it over at once (the rows it left are replaced, not doubled).
        taken = _ingest(channel, root_key, _table(2), "run-3:0")
        assert (taken.inserted_rows, taken.already_stored) == (2, False)
        assert _stored(app, "run-3:0") == 2
        after = _ingest(channel, root_key, _table(), "run-1:0")
        assert (after.inserted_rows, after.already_stored) == (3, True)
        assert _stored(app, "run-1:0") == 3
        warehouse = app.warehouse
        total = warehouse.select(f"{ORG}_test", s.TABLE, [Eq(s.DAY, DAY)])
        assert len(total) == 5  # run-1:0 and run-3:0, each once
        assert sum(Decimal(str(r[s.BILLED])) for r in total) == Decimal("6.25")
        (claim,) = warehouse.select(f"{ORG}_test", BATCHES, [Eq("batch_id", "run-1:0")])
        assert (claim["state"], claim["row_count"]) == ("stored", 3)

        # A batch left 'loading' by a loader that died is taken over once its claim is stale:
        # the rows it left are replaced, not doubled.
        _ingest(channel, root_key, _table(2), "run-2:0")
        _left_loading(app, "run-2:0", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        retried = _ingest(channel, root_key, _table(2), "run-2:0")
        assert (retried.inserted_rows, retried.already_stored) == (2, False)
        assert _stored(app, "run-2:0") == 2


@pytest.mark.parametrize(
    ("change", "column", "row"),
    [
        (lambda t: t.drop_columns(["BilledCost"]), "BilledCost", None),
        (
            lambda t: t.set_column(
                t.schema.get_field_index("ServiceName"),
                "ServiceName",
                pa.array(["a", "b", None, "d"]),
            ),
            "ServiceName",
            2,
        ),
        (
            lambda t: t.set_column(
                t.schema.get_field_index("Tags"), "Tags", pa.array(["{}", "{nope", "{}", "{}"])
            ),
            "Tags",
            1,
        ),
        (
            lambda t: t.set_column(
                t.schema.get_field_index("BilledCost"),
                "BilledCost",
                pa.array([1.5, 2.0, 3.0, 4.0]),
            ),
            "BilledCost",
            None,
        ),
        (lambda t: t.append_column("NoSuchColumn", pa.array(["x"] * 4)), "NoSuchColumn", None),
        (lambda t: t.append_column(BATCH_COLUMN, pa.array(["x"] * 4)), BATCH_COLUMN, None),
    ],
)
def test_rows_are_checked_against_the_schema_naming_column_and_row(
    settings: Settings, root_key: str, tmp_path: Path, change: object, column: str, row: int | None
) -> None:
    with app_on_file(settings, tmp_path / "cloudact.duckdb") as (channel, app):
        _onboard(channel, root_key)
        bad = change(_table(4))  # type: ignore[operator]
        with pytest.raises(grpc.RpcError) as caught:
            _ingest(channel, root_key, bad, "bad:0")
        error = decode(caught.value)
        assert error.code is grpc.StatusCode.INVALID_ARGUMENT
        assert error.violated_fields == ["arrow_ipc_stream"]
        assert error.bad_request is not None
        description = error.bad_request.field_violations[0].description
        where = f"column {column!r}" + (f", row {row}:" if row is not None else ":")
        assert description.startswith(where), description
        assert f"column {column!r}" in error.message
        warehouse = app.warehouse
        assert warehouse.select(f"{ORG}_test", s.TABLE, []) == []
        assert warehouse.select(f"{ORG}_test", BATCHES, []) == []


def test_a_batch_id_is_required(settings: Settings, root_key: str, tmp_path: Path) -> None:
    with app_on_file(settings, tmp_path / "cloudact.duckdb") as (channel, _app):
        _onboard(channel, root_key)
        with pytest.raises(grpc.RpcError) as caught:
            _ingest(channel, root_key, _table(), "")
        error = decode(caught.value)
        assert error.code is grpc.StatusCode.INVALID_ARGUMENT
        assert error.violated_fields == ["batch_id"]


def test_a_batch_whose_insert_failed_is_loaded_by_the_next_call(
    settings: Settings, root_key: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the DuckDB file a failed insert leaves nothing in flight: the claim is let go at once."""
    with app_on_file(settings, tmp_path / "cloudact.duckdb") as (channel, app):
        _onboard(channel, root_key)
        cut = fail_once(monkeypatch, app.warehouse, "insert_rows", s.TABLE)
        with pytest.raises(grpc.RpcError) as caught:
            _ingest(channel, root_key, _table(), "run-4:0")
        assert cut and decode(caught.value).code is grpc.StatusCode.INTERNAL
        assert app.warehouse.select(f"{ORG}_test", BATCHES, []) == []
        retried = _ingest(channel, root_key, _table(), "run-4:0")  # the pipeline's next try
        assert (retried.inserted_rows, retried.already_stored) == (3, False)
        assert _stored(app, "run-4:0") == 3

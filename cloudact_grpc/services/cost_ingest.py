"""Cost ingestion by batch: rows checked against the table schema, each batch stored once.

A batch id is claimed in the org's ``cost_ingest_batches`` table (one atomic insert) with the
fingerprint of its rows; its rows carry the id in ``x_ingest_batch_id``. The claim is marked
``stored`` after the insert. A batch id seen again:

- with other rows: INVALID_ARGUMENT ``IDEMPOTENCY_KEY_REUSED`` (``batch_id``), nothing written;
- ``stored``: the stored row count is answered again, nothing written (also after a restart:
  the claim lives in the warehouse);
- still ``loading``: ABORTED (retry) while the claim is fresh; a claim older than
  ``stale_after`` (its loader died) is taken over by compare-and-set, the rows it may have
  left are deleted, and the batch is loaded again.

Where this process is the warehouse's one writer (the DuckDB file, ``sole_writer_since`` its
start), a claim made before that start belongs to a process that crashed and is taken over at
once, and a load that fails is undone at once (its rows, then its claim): nothing it started
can still land, so the next call loads the batch without waiting.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import pyarrow as pa
import pyarrow.compute as pc

from cloudact_grpc.analytics import schema as s
from cloudact_grpc.domain.clock import Clock
from cloudact_grpc.domain.cost_events import DayRange
from cloudact_grpc.domain.errors import (
    Aborted,
    DomainError,
    FieldViolation,
    InvalidArgument,
    Reason,
)
from cloudact_grpc.ports.warehouse import (
    Column,
    ColumnType,
    Eq,
    Mode,
    TableSchema,
    Warehouse,
    WarehouseError,
)
from cloudact_grpc.services.cost_source import CostSource
from cloudact_grpc.services.orgs import tables

BATCHES: Final = tables.INGEST_BATCHES
BATCH_COLUMN: Final = "x_ingest_batch_id"
LOADING: Final = "loading"
STORED: Final = "stored"
MAX_BATCH_ID: Final = 128
STALE_AFTER: Final = dt.timedelta(minutes=5)
_FIELD: Final = "arrow_ipc_stream"


@dataclass(frozen=True, slots=True)
class IngestResult:
    """Rows of the batch stored, and whether this call stored them (False: a replay)."""

    rows: int
    stored_now: bool


def fingerprint(table: pa.Table) -> str:
    """SHA-256 of the rows (schema and values, in order) as an Arrow IPC stream."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return hashlib.sha256(sink.getvalue().to_pybytes()).hexdigest()


def _bad(column: str, row: int | None, problem: str) -> InvalidArgument:
    where = f"column {column!r}" + (f", row {row}" if row is not None else "")
    return InvalidArgument(
        f"{_FIELD}: {where}: {problem}",
        violations=[FieldViolation(_FIELD, f"{where}: {problem}")],
    )


def _is_text(t: pa.DataType) -> bool:
    return bool(pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t))


_ARROW_KINDS: Final[dict[ColumnType, tuple[Callable[[pa.DataType], bool], str]]] = {
    ColumnType.STRING: (_is_text, "utf8"),
    ColumnType.JSON: (_is_text, "utf8 (JSON text)"),
    ColumnType.NUMERIC: (
        lambda t: (pa.types.is_decimal(t) and t.scale <= 9) or pa.types.is_integer(t),
        "decimal128(38, 9) (at most 9 decimal places) or an integer",
    ),
    ColumnType.DATE: (pa.types.is_date32, "date32"),
    ColumnType.TIMESTAMP: (
        lambda t: pa.types.is_timestamp(t) and t.tz is not None,
        "timestamp with a timezone (UTC)",
    ),
    ColumnType.INT64: (pa.types.is_integer, "int64"),
}


def check_rows(table: pa.Table, schema: TableSchema) -> None:
    """Every column known and of its type, REQUIRED ones present and never null, JSON valid.

    The first problem is raised, naming the column and (for values) the first bad row (0-based).
    """
    known = {c.name: c for c in schema.columns}
    if len(set(table.column_names)) != table.num_columns:
        raise InvalidArgument.field(_FIELD, "a column may appear only once")
    for name in table.column_names:
        if name == BATCH_COLUMN:
            raise _bad(name, None, "is set by the service from batch_id")
        if name not in known:
            raise _bad(name, None, f"unknown column of {schema.name}")
    for column in schema.columns:
        if column.name == BATCH_COLUMN:
            continue
        if column.name not in table.column_names:
            if column.mode is Mode.REQUIRED:
                raise _bad(column.name, None, "is REQUIRED but missing")
            continue
        _check_column(column, table.column(column.name))
    _check_charge_day(table)
    _check_currency(table)


def _check_currency(table: pa.Table) -> None:
    """``BillingCurrency`` must be an ISO 4217 code as written: three upper-case letters.

    A stored ``usd`` would be a currency of its own, apart from ``USD`` in every total, filter
    and budget.
    """
    if s.CURRENCY not in table.column_names:
        return
    codes = pc.cast(table.column(s.CURRENCY), pa.string())  # view strings have no regex kernel
    wrong = pc.invert(pc.fill_null(pc.match_substring_regex(codes, r"^[A-Z]{3}$"), True))
    if pc.any(wrong).as_py():
        first = pc.index(wrong, True).as_py()
        raise _bad(s.CURRENCY, first, f"{codes[first].as_py()!r} is not an ISO 4217 code (USD)")


def _check_charge_day(table: pa.Table) -> None:
    """``x_charge_date`` must be the UTC day of ``ChargePeriodStart`` (every range filters on it).

    A loader that takes the day in another zone (23:30 UTC read as the next local day) would
    put the row in a range its charge period does not start in.
    """
    if s.DAY not in table.column_names or s.CHARGE_START not in table.column_names:
        return
    start = table.column(s.CHARGE_START)
    utc_day = pc.cast(pc.cast(start, pa.timestamp(start.type.unit, "UTC")), pa.date32())
    wrong = pc.fill_null(pc.not_equal(table.column(s.DAY), utc_day), False)
    if pc.any(wrong).as_py():
        first = pc.index(wrong, True).as_py()
        day = utc_day[first].as_py()
        raise _bad(s.DAY, first, f"must be the UTC day of ChargePeriodStart ({day})")


def _check_column(column: Column, values: pa.ChunkedArray) -> None:
    accepts, wanted = _ARROW_KINDS.get(column.type, (lambda _t: True, ""))
    if not accepts(values.type):
        raise _bad(column.name, None, f"{column.type} needs {wanted}, got {values.type}")
    if column.mode is Mode.REQUIRED and values.null_count:
        first = pc.index(pc.is_null(values), True).as_py()
        raise _bad(column.name, first, "is REQUIRED but null")
    if column.type is ColumnType.JSON:
        for i, text in enumerate(values.to_pylist()):
            if text is None:
                continue
            try:
                json.loads(text)
            except ValueError:
                raise _bad(column.name, i, "not valid JSON") from None


class IngestBatches:
    """Claims, replays and takes over ingest batches of one org dataset."""

    def __init__(
        self,
        warehouse: Warehouse,
        clock: Clock,
        *,
        stale_after: dt.timedelta = STALE_AFTER,
        sole_writer_since: dt.datetime | None = None,
    ) -> None:
        self._warehouse = warehouse
        self._clock = clock
        self._stale_after = stale_after
        self._sole_writer_since = sole_writer_since

    def run(
        self,
        dataset: str,
        batch_id: str,
        table: pa.Table,
        days: DayRange | None,
        store: Callable[[], int],
    ) -> IngestResult:
        """Store the batch once: ``store`` inserts its rows (tagged with ``batch_id``)."""
        _check_batch_id(batch_id)
        mark = fingerprint(table)
        now = self._clock.now()
        claim = {
            "batch_id": batch_id,
            "fingerprint": mark,
            "state": LOADING,
            "row_count": table.num_rows,
            "first_day": days.first if days else None,
            "last_day": days.last if days else None,
            "claimed_at": now,
        }
        if not self._warehouse.insert_if_absent(dataset, BATCHES, claim, ["batch_id"]):
            existing = self._existing(dataset, batch_id)
            if existing["fingerprint"] != mark:
                raise InvalidArgument(
                    f"batch_id {batch_id!r} was used for other rows",
                    violations=[FieldViolation("batch_id", "was used for other rows")],
                    reason=Reason.IDEMPOTENCY_KEY_REUSED,
                    metadata={"idempotency_key": batch_id},
                )
            if existing["state"] == STORED:
                count = existing["row_count"]
                return IngestResult(count if isinstance(count, int) else 0, False)
            now = self._take_over(dataset, batch_id, existing)
        try:
            inserted = store()
        except (DomainError, WarehouseError):
            if self._sole_writer_since is not None:  # nothing of this load can still land
                self._let_go(dataset, batch_id, now)
            raise
        done = self._warehouse.compare_and_set(
            dataset,
            BATCHES,
            {"state": STORED, "stored_at": self._clock.now(), "row_count": inserted},
            [Eq("batch_id", batch_id)],
            {"state": LOADING, "claimed_at": now},
        )
        if not done:  # another loader took the batch over meanwhile: its rows count
            raise Aborted(
                "ingest_batch", batch_id, f"batch {batch_id!r} was taken over by another loader"
            )
        return IngestResult(inserted, True)

    def _let_go(self, dataset: str, batch_id: str, claimed_at: dt.datetime) -> None:
        """Undo a load that failed: the rows it may have left, then its claim (best effort).

        Only where this process is the one writer (nothing it started can still land); a
        retry then loads the batch at once. A failure here leaves the claim to be taken over.
        """
        with contextlib.suppress(DomainError, WarehouseError):
            self._warehouse.delete(dataset, s.TABLE, [Eq(BATCH_COLUMN, batch_id)])
            self._warehouse.delete(
                dataset,
                BATCHES,
                [Eq("batch_id", batch_id), Eq("state", LOADING), Eq("claimed_at", claimed_at)],
            )

    def _orphaned(self, claimed: dt.datetime) -> bool:
        """Whether a claim was made before ``sole_writer_since`` (by a process that is gone)."""
        aware = claimed if claimed.tzinfo else claimed.replace(tzinfo=dt.UTC)
        return self._sole_writer_since is not None and aware < self._sole_writer_since

    def _existing(self, dataset: str, batch_id: str) -> dict[str, object]:
        rows = self._warehouse.select(dataset, BATCHES, [Eq("batch_id", batch_id)])
        if not rows:  # claimed and forgotten between the two calls
            raise Aborted("ingest_batch", batch_id)
        return rows[0]

    def _take_over(self, dataset: str, batch_id: str, row: dict[str, object]) -> dt.datetime:
        claimed = row["claimed_at"]
        now = self._clock.now()
        fresh = isinstance(claimed, dt.datetime) and now - claimed < self._stale_after
        if fresh and isinstance(claimed, dt.datetime) and not self._orphaned(claimed):
            raise Aborted(
                "ingest_batch", batch_id, f"batch {batch_id!r} is being loaded; retry shortly"
            )
        if not self._warehouse.compare_and_set(
            dataset,
            BATCHES,
            {"claimed_at": now},
            [Eq("batch_id", batch_id)],
            {"state": LOADING, "claimed_at": claimed},
        ):
            raise Aborted("ingest_batch", batch_id)
        # Rows an earlier loader of this batch may have inserted before it died.
        self._warehouse.delete(dataset, s.TABLE, [Eq(BATCH_COLUMN, batch_id)])
        return now


def _check_batch_id(batch_id: str) -> None:
    if not batch_id or len(batch_id) > MAX_BATCH_ID or not batch_id.isprintable():
        raise InvalidArgument.field(
            "batch_id", f"required: 1 to {MAX_BATCH_ID} printable characters"
        )


class CostIngest:
    """``IngestCostRows``: one batch of rows into an org's cost table, once per batch id."""

    def __init__(self, source: CostSource, *, sole_writer_since: dt.datetime | None = None) -> None:
        self._src = source
        self._batches = IngestBatches(
            source.warehouse, source.clock, sole_writer_since=sole_writer_since
        )

    def ingest(self, org: str, table: pa.Table, *, batch_id: str) -> IngestResult:
        """Store one batch of rows (canonical Arrow types, JSON as text) once per ``batch_id``.

        Rows are checked against the table schema first (the error names the column and the
        first bad row); the rollup of the days the rows touch and the org's cached results are
        forgotten. For loaders that cannot write the warehouse themselves (see IngestCostRows).
        """
        dataset = self._src.cost_dataset(org)
        schema = self._src.warehouse.describe_table(dataset, s.TABLE)
        check_rows(table, schema)
        texts = [
            c.name
            for c in schema.columns
            if c.type is ColumnType.JSON and c.name in table.column_names
        ]
        days = (
            DayRange.spanning(d for d in table.column(s.DAY).to_pylist() if d is not None)
            if table.num_rows
            else None
        )

        def store() -> int:
            if days is None:
                return 0
            rows = table.to_pylist()
            for row in rows:
                row[BATCH_COLUMN] = batch_id
                for name in texts:
                    if row[name] is not None:
                        row[name] = json.loads(str(row[name]))
            # Before and after: a crash between the insert and the second call leaves no
            # stale day.
            self._src.changes.costs_changed(org, days)
            inserted = self._src.warehouse.insert_rows(dataset, s.TABLE, rows)
            self._src.changes.costs_changed(org, days)
            return inserted

        return self._batches.run(dataset, batch_id, table, days, store)

"""The warehouse port: what the domain needs from a table store, in backend-neutral terms.

Python values crossing the port: ``Decimal`` for NUMERIC (scale 9, returned quantized to 9
places), ``datetime.date`` for DATE, tz-aware UTC ``datetime`` for TIMESTAMP, ``list`` for
REPEATED (never None: a missing list reads back as ``[]``), ``dict``/``list``/scalars for JSON,
``None`` for NULL. Every name in a schema, predicate or call is validated by
``cloudact_grpc.domain.identifiers``; values only ever travel as bound parameters.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable

import pyarrow as pa

from cloudact_grpc.domain import identifiers
from cloudact_grpc.domain.errors import InvalidArgument


class ColumnType(StrEnum):
    """BigQuery column types the service uses."""

    STRING = "STRING"
    INT64 = "INT64"
    NUMERIC = "NUMERIC"
    BOOL = "BOOL"
    DATE = "DATE"
    TIMESTAMP = "TIMESTAMP"
    JSON = "JSON"
    FLOAT64 = "FLOAT64"


class Mode(StrEnum):
    """BigQuery column modes."""

    NULLABLE = "NULLABLE"
    REQUIRED = "REQUIRED"
    REPEATED = "REPEATED"


@dataclass(frozen=True, slots=True)
class Column:
    """One column: name, BigQuery type and mode."""

    name: str
    type: ColumnType
    mode: Mode = Mode.NULLABLE
    description: str = ""

    def __post_init__(self) -> None:
        identifiers.column_id(self.name)


@dataclass(frozen=True, slots=True)
class TableSchema:
    """A table: columns, optional DAY partition field (DATE/TIMESTAMP) and clustering fields."""

    name: str
    columns: tuple[Column, ...]
    partition_field: str | None = None
    clustering_fields: tuple[str, ...] = ()
    description: str = ""

    def __post_init__(self) -> None:
        identifiers.table_id(self.name)
        if not self.columns:
            raise InvalidArgument.field("columns", f"table {self.name} has no columns")
        seen: set[str] = set()
        for col in self.columns:
            # DuckDB resolves identifiers case-insensitively: names must differ beyond case.
            if col.name.lower() in seen:
                raise InvalidArgument.field("columns", f"duplicate column {col.name}")
            seen.add(col.name.lower())
        if self.partition_field is not None:
            part = self.column(self.partition_field)
            if (
                part.type not in (ColumnType.DATE, ColumnType.TIMESTAMP)
                or part.mode is Mode.REPEATED
            ):
                raise InvalidArgument.field("partition_field", "must be a DATE or TIMESTAMP column")
        if len(self.clustering_fields) > 4:
            raise InvalidArgument.field("clustering_fields", "at most 4 clustering fields")
        for name in self.clustering_fields:
            if self.column(name).mode is Mode.REPEATED:
                raise InvalidArgument.field("clustering_fields", f"{name} is REPEATED")

    @property
    def column_names(self) -> tuple[str, ...]:
        """Column names in table order."""
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        """Return the column called ``name``; ``InvalidArgument`` if there is none."""
        for col in self.columns:
            if col.name == name:
                return col
        raise InvalidArgument.field("column", f"table {self.name} has no column {name!r}")


# ---- typed predicates, combined with AND -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Eq:
    """``column = value`` (``value=None`` means ``IS NULL``)."""

    column: str
    value: object


@dataclass(frozen=True, slots=True)
class In:
    """``column IN (values…)``; an empty tuple matches nothing."""

    column: str
    values: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Between:
    """``low <= column <= high`` (inclusive; either bound may be None for open ranges)."""

    column: str
    low: object = None
    high: object = None


@dataclass(frozen=True, slots=True)
class IsNull:
    """``column IS NULL`` (or ``IS NOT NULL`` with ``negate=True``)."""

    column: str
    negate: bool = False


Predicate = Eq | In | Between | IsNull
Where = Sequence[Predicate]


@dataclass(frozen=True, slots=True)
class OrderBy:
    """One sort key."""

    column: str
    descending: bool = False


class WarehouseError(Exception):
    """An unexpected backend failure (becomes INTERNAL at the edge, with a logged traceback)."""


@runtime_checkable
class Warehouse(Protocol):
    """Datasets of typed tables with batched writes, predicates and atomic conditional writes.

    Errors: ``InvalidArgument`` (bad identifier, bad value for a column type), ``NotFound``
    (missing dataset/table), ``AlreadyExists`` (creating what exists), ``Aborted`` (lost a
    write-write race after retries), ``Unavailable`` (backend unreachable or overloaded),
    ``WarehouseError`` (anything else).
    """

    @property
    def backend(self) -> str:
        """Short backend name (``duckdb`` or ``bigquery``)."""
        ...

    def ping(self) -> bool:
        """Return True if the backend answers a trivial query now; never raises."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...

    def create_dataset(self, dataset: str, *, description: str = "") -> None:
        """Create ``dataset``; ``AlreadyExists`` if it exists."""
        ...

    def dataset_exists(self, dataset: str) -> bool:
        """Whether ``dataset`` exists."""
        ...

    def drop_dataset(self, dataset: str) -> None:
        """Drop ``dataset`` and everything in it (no error if absent)."""
        ...

    def create_table(self, dataset: str, schema: TableSchema) -> None:
        """Create a table from ``schema``; ``AlreadyExists`` if it exists."""
        ...

    def table_exists(self, dataset: str, table: str) -> bool:
        """Whether the table exists."""
        ...

    def list_tables(self, dataset: str) -> list[str]:
        """Names of the tables in ``dataset``, sorted."""
        ...

    def describe_table(self, dataset: str, table: str) -> TableSchema:
        """Columns, partitioning and clustering as stored in the warehouse."""
        ...

    def drop_table(self, dataset: str, table: str) -> None:
        """Drop the table (no error if absent)."""
        ...

    def add_columns(self, dataset: str, table: str, columns: Sequence[Column]) -> None:
        """Add NULLABLE ``columns`` to an existing table (a schema upgrade; old rows read NULL)."""
        ...

    def insert_rows(self, dataset: str, table: str, rows: Sequence[Mapping[str, object]]) -> int:
        """Insert all ``rows`` in one statement or load; returns the number inserted."""
        ...

    def select(
        self,
        dataset: str,
        table: str,
        where: Where = (),
        columns: Sequence[str] | None = None,
        order_by: Sequence[OrderBy] = (),
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, object]]:
        """Rows matching every predicate, as dicts of port values."""
        ...

    def update(
        self, dataset: str, table: str, set_values: Mapping[str, object], where: Where
    ) -> int:
        """Set columns on matching rows; returns the number of rows changed."""
        ...

    def delete(self, dataset: str, table: str, where: Where) -> int:
        """Delete matching rows; returns the number deleted."""
        ...

    def insert_if_absent(
        self, dataset: str, table: str, row: Mapping[str, object], key_columns: Sequence[str]
    ) -> bool:
        """Atomically insert ``row`` unless a row with the same key values exists."""
        ...

    def compare_and_set(
        self,
        dataset: str,
        table: str,
        set_values: Mapping[str, object],
        where: Where,
        expected: Mapping[str, object],
    ) -> bool:
        """Atomically update rows matching ``where`` whose columns equal ``expected``.

        Returns True if at least one row changed, False if the expectation no longer held.
        """
        ...

    def read_arrow(
        self,
        dataset: str,
        table: str,
        columns: Sequence[str] | None = None,
        where: Where = (),
    ) -> pa.Table:
        """Projected, filtered rows as Arrow with the canonical types of ``arrow_schema``."""
        ...

    def read_arrow_batches(
        self,
        dataset: str,
        table: str,
        columns: Sequence[str] | None = None,
        where: Where = (),
        *,
        batch_rows: int = 1 << 19,
    ) -> Iterator[pa.RecordBatch]:
        """``read_arrow`` streamed as record batches of at most ``batch_rows`` rows.

        Types are canonical except STRING and JSON, which come as Arrow ``string_view``
        (zero-copy into Polars). At least one batch (empty when no row matches). Drain or
        ``close()`` the iterator to release the read.
        """
        ...

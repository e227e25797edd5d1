"""DuckDB adapter: one database file owned by this process; a dataset is a schema.

Thread safety: every thread uses its own cursor (a DuckDB connection to the shared database).
Write-write conflicts (``TransactionException``) are retried a few times, then ``Aborted``.
Partitioning and clustering have no physical meaning here; they are recorded in a
``_cloudact_table_meta`` table in each schema so ``describe_table`` reports them.
Identifiers are validated and double-quoted; values are always bound with ``?``.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar

import duckdb
import pyarrow as pa
import structlog

from cloudact_grpc.adapters.warehouse import values as v
from cloudact_grpc.adapters.warehouse.schema_cache import SchemaCache
from cloudact_grpc.adapters.warehouse.sql_warehouse import Read, SqlWarehouse
from cloudact_grpc.domain import identifiers
from cloudact_grpc.domain.errors import (
    Aborted,
    AlreadyExists,
    InvalidArgument,
    NotFound,
    Unavailable,
)
from cloudact_grpc.ports.warehouse import (
    Column,
    ColumnType,
    Eq,
    Mode,
    TableSchema,
    WarehouseError,
)

_T = TypeVar("_T")
META_TABLE = "_cloudact_table_meta"
_DUCK_TYPES: dict[ColumnType, str] = {
    ColumnType.STRING: "VARCHAR",
    ColumnType.INT64: "BIGINT",
    ColumnType.NUMERIC: "DECIMAL(38,9)",
    ColumnType.BOOL: "BOOLEAN",
    ColumnType.DATE: "DATE",
    ColumnType.TIMESTAMP: "TIMESTAMP WITH TIME ZONE",
    ColumnType.JSON: "JSON",
    ColumnType.FLOAT64: "DOUBLE",
}
_FROM_DUCK = {sql: kind for kind, sql in _DUCK_TYPES.items()}


_log = structlog.get_logger("cloudact.duckdb")


def _q(name: str) -> str:
    """Quote an already-validated identifier."""
    return f'"{name}"'


class DuckDBWarehouse(SqlWarehouse):
    """The ``Warehouse`` port on an embedded DuckDB database."""

    backend = "duckdb"

    def __init__(
        self, path: str = ":memory:", *, conflict_retries: int = 5, memory_limit: str = ""
    ) -> None:
        # ``memory_limit`` bounds the buffer pool of a file database (blocks read stay cached
        # up to it; larger work spills to disk). An in-memory database keeps DuckDB's default.
        config: dict[str, str | bool | int | float | list[str]] = {}
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            if memory_limit:
                config["memory_limit"] = memory_limit
        # The file holds credentials (encrypted) and every org's costs: owner only (the entry
        # point's umask covers the write-ahead log DuckDB creates later).
        old_umask = os.umask(0o077)
        try:
            self._root = duckdb.connect(path, config=config)
        except duckdb.IOException as exc:
            _log.warning("cannot open the duckdb file", error=str(exc))
            raise Unavailable(
                "cannot open the DuckDB file", retry_after_seconds=5, metadata={"backend": "duckdb"}
            ) from exc
        finally:
            os.umask(old_umask)
        for owned in (Path(path), Path(f"{path}.wal")) if path != ":memory:" else ():
            with suppress(FileNotFoundError):
                owned.chmod(0o600)
        self._root.execute("SET GLOBAL TimeZone = 'UTC'")
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._cursors_lock = threading.Lock()
        # The process owns the file, so an in-process lock makes insert-if-absent atomic.
        self._absent_lock = threading.Lock()
        self._retries = conflict_retries
        self._schemas = SchemaCache(self.describe_table)

    # ---- plumbing -----------------------------------------------------------------------

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        cur: duckdb.DuckDBPyConnection | None = getattr(self._local, "cursor", None)
        if cur is None:
            cur = self._root.cursor()
            self._local.cursor = cur
            with self._cursors_lock:
                self._cursors.append(cur)
        return cur

    def _run(self, fn: Callable[[duckdb.DuckDBPyConnection], _T], what: str) -> _T:
        """Run ``fn`` on this thread's cursor, retrying write-write conflicts, mapping errors."""
        cur = self._cursor()
        for attempt in range(self._retries + 1):
            try:
                return fn(cur)
            except duckdb.TransactionException as exc:
                _rollback(cur)
                if attempt == self._retries:
                    raise Aborted("table", what, f"{what}: concurrent modification, retry") from exc
                time.sleep(0.002 * 2**attempt)
            except duckdb.CatalogException as exc:
                _rollback(cur)
                _log.warning("duckdb catalog error", target=what, error=str(exc))
                raise NotFound("table", what, f"{what} does not exist") from exc
            except (duckdb.ConstraintException, duckdb.ConversionException) as exc:
                _rollback(cur)
                _log.warning("duckdb value error", target=what, error=str(exc))
                raise InvalidArgument(
                    "a value does not fit its stored column", metadata={"table": what}
                ) from exc
            except duckdb.IOException as exc:
                _rollback(cur)
                _log.warning("duckdb io error", target=what, error=str(exc))
                raise Unavailable(
                    f"{what}: DuckDB is busy", retry_after_seconds=1, metadata={"backend": "duckdb"}
                ) from exc
            except duckdb.Error as exc:
                _rollback(cur)
                raise WarehouseError(f"{what}: {exc}") from exc
        raise AssertionError("unreachable")

    def _scalar_query(
        self, sql: str, params: Sequence[object], what: str
    ) -> list[tuple[object, ...]]:
        return self._run(lambda cur: cur.execute(sql, list(params)).fetchall(), what)

    def _dml(self, sql: str, params: Sequence[object], what: str) -> int:
        def go(cur: duckdb.DuckDBPyConnection) -> int:
            rows = cur.execute(sql, list(params)).fetchall()
            return int(str(rows[0][0])) if rows else 0

        return self._run(go, what)

    @contextmanager
    def _transaction(self, cur: duckdb.DuckDBPyConnection) -> Iterator[None]:
        cur.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            _rollback(cur)
            raise
        cur.execute("COMMIT")

    def _quote(self, name: str) -> str:
        return _q(name)

    def _table_sql(self, dataset: str, table: str) -> str:
        return f"{_q(dataset)}.{_q(table)}"

    def _bind(self, column: Column, value: object, name: str) -> tuple[str, object]:
        return "?", _bind(column, value)

    def _bind_list(
        self, column: Column, values: Sequence[object], name: str
    ) -> tuple[str, list[object]]:
        return f"({', '.join('?' for _ in values)})", [_bind(column, x) for x in values]

    def _page_sql(self, limit: int | None, offset: int) -> tuple[str, list[object]]:
        sql = ""
        params: list[object] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        if offset:
            sql += " OFFSET ?"
            params.append(offset)
        return sql, params

    # ---- port ---------------------------------------------------------------------------

    def ping(self) -> bool:
        """See ``Warehouse.ping``."""
        try:
            return self._scalar_query("SELECT 1", [], "ping") == [(1,)]
        except Exception:  # noqa: BLE001
            return False

    def close(self) -> None:
        """See ``Warehouse.close``."""
        with self._cursors_lock:
            for cur in self._cursors:
                cur.close()
            self._cursors.clear()
        self._root.close()

    def dataset_exists(self, dataset: str) -> bool:
        """See ``Warehouse.dataset_exists``."""
        identifiers.dataset_id(dataset)
        rows = self._scalar_query(
            "SELECT 1 FROM information_schema.schemata "
            "WHERE catalog_name = current_database() AND schema_name = ?",
            [dataset],
            dataset,
        )
        return bool(rows)

    def create_dataset(self, dataset: str, *, description: str = "") -> None:
        """See ``Warehouse.create_dataset``."""
        identifiers.dataset_id(dataset)
        if self.dataset_exists(dataset):
            raise AlreadyExists("dataset", dataset)
        ds = _q(dataset)

        def go(cur: duckdb.DuckDBPyConnection) -> None:
            with self._transaction(cur):
                cur.execute(f"CREATE SCHEMA {ds}")
                cur.execute(
                    f"CREATE TABLE {ds}.{META_TABLE} (table_name VARCHAR PRIMARY KEY, "
                    "partition_field VARCHAR, clustering_fields VARCHAR[], description VARCHAR)"
                )

        self._run(go, dataset)

    def drop_dataset(self, dataset: str) -> None:
        """See ``Warehouse.drop_dataset``."""
        identifiers.dataset_id(dataset)
        self._forget(dataset)
        self._run(lambda cur: cur.execute(f"DROP SCHEMA IF EXISTS {_q(dataset)} CASCADE"), dataset)

    def create_table(self, dataset: str, schema: TableSchema) -> None:
        """See ``Warehouse.create_table``."""
        identifiers.dataset_id(dataset)
        if not self.dataset_exists(dataset):
            raise NotFound("dataset", dataset)
        if self.table_exists(dataset, schema.name):
            raise AlreadyExists("table", f"{dataset}.{schema.name}")
        cols = ", ".join(_column_ddl(c) for c in schema.columns)
        ds, name = _q(dataset), _q(schema.name)

        def go(cur: duckdb.DuckDBPyConnection) -> None:
            with self._transaction(cur):
                cur.execute(f"CREATE TABLE {ds}.{name} ({cols})")
                cur.execute(
                    f"INSERT INTO {ds}.{META_TABLE} VALUES (?, ?, ?, ?)",
                    [
                        schema.name,
                        schema.partition_field,
                        list(schema.clustering_fields),
                        schema.description,
                    ],
                )

        self._forget(dataset, schema.name)
        self._run(go, f"{dataset}.{schema.name}")

    def table_exists(self, dataset: str, table: str) -> bool:
        """See ``Warehouse.table_exists``."""
        identifiers.dataset_id(dataset)
        identifiers.table_id(table)
        return self._run(lambda cur: _has_table(cur, dataset, table), table)

    def list_tables(self, dataset: str) -> list[str]:
        """See ``Warehouse.list_tables``."""
        if not self.dataset_exists(dataset):
            raise NotFound("dataset", dataset)
        rows = self._scalar_query(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = ? AND table_name <> ? ORDER BY table_name",
            [dataset, META_TABLE],
            dataset,
        )
        return [str(r[0]) for r in rows]

    def add_columns(self, dataset: str, table: str, columns: Sequence[Column]) -> None:
        """See ``Warehouse.add_columns``."""
        identifiers.dataset_id(dataset)
        identifiers.table_id(table)
        added = [_column_ddl(c) for c in columns]
        target = f"{_q(dataset)}.{_q(table)}"

        def go(cur: duckdb.DuckDBPyConnection) -> None:
            with self._transaction(cur):
                for ddl in added:
                    cur.execute(f"ALTER TABLE {target} ADD COLUMN {ddl}")

        self._forget(dataset, table)
        self._run(go, f"{dataset}.{table}")

    def describe_table(self, dataset: str, table: str) -> TableSchema:
        """See ``Warehouse.describe_table``."""
        identifiers.dataset_id(dataset)
        identifiers.table_id(table)
        if not self.table_exists(dataset, table):
            raise NotFound("table", f"{dataset}.{table}")
        cols = self._scalar_query(
            "SELECT name, type, CASE WHEN \"notnull\" THEN 'NO' ELSE 'YES' END "
            "FROM pragma_table_info(?) ORDER BY cid",
            [f"{_q(dataset)}.{_q(table)}"],
            table,
        )
        meta = self._scalar_query(
            f"SELECT partition_field, clustering_fields, description "
            f"FROM {_q(dataset)}.{META_TABLE} WHERE table_name = ?",
            [table],
            table,
        )
        part, clustering, description = meta[0] if meta else (None, [], "")
        return TableSchema(
            name=table,
            columns=tuple(_column_from_duck(str(n), str(t), str(nul)) for n, t, nul in cols),
            partition_field=None if part is None else str(part),
            clustering_fields=tuple(str(c) for c in (clustering or [])),  # type: ignore[attr-defined]
            description=str(description or ""),
        )

    def drop_table(self, dataset: str, table: str) -> None:
        """See ``Warehouse.drop_table``."""
        identifiers.dataset_id(dataset)
        identifiers.table_id(table)
        self._forget(dataset, table)
        if not self.dataset_exists(dataset):
            return
        ds, name = _q(dataset), _q(table)

        def go(cur: duckdb.DuckDBPyConnection) -> None:
            with self._transaction(cur):
                cur.execute(f"DROP TABLE IF EXISTS {ds}.{name}")
                cur.execute(f"DELETE FROM {ds}.{META_TABLE} WHERE table_name = ?", [table])

        self._run(go, f"{dataset}.{table}")

    def insert_rows(self, dataset: str, table: str, rows: Sequence[Mapping[str, object]]) -> int:
        """See ``Warehouse.insert_rows``."""
        schema = self._schema(dataset, table)
        if not rows:
            return 0
        data = v.rows_to_arrow(schema, rows)
        cols = ", ".join(_q(n) for n in schema.column_names)
        sql = f"INSERT INTO {_q(dataset)}.{_q(table)} ({cols}) SELECT {cols} FROM _cloudact_rows"

        def go(cur: duckdb.DuckDBPyConnection) -> int:
            cur.register("_cloudact_rows", data)
            try:
                result = cur.execute(sql).fetchall()
            finally:
                cur.unregister("_cloudact_rows")
            return int(str(result[0][0]))

        return self._run(go, f"{dataset}.{table}")

    def _arrow(
        self,
        sql: str,
        params: Sequence[object],
        schema: TableSchema,
        names: Sequence[str],
        what: str,
    ) -> pa.Table:
        def go(cur: duckdb.DuckDBPyConnection) -> pa.Table:
            # execute().to_arrow_reader() is ~30x faster than sql(params=).to_arrow_table().
            return cur.execute(sql, params).to_arrow_reader().read_all()

        return v.canonical_arrow(self._run(go, what), schema, names)

    def _arrow_batches(self, read: Read, batch_rows: int) -> Iterator[pa.RecordBatch]:
        """One stream of Utf8View strings on a cursor of its own.

        A cursor per stream lets streams run in parallel on several threads and never leaves
        this thread's cursor with an unfinished result.
        """
        sql, params, what = read.sql, read.params, read.what
        target = v.view_schema(read.schema, read.names)
        cur = self._root.cursor()
        try:
            try:
                cur.execute("SET arrow_output_version = '1.5'")
                cur.execute("SET produce_arrow_string_view = true")
                reader = cur.execute(sql, params).to_arrow_reader(batch_rows)
            except duckdb.CatalogException as exc:
                _log.warning("duckdb catalog error", target=what, error=str(exc))
                raise NotFound("table", what, f"{what} does not exist") from exc
            except duckdb.Error as exc:
                raise WarehouseError(f"{what}: {exc}") from exc
            empty = True
            for batch in reader:
                empty = False
                yield v.view_batch(batch, target)
            if empty:
                yield pa.RecordBatch.from_pylist([], schema=target)
        finally:
            cur.close()

    def insert_if_absent(
        self, dataset: str, table: str, row: Mapping[str, object], key_columns: Sequence[str]
    ) -> bool:
        """See ``Warehouse.insert_if_absent``."""
        schema = self._schema(dataset, table)
        checked = v.row(schema, row)
        keys = _key_where(checked, key_columns)
        clause, params = self._where(v.conditions(schema, keys))
        probe = f"SELECT 1 FROM {self._table_sql(dataset, table)}{clause} LIMIT 1"
        with self._absent_lock:
            if self._scalar_query(probe, params, f"{dataset}.{table}"):
                return False
            return self.insert_rows(dataset, table, [row]) == 1


def _has_table(cur: duckdb.DuckDBPyConnection, dataset: str, table: str) -> bool:
    """Whether ``dataset.table`` exists, by a lookup of that one name.

    ``duckdb_tables()`` and ``information_schema`` build a row for every table in the catalog
    (about 150 ms at 200 orgs), so a lookup by name keeps onboarding flat as orgs accumulate.
    """
    try:
        cur.execute("SELECT 1 FROM pragma_table_info(?) LIMIT 1", [f"{_q(dataset)}.{_q(table)}"])
    except duckdb.CatalogException:
        return False
    cur.fetchall()
    return True


def _rollback(cur: duckdb.DuckDBPyConnection) -> None:
    with suppress(duckdb.Error):
        cur.execute("ROLLBACK")


def _column_ddl(column: Column) -> str:
    sql = _DUCK_TYPES[column.type]
    if column.mode is Mode.REPEATED:
        return f"{_q(column.name)} {sql}[]"
    null = " NOT NULL" if column.mode is Mode.REQUIRED else ""
    return f"{_q(column.name)} {sql}{null}"


def _column_from_duck(name: str, data_type: str, nullable: str) -> Column:
    repeated = data_type.endswith("[]")
    base = data_type[:-2] if repeated else data_type
    kind = _FROM_DUCK.get(base)
    if kind is None:
        raise WarehouseError(f"column {name} has unsupported DuckDB type {data_type}")
    mode = Mode.REPEATED if repeated else Mode.NULLABLE if nullable == "YES" else Mode.REQUIRED
    return Column(name, kind, mode)


def _key_where(row: Mapping[str, object], key_columns: Sequence[str]) -> list[Eq]:
    if not key_columns:
        raise InvalidArgument.field("key_columns", "must name at least one column")
    preds = []
    for name in key_columns:
        if row.get(name) is None:
            raise InvalidArgument.field(name, "key column must not be NULL")
        preds.append(Eq(name, row[name]))
    return preds


def _bind(column: Column, value: object) -> object:
    """DuckDB binding: timestamps as naive UTC (the session time zone is UTC)."""
    if isinstance(value, list):
        return [_bind(column, item) for item in value]
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value

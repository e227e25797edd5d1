"""BigQuery adapter on ``google-cloud-bigquery``: tables via the table API, DML with typed params.

- Partitioning (DAY) and clustering are set through the table API (emulators drop DDL clustering).
- ``insert_rows`` is one ``INSERT … SELECT … FROM UNNEST(@rows)`` with an ARRAY<STRUCT> parameter
  for up to ``dml_batch_rows`` rows, and one NDJSON load job above that.
- Every read and DML statement binds its values (NUMERIC as typed NUMERIC parameters, so the scale
  survives); identifiers are validated and backquoted.
- Arrow reads use the REST result path (no Storage API).
- A short explicit retry deadline makes an unreachable backend fail fast with ``Unavailable``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar, cast

import pyarrow as pa
import requests
from google.api_core import exceptions as gexc
from google.api_core.client_options import ClientOptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import bigquery
from google.cloud.bigquery.retry import DEFAULT_JOB_RETRY
from google.cloud.bigquery.table import RowIterator

from cloudact_grpc.adapters.warehouse import values as v
from cloudact_grpc.adapters.warehouse.schema_cache import SchemaCache
from cloudact_grpc.adapters.warehouse.sql_warehouse import Read, SqlWarehouse
from cloudact_grpc.domain import identifiers
from cloudact_grpc.domain.errors import (
    Aborted,
    AlreadyExists,
    DomainError,
    InvalidArgument,
    NotFound,
    Unavailable,
)
from cloudact_grpc.ports.warehouse import (
    Column,
    ColumnType,
    Mode,
    TableSchema,
    WarehouseError,
)

_T = TypeVar("_T")
_PROJECT = re.compile(r"[a-z][a-z0-9\-]{0,61}[a-z0-9]")
_FROM_BQ = {
    "STRING": ColumnType.STRING,
    "INTEGER": ColumnType.INT64,
    "INT64": ColumnType.INT64,
    "NUMERIC": ColumnType.NUMERIC,
    "BOOLEAN": ColumnType.BOOL,
    "BOOL": ColumnType.BOOL,
    "DATE": ColumnType.DATE,
    "TIMESTAMP": ColumnType.TIMESTAMP,
    "JSON": ColumnType.JSON,
    "FLOAT": ColumnType.FLOAT64,
    "FLOAT64": ColumnType.FLOAT64,
}
_CONFLICT_MARKERS = ("concurrent update", "could not serialize", "transaction is aborted")
_TRANSIENT = (
    gexc.TooManyRequests,
    gexc.InternalServerError,
    gexc.BadGateway,
    gexc.ServiceUnavailable,
    gexc.GatewayTimeout,
    gexc.RetryError,
    requests.exceptions.ConnectionError,
    requests.exceptions.Timeout,
    TimeoutError,
    ConnectionError,
)


def _param_type(kind: ColumnType) -> str:
    """Query-parameter type; JSON travels as STRING and is parsed with PARSE_JSON."""
    return "STRING" if kind is ColumnType.JSON else kind.value


class BigQueryWarehouse(SqlWarehouse):
    """The ``Warehouse`` port on BigQuery (or the bqemulator, via ``endpoint``)."""

    backend = "bigquery"

    def __init__(
        self,
        project: str,
        location: str = "US",
        endpoint: str | None = None,
        *,
        retry_deadline_seconds: float = 5.0,
        job_timeout_seconds: float = 120.0,
        dml_batch_rows: int = 2_000,
        client: bigquery.Client | None = None,
    ) -> None:
        if _PROJECT.fullmatch(project) is None:
            raise InvalidArgument.field("gcp_project_id", "is not a valid project id")
        self._project = project
        self._location = location
        if client is None:
            if endpoint:
                client = bigquery.Client(
                    project=project,
                    credentials=AnonymousCredentials(),  # type: ignore[no-untyped-call]
                    client_options=ClientOptions(api_endpoint=endpoint),
                    location=location,
                )
            else:
                client = bigquery.Client(project=project, location=location)
        self._client = client
        self._retry = bigquery.DEFAULT_RETRY.with_timeout(retry_deadline_seconds)
        self._job_retry = DEFAULT_JOB_RETRY.with_timeout(retry_deadline_seconds)
        self._retry_after = max(1.0, retry_deadline_seconds)
        self._job_timeout = job_timeout_seconds
        self._dml_batch_rows = dml_batch_rows
        self._schemas = SchemaCache(self.describe_table)

    # ---- plumbing -----------------------------------------------------------------------

    def _ref(self, dataset: str, table: str | None = None) -> str:
        identifiers.dataset_id(dataset)
        if table is None:
            return f"{self._project}.{dataset}"
        identifiers.table_id(table)
        return f"{self._project}.{dataset}.{table}"

    def _table_sql(self, dataset: str, table: str) -> str:
        return f"`{self._ref(dataset, table)}`"

    def _quote(self, name: str) -> str:
        return f"`{name}`"

    def _bind(
        self, column: Column, value: object, name: str
    ) -> tuple[str, bigquery.ScalarQueryParameter | bigquery.ArrayQueryParameter]:
        return _select_expr(column, f"@{name}"), _param(column, value, name)

    def _bind_list(
        self, column: Column, values: Sequence[object], name: str
    ) -> tuple[str, list[Any]]:
        kind = _param_type(column.type)
        return f"UNNEST(@{name})", [bigquery.ArrayQueryParameter(name, kind, list(values))]

    def _page_sql(self, limit: int | None, offset: int) -> tuple[str, list[Any]]:
        if limit is None and not offset:
            return "", []
        # BigQuery needs LIMIT before OFFSET; the INT64 maximum means "no limit".
        sql = " LIMIT @_limit"
        params = [
            bigquery.ScalarQueryParameter("_limit", "INT64", 2**63 - 1 if limit is None else limit)
        ]
        if offset:
            sql += " OFFSET @_offset"
            params.append(bigquery.ScalarQueryParameter("_offset", "INT64", offset))
        return sql, params

    @contextmanager
    def _errors(self, what: str, resource: str = "table") -> Iterator[None]:
        """Translate client exceptions into the port's error kinds."""
        try:
            yield
        except DomainError:
            raise
        except gexc.NotFound as exc:
            raise NotFound(resource, what, f"{resource} '{what}' not found") from exc
        except gexc.Conflict as exc:
            raise AlreadyExists(resource, what) from exc
        except _TRANSIENT as exc:
            raise Unavailable(
                f"BigQuery unavailable ({what}): {type(exc).__name__}",
                retry_after_seconds=self._retry_after,
                metadata={"backend": "bigquery"},
            ) from exc
        except gexc.Forbidden as exc:
            if "rateLimitExceeded" in str(exc) or "quotaExceeded" in str(exc):
                raise Unavailable(
                    f"BigQuery rate limited ({what})",
                    retry_after_seconds=self._retry_after,
                    metadata={"backend": "bigquery"},
                ) from exc
            raise WarehouseError(f"BigQuery refused {what}: {exc}") from exc
        except gexc.BadRequest as exc:
            text = str(exc).lower()
            if any(marker in text for marker in _CONFLICT_MARKERS):
                raise Aborted("table", what, f"{what}: concurrent modification, retry") from exc
            if "cannot be null" in text or ("required" in text and "null" in text):
                raise InvalidArgument.field(what, "a REQUIRED column is NULL") from exc
            raise WarehouseError(f"BigQuery rejected {what}: {exc}") from exc
        except gexc.GoogleAPIError as exc:
            raise WarehouseError(f"BigQuery failed on {what}: {exc}") from exc

    def _call(self, what: str, fn: Callable[[], _T], resource: str = "table") -> _T:
        with self._errors(what, resource):
            return fn()
        raise AssertionError("unreachable")  # pragma: no cover

    def _query(self, sql: str, params: Sequence[Any], what: str) -> RowIterator:
        """Run one statement; returns the finished RowIterator."""
        config = bigquery.QueryJobConfig(query_parameters=list(params))

        def go() -> RowIterator:
            return self._client.query_and_wait(
                sql,
                job_config=config,
                location=self._location,
                retry=self._retry,
                job_retry=self._job_retry,
                api_timeout=self._job_timeout,
                wait_timeout=self._job_timeout,
            )

        return self._call(what, go)

    def _dml(self, sql: str, params: Sequence[Any], what: str) -> int:
        rows = self._query(sql, params, what)
        return int(getattr(rows, "num_dml_affected_rows", None) or 0)

    # ---- port ---------------------------------------------------------------------------

    def ping(self) -> bool:
        """See ``Warehouse.ping``."""
        try:
            rows = self._query("SELECT 1 AS ok", [], "ping")
            return [tuple(r.values()) for r in rows] == [(1,)]
        except Exception:  # noqa: BLE001
            return False

    def close(self) -> None:
        """See ``Warehouse.close``."""
        self._client.close()  # type: ignore[no-untyped-call]

    def dataset_exists(self, dataset: str) -> bool:
        """See ``Warehouse.dataset_exists``."""
        ref = self._ref(dataset)
        try:
            self._call(ref, lambda: self._client.get_dataset(ref, retry=self._retry), "dataset")
        except NotFound:
            return False
        return True

    def create_dataset(self, dataset: str, *, description: str = "") -> None:
        """See ``Warehouse.create_dataset``."""
        ds = bigquery.Dataset(self._ref(dataset))
        ds.location = self._location
        ds.description = description or None
        self._call(dataset, lambda: self._client.create_dataset(ds, retry=self._retry), "dataset")

    def drop_dataset(self, dataset: str) -> None:
        """See ``Warehouse.drop_dataset``."""
        ref = self._ref(dataset)
        self._forget(dataset)
        self._call(
            dataset,
            lambda: self._client.delete_dataset(
                ref, delete_contents=True, not_found_ok=True, retry=self._retry
            ),
            "dataset",
        )

    def create_table(self, dataset: str, schema: TableSchema) -> None:
        """See ``Warehouse.create_table``."""
        ref = self._ref(dataset, schema.name)
        if not self.dataset_exists(dataset):
            raise NotFound("dataset", dataset)
        table = bigquery.Table(ref, schema=[_field(c) for c in schema.columns])
        if schema.partition_field:
            table.time_partitioning = bigquery.TimePartitioning(
                type_=bigquery.TimePartitioningType.DAY, field=schema.partition_field
            )
        if schema.clustering_fields:
            table.clustering_fields = list(schema.clustering_fields)
        table.description = schema.description or None
        self._forget(dataset, schema.name)
        self._call(
            f"{dataset}.{schema.name}",
            lambda: self._client.create_table(table, retry=self._retry),
        )

    def table_exists(self, dataset: str, table: str) -> bool:
        """See ``Warehouse.table_exists``."""
        ref = self._ref(dataset, table)
        try:
            self._call(ref, lambda: self._client.get_table(ref, retry=self._retry))
        except NotFound:
            return False
        return True

    def list_tables(self, dataset: str) -> list[str]:
        """See ``Warehouse.list_tables``."""
        ref = self._ref(dataset)
        if not self.dataset_exists(dataset):  # some servers list a missing dataset as empty
            raise NotFound("dataset", dataset)
        tables = self._call(
            dataset, lambda: list(self._client.list_tables(ref, retry=self._retry)), "dataset"
        )
        return sorted(str(t.table_id) for t in tables)

    def describe_table(self, dataset: str, table: str) -> TableSchema:
        """See ``Warehouse.describe_table``."""
        ref = self._ref(dataset, table)
        got = self._call(
            f"{dataset}.{table}", lambda: self._client.get_table(ref, retry=self._retry)
        )
        columns = []
        for f in got.schema:
            kind = _FROM_BQ.get(str(f.field_type).upper())
            if kind is None:
                raise WarehouseError(f"column {f.name} has unsupported type {f.field_type}")
            columns.append(Column(f.name, kind, Mode(str(f.mode or "NULLABLE").upper())))
        part = got.time_partitioning
        return TableSchema(
            name=table,
            columns=tuple(columns),
            partition_field=part.field if part is not None else None,
            clustering_fields=tuple(got.clustering_fields or ()),
            description=got.description or "",
        )

    def add_columns(self, dataset: str, table: str, columns: Sequence[Column]) -> None:
        """See ``Warehouse.add_columns``: ``ALTER TABLE … ADD COLUMN IF NOT EXISTS``.

        The table's schema is then read back and any column still missing from it is added by
        a schema update (the emulator alters the stored table but not the schema it reports).
        """
        ref = self._ref(dataset, table)
        self._forget(dataset, table)
        for c in columns:
            kind = f"ARRAY<{c.type}>" if c.mode is Mode.REPEATED else str(c.type)
            self._query(
                f"ALTER TABLE {self._table_sql(dataset, table)} "
                f"ADD COLUMN IF NOT EXISTS `{identifiers.column_id(c.name)}` {kind}",
                [],
                f"{dataset}.{table}",
            )

        def report_them() -> None:
            got = self._client.get_table(ref, retry=self._retry)
            have = {f.name for f in got.schema}
            missing = [_field(c) for c in columns if c.name not in have]
            if missing:
                got.schema = [*got.schema, *missing]
                self._client.update_table(got, ["schema"], retry=self._retry)

        self._call(f"{dataset}.{table}", report_them)

    def drop_table(self, dataset: str, table: str) -> None:
        """See ``Warehouse.drop_table``."""
        ref = self._ref(dataset, table)
        self._forget(dataset, table)
        self._call(
            ref, lambda: self._client.delete_table(ref, not_found_ok=True, retry=self._retry)
        )

    def insert_rows(self, dataset: str, table: str, rows: Sequence[Mapping[str, object]]) -> int:
        """See ``Warehouse.insert_rows``."""
        schema = self._schema(dataset, table)
        if not rows:
            return 0
        checked = [v.row(schema, r) for r in rows]
        if len(checked) > self._dml_batch_rows:
            return self._load(dataset, table, schema, checked)
        structs = [
            bigquery.StructQueryParameter(
                None, *(_param(c, r[c.name], c.name) for c in schema.columns)
            )
            for r in checked
        ]
        cols = ", ".join(f"`{n}`" for n in schema.column_names)
        exprs = ", ".join(_select_expr(c, f"r.`{c.name}`") for c in schema.columns)
        sql = (
            f"INSERT INTO {self._table_sql(dataset, table)} ({cols}) "
            f"SELECT {exprs} FROM UNNEST(@rows) AS r"
        )
        return self._dml(sql, [bigquery.ArrayQueryParameter("rows", "STRUCT", structs)], table)

    def _load(
        self, dataset: str, table: str, schema: TableSchema, rows: list[dict[str, object]]
    ) -> int:
        """One NDJSON load job (resumable upload: the path that works on the emulator too)."""
        body = "".join(json.dumps(_ndjson_row(schema, r), ensure_ascii=False) + "\n" for r in rows)
        config = bigquery.LoadJobConfig(
            source_format=bigquery.SourceFormat.NEWLINE_DELIMITED_JSON,
            write_disposition=bigquery.WriteDisposition.WRITE_APPEND,
            schema=[_field(c) for c in schema.columns],
        )

        def go() -> int:
            job = self._client.load_table_from_file(
                io.BytesIO(body.encode()),
                self._ref(dataset, table),
                job_config=config,
                location=self._location,
                timeout=self._job_timeout,
            )
            job.result(retry=self._retry, timeout=self._job_timeout)
            return len(rows)

        return self._call(f"{dataset}.{table}", go)

    def _arrow_batches(self, read: Read, batch_rows: int) -> Iterator[pa.RecordBatch]:
        """One query result, re-chunked."""
        table_arrow = self._arrow(read.sql, read.params, read.schema, read.names, read.what)
        target = pa.schema(
            [
                pa.field(f.name, pa.string_view()) if f.type == pa.string() else f
                for f in table_arrow.schema
            ]
        )
        batches = table_arrow.to_batches(max_chunksize=batch_rows)
        for batch in batches or [pa.RecordBatch.from_pylist([], schema=table_arrow.schema)]:
            yield v.view_batch(batch, target)

    def _arrow(
        self, sql: str, params: Sequence[Any], schema: TableSchema, names: Sequence[str], what: str
    ) -> pa.Table:
        rows = self._query(sql, params, what)
        arrow = self._call(what, lambda: rows.to_arrow(create_bqstorage_client=False))
        if arrow.num_columns == 0:  # an empty result may come back without columns
            return v.arrow_schema(schema, names).empty_table()
        return v.canonical_arrow(arrow, schema, names)

    def insert_if_absent(
        self, dataset: str, table: str, row: Mapping[str, object], key_columns: Sequence[str]
    ) -> bool:
        """See ``Warehouse.insert_if_absent``."""
        schema = self._schema(dataset, table)
        checked = v.row(schema, row)
        if not key_columns:
            raise InvalidArgument.field("key_columns", "must name at least one column")
        for name in key_columns:
            schema.column(name)
            if checked.get(name) is None:
                raise InvalidArgument.field(name, "key column must not be NULL")
        params = [_param(c, checked[c.name], f"_v{i}") for i, c in enumerate(schema.columns)]
        source = ", ".join(
            f"{_select_expr(c, f'@_v{i}')} AS `{c.name}`" for i, c in enumerate(schema.columns)
        )
        on = " AND ".join(f"T.`{k}` = S.`{k}`" for k in key_columns)
        cols = ", ".join(f"`{n}`" for n in schema.column_names)
        values = ", ".join(f"S.`{n}`" for n in schema.column_names)
        sql = (
            f"MERGE {self._table_sql(dataset, table)} AS T USING (SELECT {source}) AS S ON {on} "
            f"WHEN NOT MATCHED THEN INSERT ({cols}) VALUES ({values})"
        )
        return self._dml(sql, params, f"{dataset}.{table}") == 1


def _field(column: Column) -> bigquery.SchemaField:
    if column.description:
        return bigquery.SchemaField(
            column.name, column.type.value, mode=column.mode.value, description=column.description
        )
    return bigquery.SchemaField(column.name, column.type.value, mode=column.mode.value)


def _select_expr(column: Column, ref: str) -> str:
    """Expression turning a bound value into the column's type (JSON is bound as text)."""
    if column.type is ColumnType.JSON:
        if column.mode is Mode.REPEATED:
            return f"ARRAY(SELECT PARSE_JSON(x) FROM UNNEST({ref}) AS x)"
        return f"PARSE_JSON({ref})"
    return ref


def _param(
    column: Column, value: object, name: str | None
) -> bigquery.ScalarQueryParameter | bigquery.ArrayQueryParameter:
    kind = _param_type(column.type)
    if column.mode is Mode.REPEATED:
        if not isinstance(value, list):
            raise TypeError(f"expected list, got {type(value).__name__}")
        return bigquery.ArrayQueryParameter(name, kind, value)
    return bigquery.ScalarQueryParameter(name, kind, cast(Any, value))


def _ndjson_row(schema: TableSchema, row: Mapping[str, object]) -> dict[str, object]:
    return {c.name: _ndjson_value(c, row[c.name]) for c in schema.columns}


def _ndjson_value(column: Column, value: object) -> object:  # noqa: PLR0911
    if isinstance(value, list):
        return [_ndjson_value(Column(column.name, column.type), x) for x in value]
    if value is None:
        return None
    if column.type is ColumnType.JSON:
        if not isinstance(value, str):
            raise TypeError(f"expected str, got {type(value).__name__}")
        return json.loads(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value

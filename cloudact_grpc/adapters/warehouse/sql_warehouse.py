"""What the SQL adapters share: the port's reads, updates and deletes, built once.

The SQL text of a projection, a filter, a sort order, an update and a delete is written here, so
a predicate means the same on DuckDB and on BigQuery. A backend supplies its dialect (identifier
quoting, table names, how a value is bound, how a page is cut) and how a statement runs
(``_arrow``, ``_arrow_batches``, ``_dml``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from cloudact_grpc.adapters.warehouse import values as v
from cloudact_grpc.adapters.warehouse.schema_cache import SchemaCache
from cloudact_grpc.ports.warehouse import Column, OrderBy, TableSchema, Where

_OPS = {"eq": "=", "ge": ">=", "le": "<="}


@dataclass(frozen=True, slots=True)
class Read:
    """A projected, filtered ``SELECT`` of one table and the values it binds."""

    schema: TableSchema
    names: tuple[str, ...]
    sql: str
    params: list[Any]
    what: str


class SqlWarehouse(ABC):
    """The ``Warehouse`` port's SQL-built operations over a backend's dialect hooks."""

    _schemas: SchemaCache

    # ---- the backend's dialect and execution ------------------------------------------------

    @abstractmethod
    def _quote(self, name: str) -> str:
        """An already-validated identifier, quoted."""

    @abstractmethod
    def _table_sql(self, dataset: str, table: str) -> str:
        """``dataset.table`` as the statement names it (validated, quoted)."""

    @abstractmethod
    def _bind(self, column: Column, value: object, name: str) -> tuple[str, Any]:
        """The SQL standing for ``value`` of ``column`` and its bound parameter (``name``d)."""

    @abstractmethod
    def _bind_list(
        self, column: Column, values: Sequence[object], name: str
    ) -> tuple[str, list[Any]]:
        """What follows ``IN`` for ``values`` and its bound parameters."""

    @abstractmethod
    def _page_sql(self, limit: int | None, offset: int) -> tuple[str, list[Any]]:
        """The ``LIMIT``/``OFFSET`` text of a page and its bound values (both checked)."""

    @abstractmethod
    def _arrow(
        self, sql: str, params: Sequence[Any], schema: TableSchema, names: Sequence[str], what: str
    ) -> pa.Table:
        """Run a query; its result in the canonical Arrow types of ``names``."""

    @abstractmethod
    def _arrow_batches(self, read: Read, batch_rows: int) -> Iterator[pa.RecordBatch]:
        """Run ``read``; its result streamed (see ``Warehouse.read_arrow_batches``)."""

    @abstractmethod
    def _dml(self, sql: str, params: Sequence[Any], what: str) -> int:
        """Run a data-changing statement; the number of rows it changed."""

    # ---- shared plumbing ----------------------------------------------------------------------

    def _schema(self, dataset: str, table: str) -> TableSchema:
        return self._schemas.get(dataset, table)

    def _forget(self, dataset: str, table: str | None = None) -> None:
        self._schemas.forget(dataset, table)

    def _where(self, conds: Sequence[v.Condition]) -> tuple[str, list[Any]]:
        """The ``WHERE`` text (identifiers only) and its bound values ``_w0…``."""
        parts: list[str] = []
        params: list[Any] = []
        for i, cond in enumerate(conds):
            col = self._quote(cond.column.name)
            if cond.op == "null":
                parts.append(f"{col} IS NULL")
            elif cond.op == "notnull":
                parts.append(f"{col} IS NOT NULL")
            elif cond.op == "false":
                parts.append("FALSE")
            elif cond.op == "in":
                listed, bound = self._bind_list(cond.column, cond.values, f"_w{i}")
                parts.append(f"{col} IN {listed}")
                params.extend(bound)
            else:
                placeholder, param = self._bind(cond.column, cond.values[0], f"_w{i}")
                parts.append(f"{col} {_OPS[cond.op]} {placeholder}")
                params.append(param)
        return (" WHERE " + " AND ".join(parts) if parts else ""), params

    def _read(
        self,
        dataset: str,
        table: str,
        schema: TableSchema,
        columns: Sequence[str] | None,
        where: Where,
    ) -> Read:
        names = v.project(schema, columns)
        clause, params = self._where(v.conditions(schema, where))
        projection = ", ".join(self._quote(n) for n in names)
        sql = f"SELECT {projection} FROM {self._table_sql(dataset, table)}{clause}"
        return Read(schema, names, sql, params, f"{dataset}.{table}")

    def _update_sql(
        self,
        dataset: str,
        table: str,
        schema: TableSchema,
        set_values: Mapping[str, object],
        conds: Sequence[v.Condition],
    ) -> tuple[str, list[Any]]:
        assignments: list[str] = []
        params: list[Any] = []
        for i, (name, value) in enumerate(v.set_values(schema, set_values).items()):
            placeholder, param = self._bind(schema.column(name), value, f"_s{i}")
            assignments.append(f"{self._quote(name)} = {placeholder}")
            params.append(param)
        clause, where_params = self._where(conds)
        sql = f"UPDATE {self._table_sql(dataset, table)} SET {', '.join(assignments)}"
        return sql + (clause or " WHERE TRUE"), params + where_params

    # ---- port ---------------------------------------------------------------------------------

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
        """See ``Warehouse.select``."""
        schema = self._schema(dataset, table)
        v.check_paging(limit, offset)
        read = self._read(dataset, table, schema, columns, where)
        sql = read.sql
        keys = v.order_keys(schema, order_by)
        if keys:
            sql += " ORDER BY " + ", ".join(
                f"{self._quote(k.column)} {'DESC' if k.descending else 'ASC'} NULLS LAST"
                for k in keys
            )
        page, page_params = self._page_sql(limit, offset)
        arrow = self._arrow(sql + page, read.params + page_params, schema, read.names, read.what)
        return v.rows_from_arrow(arrow, schema)

    def read_arrow(
        self,
        dataset: str,
        table: str,
        columns: Sequence[str] | None = None,
        where: Where = (),
    ) -> pa.Table:
        """See ``Warehouse.read_arrow``."""
        read = self._read(dataset, table, self._schema(dataset, table), columns, where)
        return self._arrow(read.sql, read.params, read.schema, read.names, read.what)

    def read_arrow_batches(
        self,
        dataset: str,
        table: str,
        columns: Sequence[str] | None = None,
        where: Where = (),
        *,
        batch_rows: int = 1 << 19,
    ) -> Iterator[pa.RecordBatch]:
        """See ``Warehouse.read_arrow_batches``."""
        read = self._read(dataset, table, self._schema(dataset, table), columns, where)
        yield from self._arrow_batches(read, batch_rows)

    def update(
        self, dataset: str, table: str, set_values: Mapping[str, object], where: Where
    ) -> int:
        """See ``Warehouse.update``."""
        schema = self._schema(dataset, table)
        conds = v.conditions(schema, where)
        sql, params = self._update_sql(dataset, table, schema, set_values, conds)
        return self._dml(sql, params, f"{dataset}.{table}")

    def delete(self, dataset: str, table: str, where: Where) -> int:
        """See ``Warehouse.delete``."""
        schema = self._schema(dataset, table)
        clause, params = self._where(v.conditions(schema, where))
        sql = f"DELETE FROM {self._table_sql(dataset, table)}{clause or ' WHERE TRUE'}"
        return self._dml(sql, params, f"{dataset}.{table}")

    def compare_and_set(
        self,
        dataset: str,
        table: str,
        set_values: Mapping[str, object],
        where: Where,
        expected: Mapping[str, object],
    ) -> bool:
        """See ``Warehouse.compare_and_set``.

        A lost race either conflicts (the backend retries or answers ``Aborted``) or finds no
        row matching ``expected`` any more.
        """
        schema = self._schema(dataset, table)
        conds = v.conditions(schema, where) + v.expected_conditions(schema, expected)
        sql, params = self._update_sql(dataset, table, schema, set_values, conds)
        return self._dml(sql, params, f"{dataset}.{table}") > 0

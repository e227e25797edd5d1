"""Value rules shared by the warehouse adapters: check values going in, normalise coming out.

Both adapters read through Arrow cast to ``arrow_schema`` and then ``rows_from_arrow``, so the
same table contents give identical Python values on every backend.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pyarrow as pa

from cloudact_grpc.domain.errors import InvalidArgument
from cloudact_grpc.ports.warehouse import (
    Between,
    Column,
    ColumnType,
    Eq,
    In,
    IsNull,
    Mode,
    OrderBy,
    TableSchema,
    Where,
)

NUMERIC_QUANTUM = decimal.Decimal("1e-9")
_NUMERIC_LIMIT = decimal.Decimal("1e29")
_NUMERIC_CONTEXT = decimal.Context(prec=38, traps=[decimal.Inexact, decimal.InvalidOperation])
_WIDE = decimal.Context(prec=38)
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1

_ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    ColumnType.STRING: pa.string(),
    ColumnType.INT64: pa.int64(),
    ColumnType.NUMERIC: pa.decimal128(38, 9),
    ColumnType.BOOL: pa.bool_(),
    ColumnType.DATE: pa.date32(),
    ColumnType.TIMESTAMP: pa.timestamp("us", tz="UTC"),
    ColumnType.JSON: pa.string(),
    ColumnType.FLOAT64: pa.float64(),
}
_PREDICATE_TYPES = frozenset(set(ColumnType) - {ColumnType.JSON})


def json_text(value: object) -> str:
    """Deterministic JSON text: sorted keys, compact separators, UTF-8 kept."""
    try:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise InvalidArgument.field("json", f"not JSON-serialisable: {exc}") from None


def arrow_type(column: Column) -> pa.DataType:
    """Canonical Arrow type of a column."""
    base = _ARROW_TYPES[column.type]
    return pa.list_(pa.field("item", base)) if column.mode is Mode.REPEATED else base


def arrow_schema(schema: TableSchema, columns: Sequence[str] | None = None) -> pa.Schema:
    """Canonical Arrow schema for ``columns`` (all when None) of ``schema``."""
    names = schema.column_names if columns is None else tuple(columns)
    return pa.schema([pa.field(n, arrow_type(schema.column(n))) for n in names])


def view_schema(schema: TableSchema, columns: Sequence[str] | None = None) -> pa.Schema:
    """``arrow_schema`` with top-level STRING/JSON columns as ``string_view``."""
    base = arrow_schema(schema, columns)
    return pa.schema(
        [pa.field(f.name, pa.string_view()) if f.type == pa.string() else f for f in base]
    )


def view_batch(batch: pa.RecordBatch, target: pa.Schema) -> pa.RecordBatch:
    """A backend's record batch in the ``view_schema`` types (drops backend metadata)."""
    plain = pa.RecordBatch.from_arrays(batch.columns, names=target.names)
    return plain if plain.schema == target else plain.cast(target)


def project(schema: TableSchema, columns: Sequence[str] | None) -> tuple[str, ...]:
    """Validate a projection (schema order when None)."""
    if columns is None:
        return schema.column_names
    if not columns:
        raise InvalidArgument.field("columns", "must name at least one column")
    for name in columns:
        schema.column(name)
    return tuple(columns)


def scalar(column: Column, value: object) -> object:  # noqa: PLR0911, PLR0912
    """Check one non-REPEATED value for ``column``'s type; return the value to bind.

    JSON becomes its canonical text, TIMESTAMP becomes UTC, NUMERIC is quantized to 9 places.
    """
    if value is None:
        return None
    where = column.name
    match column.type:
        case ColumnType.STRING:
            if isinstance(value, str):
                return value
        case ColumnType.INT64:
            if isinstance(value, int) and not isinstance(value, bool):
                if _INT64_MIN <= value <= _INT64_MAX:
                    return value
                raise InvalidArgument.field(where, "out of INT64 range")
        case ColumnType.NUMERIC:
            return _numeric(where, value)
        case ColumnType.BOOL:
            if isinstance(value, bool):
                return value
        case ColumnType.DATE:
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                return value
        case ColumnType.TIMESTAMP:
            if isinstance(value, dt.datetime):
                if value.tzinfo is None or value.utcoffset() is None:
                    raise InvalidArgument.field(where, "TIMESTAMP needs a timezone-aware datetime")
                return value.astimezone(dt.UTC)
        case ColumnType.JSON:
            return json_text(value)
        case ColumnType.FLOAT64:
            if isinstance(value, float | int) and not isinstance(value, bool):
                return float(value)
    raise InvalidArgument.field(where, f"{type(value).__name__} is not a valid {column.type}")


def _numeric(where: str, value: object) -> decimal.Decimal:
    if isinstance(value, bool) or not isinstance(value, decimal.Decimal | int):
        raise InvalidArgument.field(where, "NUMERIC needs a Decimal or int (never a float)")
    try:
        result = decimal.Decimal(value).quantize(NUMERIC_QUANTUM, context=_NUMERIC_CONTEXT)
    except (decimal.Inexact, decimal.InvalidOperation):
        raise InvalidArgument.field(where, "NUMERIC allows at most 9 decimal places") from None
    if not result.is_finite() or abs(result) >= _NUMERIC_LIMIT:
        raise InvalidArgument.field(where, "out of NUMERIC range")
    return result


def value(column: Column, raw: object) -> object:
    """Check a value for ``column`` (lists for REPEATED; None becomes [] there)."""
    if column.mode is Mode.REPEATED:
        if raw is None:
            return []
        if not isinstance(raw, list | tuple):
            raise InvalidArgument.field(column.name, "REPEATED needs a list")
        items = [scalar(column, item) for item in raw]
        if any(item is None for item in items):
            raise InvalidArgument.field(column.name, "REPEATED values cannot contain NULL")
        return items
    checked = scalar(column, raw)
    if checked is None and column.mode is Mode.REQUIRED:
        raise InvalidArgument.field(column.name, "is REQUIRED")
    return checked


def row(schema: TableSchema, raw: Mapping[str, object]) -> dict[str, object]:
    """Check a full row in schema order: unknown keys rejected, missing ones NULL."""
    unknown = set(raw) - set(schema.column_names)
    if unknown:
        raise InvalidArgument.field("row", f"unknown columns {sorted(unknown)} for {schema.name}")
    return {c.name: value(c, raw.get(c.name)) for c in schema.columns}


def set_values(schema: TableSchema, raw: Mapping[str, object]) -> dict[str, object]:
    """Check the values of an UPDATE's SET list."""
    if not raw:
        raise InvalidArgument.field("set_values", "must set at least one column")
    return {name: value(schema.column(name), v) for name, v in raw.items()}


@dataclass(frozen=True, slots=True)
class Condition:
    """A checked predicate: ``op`` is one of eq, in, ge, le, null, notnull, false."""

    column: Column
    op: str
    values: tuple[object, ...] = ()


def conditions(schema: TableSchema, where: Where) -> list[Condition]:
    """Check predicates against ``schema`` and flatten them into simple conditions."""
    out: list[Condition] = []
    for pred in where:
        column = schema.column(pred.column)
        if column.type not in _PREDICATE_TYPES or column.mode is Mode.REPEATED:
            raise InvalidArgument.field(pred.column, "cannot filter on JSON or REPEATED columns")
        match pred:
            case Eq(value=None):
                out.append(Condition(column, "null"))
            case Eq():
                out.append(Condition(column, "eq", (scalar(column, pred.value),)))
            case In():
                vals = tuple(scalar(column, v) for v in pred.values)
                if any(v is None for v in vals):
                    raise InvalidArgument.field(pred.column, "IN values cannot be NULL")
                out.append(Condition(column, "in", vals) if vals else Condition(column, "false"))
            case Between():
                if pred.low is not None:
                    out.append(Condition(column, "ge", (scalar(column, pred.low),)))
                if pred.high is not None:
                    out.append(Condition(column, "le", (scalar(column, pred.high),)))
            case IsNull():
                out.append(Condition(column, "notnull" if pred.negate else "null"))
            case _:
                raise InvalidArgument.field("where", f"unsupported predicate {pred!r}")
    return out


def expected_conditions(schema: TableSchema, expected: Mapping[str, object]) -> list[Condition]:
    """Conditions for compare-and-set expectations (``None`` expects NULL)."""
    if not expected:
        raise InvalidArgument.field("expected", "must name at least one column")
    return conditions(schema, [Eq(name, v) for name, v in expected.items()])


def order_keys(schema: TableSchema, order_by: Iterable[OrderBy]) -> list[OrderBy]:
    """Check sort keys against ``schema``."""
    keys = list(order_by)
    for key in keys:
        if schema.column(key.column).type is ColumnType.JSON:
            raise InvalidArgument.field(key.column, "cannot order by a JSON column")
    return keys


def check_paging(limit: int | None, offset: int) -> None:
    """Reject negative paging values."""
    if limit is not None and (isinstance(limit, bool) or limit < 0):
        raise InvalidArgument.field("limit", "must be >= 0")
    if isinstance(offset, bool) or offset < 0:
        raise InvalidArgument.field("offset", "must be >= 0")


# Types whose values need no conversion: a value of exactly this Python type is canonical.
_AS_IS: dict[ColumnType, type] = {
    ColumnType.STRING: str,
    ColumnType.BOOL: bool,
    ColumnType.DATE: dt.date,
    ColumnType.INT64: int,
}


def rows_to_arrow(schema: TableSchema, rows: Sequence[Mapping[str, object]]) -> pa.Table:
    """Check rows and build an Arrow table of the canonical schema (JSON as text).

    Column by column: a column whose values are all NULL or all already canonical is taken
    as it is; any other column goes through ``value`` one cell at a time, which converts or
    raises the same errors as single-row writes.
    """
    names = set(schema.column_names)
    for raw in rows:
        if not names.issuperset(raw):
            unknown = sorted(set(raw) - names)
            raise InvalidArgument.field("row", f"unknown columns {unknown} for {schema.name}")
    target = arrow_schema(schema)
    arrays = [
        pa.array(_column_values(column, [r.get(column.name) for r in rows]), type=field.type)
        for column, field in zip(schema.columns, target, strict=True)
    ]
    return pa.Table.from_arrays(arrays, schema=target)


def _column_values(column: Column, cells: list[object]) -> list[object]:
    if column.mode is not Mode.REPEATED:
        if column.mode is Mode.REQUIRED and None in cells:
            raise InvalidArgument.field(column.name, "is REQUIRED")
        if _canonical(column.type, cells):
            return cells
    return [value(column, cell) for cell in cells]


def _canonical(kind: ColumnType, cells: list[object]) -> bool:
    """Whether every cell is NULL or already of the exact canonical Python type."""
    if cells.count(None) == len(cells):
        return True
    exact = _AS_IS.get(kind)
    if exact is None or not all(cell is None or type(cell) is exact for cell in cells):
        return False
    return exact is not int or all(
        _INT64_MIN <= cell <= _INT64_MAX  # type: ignore[operator]
        for cell in cells
        if cell is not None
    )


def canonical_arrow(table: pa.Table, schema: TableSchema, columns: Sequence[str]) -> pa.Table:
    """Cast a backend's Arrow result to the canonical schema (drops backend metadata)."""
    target = arrow_schema(schema, columns)
    plain = pa.Table.from_arrays(table.columns, schema=table.schema.remove_metadata())
    plain = plain.rename_columns(list(columns))
    return plain.cast(target)


def rows_from_arrow(table: pa.Table, schema: TableSchema) -> list[dict[str, object]]:
    """Port values from a canonical Arrow table."""
    cols = [schema.column(name) for name in table.column_names]
    out: list[dict[str, object]] = []
    for raw in table.to_pylist():
        out.append({c.name: _read(c, raw[c.name]) for c in cols})
    return out


def _read(column: Column, raw: object) -> object:
    if column.mode is Mode.REPEATED:
        if raw is None:
            return []
        if not isinstance(raw, list):
            raise TypeError(f"expected list, got {type(raw).__name__}")
        return [_read_scalar(column.type, item) for item in raw]
    return _read_scalar(column.type, raw)


def _read_scalar(kind: ColumnType, raw: object) -> object:
    if raw is None:
        return None
    if kind is ColumnType.JSON:
        if not isinstance(raw, str):
            raise TypeError(f"expected str, got {type(raw).__name__}")
        return json.loads(raw)
    if kind is ColumnType.TIMESTAMP:
        if not isinstance(raw, dt.datetime):
            raise TypeError(f"expected dt.datetime, got {type(raw).__name__}")
        return raw.astimezone(dt.UTC)
    if kind is ColumnType.NUMERIC:
        if not isinstance(raw, decimal.Decimal):
            raise TypeError(f"expected decimal.Decimal, got {type(raw).__name__}")
        return raw.quantize(NUMERIC_QUANTUM, context=_WIDE)
    return raw

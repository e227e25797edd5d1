"""``llm_model_pricing`` and ``llm_subscriptions`` rows to and from typed records.

A record field is the column of its name, read by the field's type (text, flag, NUMERIC as
``Decimal``, DATE, TIMESTAMP, INT64; ``X | None`` may be NULL); a stored value of another type is
a ``WarehouseError`` naming the column. Only what differs is spelled out: a price's ``rates``
are five NUMERIC columns, a subscription's ``cancelled`` is its recorded ``status``.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import fields
from decimal import Decimal
from typing import Final, NamedTuple, TypeVar, cast

from cloudact_grpc.domain.llm import (
    PRICE_KINDS,
    RECORDED_ACTIVE,
    RECORDED_CANCELLED,
    LlmSubscription,
    ModelPrice,
)
from cloudact_grpc.ports.warehouse import WarehouseError

PRICING_TABLE: Final = "llm_model_pricing"
SUBSCRIPTIONS_TABLE: Final = "llm_subscriptions"
R = TypeVar("R")


def price_column(kind: str) -> str:
    """The NUMERIC column of the ``kind`` price (``input_price_per_1k``)."""
    return f"{kind}_price_per_1k"


class _Column(NamedTuple):
    """How one record field is read: its name, whether text or a flag, else the types it takes."""

    name: str
    text: bool
    flag: bool
    types: tuple[type, ...]
    nullable: bool


_FIELDS: dict[type, tuple[_Column, ...]] = {}
_RATE_COLUMNS = tuple(
    (kind, _Column(price_column(kind), False, False, (Decimal,), True)) for kind in PRICE_KINDS
)


def _columns(record: type) -> tuple[_Column, ...]:
    """The columns of a record class (its fields, resolved once per class)."""
    if record not in _FIELDS:
        hints = typing.get_type_hints(record)
        _FIELDS[record] = tuple(_column(f.name, hints[f.name]) for f in fields(record))
    return _FIELDS[record]


def _column(name: str, kind: object) -> _Column:
    options = typing.get_args(kind) if isinstance(kind, types.UnionType) else (kind,)
    wanted = tuple(o for o in options if isinstance(o, type) and o is not type(None))
    return _Column(name, kind is str, kind is bool, wanted, type(None) in options)


def _read(table: str, row: Mapping[str, object], column: _Column) -> object:
    """The column's value as its field's type; a NULL or other type is a ``WarehouseError``."""
    value = row.get(column.name)
    if column.text:
        return "" if value is None else str(value)
    if column.flag:
        return bool(value)
    if value is None:
        if column.nullable:
            return None
        raise WarehouseError(f"{table}.{column.name} is NULL")
    if type(value) in column.types or (
        isinstance(value, column.types) and not isinstance(value, bool)
    ):
        return value
    names = " or ".join(t.__name__ for t in column.types)
    raise WarehouseError(f"{table}.{column.name}: expected {names}, got {value!r}")


def _from_row(record: type[R], table: str, row: Mapping[str, object], **given: object) -> R:
    """A ``record`` of the row's columns (a field's column has its name), ``given`` as given."""
    read = {c.name: _read(table, row, c) for c in _columns(record) if c.name not in given}
    return cast(Callable[..., R], record)(**read, **given)


def _to_row(record: object, *, drop: str, **columns: object) -> dict[str, object]:
    """The record's fields but ``drop`` as columns (empty notes stored NULL), and ``columns``."""
    row = {c.name: getattr(record, c.name) for c in _columns(type(record)) if c.name != drop}
    return {**row, "notes": row["notes"] or None, **columns}


def price_row(p: ModelPrice) -> dict[str, object]:
    """The stored row of ``p``."""
    rates = {price_column(kind): p.rates.get(kind) for kind in PRICE_KINDS}
    return _to_row(p, drop="rates", provider_details={}, **rates)


def price_from_row(row: Mapping[str, object]) -> ModelPrice:
    """The price version a stored row holds."""
    read = ((kind, _read(PRICING_TABLE, row, column)) for kind, column in _RATE_COLUMNS)
    rates = {kind: price for kind, price in read if isinstance(price, Decimal)}
    return _from_row(ModelPrice, PRICING_TABLE, row, rates=rates)


def subscription_row(s: LlmSubscription) -> dict[str, object]:
    """The stored row of ``s``."""
    status = RECORDED_CANCELLED if s.cancelled else RECORDED_ACTIVE
    return _to_row(s, drop="cancelled", status=status, included_tokens=None)


def subscription_from_row(row: Mapping[str, object]) -> LlmSubscription:
    """The subscription a stored row holds."""
    cancelled = row.get("status") == RECORDED_CANCELLED
    return _from_row(LlmSubscription, SUBSCRIPTIONS_TABLE, row, cancelled=cancelled)

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
from typing import Final, TypeVar, cast

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


_FIELDS: dict[type, tuple[tuple[str, object], ...]] = {}


def _columns(record: type) -> tuple[tuple[str, object], ...]:
    """(field name, resolved type) of a record class (resolved once per class)."""
    if record not in _FIELDS:
        hints = typing.get_type_hints(record)
        _FIELDS[record] = tuple((f.name, hints[f.name]) for f in fields(record))
    return _FIELDS[record]


def _read(table: str, row: Mapping[str, object], column: str, kind: object) -> object:
    """The ``column`` value as ``kind`` (a type, or a union of types with None for NULL)."""
    value = row.get(column)
    if kind is str:
        return "" if value is None else str(value)
    if kind is bool:
        return bool(value)
    options = typing.get_args(kind) if isinstance(kind, types.UnionType) else (kind,)
    if value is None and type(None) in options:
        return None
    if value is None:
        raise WarehouseError(f"{table}.{column} is NULL")
    wanted = tuple(o for o in options if isinstance(o, type) and o is not type(None))
    if not isinstance(value, wanted) or (isinstance(value, bool) and bool not in wanted):
        names = " or ".join(t.__name__ for t in wanted)
        raise WarehouseError(f"{table}.{column}: expected {names}, got {value!r}")
    return value


def _from_row(
    record: type[R],
    table: str,
    row: Mapping[str, object],
    **given: object,
) -> R:
    """A ``record`` of the row's columns (a field's column has its name), ``given`` as given."""
    read = {n: _read(table, row, n, k) for n, k in _columns(record) if n not in given}
    return cast(Callable[..., R], record)(**read, **given)


def _to_row(record: object, *, drop: str, **columns: object) -> dict[str, object]:
    """The record's fields but ``drop`` as columns (empty notes stored NULL), and ``columns``."""
    row = {n: getattr(record, n) for n, _ in _columns(type(record)) if n != drop}
    return {**row, "notes": row["notes"] or None, **columns}


def price_row(p: ModelPrice) -> dict[str, object]:
    """The stored row of ``p``."""
    rates = {price_column(kind): p.rates.get(kind) for kind in PRICE_KINDS}
    return _to_row(p, drop="rates", provider_details={}, **rates)


def price_from_row(row: Mapping[str, object]) -> ModelPrice:
    """The price version a stored row holds."""
    read = ((k, _read(PRICING_TABLE, row, price_column(k), Decimal | None)) for k in PRICE_KINDS)
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

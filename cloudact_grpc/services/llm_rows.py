"""``llm_model_pricing`` and ``llm_subscriptions`` rows to and from typed records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Final, TypeVar

from cloudact_grpc.domain.llm import (
    PRICE_KINDS,
    RECORDED_ACTIVE,
    RECORDED_CANCELLED,
    LlmSubscription,
    ModelPrice,
    Rates,
)
from cloudact_grpc.domain.seed_prices import SeedPrice
from cloudact_grpc.ports.warehouse import WarehouseError

PRICING_TABLE: Final = "llm_model_pricing"
SUBSCRIPTIONS_TABLE: Final = "llm_subscriptions"
T = TypeVar("T")


def price_column(kind: str) -> str:
    """The NUMERIC column of the ``kind`` price (``input_price_per_1k``)."""
    return f"{kind}_price_per_1k"


class _Columns:
    """Typed reads of one stored row; a wrong type is a ``WarehouseError`` naming the column."""

    def __init__(self, table: str, row: Mapping[str, object]) -> None:
        self._table, self._row = table, row

    def optional(self, column: str, kind: type[T]) -> T | None:
        value = self._row.get(column)
        if value is None or isinstance(value, kind):
            return value
        raise WarehouseError(f"{self._table}.{column}: expected {kind.__name__}, got {value!r}")

    def required(self, column: str, kind: type[T]) -> T:
        value = self.optional(column, kind)
        if value is None:
            raise WarehouseError(f"{self._table}.{column} is NULL")
        return value

    def text(self, column: str) -> str:
        value = self._row.get(column)
        return "" if value is None else str(value)


def price_row(p: ModelPrice) -> dict[str, object]:
    """The stored row of ``p``."""
    return {
        "pricing_id": p.pricing_id,
        "provider": p.provider,
        "model_id": p.model_id,
        "model_name": p.model_name,
        "is_custom": p.is_custom,
        **{price_column(kind): getattr(p.rates, kind) for kind in PRICE_KINDS},
        "currency": p.currency,
        "effective_date": p.effective_date,
        "end_date": p.end_date,
        "is_enabled": p.is_enabled,
        "notes": p.notes or None,
        "provider_details": {},
        "version": p.version,
        "created_at": p.created_at,
        "updated_at": p.updated_at,
    }


def price_from_row(row: Mapping[str, object]) -> ModelPrice:
    """The price version a stored row holds."""
    c = _Columns(PRICING_TABLE, row)
    return ModelPrice(
        pricing_id=c.text("pricing_id"),
        provider=c.text("provider"),
        model_id=c.text("model_id"),
        model_name=c.text("model_name"),
        is_custom=bool(row.get("is_custom")),
        rates=Rates(**{kind: c.optional(price_column(kind), Decimal) for kind in PRICE_KINDS}),
        currency=c.text("currency"),
        effective_date=c.required("effective_date", dt.date),
        end_date=c.optional("end_date", dt.date),
        is_enabled=bool(row.get("is_enabled")),
        notes=c.text("notes"),
        version=c.required("version", int),
        created_at=c.required("created_at", dt.datetime),
        updated_at=c.required("updated_at", dt.datetime),
    )


def seed_price(pricing_id: str, s: SeedPrice, now: dt.datetime) -> ModelPrice:
    """A default list price as a new, not custom, version."""
    rates = Rates(s.input, s.output, s.cached_input, s.batch_input, s.batch_output)
    return ModelPrice(
        pricing_id=pricing_id,
        provider=s.provider,
        model_id=s.model_id,
        model_name=s.model_name,
        is_custom=False,
        rates=rates,
        currency=s.currency,
        effective_date=s.effective_date,
        end_date=None,
        is_enabled=True,
        notes="default list price",
        version=1,
        created_at=now,
        updated_at=now,
    )


def subscription_row(s: LlmSubscription) -> dict[str, object]:
    """The stored row of ``s``."""
    return {
        "subscription_id": s.subscription_id,
        "provider": s.provider,
        "subscription_name": s.subscription_name,
        "plan_name": s.plan_name,
        "status": RECORDED_CANCELLED if s.cancelled else RECORDED_ACTIVE,
        "billing_cycle": s.billing_cycle,
        "currency": s.currency,
        "seats": s.seats,
        "monthly_cost": s.monthly_cost,
        "included_tokens": None,
        "start_date": s.start_date,
        "end_date": s.end_date,
        "notes": s.notes or None,
        "version": s.version,
        "created_at": s.created_at,
        "updated_at": s.updated_at,
    }


def subscription_from_row(row: Mapping[str, object]) -> LlmSubscription:
    """The subscription a stored row holds."""
    c = _Columns(SUBSCRIPTIONS_TABLE, row)
    return LlmSubscription(
        subscription_id=c.text("subscription_id"),
        provider=c.text("provider"),
        subscription_name=c.text("subscription_name"),
        plan_name=c.text("plan_name"),
        cancelled=row.get("status") == RECORDED_CANCELLED,
        billing_cycle=c.text("billing_cycle"),
        currency=c.text("currency"),
        seats=c.required("seats", int),
        monthly_cost=c.required("monthly_cost", Decimal),
        start_date=c.required("start_date", dt.date),
        end_date=c.optional("end_date", dt.date),
        notes=c.text("notes"),
        version=c.required("version", int),
        created_at=c.required("created_at", dt.datetime),
        updated_at=c.required("updated_at", dt.datetime),
    )

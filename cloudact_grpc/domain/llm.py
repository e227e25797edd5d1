"""LLM model prices and LLM plan subscriptions as typed records, money as ``Decimal``.

A model price is one effective-dated version: the price in force on day D is the enabled
version with the latest ``effective_date`` ≤ D whose ``end_date`` is None or ≥ D. A subscription
records ``active`` or ``cancelled``; reads derive ``pending`` and ``expired`` from its dates.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Final, TypeAlias

from cloudact_grpc.domain.seed_prices import SeedPrice

PRICE_KINDS: Final = ("input", "output", "cached_input", "batch_input", "batch_output")
"""The per-1 000-token prices a model has, in their order on the wire."""

RECORDED_ACTIVE: Final = "active"
RECORDED_CANCELLED: Final = "cancelled"


def price_field(kind: str) -> str:
    """The request field that carries the ``kind`` price (``price_per_1k_input_tokens``)."""
    return f"price_per_1k_{kind}_tokens"


Rates: TypeAlias = Mapping[str, Decimal]
"""Prices per 1 000 tokens by kind (one of ``PRICE_KINDS``); a kind not priced is absent."""


@dataclass(frozen=True, slots=True)
class ModelPrice:
    """One price version of a model (one row of ``llm_model_pricing``)."""

    pricing_id: str
    provider: str
    model_id: str
    model_name: str
    effective_date: dt.date
    created_at: dt.datetime
    updated_at: dt.datetime
    rates: Rates = field(default_factory=dict)
    currency: str = "USD"
    end_date: dt.date | None = None
    is_custom: bool = True
    is_enabled: bool = True
    notes: str = ""
    version: int = 1

    def in_force_on(self, day: dt.date) -> bool:
        """Enabled, started on or before ``day`` and not ended before it."""
        ended = self.end_date is not None and self.end_date < day
        return self.is_enabled and self.effective_date <= day and not ended


def new_price(provider: str, model_id: str, start: dt.date, now: dt.datetime) -> ModelPrice:
    """A new custom version of ``model_id`` from ``start``, not priced yet, in USD."""
    return ModelPrice(uuid.uuid4().hex, provider, model_id, model_id, start, now, now)


def seed_price(s: SeedPrice, now: dt.datetime) -> ModelPrice:
    """A default list price as a new version that is not custom."""
    given = (s.input, s.output, s.cached_input, s.batch_input, s.batch_output)
    rates = {
        kind: price for kind, price in zip(PRICE_KINDS, given, strict=True) if price is not None
    }
    return replace(
        new_price(s.provider, s.model_id, s.effective_date, now),
        model_name=s.model_name,
        is_custom=False,
        rates=rates,
        currency=s.currency,
        notes="default list price",
    )


def in_force(prices: Iterable[ModelPrice], day: dt.date) -> list[ModelPrice]:
    """Per (model, provider) the version in force on ``day``, ordered by model then provider."""
    best: dict[tuple[str, str], ModelPrice] = {}
    for price in prices:
        key = (price.model_id, price.provider)
        if price.in_force_on(day) and (
            key not in best or best[key].effective_date < price.effective_date
        ):
            best[key] = price
    return [best[k] for k in sorted(best)]


def newest_first_within_model(prices: Iterable[ModelPrice]) -> list[ModelPrice]:
    """Every version ordered by model, provider, then newest ``effective_date`` first."""
    return sorted(prices, key=lambda p: (p.model_id, p.provider, -p.effective_date.toordinal()))


@dataclass(frozen=True, slots=True)
class LlmSubscription:
    """One fixed-fee plan subscription (one row of ``llm_subscriptions``)."""

    subscription_id: str
    provider: str
    subscription_name: str
    plan_name: str
    cancelled: bool
    billing_cycle: str
    currency: str
    seats: int
    monthly_cost: Decimal
    start_date: dt.date
    end_date: dt.date | None
    notes: str
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    rpm_limit: int | None = None
    """Requests per minute the plan allows; None when no limit is recorded."""
    tpm_limit: int | None = None
    """Tokens per minute the plan allows; None when no limit is recorded."""

    @property
    def unit_price(self) -> Decimal:
        """The monthly price of one seat: ``monthly_cost`` over the seats (all of it without)."""
        return self.monthly_cost / self.seats if self.seats > 0 else self.monthly_cost

    def status_on(self, today: dt.date) -> str:
        """pending, active, cancelled or expired."""
        if self.cancelled:
            return RECORDED_CANCELLED
        if self.start_date > today:
            return "pending"
        if self.end_date is not None and self.end_date < today:
            return "expired"
        return RECORDED_ACTIVE

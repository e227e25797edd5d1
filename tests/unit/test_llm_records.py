"""LLM pricing and subscription records: Decimal-only money, the in-force rule, rows both ways."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from cloudact_grpc.domain.errors import InvalidArgument
from cloudact_grpc.domain.llm import LlmSubscription, ModelPrice, in_force
from cloudact_grpc.domain.values import amount
from cloudact_grpc.ports.warehouse import WarehouseError
from cloudact_grpc.services.llm_rows import (
    price_from_row,
    price_row,
    subscription_from_row,
    subscription_row,
)

NOW = dt.datetime(2026, 3, 30, 12, tzinfo=dt.UTC)
PRICE = ModelPrice(
    pricing_id="p1", provider="openai", model_id="gpt-4o", model_name="GPT-4o", is_custom=True,
    rates={"input": Decimal("0.0025"), "output": Decimal("0.01"), "batch_output": Decimal("0.005")},
    currency="USD", effective_date=dt.date(2026, 1, 1), end_date=None, is_enabled=True,
    notes="", version=1, created_at=NOW, updated_at=NOW,
)  # fmt: skip
SUB = LlmSubscription(
    subscription_id="s1", provider="openai", subscription_name="team", plan_name="team",
    cancelled=False, billing_cycle="monthly", currency="USD", seats=3,
    monthly_cost=Decimal("100.000000000"), start_date=dt.date(2026, 1, 1), end_date=None,
    notes="", version=1, created_at=NOW, updated_at=NOW,
)  # fmt: skip


def test_amount_takes_decimals_only_and_names_the_field() -> None:
    assert amount(Decimal("0.1"), "monthly_cost") == Decimal("0.100000000")
    assert amount(Decimal("0.0000000005"), "x") == Decimal("0.000000000")  # banker's at scale 9
    with pytest.raises(TypeError, match="monthly_cost: money must be a Decimal, not float"):
        amount(0.1, "monthly_cost")  # type: ignore[arg-type]
    for bad, why in [
        ("NaN", "finite"),
        ("Infinity", "finite"),
        ("-0.01", "between"),
        ("1e7", "between"),
    ]:
        with pytest.raises(InvalidArgument) as caught:
            amount(Decimal(bad), "unit_price_usd")
        assert [(v.field, why in v.description) for v in caught.value.violations] == [
            ("unit_price_usd", True)
        ]  # fmt: skip


def test_the_latest_enabled_version_started_by_the_day_is_in_force() -> None:
    old = replace(
        PRICE, pricing_id="p0", effective_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 12, 31)
    )
    off = replace(PRICE, pricing_id="p2", effective_date=dt.date(2026, 2, 1), is_enabled=False)
    other = replace(PRICE, pricing_id="p3", provider="custom")
    versions = [PRICE, old, off, other]
    assert [p.pricing_id for p in in_force(versions, dt.date(2025, 6, 1))] == ["p0"]
    assert [p.pricing_id for p in in_force(versions, dt.date(2026, 3, 1))] == ["p3", "p1"]
    assert in_force(versions, dt.date(2024, 12, 31)) == []


def test_subscription_status_and_seat_price() -> None:
    assert SUB.unit_price == Decimal("33.33333333333333333333333333")
    assert replace(SUB, seats=0).unit_price == Decimal("100.000000000")
    assert SUB.status_on(dt.date(2025, 12, 31)) == "pending"
    assert SUB.status_on(dt.date(2026, 1, 1)) == "active"
    assert replace(SUB, end_date=dt.date(2026, 1, 31)).status_on(dt.date(2026, 2, 1)) == "expired"
    assert replace(SUB, cancelled=True).status_on(dt.date(2026, 1, 1)) == "cancelled"


def test_rows_map_both_ways_and_refuse_wrong_types() -> None:
    row = price_row(PRICE)
    assert (
        row["batch_output_price_per_1k"] == Decimal("0.005")
        and row["cached_input_price_per_1k"] is None
    )
    assert row["notes"] is None and price_from_row(row) == PRICE
    assert subscription_from_row(subscription_row(SUB)) == SUB
    assert subscription_row(replace(SUB, cancelled=True))["status"] == "cancelled"
    with pytest.raises(
        WarehouseError, match=r"llm_model_pricing\.input_price_per_1k: expected Decimal"
    ):
        price_from_row({**row, "input_price_per_1k": 0.0025})
    with pytest.raises(WarehouseError, match=r"llm_subscriptions\.start_date is NULL"):
        subscription_from_row({**subscription_row(SUB), "start_date": None})


def test_rate_limits_are_nullable_int_columns() -> None:
    limited = replace(SUB, rpm_limit=500, tpm_limit=30000)
    row = subscription_row(limited)
    assert (row["rpm_limit"], row["tpm_limit"]) == (500, 30000)
    assert subscription_from_row(row) == limited
    older = {k: v for k, v in subscription_row(SUB).items() if k not in ("rpm_limit", "tpm_limit")}
    assert (subscription_from_row(older).rpm_limit, subscription_from_row(older).tpm_limit) == (
        None,
        None,
    )  # a row of a table made before the columns
    with pytest.raises(WarehouseError, match=r"llm_subscriptions\.tpm_limit: expected int"):
        subscription_from_row({**row, "tpm_limit": "30000"})

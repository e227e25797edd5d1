"""The budget status on the BigQuery emulator equals the independent sum (one small case)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.budgets.conftest import BudgetStack
from tests.budgets.seed import cents, expected_spend, seeded_rows
from tests.support.http import HTTP

pytestmark = pytest.mark.bigquery
ORG = "budget_bq"


def test_monthly_from_the_15th_on_bigquery(bq_stack: BudgetStack) -> None:
    key = bq_stack.onboard(ORG)
    bq_stack.seed(ORG)
    h = {"X-API-Key": key, "Content-Type": "application/json"}
    made = HTTP.post(
        f"{bq_stack.url}/api/v1/budgets/{ORG}",
        json={"hierarchy_entity_id": "ORG", "budget_amount": 300, "currency": "USD",
              "period_type": "monthly", "period_start": "2026-01-15", "category": "genai"},
        headers=h,
    )  # fmt: skip
    assert made.status_code == 200, made.text
    status = HTTP.get(
        f"{bq_stack.url}/api/v1/budgets/{ORG}/{made.json()['budget_id']}/status",
        params={"as_of": "2026-03-02"},
        headers=h,
    )
    assert status.status_code == 200, status.text
    body = status.json()
    assert (body["period_start"], body["period_end"]) == ("2026-02-15", "2026-03-14")
    spent = expected_spend(
        seeded_rows(), first=dt.date(2026, 2, 15), last=dt.date(2026, 3, 2), currency="USD",
        categories=("llm",),
    )  # fmt: skip
    assert body["spent"] == cents(spent)
    assert body["forecast_method"] == "weekday_profile"
    assert len(body["daily_forecast"]) == 12

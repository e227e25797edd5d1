"""Finding 1: every date lies in the window 2000-01-01 .. today + 10 years; outside → 400 naming
the field, nothing written; a plan at the window's first day can be disabled, edited and ended."""

from __future__ import annotations

import datetime as dt

import grpc
import httpx
import pytest

from cloudact_grpc.domain.dates import EPOCH, horizon
from cloudact_grpc.ports.warehouse import Eq
from cloudact_grpc.services.saas.rows import PLANS_TABLE
from tests.reliability.conftest import Stack
from tests.support.errors import decode_rest
from tests.support.http import HTTP
from tests.support.saas_rest import PlansRest

ORG = "window_org"
TOO_EARLY = ("0001-01-01", "1999-12-31")
TOO_LATE = ("9999-01-01",)


@pytest.fixture(scope="module")
def key(stack: Stack) -> dict[str, str]:
    return {"X-API-Key": stack.onboard(ORG)}


def _late() -> str:
    return (horizon(dt.datetime.now(dt.UTC).date()) + dt.timedelta(days=1)).isoformat()


def assert_bad_field(reply: httpx.Response, field: str) -> None:
    """400, INVALID_ARGUMENT, ErrorInfo INVALID_REQUEST and one violation naming ``field``."""
    assert reply.status_code == 400, reply.text
    error = decode_rest(reply)
    assert (error.code, error.reason) == (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_REQUEST")
    assert error.violated_fields == [field]
    assert "2000-01-01" in error.details["BadRequest"]["field_violations"][0]["description"]


def _plans(stack: Stack, provider: str) -> list[dict[str, object]]:
    return stack.app.warehouse.select(f"{ORG}_local", PLANS_TABLE, [Eq("provider", provider)])


@pytest.mark.parametrize("day", [*TOO_EARLY, *TOO_LATE, "late"])
def test_plan_dates_outside_the_window_are_400_and_nothing_is_written(
    stack: Stack, key: dict[str, str], day: str
) -> None:
    day = _late() if day == "late" else day
    base = f"{stack.url}/api/v1/subscriptions/{ORG}/providers/slack/plans"
    body = {"plan_name": "PRO", "unit_price": 8, "number_of_users": 2}
    assert_bad_field(
        HTTP.post(base, json={**body, "effective_date": day}, headers=key), "effective_date"
    )
    assert_bad_field(
        HTTP.post(
            base, json={**body, "effective_date": "2026-01-01", "end_date": day}, headers=key
        ),
        "end_date",
    )
    assert _plans(stack, "slack") == []


@pytest.mark.parametrize(
    "path", ["summary", "by-provider", "by-service", "trend", "saas-subscriptions", ""]
)
@pytest.mark.parametrize("day", [*TOO_EARLY, *TOO_LATE])
def test_cost_dates_outside_the_window_are_400_naming_the_field(
    stack: Stack, key: dict[str, str], path: str, day: str
) -> None:
    url = f"{stack.url}/api/v1/costs/{ORG}" + (f"/{path}" if path else "")
    assert_bad_field(HTTP.get(url, params={"end_date": day}, headers=key), "end_date")
    assert_bad_field(
        HTTP.get(url, params={"start_date": day, "end_date": "2026-01-31"}, headers=key),
        "start_date",
    )


def test_llm_pricing_and_subscription_dates_outside_the_window_are_400(
    stack: Stack, key: dict[str, str]
) -> None:
    base = f"{stack.url}/api/v1/integrations/{ORG}/openai"
    price = {
        "model_id": "gpt-window",
        "price_per_1k_input_tokens": 0.01,
        "price_per_1k_output_tokens": 0.02,
        "effective_date": "0001-01-01",
    }
    assert_bad_field(HTTP.post(f"{base}/pricing", json=price, headers=key), "effective_date")
    listed = HTTP.get(f"{base}/pricing", params={"as_of_date": "9999-01-01"}, headers=key)
    assert_bad_field(listed, "as_of_date")
    sub = {"subscription_name": "team", "monthly_cost": 20, "start_date": "0001-01-01"}
    assert_bad_field(HTTP.post(f"{base}/subscriptions", json=sub, headers=key), "start_date")
    stored = HTTP.get(f"{base}/pricing", params={"include_history": "true"}, headers=key)
    assert stored.status_code == 200, stored.text
    assert "gpt-window" not in stored.text
    subs = HTTP.get(f"{base}/subscriptions", headers=key)
    assert subs.status_code == 200, subs.text
    assert '"team"' not in subs.text


def test_a_plan_from_the_first_day_of_the_window_is_usable_end_to_end(
    stack: Stack, key: dict[str, str]
) -> None:
    base = f"{stack.url}/api/v1/subscriptions/{ORG}/providers/zoom"
    plans = PlansRest(f"{base}/plans", key)
    edge = {"plan_name": "EDGE", "unit_price": 10, "number_of_users": 1}
    plan_id = plans.create(edge | {"effective_date": EPOCH.isoformat()})["subscription_id"]
    plans.edit_version(plan_id, "2000-02-01", 2)
    early_end = plans.end(plan_id, "0001-01-01")
    assert_bad_field(early_end, "end_date")
    disabled = HTTP.post(f"{base}/disable", json={"end_date": "2000-03-31"}, headers=key)
    assert disabled.status_code == 200, disabled.text
    versions = [p for p in _plans(stack, "zoom") if p["subscription_id"] == plan_id]
    assert sorted(str(v["end_date"]) for v in versions) == ["2000-01-31", "2000-03-31"]
    summary = HTTP.get(
        f"{stack.url}/api/v1/costs/{ORG}/saas-subscriptions",
        params={"start_date": "2000-01-01", "end_date": "2000-03-31"},
        headers=key,
    )
    assert summary.status_code == 200, summary.text
    # 10 in January, 2 seats x 10 in February and March: 50 exactly.
    assert summary.json()["total_cost"] == 50.0

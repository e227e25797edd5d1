"""The seed's SaaS subscription quick reference through Envoy, with the org's key, both backends."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from cloudact_grpc.ports.warehouse import Eq
from tests.e2e.conftest import Stack
from tests.support.backends import BOTH_BACKENDS
from tests.support.errors import decode_rest
from tests.support.http import HTTP
from tests.support.saas_rest import PlansRest

pytestmark = pytest.mark.parametrize("stack", BOTH_BACKENDS, indirect=True)

ORG = "saas_quickref"
TEAM_PLAN = {
    "plan_name": "TEAM",
    "unit_price": 25.00,
    "number_of_users": 10,
    "effective_date": "2025-01-01",
    "billing_cycle": "monthly",
}


@pytest.fixture(scope="module")
def org_key(stack: Stack) -> str:
    return stack.onboard(ORG, "SaaS Co", "fin@saas.example")


def _team_from_january_to_march(plans: PlansRest, team: dict[str, object]) -> dict[str, Any]:
    """``team`` (10 seats from 2025-01-01) created, 15 seats from 2025-02-01, ended 2025-03-31:
    the plan as created."""
    plan = plans.create(team)
    plans.edit_version(plan["subscription_id"], "2025-02-01", 15)
    ended = plans.end(plan["subscription_id"], "2025-03-31")
    assert ended.status_code == 200, ended.text
    return plan


def test_subscription_quick_reference(stack: Stack, org_key: str) -> None:
    base = f"{stack.url}/api/v1/subscriptions/{ORG}"
    key = {"X-API-Key": org_key}

    providers = HTTP.get(f"{base}/providers", headers=key)
    assert providers.status_code == 200, providers.text
    listed = {p["provider"]: p for p in providers.json()["providers"]}
    assert listed["chatgpt_plus"]["enabled"] is False

    enabled = HTTP.post(f"{base}/providers/chatgpt_plus/enable", json={}, headers=key)
    assert enabled.status_code == 200, enabled.text
    again = HTTP.post(f"{base}/providers/chatgpt_plus/enable", json={}, headers=key)
    assert again.json()["plans_seeded"] == 0

    plans = HTTP.get(f"{base}/providers/chatgpt_plus/plans", headers=key).json()["plans"]
    assert {p["plan_name"] for p in plans} >= {"FREE", "PLUS", "TEAM", "ENTERPRISE"}

    chatgpt = PlansRest(f"{base}/providers/chatgpt_plus/plans", key)
    plan = _team_from_january_to_march(chatgpt, TEAM_PLAN)
    plan_id = plan["subscription_id"]
    assert plan["monthly_cost"] == 250.0

    history = HTTP.get(f"{base}/providers/chatgpt_plus/plans/{plan_id}/history", headers=key)
    assert history.status_code == 200, history.text
    versions = [
        (v["version"], v["effective_date"], v["end_date"], v["status"])
        for v in history.json()["versions"]
    ]
    assert versions == [
        (2, "2025-02-01", "2025-03-31", "cancelled"),
        (1, "2025-01-01", "2025-01-31", "expired"),
    ]

    rows = stack.app.warehouse.select(
        f"{ORG}_local", "cost_data_focus_1_2", [Eq("x_plan_id", plan_id)]
    )
    by_month: dict[str, Decimal] = {}
    for row in rows:
        month = str(row["x_charge_date"])[:7]
        amount = row["EffectiveCost"]
        assert isinstance(amount, Decimal)
        by_month[month] = by_month.get(month, Decimal(0)) + amount
    assert by_month == {
        "2025-01": Decimal("250.00"),
        "2025-02": Decimal("375.00"),
        "2025-03": Decimal("375.00"),
    }


def test_saas_subscription_costs_with_run_rates(stack: Stack, org_key: str) -> None:
    """TEAM 25.00 x 10 seats from 2025-01-01, 15 from 2025-02-01, ended 2025-03-31 (on canva)."""
    key = {"X-API-Key": org_key}
    canva = PlansRest(f"{stack.url}/api/v1/subscriptions/{ORG}/providers/canva/plans", key)
    teams = _team_from_january_to_march(canva, TEAM_PLAN | {"plan_name": "TEAMS"})
    plan_id = teams["subscription_id"]

    response = HTTP.get(
        f"{stack.url}/api/v1/costs/{ORG}/saas-subscriptions",
        params={"start_date": "2025-01-01", "end_date": "2025-03-31", "providers": "canva"},
        headers=key,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    (plan,) = body["plans"]
    assert plan["subscription_id"] == plan_id
    # 250.00 + 375.00 + 375.00; run rates of the version in force on 2025-03-31, not summed
    # over the 90 days; 375.00 over March's 31 days ends on a 12.09 day.
    assert (plan["total_cost"], plan["days_charged"]) == (1000.0, 90)
    assert (plan["daily_run_rate"], plan["monthly_run_rate"], plan["annual_run_rate"]) == (
        12.09,
        375.0,
        4500.0,
    )
    assert (plan["number_of_users"], plan["status"], plan["currency"]) == (15, "cancelled", "USD")
    assert (body["total_cost"], body["total_monthly_cost"], body["currency"]) == (
        1000.0,
        375.0,
        "USD",
    )
    assert (body["start_date"], body["end_date"]) == ("2025-01-01", "2025-03-31")


def test_bad_plan_input_names_the_field(stack: Stack, org_key: str) -> None:
    response = HTTP.post(
        f"{stack.url}/api/v1/subscriptions/{ORG}/providers/slack/plans",
        json={"plan_name": "PRO", "unit_price": -1, "effective_date": "2025-01-01"},
        headers={"X-API-Key": org_key},
    )
    assert response.status_code == 400
    assert "unit_price" in decode_rest(response).violated_fields

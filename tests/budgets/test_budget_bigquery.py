"""On the BigQuery emulator: budget status equals the independent sum; alerts send once."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from cloudact.v1 import notifications_pb2, notifications_pb2_grpc

from cloudact_grpc.config import Settings
from tests.budgets.conftest import BudgetStack, running_stack
from tests.budgets.seed import cents, expected_spend, seeded_rows
from tests.support.http import HTTP
from tests.support.receivers import running_http_receiver

pytestmark = pytest.mark.bigquery
ORG = "budget_bq"


def _status_of_new_budget(
    stack: BudgetStack, key: str, budget: dict[str, object], as_of: str
) -> dict[str, Any]:
    """Create ``budget`` for ``ORG`` over REST; its status body as of ``as_of``."""
    h = {"X-API-Key": key, "Content-Type": "application/json"}
    made = HTTP.post(
        f"{stack.url}/api/v1/budgets/{ORG}",
        json={"hierarchy_entity_id": "ORG", "budget_amount": 300, "currency": "USD"} | budget,
        headers=h,
    )
    assert made.status_code == 200, made.text
    status = HTTP.get(
        f"{stack.url}/api/v1/budgets/{ORG}/{made.json()['budget_id']}/status",
        params={"as_of": as_of},
        headers=h,
    )
    assert status.status_code == 200, status.text
    body: dict[str, Any] = status.json()
    return body


def test_monthly_from_the_15th_on_bigquery(bq_stack: BudgetStack) -> None:
    key = bq_stack.onboard(ORG)
    bq_stack.seed(ORG)
    body = _status_of_new_budget(
        bq_stack, key,
        {"period_type": "monthly", "period_start": "2026-01-15", "category": "genai"},
        as_of="2026-03-02",
    )  # fmt: skip
    assert (body["period_start"], body["period_end"]) == ("2026-02-15", "2026-03-14")
    spent = expected_spend(
        seeded_rows(), first=dt.date(2026, 2, 15), last=dt.date(2026, 3, 2), currency="USD",
        categories=("llm",),
    )  # fmt: skip
    assert body["spent"] == cents(spent)
    assert body["forecast_method"] == "weekday_profile"
    assert len(body["daily_forecast"]) == 12
    # A tag and sub-account scope reads the raw rows (not in the rollup) on BigQuery too.
    raw = _status_of_new_budget(
        bq_stack, key,
        {"period_type": "custom", "period_start": "2026-02-03", "period_end": "2026-03-09",
         "scope": {"sub_accounts": ["acct-a"], "tags": {"team": "data"}}},
        as_of="2026-03-31",
    )  # fmt: skip
    assert raw["spent"] == cents(
        expected_spend(
            seeded_rows(), first=dt.date(2026, 2, 3), last=dt.date(2026, 3, 9),
            currency="USD", sub_accounts=("acct-a",), team="data",
        )
    )  # fmt: skip


def test_alerts_send_once_on_bigquery(
    settings: Settings, root_key: str, tmp_path_factory: pytest.TempPathFactory, bq_endpoint: str
) -> None:
    with (
        running_http_receiver() as http,
        running_stack(
            "bigquery", settings, root_key, tmp_path_factory.mktemp("alerts-bq"), bq_endpoint,
            notify_allow_loopback=True, notify_retry_base_seconds=0.01,
        ) as stack,
    ):  # fmt: skip
        org = "alerts_bq"
        key = stack.onboard(org)
        stack.seed(org)
        h = {"X-API-Key": key, "Content-Type": "application/json"}
        base = f"{stack.url}/api/v1"
        hook = HTTP.post(f"{base}/notifications/{org}/channels", headers=h, json={
            "name": "hook", "channel_type": "webhook", "webhook_url": f"{http.url}/bq",
        })  # fmt: skip
        assert hook.status_code == 200, hook.text
        budget = HTTP.post(f"{base}/budgets/{org}", headers=h, json={
            "hierarchy_entity_id": "ORG", "budget_amount": 10, "currency": "USD",
            "period_type": "monthly", "period_start": "2026-02-01",
            "thresholds": [{"percent": 100}],
        })  # fmt: skip
        assert budget.status_code == 200, budget.text
        rule = HTTP.post(f"{base}/notifications/{org}/rules", headers=h, json={
            "name": "over", "rule_type": "budget_percent",
            "notify_channel_ids": [hook.json()["channel_id"]],
        })  # fmt: skip
        assert rule.status_code == 200, rule.text
        stub = notifications_pb2_grpc.NotificationsServiceStub(stack.channel)
        request = notifications_pb2.EvaluateAlertsRequest(org_slug=org, as_of="2026-02-20")
        first = stub.EvaluateAlerts(request, metadata=stack.root_metadata)
        second = stub.EvaluateAlerts(request, metadata=stack.root_metadata)
        assert (first.alerts_raised, first.delivered) == (1, 1)
        assert (second.alerts_raised, second.delivered) == (0, 0)
        (sent,) = http.on("/bq")
        assert json.loads(sent.body)["data"]["budget_id"] == budget.json()["budget_id"]

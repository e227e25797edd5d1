"""Frontend calls and fields the per-call tests leave out (frontend-calls.md section 2): a new org
with no data on every listing it reads, a GCP service-account file set up through the page, the
lists the frontend reads whole (it never sends a page size) past one default page, and the
optional fields of the LLM subscription modal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.frontend.client import Frontend, expect
from tests.support.fake_providers import new_service_account, token_endpoint

ZERO_SUMMARY = {"total_monthly_cost": 0, "total_annual_cost": 0, "enabled_count": 0,
                "total_count": 0, "count_by_category": {}}  # fmt: skip


def _get(fe: Frontend, path: str, headers: dict[str, str]) -> dict[str, Any]:
    reply = fe.send("GET", path, headers)
    assert reply.status_code == 200, reply.text
    body: dict[str, Any] = reply.json()
    return body


def test_a_new_org_reads_empty_lists_and_zero_totals(fe: Frontend) -> None:
    """Every listing a page loads, for an org with nothing yet: 200, the fields present, zeros."""
    slug, key = fe.onboarded("blank_12102025")
    org, direct = fe.client_org(key), fe.direct(key)
    for provider in ("openai", "anthropic", "gemini", "deepseek"):
        pricing = _get(fe, f"/api/v1/integrations/{slug}/{provider}/pricing", org)
        assert (pricing["pricing"], pricing["count"]) == ([], 0)
        subs = _get(fe, f"/api/v1/integrations/{slug}/{provider}/subscriptions", org)
        assert (subs["subscriptions"], subs["count"]) == ([], 0)
    providers = _get(fe, f"/api/v1/subscriptions/{slug}/providers", direct)["providers"]
    assert providers and {p["plan_count"] for p in providers} == {0}
    plans = _get(fe, f"/api/v1/subscriptions/{slug}/providers/slack/plans", direct)
    assert (plans["plans"], plans["total_monthly_cost"]) == ([], 0)
    dashboard = _get(fe, f"/api/v1/subscriptions/{slug}/all-plans", direct)
    assert (dashboard["plans"], dashboard["summary"]) == ([], ZERO_SUMMARY)
    costs = _get(fe, f"/api/v1/costs/{slug}/saas-subscriptions", direct)
    expect(costs, {"success": bool, "data": list, "summary": dict, "query_time_ms": "number"})
    assert (costs["success"], costs["data"]) == (True, [])
    assert (costs["summary"]["total_monthly_cost"], costs["summary"]["total_annual_cost"]) == (0, 0)
    assert set(costs["summary"]["date_range"]) == {"start", "end"}
    runs = _get(fe, f"/api/v1/pipelines/{slug}/runs?limit=100", org)
    assert (runs["runs"], runs["total"]) == ([], 0)


@pytest.mark.slow  # an RSA key and a signed token exchange: about a second
def test_07_08_gcp_service_account_file(fe: Frontend) -> None:
    """The GCP page sends the whole uploaded JSON file as ``credential``; validate re-checks it."""
    slug, key = fe.onboarded("gcpsa_12102025")
    providers = fe.stack.providers
    account, public = new_service_account(f"{providers.url}/token")
    providers.responder = token_endpoint([public])
    try:
        setup = fe.setup(slug, key, "gcp", account)
        assert setup.status_code == 200, setup.text
        assert (setup.json()["success"], setup.json()["validation_status"]) == (True, "VALID")
        assert setup.json()["provider"] == "gcp"
        checked = fe.send("POST", f"/api/v1/integrations/{slug}/gcp/validate", fe.client_org(key))
    finally:
        providers.responder = None
    assert checked.status_code == 200, checked.text
    assert checked.json()["validation_status"] == "VALID"
    assert providers.seen[-1].path == "/token"


def test_26_disable_provider_with_an_ended_and_a_pending_plan(
    fe: Frontend, org: tuple[str, str]
) -> None:
    """``disableProvider`` DELETEs every row the plan list returns, ended and not yet started
    ones too: each DELETE is a 2xx (no "x of y plans failed"), an ended plan keeps its end and a
    pending one ends the day before its first day."""
    slug, key = org
    base = f"/api/v1/subscriptions/{slug}/providers/linear/plans"
    today = dt.datetime.now(dt.UTC).date()
    plan = {"display_name": "Linear", "unit_price_usd": 8, "seats": 3, "billing_cycle": "monthly",
            "pricing_model": "PER_SEAT", "currency": "USD", "notes": ""}  # fmt: skip
    starts = {"ENDED": today - dt.timedelta(days=20), "LATER": today + dt.timedelta(days=30)}
    ids = {}
    for name, start in starts.items():
        created = fe.send("POST", base, fe.direct(key, body=True),
                          {**plan, "plan_name": name, "start_date": start.isoformat()})  # fmt: skip
        assert created.status_code == 200, created.text
        ids[name] = created.json()["plan"]["subscription_id"]
    end = (today - dt.timedelta(days=5)).isoformat()
    ended = fe.send("PUT", f"{base}/{ids['ENDED']}", fe.direct(key, body=True),
                    {"end_date": end, "status": "cancelled"})  # fmt: skip
    assert ended.status_code == 200, ended.text

    listed = _get(fe, base, fe.direct(key))["plans"]
    assert {r["plan_name"]: r["status"] for r in listed} == {"ENDED": "cancelled",
                                                            "LATER": "pending"}  # fmt: skip
    for row in listed:
        deleted = fe.send("DELETE", f"{base}/{row['subscription_id']}", fe.direct(key))
        assert deleted.is_success, deleted.text
    after = {r["plan_name"]: r for r in _get(fe, base, fe.direct(key))["plans"]}
    assert {n: r["status"] for n, r in after.items()} == dict.fromkeys(starts, "cancelled")
    assert after["ENDED"]["end_date"] == end
    assert after["LATER"]["end_date"] == (starts["LATER"] - dt.timedelta(days=1)).isoformat()
    # An explicit end date that contradicts the one recorded is still refused.
    moved = fe.send("PUT", f"{base}/{ids['ENDED']}", fe.direct(key, body=True),
                    {"end_date": today.isoformat(), "status": "cancelled"})  # fmt: skip
    assert moved.status_code == 400 and moved.json()["detail"], moved.text


@pytest.mark.slow  # 51 plans written through Envoy (several seconds on 2 shared cores)
def test_lists_read_whole_hold_more_than_one_default_page(fe: Frontend) -> None:
    """The frontend never pages: the dashboard, the provider list and the SaaS costs must hold
    every plan and provider, not the first 50."""
    slug, key = fe.onboarded("many_12102025")
    count = 51  # custom providers: 30 catalogue entries + 51 custom ones, 51 plans
    for i in range(count):
        created = fe.send(
            "POST",
            f"/api/v1/subscriptions/{slug}/providers/tool_{i:02d}/plans",
            fe.direct(key, body=True),
            {"plan_name": "custom", "display_name": f"Tool {i}", "unit_price_usd": 10,
             "billing_cycle": "monthly", "seats": 1},
        )  # fmt: skip
        assert created.status_code == 200, created.text
    dashboard = _get(fe, f"/api/v1/subscriptions/{slug}/all-plans", fe.direct(key))
    assert len(dashboard["plans"]) == dashboard["summary"]["total_count"] == count
    providers = _get(fe, f"/api/v1/subscriptions/{slug}/providers", fe.direct(key))["providers"]
    assert sum(p["plan_count"] for p in providers) == count
    costs = _get(fe, f"/api/v1/costs/{slug}/saas-subscriptions", fe.direct(key))
    assert len(costs["data"]) == count
    assert sum(row["MonthlyRunRate"] for row in costs["data"]) == costs["summary"][
        "total_monthly_cost"
    ] == 10 * count  # fmt: skip


def test_16_llm_subscription_rate_limits_are_kept(fe: Frontend) -> None:
    slug, key = fe.onboarded("ratelim_12102025")
    base = f"/api/v1/integrations/{slug}/openai/subscriptions"
    created = fe.send(
        "POST", base, fe.client_org(key),
        {"subscription_id": "sub_1733840000000_k3j4h5g6f", "plan_name": "TEAM_PLAN",
         "quantity": 5, "unit_price_usd": 25, "effective_date": "2025-12-10",
         "tier_type": "paid", "rpm_limit": 500, "tpm_limit": 30000},
    )  # fmt: skip
    assert created.status_code == 200, created.text
    [row] = _get(fe, base, fe.client_org(key))["subscriptions"]
    assert (row["rpm_limit"], row["tpm_limit"]) == (500, 30000)


def test_llm_subscription_rate_limits_change_and_zero_removes_them(fe: Frontend) -> None:
    """Update changes a limit, keeps one not sent; 0 (or never sent) is no limit: absent."""
    slug, key = fe.onboarded("ratelim_upd_12102025")
    base = f"/api/v1/integrations/{slug}/anthropic/subscriptions"
    created = fe.send(
        "POST", base, fe.client_org(key),
        {"plan_name": "TEAM", "quantity": 1, "unit_price_usd": 30, "effective_date": "2025-12-10",
         "rpm_limit": 50},
    )  # fmt: skip
    assert created.status_code == 200, created.text
    assert "tpm_limit" not in created.json()["subscription"]
    changed = fe.send("PUT", f"{base}/TEAM", fe.client_org(key), {"tpm_limit": 40000})
    assert changed.status_code == 200, changed.text
    row = _get(fe, f"{base}/TEAM", fe.client_org(key))["subscription"]
    assert (row["rpm_limit"], row["tpm_limit"]) == (50, 40000)
    cleared = fe.send("PUT", f"{base}/TEAM", fe.client_org(key), {"rpm_limit": 0})
    assert cleared.status_code == 200, cleared.text
    [row] = _get(fe, base, fe.client_org(key))["subscriptions"]
    assert ("rpm_limit" not in row, row["tpm_limit"]) == (True, 40000)

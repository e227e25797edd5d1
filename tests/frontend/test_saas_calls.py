"""Calls 20-30 of frontend-calls.md section 2: SaaS providers, templates, plans (create, end,
edit-version, delete, reset), the all-plans dashboard, SaaS subscription costs and the pipeline
list, with the frontend's exact bodies and headers (the SaaS calls are direct `fetch` calls:
`X-API-Key` only, plus `Content-Type` on POST/PUT); every write read back."""

from __future__ import annotations

from typing import Any

import pytest

from tests.frontend.client import Frontend, expect
from tests.support.errors import decode_rest

PLAN = {
    "plan_name": "BUSINESS_PLUS",
    "display_name": "Business+",
    "unit_price_usd": 12.5,
    "seats": 10,
    "billing_cycle": "monthly",
    "pricing_model": "PER_SEAT",
    "currency": "USD",
    "notes": "",
    "start_date": "2025-12-10",
}
ROW_READS = {"subscription_id": str, "plan_name": str, "display_name": str, "status": str,
             "seats": "number", "unit_price_usd": "number", "pricing_model": str,
             "billing_cycle": str, "start_date": str, "currency": str, "category": str,
             "end_date": str, "owner_email": str, "department": str, "notes": str,
             "renewal_date": str}  # fmt: skip


@pytest.fixture(scope="module")
def saas_org(fe: Frontend) -> tuple[str, str]:
    return fe.onboarded("saas_12102025")


def _get(fe: Frontend, key: str, path: str) -> dict[str, Any]:
    reply = fe.send("GET", path, fe.direct(key))
    assert reply.status_code == 200, reply.text
    body: dict[str, Any] = reply.json()
    return body


def _plans(fe: Frontend, key: str, slug: str, provider: str) -> dict[str, Any]:
    body = _get(fe, key, f"/api/v1/subscriptions/{slug}/providers/{provider}/plans")
    expect(body, {"plans": list, "total_monthly_cost": "number"})
    for row in body["plans"]:
        expect(row, ROW_READS)
        assert row["pricing_model"] in ("PER_SEAT", "FLAT_FEE")
        assert row["status"] in ("active", "pending", "cancelled", "expired")
    return body


def _create(fe: Frontend, key: str, slug: str, provider: str, body: dict[str, object]) -> str:
    reply = fe.send(
        "POST",
        f"/api/v1/subscriptions/{slug}/providers/{provider}/plans",
        fe.direct(key, body=True),
        body,
    )
    assert reply.status_code == 200, reply.text
    assert isinstance(reply.json()["plan"], dict)
    return str(reply.json()["plan"]["subscription_id"])


def test_20_providers_with_plan_counts(fe: Frontend, saas_org: tuple[str, str]) -> None:
    slug, key = saas_org
    _create(fe, key, slug, "slack", {**PLAN, "plan_name": "PRO_20"})
    body = _get(fe, key, f"/api/v1/subscriptions/{slug}/providers")
    for row in body["providers"]:
        expect(row, {"provider": str, "plan_count": "number"})
    counts = {r["provider"]: r["plan_count"] for r in body["providers"]}
    assert counts["slack"] >= 1


def test_21_templates(fe: Frontend, saas_org: tuple[str, str]) -> None:
    slug, key = saas_org
    body = _get(fe, key, f"/api/v1/subscriptions/{slug}/providers/chatgpt_plus/available-plans")
    assert body["plans"]
    for row in body["plans"]:
        expect(row, {"plan_name": str, "display_name": str, "billing_cycle": str,
                     "pricing_model": str, "unit_price_usd": "number", "seats": "number",
                     "notes": str})  # fmt: skip
        assert row["pricing_model"] in ("PER_SEAT", "FLAT_FEE")
        assert row["billing_cycle"] in ("monthly", "annual", "quarterly")
    team = next(r for r in body["plans"] if r["plan_name"] == "TEAM")
    assert (team["pricing_model"], team["unit_price_usd"]) == ("PER_SEAT", 30)


def test_22_23_create_from_the_provider_page_and_list(
    fe: Frontend, saas_org: tuple[str, str]
) -> None:
    slug, key = saas_org
    sub = _create(fe, key, slug, "canva", PLAN)
    body = _plans(fe, key, slug, "canva")
    row = next(r for r in body["plans"] if r["subscription_id"] == sub)
    assert (row["plan_name"], row["display_name"], row["unit_price_usd"], row["seats"]) == (
        "BUSINESS_PLUS", "Business+", 12.5, 10
    )  # fmt: skip
    assert (row["pricing_model"], row["billing_cycle"], row["start_date"]) == (
        "PER_SEAT", "monthly", "2025-12-10"
    )  # fmt: skip
    assert (row["status"], row["currency"]) == ("active", "USD")
    assert body["total_monthly_cost"] == 125


def test_23_create_from_a_template_flat_fee(fe: Frontend, saas_org: tuple[str, str]) -> None:
    slug, key = saas_org
    sub = _create(
        fe, key, slug, "chatgpt_plus",
        {"plan_name": "PLUS", "display_name": "ChatGPT Plus", "unit_price_usd": 20, "seats": 1,
         "billing_cycle": "monthly", "pricing_model": "FLAT_FEE", "currency": "USD",
         "notes": "", "start_date": "2025-12-10"},
    )  # fmt: skip
    row = next(r for r in _plans(fe, key, slug, "chatgpt_plus")["plans"]
               if r["subscription_id"] == sub)  # fmt: skip
    assert (row["pricing_model"], row["unit_price_usd"]) == ("FLAT_FEE", 20)


def test_23_add_custom_provider_body_without_a_start(
    fe: Frontend, saas_org: tuple[str, str]
) -> None:
    slug, key = saas_org
    sub = _create(
        fe, key, slug, "my_tool",
        {"plan_name": "custom", "display_name": "My Tool", "unit_price_usd": 49,
         "billing_cycle": "monthly", "seats": 1},
    )  # fmt: skip
    row = next(r for r in _plans(fe, key, slug, "my_tool")["plans"]
               if r["subscription_id"] == sub)  # fmt: skip
    assert (row["display_name"], row["unit_price_usd"], row["seats"]) == ("My Tool", 49, 1)
    assert row["status"] == "active" and row["start_date"]


def test_23_seats_twice_with_different_values_is_400_naming_both(
    fe: Frontend, saas_org: tuple[str, str]
) -> None:
    slug, key = saas_org
    reply = fe.send(
        "POST",
        f"/api/v1/subscriptions/{slug}/providers/zoom/plans",
        fe.direct(key, body=True),
        {**PLAN, "number_of_users": 3},
    )
    assert reply.status_code == 400
    fields = set(decode_rest(reply).violated_fields)
    assert fields == {"number_of_users", "seats"}
    assert _plans(fe, key, slug, "zoom")["plans"] == []


def test_24_end_subscription_with_put(fe: Frontend, saas_org: tuple[str, str]) -> None:
    slug, key = saas_org
    sub = _create(fe, key, slug, "miro", PLAN)
    reply = fe.send(
        "PUT",
        f"/api/v1/subscriptions/{slug}/providers/miro/plans/{sub}",
        fe.direct(key, body=True),
        {"end_date": "2025-12-31", "status": "cancelled"},
    )
    assert reply.status_code == 200, reply.text
    row = next(r for r in _plans(fe, key, slug, "miro")["plans"] if r["subscription_id"] == sub)
    assert (row["end_date"], row["status"]) == ("2025-12-31", "cancelled")


def test_25_edit_version(fe: Frontend, saas_org: tuple[str, str]) -> None:
    slug, key = saas_org
    sub = _create(fe, key, slug, "notion", PLAN)
    reply = fe.send(
        "POST",
        f"/api/v1/subscriptions/{slug}/providers/notion/plans/{sub}/edit-version",
        fe.direct(key, body=True),
        {"effective_date": "2025-12-15", "display_name": "Business+", "unit_price_usd": 15,
         "seats": 12, "billing_cycle": "monthly", "pricing_model": "PER_SEAT",
         "currency": "USD", "notes": ""},
    )  # fmt: skip
    assert reply.status_code == 200, reply.text
    expect(reply.json(), {"new_plan": dict, "old_plan": dict})
    history = _get(fe, key, f"/api/v1/subscriptions/{slug}/providers/notion/plans/{sub}/history")
    new, old = history["versions"][0], history["versions"][1]
    assert (new["unit_price_usd"], new["seats"], new["start_date"]) == (15, 12, "2025-12-15")
    assert (old["unit_price_usd"], old["seats"], old["end_date"]) == (12.5, 10, "2025-12-14")


def test_26_disable_provider_deletes_each_plan(fe: Frontend, saas_org: tuple[str, str]) -> None:
    slug, key = saas_org
    for name in ("ONE", "TWO"):
        _create(fe, key, slug, "figma", {**PLAN, "plan_name": name})
    for row in _plans(fe, key, slug, "figma")["plans"]:
        reply = fe.send(
            "DELETE",
            f"/api/v1/subscriptions/{slug}/providers/figma/plans/{row['subscription_id']}",
            fe.direct(key),
        )
        assert reply.is_success, reply.text
    statuses = {r["status"] for r in _plans(fe, key, slug, "figma")["plans"]}
    assert statuses == {"cancelled"}


def test_27_reset_provider(fe: Frontend, saas_org: tuple[str, str]) -> None:
    slug, key = saas_org
    reply = fe.send(
        "POST",
        f"/api/v1/subscriptions/{slug}/providers/claude_pro/reset",
        {"X-API-Key": key, "Content-Type": "application/json"},
    )
    assert reply.status_code == 200, reply.text
    expect(reply.json(), {"plans_seeded": "number"})
    names = {r["plan_name"] for r in _plans(fe, key, slug, "claude_pro")["plans"]}
    assert reply.json()["plans_seeded"] == len(names) > 0


def test_28_all_plans_dashboard(fe: Frontend) -> None:
    slug, key = fe.onboarded("dash_12102025")
    _create(fe, key, slug, "slack", PLAN)
    _create(fe, key, slug, "github", {**PLAN, "plan_name": "TEAM", "unit_price_usd": 4,
                                      "seats": 5})  # fmt: skip
    body = _get(fe, key, f"/api/v1/subscriptions/{slug}/all-plans")
    expect(body, {"plans": list, "summary": dict})
    for row in body["plans"]:
        expect(row, {**ROW_READS, "provider": str})
    expect(body["summary"], {"total_monthly_cost": "number", "total_annual_cost": "number",
                             "enabled_count": "number", "total_count": "number",
                             "count_by_category": dict})  # fmt: skip
    summary = body["summary"]
    assert (summary["total_monthly_cost"], summary["total_annual_cost"]) == (145, 1740)
    assert (summary["enabled_count"], summary["total_count"]) == (2, 2)
    assert summary["count_by_category"] == {"communication": 1, "development": 1}


def test_29_saas_subscription_costs(fe: Frontend) -> None:
    slug, key = fe.onboarded("saascost_12102025")
    _create(fe, key, slug, "slack", PLAN)
    body = _get(fe, key, f"/api/v1/costs/{slug}/saas-subscriptions")
    expect(body, {"success": bool, "data": list, "summary": dict, "cache_hit": bool,
                  "query_time_ms": "number"})  # fmt: skip
    assert body["success"] is True
    [row] = body["data"]
    expect(row, {"Provider": str, "BilledCost": "number", "MonthlyRunRate": "number",
                 "AnnualRunRate": "number", "ServiceCategory": str})  # fmt: skip
    assert (row["Provider"], row["MonthlyRunRate"], row["AnnualRunRate"]) == ("slack", 125, 1500)
    summary = body["summary"]
    expect(summary, {"total_monthly_cost": "number", "total_annual_cost": "number",
                     "date_range": dict})  # fmt: skip
    assert (summary["total_monthly_cost"], summary["total_annual_cost"]) == (125, 1500)
    assert set(summary["date_range"]) == {"start", "end"}
    assert body["cache_hit"] is False
    again = _get(fe, key, f"/api/v1/costs/{slug}/saas-subscriptions")
    assert again["cache_hit"] is True and again["data"] == body["data"]


def test_29_unknown_org_is_404(fe: Frontend, saas_org: tuple[str, str]) -> None:
    reply = fe.send("GET", "/api/v1/costs/never_12102025/saas-subscriptions", fe.client_root())
    assert reply.status_code == 404 and reply.json()["detail"]


def test_30_pipeline_list_without_a_key(fe: Frontend) -> None:
    reply = fe.send(
        "GET",
        "/api/v1/validator/pipelines",
        {"Content-Type": "application/json", "X-Request-ID": "req_m4h2k3l1_a8f3k2"},
    )
    assert reply.status_code == 200, reply.text
    body = reply.json()
    expect(body, {"success": bool, "pipelines": list})
    assert body["success"] is True
    for row in body["pipelines"]:
        expect(row, {"id": str, "name": str, "description": str, "provider": str, "domain": str,
                     "pipeline": str, "required_integration": str, "enabled": bool})  # fmt: skip
    by_id = {r["id"]: r for r in body["pipelines"]}
    assert (by_id["gcp_billing"]["required_integration"], by_id["gcp_billing"]["domain"]) == (
        "GCP_SA", "cost"
    )  # fmt: skip
    assert by_id["openai_usage_cost"]["domain"] == ""

"""Calls 7-19 of frontend-calls.md section 2: integration setup/validate/delete, LLM pricing and
LLM subscriptions (CRUD and reset), exact bodies and headers; every write read back."""

from __future__ import annotations

from typing import Any

import pytest

from tests.frontend.client import Frontend, expect
from tests.support.errors import decode_rest
from tests.support.fake_providers import Reply

KEYS = {
    "openai": "sk-" + "o" * 40,
    "anthropic": "sk-ant-" + "a" * 40,
    "gemini": "AIza" + "g" * 35,
    "deepseek": "sk-" + "d" * 40,
}
SETUP_READS = {"success": bool, "validation_status": str, "validation_error": str,
               "message": str, "provider": str}  # fmt: skip


@pytest.fixture(scope="module")
def llm_org(fe: Frontend) -> tuple[str, str]:
    """An org whose four LLM integrations are VALID (their pages load pricing only then)."""
    slug, key = fe.onboarded("llm_12102025")
    fe.stack.providers.reply = Reply(200, {"object": "list", "data": []})
    for provider, secret in KEYS.items():
        reply = fe.setup(slug, key, provider, secret)
        assert reply.status_code == 200, reply.text
    return slug, key


def _get(fe: Frontend, key: str, path: str) -> dict[str, Any]:
    reply = fe.send("GET", path, fe.client_org(key))
    assert reply.status_code == 200, reply.text
    body: dict[str, Any] = reply.json()
    return body


@pytest.mark.parametrize("provider", sorted(KEYS))
def test_07_setup_stores_a_valid_credential(fe: Frontend, provider: str) -> None:
    slug, key = fe.onboarded(f"setup_{provider}_12102025")
    fe.stack.providers.reply = Reply(200, {"object": "list", "data": []})
    fe.stack.providers.seen.clear()
    reply = fe.setup(slug, key, provider, KEYS[provider])
    assert reply.status_code == 200, reply.text
    body = reply.json()
    expect(body, SETUP_READS)
    assert (body["success"], body["validation_status"], body["provider"]) == (
        True, "VALID", provider
    )  # fmt: skip
    if provider == "deepseek":  # OpenAI-compatible: bearer key on GET /models
        seen = fe.stack.providers.seen[-1]
        assert (seen.method, seen.path) == ("GET", "/models")
        assert seen.headers["Authorization"] == f"Bearer {KEYS[provider]}"
    stored = _get(fe, key, f"/api/v1/integrations/{slug}/{provider}")["integration"]
    assert stored["status"] == "VALID" and stored["credential_id"] == body["credential_id"]
    prices = _get(fe, key, f"/api/v1/integrations/{slug}/{provider}/pricing")
    assert prices["count"] > 0  # default prices seeded on a VALID setup


def test_07_unreachable_provider_shows_detail(fe: Frontend) -> None:
    slug, key = fe.onboarded("down_12102025")
    fe.stack.providers.reply = Reply(503, {"error": "down"})
    try:
        reply = fe.setup(slug, key, "openai", KEYS["openai"])
    finally:
        fe.stack.providers.reply = Reply(200, {"object": "list", "data": []})
    assert reply.status_code == 503
    assert reply.json()["detail"]


def test_08_validate(fe: Frontend, llm_org: tuple[str, str]) -> None:
    slug, key = llm_org
    reply = fe.send("POST", f"/api/v1/integrations/{slug}/openai/validate", fe.client_org(key))
    assert reply.status_code == 200, reply.text
    body = reply.json()
    expect(body, {"validation_status": str, "validation_error": str, "message": str,
                  "provider": str})  # fmt: skip
    assert body["validation_status"] == "VALID"


def test_09_delete_integration(fe: Frontend) -> None:
    slug, key = fe.onboarded("unplug_12102025")
    setup = fe.setup(slug, key, "gemini", KEYS["gemini"])
    assert setup.status_code == 200, setup.text
    reply = fe.send("DELETE", f"/api/v1/integrations/{slug}/gemini", fe.client_org(key))
    assert reply.status_code == 200, reply.text
    expect(reply.json(), {"success": bool, "message": str})
    assert reply.json()["success"] is True
    stored = _get(fe, key, f"/api/v1/integrations/{slug}/gemini")["integration"]
    assert stored["status"] == "NOT_CONFIGURED"


# ---- 2.5 LLM pricing ---------------------------------------------------------------------------


def _pricing(fe: Frontend, key: str, slug: str, provider: str) -> dict[str, dict[str, Any]]:
    body = _get(fe, key, f"/api/v1/integrations/{slug}/{provider}/pricing")
    expect(body, {"pricing": list, "count": "number"})
    for row in body["pricing"]:
        expect(row, {"model_id": str, "model_name": str, "input_price_per_1k": "number",
                     "output_price_per_1k": "number"})  # fmt: skip
    return {row["model_id"]: row for row in body["pricing"]}


@pytest.mark.parametrize("provider", sorted(KEYS))
def test_10_list_pricing(fe: Frontend, llm_org: tuple[str, str], provider: str) -> None:
    slug, key = llm_org
    rows = _pricing(fe, key, slug, provider)
    assert rows
    assert all(r["input_price_per_1k"] == r["price_per_1k_input_tokens"] for r in rows.values())


def test_11_to_13_create_update_delete_pricing(fe: Frontend, llm_org: tuple[str, str]) -> None:
    slug, key = llm_org
    base = f"/api/v1/integrations/{slug}/openai/pricing"
    created = fe.send(
        "POST",
        base,
        fe.client_org(key),
        {"model_id": "gpt-4o-custom", "model_name": "GPT-4o Custom", "input_price_per_1k": 0.0025,
         "output_price_per_1k": 0.01, "effective_date": "2025-12-10"},
    )  # fmt: skip
    assert created.status_code == 200, created.text
    row = _pricing(fe, key, slug, "openai")["gpt-4o-custom"]
    assert (row["model_name"], row["input_price_per_1k"], row["output_price_per_1k"]) == (
        "GPT-4o Custom", 0.0025, 0.01
    )  # fmt: skip

    updated = fe.send(
        "PUT",
        f"{base}/gpt-4o-custom",
        fe.client_org(key),
        {"input_price_per_1k": 0.003, "output_price_per_1k": 0.012},
    )
    assert updated.status_code == 200, updated.text
    row = _pricing(fe, key, slug, "openai")["gpt-4o-custom"]
    assert (row["input_price_per_1k"], row["output_price_per_1k"]) == (0.003, 0.012)

    # The Anthropic/Gemini/DeepSeek pages send null for an emptied input: that field is kept.
    half = fe.send(
        "PUT",
        f"{base}/gpt-4o-custom",
        fe.client_org(key),
        {"input_price_per_1k": None, "output_price_per_1k": 0.02},
    )
    assert half.status_code == 200, half.text
    row = _pricing(fe, key, slug, "openai")["gpt-4o-custom"]
    assert (row["input_price_per_1k"], row["output_price_per_1k"]) == (0.003, 0.02)

    deleted = fe.send("DELETE", f"{base}/gpt-4o-custom", fe.client_org(key))
    assert deleted.is_success, deleted.text
    assert "gpt-4o-custom" not in _pricing(fe, key, slug, "openai")


def test_11_both_names_with_different_values_is_400_naming_both(
    fe: Frontend, llm_org: tuple[str, str]
) -> None:
    slug, key = llm_org
    reply = fe.send(
        "POST",
        f"/api/v1/integrations/{slug}/openai/pricing",
        fe.client_org(key),
        {"model_id": "twice", "input_price_per_1k": 0.1, "price_per_1k_input_tokens": 0.2,
         "output_price_per_1k": 0.1, "effective_date": "2025-12-10"},
    )  # fmt: skip
    assert reply.status_code == 400
    fields = set(decode_rest(reply).violated_fields)
    assert fields == {"input_price_per_1k", "price_per_1k_input_tokens"}
    assert "twice" not in _pricing(fe, key, slug, "openai")


def test_14_reset_pricing_to_defaults(fe: Frontend, llm_org: tuple[str, str]) -> None:
    slug, key = llm_org
    base = f"/api/v1/integrations/{slug}/anthropic/pricing"
    defaults = _pricing(fe, key, slug, "anthropic")
    custom = fe.send(
        "POST", base, fe.client_org(key),
        {"model_id": "claude-custom", "model_name": "", "input_price_per_1k": 1,
         "output_price_per_1k": 2, "effective_date": "2025-12-10"},
    )  # fmt: skip
    assert custom.status_code == 200, custom.text
    changed = next(iter(defaults))
    assert fe.send("PUT", f"{base}/{changed}", fe.client_org(key),
                   {"input_price_per_1k": 9, "output_price_per_1k": 9}).is_success  # fmt: skip

    reply = fe.send("POST", f"{base}/reset", fe.client_org(key))
    assert reply.status_code == 200, reply.text
    expect(reply.json(), {"pricing": list, "count": "number"})
    after = _pricing(fe, key, slug, "anthropic")
    assert set(after) == set(defaults)
    assert after[changed]["input_price_per_1k"] == defaults[changed]["input_price_per_1k"]


# ---- 2.6 LLM subscriptions ---------------------------------------------------------------------


def _subscriptions(fe: Frontend, key: str, slug: str, provider: str) -> dict[str, Any]:
    body = _get(fe, key, f"/api/v1/integrations/{slug}/{provider}/subscriptions")
    expect(body, {"subscriptions": list, "count": "number"})
    for row in body["subscriptions"]:
        expect(row, {"plan_name": str, "quantity": "number", "unit_price_usd": "number",
                     "provider": str})  # fmt: skip
    return {row["plan_name"]: row for row in body["subscriptions"]}


def test_15_to_18_llm_subscriptions(fe: Frontend, llm_org: tuple[str, str]) -> None:
    slug, key = llm_org
    base = f"/api/v1/integrations/{slug}/openai/subscriptions"
    assert _subscriptions(fe, key, slug, "openai") == {}
    created = fe.send(
        "POST", base, fe.client_org(key),
        {"subscription_id": "sub_1733840000000_k3j4h5g6f", "plan_name": "TEAM_PLAN",
         "quantity": 5, "unit_price_usd": 25, "effective_date": "2025-12-10",
         "tier_type": "paid"},
    )  # fmt: skip
    assert created.status_code == 200, created.text
    row = _subscriptions(fe, key, slug, "openai")["TEAM_PLAN"]
    assert (row["quantity"], row["unit_price_usd"], row["provider"]) == (5, 25, "openai")
    assert (row["monthly_cost"], row["start_date"]) == (125, "2025-12-10")
    assert row["subscription_id"] == "sub_1733840000000_k3j4h5g6f"

    updated = fe.send("PUT", f"{base}/TEAM_PLAN", fe.client_org(key),
                      {"quantity": 6, "unit_price_usd": 30})  # fmt: skip
    assert updated.status_code == 200, updated.text
    row = _subscriptions(fe, key, slug, "openai")["TEAM_PLAN"]
    assert (row["quantity"], row["unit_price_usd"], row["monthly_cost"]) == (6, 30, 180)

    deleted = fe.send("DELETE", f"{base}/TEAM_PLAN", fe.client_org(key))
    assert deleted.is_success, deleted.text
    assert _subscriptions(fe, key, slug, "openai") == {}  # the list shows what is in force
    history = _get(fe, key, f"{base}?show_deleted=true")["subscriptions"]
    assert [(r["plan_name"], r["status"]) for r in history] == [("TEAM_PLAN", "cancelled")]


def test_16_other_tiers_are_refused_not_dropped(fe: Frontend, llm_org: tuple[str, str]) -> None:
    slug, key = llm_org
    reply = fe.send(
        "POST", f"/api/v1/integrations/{slug}/gemini/subscriptions", fe.client_org(key),
        {"subscription_id": "sub_1733840000001_k3j4h5g6f", "plan_name": "FREE_PLAN",
         "quantity": 1, "unit_price_usd": 0, "effective_date": "2025-12-10",
         "tier_type": "free"},
    )  # fmt: skip
    assert reply.status_code == 400 and "tier_type" in reply.json()["detail"]
    assert "FREE_PLAN" not in _subscriptions(fe, key, slug, "gemini")


def test_19_reset_subscriptions(fe: Frontend, llm_org: tuple[str, str]) -> None:
    slug, key = llm_org
    base = f"/api/v1/integrations/{slug}/deepseek/subscriptions"
    for name in ("A_PLAN", "B_PLAN"):
        assert fe.send(
            "POST", base, fe.client_org(key),
            {"subscription_id": f"sub_1733840000000_{name.lower()}", "plan_name": name,
             "quantity": 2, "unit_price_usd": 10, "effective_date": "2025-12-10",
             "tier_type": "paid"},
        ).is_success  # fmt: skip
    reply = fe.send("POST", f"{base}/reset", fe.client_org(key))
    assert reply.status_code == 200, reply.text
    expect(reply.json(), {"subscriptions": list, "count": "number"})
    assert _subscriptions(fe, key, slug, "deepseek") == {}  # the list shows what is in force
    after = _get(fe, key, f"{base}?show_deleted=true")["subscriptions"]
    assert {r["plan_name"]: r["status"] for r in after} == {"A_PLAN": "cancelled",
                                                            "B_PLAN": "cancelled"}  # fmt: skip


def test_17_update_a_seed_created_subscription_by_its_plan_name(
    fe: Frontend, llm_org: tuple[str, str]
) -> None:
    slug, key = llm_org
    base = f"/api/v1/integrations/{slug}/anthropic/subscriptions"
    seed = fe.send(
        "POST", base, fe.client_org(key),
        {"subscription_name": "claude_team", "plan_name": "team", "monthly_cost": 150,
         "seats": 5, "start_date": "2025-12-01"},
    )  # fmt: skip
    assert seed.status_code == 200, seed.text
    row = _subscriptions(fe, key, slug, "anthropic")["team"]  # the frontend keys rows by plan_name
    assert (row["quantity"], row["unit_price_usd"]) == (5, 30)
    updated = fe.send("PUT", f"{base}/team", fe.client_org(key),
                      {"quantity": 6, "unit_price_usd": 30})  # fmt: skip
    assert updated.status_code == 200, updated.text
    row = _subscriptions(fe, key, slug, "anthropic")["team"]
    assert (row["subscription_name"], row["quantity"], row["monthly_cost"]) == (
        "claude_team", 6, 180
    )  # fmt: skip

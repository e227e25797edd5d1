"""The seed's integrations quick reference through Envoy, with the org's key, both backends.

Provider base URLs point at the stack's local fake (``Stack.providers``), which answers
``GET /v1/models`` like OpenAI accepting the key.
"""

from __future__ import annotations

import pytest

from cloudact_grpc.ports.warehouse import Eq
from tests.e2e.conftest import Stack
from tests.support.backends import BOTH_BACKENDS
from tests.support.fake_providers import Reply
from tests.support.http import HTTP

pytestmark = pytest.mark.parametrize("stack", BOTH_BACKENDS, indirect=True)

ORG = "llm_quickref"
OPENAI_KEY = "sk-quickref-" + "q" * 40


@pytest.fixture(scope="module")
def org_key(stack: Stack) -> str:
    return stack.onboard(ORG, "LLM Co", "fin@llm.example")


def test_integration_quick_reference(stack: Stack, org_key: str) -> None:
    base = f"{stack.url}/api/v1/integrations/{ORG}"
    key = {"X-API-Key": org_key}
    fake = stack.providers
    fake.reply = Reply(200, {"object": "list", "data": [{"id": "gpt-4o", "object": "model"}]})
    fake.seen.clear()

    # Setup: the key is checked live against the (fake) provider, then stored encrypted.
    setup = HTTP.post(f"{base}/openai/setup", json={"api_key": OPENAI_KEY}, headers=key)
    assert setup.status_code == 200, setup.text
    body = setup.json()
    assert body["success"] is True and body["validation_status"] == "VALID"
    assert body["provider"] == "openai" and body["credential_id"]
    credential_id = body["credential_id"]
    assert [(s.method, s.path) for s in fake.seen] == [("GET", "/v1/models")]
    assert fake.seen[0].headers["Authorization"] == f"Bearer {OPENAI_KEY}"

    validated = HTTP.post(f"{base}/openai/validate", json={}, headers=key)
    assert validated.status_code == 200, validated.text
    assert validated.json()["validation_status"] == "VALID"
    assert validated.json()["credential_id"] == credential_id
    assert len(fake.seen) == 2

    one = HTTP.get(f"{base}/openai", headers=key)
    assert one.status_code == 200, one.text
    integration = one.json()["integration"]
    assert integration["status"] == "VALID" and integration["credential_id"] == credential_id
    assert integration["credential_type"] == "API_KEY"

    every = HTTP.get(base, headers=key)
    assert every.status_code == 200, every.text
    listed = every.json()
    assert listed["providers_configured"] == ["openai"] and listed["all_valid"] is True
    statuses = {name: i["status"] for name, i in listed["integrations"].items()}
    assert statuses == {
        "openai": "VALID",
        "anthropic": "NOT_CONFIGURED",
        "gemini": "NOT_CONFIGURED",
        "deepseek": "NOT_CONFIGURED",
        "gcp": "NOT_CONFIGURED",
    }

    # Pricing: the seeded defaults, then an org price for gpt-4o sent as JSON numbers.
    pricing = HTTP.get(f"{base}/openai/pricing", params={"as_of_date": "2025-11-01"}, headers=key)
    assert pricing.status_code == 200, pricing.text
    seeded = {p["model_id"]: p for p in pricing.json()["pricing"]}
    assert {"gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3"} <= set(seeded)
    assert seeded["gpt-4o"]["is_custom"] is False
    assert seeded["gpt-4o"]["effective_date"] == "2025-10-01"

    created = HTTP.post(
        f"{base}/openai/pricing",
        json={
            "model_id": "gpt-4o",
            "price_per_1k_input_tokens": 0.0025,
            "price_per_1k_output_tokens": 0.01,
            "price_per_1k_cached_input_tokens": 0.00125,
            "effective_date": "2026-01-01",
        },
        headers=key,
    )
    assert created.status_code == 200, created.text
    price = created.json()["pricing"]
    assert price["is_custom"] is True and price["effective_date"] == "2026-01-01"

    read = HTTP.get(
        f"{base}/openai/pricing/gpt-4o", params={"as_of_date": "2026-02-01"}, headers=key
    )
    assert read.status_code == 200, read.text
    got = read.json()["pricing"]
    assert got["price_per_1k_input_tokens"] == 0.0025
    assert got["price_per_1k_output_tokens"] == 0.01
    assert got["price_per_1k_cached_input_tokens"] == 0.00125
    assert got["effective_date"] == "2026-01-01" and got["is_custom"] is True
    older = HTTP.get(
        f"{base}/openai/pricing/gpt-4o", params={"as_of_date": "2025-12-31"}, headers=key
    ).json()["pricing"]
    assert older["effective_date"] == "2025-10-01" and older["end_date"] == "2025-12-31"

    # LLM subscriptions.
    subs = HTTP.get(f"{base}/openai/subscriptions", headers=key)
    assert subs.status_code == 200, subs.text
    assert subs.json().get("subscriptions", []) == []
    added = HTTP.post(
        f"{base}/openai/subscriptions",
        json={
            "subscription_name": "chatgpt_team",
            "plan_name": "Team",
            "monthly_cost": 300.0,
            "start_date": "2025-01-01",
            "seats": 10,
        },
        headers=key,
    )
    assert added.status_code == 200, added.text
    listed_subs = HTTP.get(f"{base}/openai/subscriptions", headers=key).json()["subscriptions"]
    assert [
        (s["subscription_name"], s["plan_name"], s["monthly_cost"], s["seats"]) for s in listed_subs
    ] == [("chatgpt_team", "Team", 300.0, 10)]

    # Delete: gone from status, ciphertext and wrapped key destroyed at rest.
    deleted = HTTP.delete(f"{base}/openai", headers=key)
    assert deleted.status_code == 200, deleted.text
    assert deleted.json()["success"] is True and deleted.json()["credential_id"] == credential_id
    after = HTTP.get(f"{base}/openai", headers=key).json()["integration"]
    assert after["status"] == "NOT_CONFIGURED"
    assert HTTP.get(base, headers=key).json().get("providers_configured", []) == []
    rows = stack.app.warehouse.select(
        "organizations", "org_integration_credentials", [Eq("credential_id", credential_id)]
    )
    assert len(rows) == 1
    assert rows[0]["is_active"] is False
    assert rows[0]["ciphertext_b64"] is None and rows[0]["wrapped_data_key_b64"] is None
    # Pricing and subscriptions are kept.
    kept = HTTP.get(
        f"{base}/openai/pricing/gpt-4o", params={"as_of_date": "2026-02-01"}, headers=key
    )
    assert kept.status_code == 200 and kept.json()["pricing"]["price_per_1k_input_tokens"] == 0.0025


def test_rejected_key_is_reported_invalid_and_not_stored(stack: Stack, org_key: str) -> None:
    fake = stack.providers
    fake.reply = Reply(
        401, {"error": {"message": "Incorrect API key provided", "code": "invalid_api_key"}}
    )
    try:
        response = HTTP.post(
            f"{stack.url}/api/v1/integrations/{ORG}/openai/setup",
            json={"api_key": "sk-rejected-" + "r" * 40},
            headers={"X-API-Key": org_key},
        )
    finally:
        fake.reply = Reply()
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["success"] is False and body["validation_status"] == "INVALID"
    assert "Incorrect API key" in body["validation_error"]
    assert body.get("credential_id", "") == ""

"""The three open behaviours of the frontend audit, through real Envoy with the frontend's exact
calls: an idempotent integration delete, LLM subscription lists that show what is in force (and a
cancelled subscription that cannot be edited), and a singular query parameter given twice."""

from __future__ import annotations

from typing import Any

import grpc
import pytest
from cloudact.v1 import integrations_pb2 as pb
from cloudact.v1 import integrations_pb2_grpc as rpc

from tests.frontend.client import Frontend, expect
from tests.support.errors import decode, decode_rest
from tests.support.fake_providers import Reply

OPENAI_KEY = "sk-" + "o" * 40
SUB = {"quantity": 2, "unit_price_usd": 10, "effective_date": "2025-12-10", "tier_type": "paid"}


def _names(fe: Frontend, key: str, path: str) -> dict[str, str]:
    """plan_name → status of the list the frontend reads (``path`` may carry a query)."""
    reply = fe.send("GET", path, fe.client_org(key))
    assert reply.status_code == 200, reply.text
    body: dict[str, Any] = reply.json()
    assert body["count"] == len(body["subscriptions"])
    return {row["plan_name"]: row["status"] for row in body["subscriptions"]}


def _create(fe: Frontend, key: str, base: str, name: str) -> None:
    body = {"subscription_id": f"sub_1733840000000_{name.lower()}", "plan_name": name, **SUB}
    reply = fe.send("POST", base, fe.client_org(key), body)
    assert reply.status_code == 200, reply.text


# ---- 1. DELETE /api/v1/integrations/{org}/{provider} is idempotent -----------------------------


def test_delete_after_an_invalid_setup_and_a_retried_delete_succeed(fe: Frontend) -> None:
    slug, key = fe.onboarded("undo_12102025")
    fe.stack.providers.reply = Reply(401, {"error": {"message": "bad key"}})
    try:
        setup = fe.setup(slug, key, "openai", OPENAI_KEY)
    finally:
        fe.stack.providers.reply = Reply(200, {"object": "list", "data": []})
    assert setup.json()["validation_status"] == "INVALID", setup.text
    path = f"/api/v1/integrations/{slug}/openai"
    for _ in range(2):  # nothing stored, then the retry of the same call
        reply = fe.send("DELETE", path, fe.client_org(key))
        assert reply.status_code == 200, reply.text
        body = reply.json()
        expect(body, {"success": bool, "message": str})
        assert body["success"] is True and body.get("credential_id", "") == ""
        assert "nothing" in body["message"]
    stored = fe.send("GET", path, fe.client_org(key)).json()["integration"]
    assert stored["status"] == "NOT_CONFIGURED"
    assert fe.setup(slug, key, "openai", OPENAI_KEY).json()["validation_status"] == "VALID"
    deleted = fe.send("DELETE", path, fe.client_org(key)).json()
    assert deleted["credential_id"] and "destroyed" in deleted["message"]
    again = fe.send("DELETE", path, fe.client_org(key))
    assert again.status_code == 200 and again.json()["success"] is True


def test_delete_of_an_unknown_provider_stays_a_400_naming_provider(fe: Frontend) -> None:
    slug, key = fe.onboarded("undo_bad_12102025")
    reply = fe.send("DELETE", f"/api/v1/integrations/{slug}/aws", fe.client_org(key))
    assert reply.status_code == 400, reply.text
    assert decode_rest(reply).violated_fields == ["provider"]


def test_delete_with_nothing_stored_over_grpc(fe: Frontend) -> None:
    slug, key = fe.onboarded("undo_grpc_12102025")
    stub = rpc.IntegrationsServiceStub(fe.stack.channel)
    meta = (("x-api-key", key),)
    out = stub.DeleteIntegration(pb.DeleteIntegrationRequest(org_slug=slug, provider="gemini"),
                                 metadata=meta)  # fmt: skip
    assert (out.success, out.provider, out.credential_id) == (True, "gemini", "")
    with pytest.raises(grpc.RpcError) as bad:
        stub.DeleteIntegration(pb.DeleteIntegrationRequest(org_slug=slug, provider="aws"),
                               metadata=meta)  # fmt: skip
    error = decode(bad.value)
    assert (error.code, error.violated_fields) == (grpc.StatusCode.INVALID_ARGUMENT, ["provider"])


# ---- 2. LLM subscriptions: the list shows what is in force -----------------------------------


def test_deleted_and_reset_subscriptions_leave_the_list(fe: Frontend) -> None:
    slug, key = fe.onboarded("inforce_12102025")
    base = f"/api/v1/integrations/{slug}/anthropic/subscriptions"
    for name in ("A_PLAN", "B_PLAN", "C_PLAN"):
        _create(fe, key, base, name)
    for _ in range(2):  # the second is a retry: still a success, the end date kept
        deleted = fe.send("DELETE", f"{base}/A_PLAN", fe.client_org(key))
        assert deleted.is_success, deleted.text
    assert _names(fe, key, base) == {"B_PLAN": "active", "C_PLAN": "active"}
    reset = fe.send("POST", f"{base}/reset", fe.client_org(key))
    assert reset.status_code == 200, reset.text
    assert _names(fe, key, base) == {}
    history = _names(fe, key, f"{base}?show_deleted=true")
    assert history == dict.fromkeys(("A_PLAN", "B_PLAN", "C_PLAN"), "cancelled")
    assert _names(fe, key, f"{base}?show_deleted=true&enabled_only=true") == {}


def test_editing_a_cancelled_subscription_is_refused(fe: Frontend) -> None:
    slug, key = fe.onboarded("noedit_12102025")
    base = f"/api/v1/integrations/{slug}/gemini/subscriptions"
    _create(fe, key, base, "TEAM_PLAN")
    assert fe.send("DELETE", f"{base}/TEAM_PLAN", fe.client_org(key)).is_success
    reply = fe.send("PUT", f"{base}/TEAM_PLAN", fe.client_org(key),
                    {"quantity": 6, "unit_price_usd": 30})  # fmt: skip
    assert reply.status_code == 400, reply.text  # FAILED_PRECONDITION
    error = decode_rest(reply)
    assert (error.code, error.reason) == (
        grpc.StatusCode.FAILED_PRECONDITION,
        "PRECONDITION_FAILED",
    )
    assert error.details["ErrorInfo"]["metadata"] == {
        "resource_type": "llm_subscription",
        "resource_name": "gemini/TEAM_PLAN",
        "state": "cancelled",
    }
    assert "TEAM_PLAN" in reply.json()["detail"]
    reply = fe.send("GET", f"{base}?show_deleted=true", fe.client_org(key))
    [row] = reply.json()["subscriptions"]
    assert (row["quantity"], row["unit_price_usd"], row["monthly_cost"]) == (2, 10, 20)


# ---- 3. a singular query parameter given twice ---------------------------------------------


def test_a_singular_query_parameter_given_twice_is_refused(
    fe: Frontend, org: tuple[str, str]
) -> None:
    slug, key = org
    query = "start_date=2026-01-01&start_date=2026-02-01&end_date=2026-02-28"
    reply = fe.send("GET", f"/api/v1/costs/{slug}/summary?{query}", fe.client_org(key))
    assert reply.status_code == 400, reply.text
    error = decode_rest(reply)
    assert (error.code, error.violated_fields) == (grpc.StatusCode.INVALID_ARGUMENT, ["start_date"])
    assert "start_date" in reply.json()["detail"]
    once = "start_date=2026-01-01&end_date=2026-02-28"
    assert fe.send("GET", f"/api/v1/costs/{slug}/summary?{once}", fe.client_org(key)).is_success


@pytest.mark.parametrize(
    "query",
    [
        "startDate=2026-01-01&end_date=2026-02-28&startDate=2026-02-01",
        "startDate=2026-01-01&start_date=2026-02-01&end_date=2026-02-28",
        "start_date=2026-01-01&end%5Fdate=2026-01-31&end_date=2026-02-28",
    ],
    ids=["json-name", "both-names", "percent-encoded"],
)
def test_other_spellings_of_a_repeat_are_refused(
    fe: Frontend, org: tuple[str, str], query: str
) -> None:
    slug, key = org
    reply = fe.send("GET", f"/api/v1/costs/{slug}/summary?{query}", fe.client_org(key))
    assert reply.status_code == 400, reply.text
    assert decode_rest(reply).code == grpc.StatusCode.INVALID_ARGUMENT


def test_a_repeated_field_may_repeat(fe: Frontend, org: tuple[str, str]) -> None:
    slug, key = org
    query = "start_date=2026-01-01&end_date=2026-02-28&providers=openai&providers=gcp"
    reply = fe.send("GET", f"/api/v1/costs/{slug}/summary?{query}", fe.client_org(key))
    assert reply.status_code == 200, reply.text

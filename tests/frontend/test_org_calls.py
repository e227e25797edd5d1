"""Calls 1-6 of frontend-calls.md section 2: health, onboarding, API keys, org deletion and the
billing sync, with the frontend's exact bodies and headers; every write read back."""

from __future__ import annotations

from tests.frontend.client import Frontend, expect
from tests.support.http import HTTP

SYNC = {
    "plan_name": "STARTER",
    "status": "TRIAL",
    "trial_end_date": "2025-12-24T18:30:00.000Z",
    "daily_limit": 6,
    "monthly_limit": 180,
    "seat_limit": 2,
    "providers_limit": 3,
}


def test_01_health(fe: Frontend) -> None:
    reply = HTTP.get(f"{fe.url}/health")
    assert reply.status_code == 200
    assert reply.json()["status"] == "healthy"


def test_02_onboard_and_stored_profile(fe: Frontend) -> None:
    for plan in ("STARTER", "PROFESSIONAL", "SCALE"):
        slug = f"onb_{plan.lower()}_12102025"
        reply = fe.onboard(slug, subscription_plan=plan)
        assert reply.status_code == 200, reply.text
        body = reply.json()
        expect(body, {"api_key": str, "org_slug": str, "dataset_created": bool})
        assert body["org_slug"] == slug and body["dataset_created"] is True
        profile = fe.send("GET", f"/api/v1/organizations/{slug}", fe.client_root())
        assert profile.status_code == 200, profile.text
        stored = profile.json()
        assert (stored["company_name"], stored["admin_email"]) == (
            "Acme Corp",
            "owner@acme.example",
        )
        assert stored["subscription_plan"] == {"PROFESSIONAL": "PRO"}.get(plan, plan)


def test_02_onboard_with_empty_admin_email_is_a_clear_error(fe: Frontend) -> None:
    # The frontend sends "" when the signed-in user has no e-mail: refused, naming the field.
    reply = fe.onboard("noemail_12102025", admin_email="")
    assert reply.status_code == 400, reply.text
    assert "admin_email" in reply.json()["detail"]


def test_03_api_key_info(fe: Frontend, org: tuple[str, str]) -> None:
    slug, key = org
    reply = fe.send("GET", f"/api/v1/organizations/{slug}/api-key", fe.client_org(key))
    assert reply.status_code == 200, reply.text
    body = reply.json()
    expect(body, {"api_key_fingerprint": str, "is_active": bool, "created_at": str, "scopes": list})
    assert body["is_active"] is True and body["created_at"].endswith("Z")


def test_04_rotate(fe: Frontend) -> None:
    slug, key = fe.onboarded("rotate_12102025")
    reply = fe.send(
        "POST",
        f"/api/v1/organizations/{slug}/api-key/rotate",
        {"Content-Type": "application/json", "X-API-Key": key},
    )
    assert reply.status_code == 200, reply.text
    body = reply.json()
    expect(body, {"api_key": str, "api_key_fingerprint": str})
    new = body["api_key"]
    info = fe.send("GET", f"/api/v1/organizations/{slug}/api-key", fe.client_org(new))
    assert (
        info.status_code == 200
        and info.json()["api_key_fingerprint"] == (body["api_key_fingerprint"])
    )
    old = fe.send("GET", f"/api/v1/organizations/{slug}/api-key", fe.client_org(key))
    assert old.status_code == 401 and old.json()["detail"]


def test_05_delete_org_with_its_json_body(fe: Frontend) -> None:
    slug, key = fe.onboarded("doomed_12102025")
    reply = fe.send(
        "DELETE",
        f"/api/v1/organizations/{slug}",
        fe.client_root(),
        {"delete_dataset": True, "confirm_org_slug": slug},
    )
    assert reply.status_code == 200, reply.text
    profile = fe.send("GET", f"/api/v1/organizations/{slug}", fe.client_root())
    assert profile.status_code == 200 and profile.json()["status"] == "DELETED"
    assert not fe.stack.app.warehouse.dataset_exists(f"{slug}_local")
    refused = fe.send("GET", f"/api/v1/organizations/{slug}/api-key", fe.client_org(key))
    assert refused.status_code in (401, 403)


def test_06_subscription_sync_with_trial_datetime(fe: Frontend) -> None:
    slug, _ = fe.onboarded("synced_12102025")
    headers = {"Content-Type": "application/json", "X-CA-Root-Key": fe.stack.root_key}
    reply = fe.send("PUT", f"/api/v1/organizations/{slug}/subscription", headers, SYNC)
    assert reply.status_code == 200, reply.text
    body = reply.json()
    expect(body, {"plan_name": str, "daily_limit": "number", "monthly_limit": "number"})
    assert (body["plan_name"], body["daily_limit"], body["monthly_limit"]) == ("STARTER", 6, 180)
    stored = fe.send("GET", f"/api/v1/organizations/{slug}/subscription", fe.client_root()).json()
    assert stored["status"] == "TRIAL"
    assert stored["trial_end_date"] == "2025-12-24"  # the UTC day of the datetime
    assert (stored["seat_limit"], stored["providers_limit"]) == (2, 3)


def test_06_sync_of_an_unknown_org_is_404(fe: Frontend) -> None:
    headers = {"Content-Type": "application/json", "X-CA-Root-Key": fe.stack.root_key}
    reply = fe.send("PUT", "/api/v1/organizations/never_12102025/subscription", headers, SYNC)
    assert reply.status_code == 404 and reply.json()["detail"]


def test_06_sync_late_evening_datetime_is_its_utc_day(fe: Frontend) -> None:
    slug, _ = fe.onboarded("synced_late_12102025")
    headers = {"Content-Type": "application/json", "X-CA-Root-Key": fe.stack.root_key}
    body = {**SYNC, "trial_end_date": "2025-12-24T23:30:00-02:00"}
    assert fe.send("PUT", f"/api/v1/organizations/{slug}/subscription", headers, body).is_success
    stored = fe.send("GET", f"/api/v1/organizations/{slug}/subscription", fe.client_root()).json()
    assert stored["trial_end_date"] == "2025-12-25"


def test_06_sync_after_the_org_was_deleted_is_404_and_changes_nothing(fe: Frontend) -> None:
    """The Stripe webhook still fires for an org deleted in the danger zone (its subscription is
    cancelled then): 404 is what the frontend treats as done, and the record keeps its state."""
    slug, _ = fe.onboarded("synced_gone_12102025")
    deleted = fe.send("DELETE", f"/api/v1/organizations/{slug}", fe.client_root(),
                      {"delete_dataset": True, "confirm_org_slug": slug})  # fmt: skip
    assert deleted.status_code == 200, deleted.text
    before = fe.send("GET", f"/api/v1/organizations/{slug}/subscription", fe.client_root()).json()
    headers = {"Content-Type": "application/json", "X-CA-Root-Key": fe.stack.root_key}
    reply = fe.send("PUT", f"/api/v1/organizations/{slug}/subscription", headers,
                    {**SYNC, "plan_name": "SCALE", "status": "ACTIVE"})  # fmt: skip
    assert reply.status_code == 404 and reply.json()["detail"], reply.text
    after = fe.send("GET", f"/api/v1/organizations/{slug}/subscription", fe.client_root()).json()
    assert after == before and after["status"] == "CANCELLED"
    profile = fe.send("GET", f"/api/v1/organizations/{slug}", fe.client_root()).json()
    assert (profile["status"], profile["subscription_plan"]) == ("DELETED", "STARTER")


def test_02_06_refusals_say_why_in_detail(fe: Frontend, org: tuple[str, str]) -> None:
    """The frontend shows only ``detail``: it says each bad field and what is wrong with it."""
    onboard = fe.onboard("Acme_12102025", admin_email="not-an-email")
    assert onboard.status_code == 400, onboard.text
    detail = onboard.json()["detail"]
    assert detail.startswith("invalid onboarding request: org_slug: must match"), detail
    assert "; admin_email: " in detail
    slug, _ = org
    headers = {"Content-Type": "application/json", "X-CA-Root-Key": fe.stack.root_key}
    sync = fe.send("PUT", f"/api/v1/organizations/{slug}/subscription", headers,
                   {**SYNC, "plan_name": "BUSINESS_MONTHLY"})  # fmt: skip
    assert sync.status_code == 400, sync.text
    assert sync.json()["detail"].startswith(
        "invalid subscription update: plan_name: must be one of FREE, STARTER"
    ), sync.text

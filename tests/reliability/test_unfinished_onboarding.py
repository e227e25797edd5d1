"""Finding 4 without a crash: a PROVISIONING claim older than the lease (its onboarding died on
another replica) is undone when the slug is onboarded again; a fresh claim is left alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cloudact_grpc.ports.warehouse import Eq
from cloudact_grpc.services.onboarding import ONBOARDING_LEASE
from tests.reliability.conftest import Stack
from tests.support.http import HTTP

CENTRAL = "organizations"


def _cut_off(stack: Stack, slug: str, age: dt.timedelta) -> None:
    """Make ``slug`` look like an onboarding that stopped before its activation ``age`` ago."""
    stack.app.warehouse.update(
        CENTRAL,
        "org_profiles",
        {"status": "PROVISIONING", "updated_at": dt.datetime.now(dt.UTC) - age},
        [Eq("org_slug", slug)],
    )


def _onboard(stack: Stack, slug: str) -> tuple[int, dict[str, Any]]:
    reply = HTTP.post(
        f"{stack.url}/api/v1/organizations/onboard",
        json={"org_slug": slug, "company_name": "Again", "admin_email": "fin@again.example"},
        headers=stack.root_headers,
    )
    return reply.status_code, reply.json()


def test_a_stale_claim_is_undone_when_the_slug_is_onboarded_again(stack: Stack) -> None:
    slug = "stale_claim"
    old_key = stack.onboard(slug)
    _cut_off(stack, slug, ONBOARDING_LEASE + dt.timedelta(minutes=1))

    refused = HTTP.get(f"{stack.url}/api/v1/organizations/{slug}", headers={"X-API-Key": old_key})
    assert refused.status_code in (401, 403), refused.text
    missing = HTTP.get(f"{stack.url}/api/v1/organizations/{slug}", headers=stack.root_headers)
    assert missing.status_code == 404, missing.text

    status, body = _onboard(stack, slug)
    assert status == 200, body
    new_key = str(body["api_key"])
    assert new_key != old_key
    assert body["dataset_created"] is True
    got = HTTP.get(f"{stack.url}/api/v1/organizations/{slug}", headers={"X-API-Key": new_key})
    assert got.status_code == 200, got.text
    assert got.json()["status"] == "ACTIVE"
    old = HTTP.get(f"{stack.url}/api/v1/organizations/{slug}", headers={"X-API-Key": old_key})
    assert old.status_code == 401, old.text
    keys = stack.app.warehouse.select(
        CENTRAL, "org_api_keys", [Eq("org_slug", slug), Eq("is_active", True)]
    )
    assert len(keys) == 1
    subs = stack.app.warehouse.select(CENTRAL, "org_subscriptions", [Eq("org_slug", slug)])
    assert len(subs) == 1


@pytest.mark.parametrize("age", [dt.timedelta(0), dt.timedelta(minutes=5)])
def test_a_fresh_claim_is_left_to_its_onboarding(stack: Stack, age: dt.timedelta) -> None:
    slug = f"fresh_claim_{int(age.total_seconds())}"
    stack.onboard(slug)
    _cut_off(stack, slug, age)
    status, body = _onboard(stack, slug)
    assert status == 409, body
    infos = [d for d in body["details"] if str(d["@type"]).endswith("ErrorInfo")]
    assert infos[0]["reason"] == "RESOURCE_ALREADY_EXISTS"
    profile = stack.app.warehouse.select(CENTRAL, "org_profiles", [Eq("org_slug", slug)])
    assert [p["status"] for p in profile] == ["PROVISIONING"]

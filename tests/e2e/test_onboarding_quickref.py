"""The seed's onboarding quick reference, curl-shaped, through Envoy, on both backends."""

from __future__ import annotations

import hashlib

import httpx
import pytest
from cloudact.v1 import organizations_pb2
from google.protobuf import json_format

from cloudact_grpc.ports.warehouse import Eq
from cloudact_grpc.services.orgs.tables import CENTRAL_DATASET, IDEMPOTENCY_KEYS
from tests.e2e.conftest import Stack
from tests.support.backends import BOTH_BACKENDS
from tests.support.http import HTTP

pytestmark = pytest.mark.parametrize("stack", BOTH_BACKENDS, indirect=True)

# curl -d sends this content type when none is given; the frontend's scripts rely on it.
CURL = {"content-type": "application/x-www-form-urlencoded"}
ONBOARD = (
    '{"org_slug": "my_org", "company_name": "My Org", '
    '"admin_email": "admin@example.com", "subscription_plan": "FREE"}'
)


def _post(stack: Stack, path: str, body: str, **headers: str) -> httpx.Response:
    return HTTP.post(
        f"{stack.url}{path}", content=body, headers={**CURL, **stack.root_headers, **headers}
    )


def test_quick_reference(stack: Stack) -> None:
    assert _post(stack, "/api/v1/admin/bootstrap", "{}").status_code == 200

    dry = _post(
        stack,
        "/api/v1/organizations/dryrun",
        ONBOARD,
    )
    assert dry.status_code == 200, dry.text
    assert dry.json()["ready_for_onboarding"] is True

    onboarded = _post(stack, "/api/v1/organizations/onboard", ONBOARD)
    assert onboarded.status_code == 200, onboarded.text
    body = onboarded.json()
    assert body["org_slug"] == "my_org"
    assert body["subscription_plan"] == "FREE"
    assert body["dataset_id"] == "my_org_local"
    api_key = body["api_key"]
    assert stack.app.warehouse.dataset_exists("my_org_local")

    dev = HTTP.get(f"{stack.url}/api/v1/admin/dev/api-key/my_org", headers=stack.root_headers)
    assert dev.status_code == 200, dev.text
    assert dev.json()["api_key"] == api_key

    own = {"X-API-Key": api_key}
    profile = HTTP.get(f"{stack.url}/api/v1/organizations/my_org", headers=own)
    assert profile.status_code == 200
    assert profile.json()["status"] == "ACTIVE"

    updated = HTTP.put(
        f"{stack.url}/api/v1/organizations/my_org/subscription",
        content='{"plan_name": "PRO", "daily_limit": 1000, "monthly_limit": 25000}',
        headers={**CURL, **stack.root_headers},
    )
    assert updated.status_code == 200, updated.text
    assert (updated.json()["plan_name"], updated.json()["daily_limit"]) == ("PRO", 1000)
    quota = HTTP.get(f"{stack.url}/api/v1/organizations/my_org/quota", headers=own).json()
    assert (quota["daily_limit"], quota["monthly_limit"]) == (1000, 25000)

    wrong = HTTP.request(
        "DELETE",
        f"{stack.url}/api/v1/organizations/my_org",
        content='{"confirm_org_slug": "other_org", "delete_dataset": false}',
        headers={**CURL, **stack.root_headers},
    )
    assert wrong.status_code == 400
    deleted = HTTP.request(
        "DELETE",
        f"{stack.url}/api/v1/organizations/my_org",
        content='{"confirm_org_slug": "my_org", "delete_dataset": false}',
        headers={**CURL, **stack.root_headers},
    )
    assert deleted.status_code == 200, deleted.text
    assert deleted.json()["status"] == "DELETED"
    refused = HTTP.get(f"{stack.url}/api/v1/organizations/my_org", headers=own)
    assert refused.status_code in (401, 403)

    again = _post(stack, "/api/v1/organizations/onboard", ONBOARD)
    assert again.status_code == 200, again.text
    new_key = again.json()["api_key"]
    assert new_key != api_key
    dev_again = HTTP.get(f"{stack.url}/api/v1/admin/dev/api-key/my_org", headers=stack.root_headers)
    assert dev_again.json()["api_key"] == new_key
    assert HTTP.get(f"{stack.url}/api/v1/organizations/my_org", headers=own).status_code == 401
    assert (
        HTTP.get(
            f"{stack.url}/api/v1/organizations/my_org", headers={"X-API-Key": new_key}
        ).status_code
        == 200
    )


def test_onboarding_replays_with_the_same_idempotency_key(stack: Stack) -> None:
    _post(stack, "/api/v1/admin/bootstrap", "{}")
    body = ONBOARD.replace("my_org", "replay_org")
    first = _post(stack, "/api/v1/organizations/onboard", body, **{"Idempotency-Key": "k-1"})
    assert first.status_code == 200, first.text
    stored = str(_replay_row(stack, "replay_org")["request_hash"])
    assert stored != hashlib.sha256(_canonical(body)).hexdigest()  # keyed: no offline guessing
    _replays_and_refuses_another_body(stack, body, "k-1", first.json())
    profiles = stack.app.warehouse.select("organizations", "org_profiles")
    assert [p["org_slug"] for p in profiles].count("replay_org") == 1

    without_key = _post(stack, "/api/v1/organizations/onboard", body)
    assert without_key.status_code == 409


def test_a_row_with_the_legacy_unkeyed_hash_still_replays_and_refuses(stack: Stack) -> None:
    """Rows written before keyed hashes live up to 24 h: a retry across the deploy replays."""
    _post(stack, "/api/v1/admin/bootstrap", "{}")
    body = ONBOARD.replace("my_org", "legacy_org")
    first = _post(stack, "/api/v1/organizations/onboard", body, **{"Idempotency-Key": "k-old"})
    assert first.status_code == 200, first.text
    legacy = hashlib.sha256(_canonical(body)).hexdigest()  # what the previous version stored
    where = [Eq("org_slug", "legacy_org")]
    stack.app.warehouse.update(CENTRAL_DATASET, IDEMPOTENCY_KEYS, {"request_hash": legacy}, where)
    _replays_and_refuses_another_body(stack, body, "k-old", first.json())
    assert _replay_row(stack, "legacy_org")["request_hash"] == legacy
    profiles = stack.app.warehouse.select(CENTRAL_DATASET, "org_profiles", where)
    assert len(profiles) == 1


def _canonical(body: str) -> bytes:
    """The request the server hashes: the transcoded body, deterministically serialized."""
    message = json_format.Parse(body, organizations_pb2.OnboardOrganizationRequest())
    return message.SerializeToString(deterministic=True)


def _replay_row(stack: Stack, slug: str) -> dict[str, object]:
    (row,) = stack.app.warehouse.select(CENTRAL_DATASET, IDEMPOTENCY_KEYS, [Eq("org_slug", slug)])
    return row


def _replays_and_refuses_another_body(
    stack: Stack, body: str, key: str, first: dict[str, object]
) -> None:
    """The same body under ``key`` replays ``first``; another body is 400 IDEMPOTENCY_KEY_REUSED."""
    again = _post(stack, "/api/v1/organizations/onboard", body, **{"Idempotency-Key": key})
    assert again.status_code == 200, again.text
    assert again.json() == first
    assert again.headers["idempotent-replayed"] == "true"
    other = _post(
        stack,
        "/api/v1/organizations/onboard",
        body.replace("My Org", "Other Org"),
        **{"Idempotency-Key": key},
    )
    assert other.status_code == 400, other.text
    (info,) = [d for d in other.json()["details"] if d.get("reason") == "IDEMPOTENCY_KEY_REUSED"]
    assert info["metadata"] == {"idempotency_key": key}

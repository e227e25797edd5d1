"""Finding 3: unauthenticated traffic is budgeted before any key lookup and writes bounded audit
rows (none for organizations that do not exist); another org's requests are unaffected."""

from __future__ import annotations

import secrets
from typing import Any

import grpc
import httpx
import pytest

from cloudact_grpc.ports.warehouse import Eq
from tests.reliability.conftest import Stack
from tests.support.errors import decode_rest
from tests.support.http import HTTP

BURST = 10


@pytest.fixture(scope="module")
def stack_overrides() -> dict[str, Any]:
    """A failed-authentication budget of ``BURST`` (1 per second after)."""
    return {"auth_failures_per_minute": 60, "auth_failure_burst": BURST}


@pytest.fixture(scope="module", autouse=True)
def _bootstrapped(stack: Stack) -> None:
    """Every test may run first (make test-fast spreads tests over workers)."""
    stack.bootstrap()


def _from(address: str) -> httpx.Client:
    """An HTTP client whose connections come from ``address`` (any 127.x address is local)."""
    return httpx.Client(timeout=60.0, transport=httpx.HTTPTransport(local_address=address))


def _denied_rows(stack: Stack, slug: str) -> list[dict[str, object]]:
    return stack.app.warehouse.select(
        "organizations", "org_audit_logs", [Eq("org_slug", slug), Eq("action", "DENIED")]
    )


def test_invalid_keys_get_429_before_lookup_and_bounded_audit_rows(stack: Stack) -> None:
    victim = "unauth_victim"
    victim_key = stack.onboard(victim)
    prefix = "ca_" + secrets.token_hex(5)
    codes: list[int] = []
    limited: list[httpx.Response] = []
    with _from("127.0.0.2") as attacker:
        for n in range(3 * BURST):
            slug = victim if n % 2 else "never_onboarded"
            reply = attacker.post(
                f"{stack.url}/api/v1/organizations/{slug}/api-key/rotate",
                json={},
                headers={"X-API-Key": f"{prefix}{secrets.token_hex(24)}"},
            )
            codes.append(reply.status_code)
            if reply.status_code == 429:
                limited.append(reply)
    assert codes[:BURST] == [401] * BURST
    assert set(codes[BURST + 1 :]) == {429}
    error = decode_rest(limited[-1])
    assert (error.code, error.reason) == (grpc.StatusCode.RESOURCE_EXHAUSTED, "RATE_LIMITED")
    assert error.details["ErrorInfo"]["metadata"]["scope"] in ("client", "key_prefix")
    assert "RetryInfo" in error.details and int(limited[-1].headers["retry-after"]) >= 1

    # The victim org, from another address, is not affected.
    own = HTTP.get(f"{stack.url}/api/v1/organizations/{victim}", headers={"X-API-Key": victim_key})
    assert own.status_code == 200, own.text
    # One sampled row for the org that exists, none for the slug never onboarded.
    rows = _denied_rows(stack, victim)
    assert len(rows) == 1, rows
    assert rows[0]["actor"] == "anonymous"
    assert _denied_rows(stack, "never_onboarded") == []
    # The key has still not worked: the victim's key is unchanged.
    again = HTTP.get(
        f"{stack.url}/api/v1/organizations/{victim}", headers={"X-API-Key": victim_key}
    )
    assert again.status_code == 200


def test_the_key_prefix_budget_follows_the_key_across_addresses(stack: Stack) -> None:
    prefix = "ca_" + secrets.token_hex(5)
    with _from("127.0.0.3") as first:
        codes = [
            first.get(
                f"{stack.url}/api/v1/organizations/some_org",
                headers={"X-API-Key": f"{prefix}{secrets.token_hex(24)}"},
            ).status_code
            for _ in range(BURST + 2)
        ]
    assert codes[-1] == 429
    with _from("127.0.0.4") as second:
        reply = second.get(
            f"{stack.url}/api/v1/organizations/some_org",
            headers={"X-API-Key": f"{prefix}{secrets.token_hex(24)}"},
        )
        assert reply.status_code == 429, reply.text
        fresh = second.get(
            f"{stack.url}/api/v1/organizations/some_org",
            headers={"X-API-Key": f"ca_{secrets.token_hex(28)}"},
        )
        assert fresh.status_code == 401, fresh.text


def test_wrong_root_keys_are_budgeted_too(stack: Stack) -> None:
    with _from("127.0.0.5") as caller:
        codes = [
            caller.post(
                f"{stack.url}/api/v1/admin/bootstrap",
                json={},
                headers={"X-CA-Root-Key": secrets.token_urlsafe(32)},
            ).status_code
            for _ in range(BURST + 2)
        ]
    assert codes[:BURST] == [403] * BURST
    assert codes[-1] == 429


def test_guessing_an_orgs_keys_does_not_lock_the_org_out(stack: Stack) -> None:
    victim = "prefix_victim"
    key = stack.onboard(victim)
    url = f"{stack.url}/api/v1/organizations/{victim}"
    assert HTTP.get(url, headers={"X-API-Key": key}).status_code == 200
    prefix = key[:12]  # ca_<slug>_…: names the organization, not a secret
    with _from("127.0.0.6") as guesser:
        for _ in range(BURST):
            guesser.get(url, headers={"X-API-Key": prefix + secrets.token_urlsafe(32)})
    with _from("127.0.0.7") as other_address:
        refused = other_address.get(url, headers={"X-API-Key": prefix + secrets.token_urlsafe(32)})
        assert refused.status_code == 429, refused.text
        assert refused.json()["details"][0]["metadata"]["scope"] == "key_prefix"
        own = other_address.get(url, headers={"X-API-Key": key})
        assert own.status_code == 200, own.text

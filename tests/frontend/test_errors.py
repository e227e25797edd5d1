"""Errors as the frontend reads them (frontend-calls.md 1.5, 1.6): `detail` on every error body,
the onboarding 409 phrase and its re-sync, `Retry-After` on 429, nosniff, no raw markup."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from cloudact_grpc.config import Settings
from tests.e2e.conftest import Stack
from tests.frontend.client import Frontend, expect
from tests.support.envoy import EnvoyProcess
from tests.support.http import HTTP
from tests.support.ports import free_port
from tests.support.stack import serve, tightly_limited

ERROR_SHAPE = {"code": int, "message": str, "details": list, "detail": str}


def _error(reply_status: int, body: dict[str, object], status: int) -> None:
    assert reply_status == status, body
    expect(body, ERROR_SHAPE)
    assert body["detail"], body


def test_onboarding_conflict_says_active_and_the_resync_regenerates_the_key(
    fe: Frontend,
) -> None:
    slug, first_key = fe.onboarded("resync_12102025")
    again = fe.onboard(slug)
    _error(again.status_code, again.json(), 409)
    assert "already exists with status 'ACTIVE'" in again.json()["detail"]
    assert again.headers["x-content-type-options"] == "nosniff"

    resync = fe.onboard(slug, regenerate_api_key_if_exists=True)
    assert resync.status_code == 200, resync.text
    new_key = resync.json()["api_key"]
    expect(resync.json(), {"api_key": str, "org_slug": str, "dataset_created": bool})
    assert new_key != first_key
    info = fe.send("GET", f"/api/v1/organizations/{slug}/api-key", fe.client_org(new_key))
    assert info.status_code == 200, info.text
    assert info.json()["is_active"] is True
    old = fe.send("GET", f"/api/v1/organizations/{slug}/api-key", fe.client_org(first_key))
    _error(old.status_code, old.json(), 401)


def test_gateway_and_service_errors_all_carry_detail(fe: Frontend, org: tuple[str, str]) -> None:
    slug, key = org
    # The service's own error (wrong key).
    wrong = fe.send("GET", f"/api/v1/organizations/{slug}/api-key", fe.client_org("ca_nope"))
    _error(wrong.status_code, wrong.json(), 401)
    assert wrong.json()["detail"] == wrong.json()["message"]
    # Envoy's rejections: unknown route, unknown query parameter.
    missing = fe.send("GET", "/api/v1/no/such/route", fe.client_org(key))
    _error(missing.status_code, missing.json(), 404)
    pricing = f"/api/v1/integrations/{slug}/openai/pricing"
    query = fe.send("GET", f"{pricing}?limit=5", fe.client_org(key))
    _error(query.status_code, query.json(), 400)
    # The REST door's own rejection.
    door = fe.send(
        "POST", f"/api/v1/integrations/{slug}/openai/pricing", fe.client_org(key), {"nope": 1}
    )
    _error(door.status_code, door.json(), 400)
    # An internal method's path over REST (refused by the transcoder or the route).
    internal = fe.send(
        "POST", "/cloudact.v1.CostsService/IngestCostRows", fe.client_root(), {"org_slug": slug}
    )
    assert internal.status_code in (403, 404)
    _error(internal.status_code, internal.json(), internal.status_code)
    for reply in (wrong, missing, query, door, internal):
        assert reply.headers["x-content-type-options"] == "nosniff"
        assert reply.headers["content-type"].startswith("application/json")


def test_error_bodies_never_echo_raw_markup(fe: Frontend, org: tuple[str, str]) -> None:
    slug, key = org
    for reply in (
        fe.send(
            "POST",
            f"/api/v1/integrations/{slug}/openai/pricing",
            fe.client_org(key),
            {"<script>alert(1)</script>": 1},
        ),
        fe.send(
            "POST",
            f"/api/v1/integrations/{slug}/openai/pricing",
            fe.client_org(key),
            {
                "model_id": "<img src=x>",
                "input_price_per_1k": 1,
                "output_price_per_1k": 1,
                "effective_date": "2025-12-10",
            },
        ),
        fe.onboard("<b>bold</b>"),
    ):
        assert 400 <= reply.status_code < 500, reply.text
        assert "<" not in reply.text and ">" not in reply.text, reply.text
        assert reply.json()["detail"]


@pytest.fixture(scope="module")
def limited(
    settings: Settings, root_key: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Frontend]:
    """A server allowing three calls (then one a minute), behind a real Envoy."""
    tight = tightly_limited(settings, tmp_path_factory.mktemp("fe-limited"))
    with serve(tight, cors_origins=()) as served:
        yield Frontend(
            Stack(
                served.app, served.channel, served.envoy, root_key, "duckdb",
                None,  # type: ignore[arg-type]  # no fake providers: nothing here calls one
                served.grpc_port,
            )
        )  # fmt: skip


def test_429_carries_retry_after_seconds_and_detail(limited: Frontend) -> None:
    limited.bootstrap()
    replies = [limited.onboard("limited_12102025") for _ in range(3)]
    refused = replies[-1]
    _error(refused.status_code, refused.json(), 429)
    retry_after = refused.headers["retry-after"]
    assert retry_after.isdigit() and int(retry_after) >= 1
    assert "rate" in refused.json()["detail"].lower()
    assert HTTP.get(f"{limited.url}/health").status_code == 200


def test_upstream_down_is_503_json_with_detail(tmp_path_factory: pytest.TempPathFactory) -> None:
    with EnvoyProcess.start(
        grpc_port=free_port(),  # nothing listens there
        metrics_port=free_port(),
        workdir=tmp_path_factory.mktemp("fe-down"),
        cors_origins=(),
        ready_path="",
    ) as envoy:
        reply = HTTP.get(
            f"{envoy.base_url}/api/v1/organizations/acme_12102025/api-key",
            headers={"Content-Type": "application/json", "X-API-Key": "ca_x"},
        )
    _error(reply.status_code, reply.json(), 503)
    assert reply.headers["x-content-type-options"] == "nosniff"


def test_error_bodies_pass_the_door_without_a_lua_error(
    fe: Frontend, fe_stack: Stack, org: tuple[str, str]
) -> None:
    """Adding `detail` once logged "object used outside of proper scope" at ERROR in Envoy's
    log for every JSON error (headers touched after the body was read): noise an operator
    chases at 3 a.m. The body and its Content-Length must still agree."""
    slug, key = org
    bodiless = fe.send("GET", f"/api/v1/pipelines/{slug}/runs/nope", fe.client_org(key))
    _error(bodiless.status_code, bodiless.json(), 404)
    posted = fe.send("POST", f"/api/v1/budgets/{slug}", fe.client_org(key), {"budget_amount": -1})
    _error(posted.status_code, posted.json(), 400)
    for reply in (bodiless, posted):
        assert int(reply.headers["content-length"]) == len(reply.content)
    after = fe.send("GET", "/health", {})  # a later exchange: Envoy has written its log lines
    assert after.status_code == 200
    assert "[lua]" not in fe_stack.envoy.log_path.read_text()


def test_envoys_own_refusals_are_logged_with_the_request_id(
    fe: Frontend, fe_stack: Stack, org: tuple[str, str]
) -> None:
    """The REST door's 400 and an unknown route's 404 never reach the server: Envoy logs them,
    one JSON line each, joined by the request id, the path without its query."""
    slug, key = org
    door_headers = fe.client_org(key)
    door = fe.send("POST", f"/api/v1/budgets/{slug}", door_headers, {"nope": 1})
    _error(door.status_code, door.json(), 400)
    lost_headers = fe.client_org(key)
    lost = fe.send("GET", "/api/v1/no/such/route?secret_looking=abc", lost_headers)
    _error(lost.status_code, lost.json(), 404)
    wrong_headers = fe.client_org("ca_nope")  # transcoded, refused by the server
    wrong = fe.send("GET", f"/api/v1/organizations/{slug}/api-key", wrong_headers)
    _error(wrong.status_code, wrong.json(), 401)
    fine = fe.send("GET", f"/api/v1/organizations/{slug}/api-key", fe.client_org(key))
    assert fine.status_code == 200, fine.text
    wanted = {door_headers["X-Request-ID"], lost_headers["X-Request-ID"]}
    wanted.add(wrong_headers["X-Request-ID"])
    deadline = time.monotonic() + 5  # Envoy flushes its access log every 250 ms
    while True:
        lines = fe_stack.envoy.log_path.read_text().splitlines()
        logged = {
            entry["request_id"]: entry
            for entry in (json.loads(x) for x in lines if x.startswith('{"'))
            if entry.get("event") == "envoy_access"
        }
        if wanted <= logged.keys() or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    refused = logged[door_headers["X-Request-ID"]]
    assert (refused["method"], refused["path"], refused["status"]) == (
        "POST", f"/api/v1/budgets/{slug}", 400,
    )  # fmt: skip
    assert refused["door"] == "refused"
    assert door.headers["x-request-id"] == door_headers["X-Request-ID"]  # the door echoes it too
    unknown = logged[lost_headers["X-Request-ID"]]
    assert (unknown["path"], unknown["status"]) == ("/api/v1/no/such/route", 404)
    assert all(entry["status"] >= 400 for entry in logged.values())  # successes are not logged
    # The REST path (not the gRPC one the transcoder made of it), with the id the caller sent.
    assert logged[wrong_headers["X-Request-ID"]]["path"] == f"/api/v1/organizations/{slug}/api-key"
    assert wrong.headers["x-request-id"] == wrong_headers["X-Request-ID"]  # echoed as sent
    assert key not in "\n".join(lines)


def test_a_base_url_with_a_trailing_slash_still_reaches_every_route(
    fe: Frontend, org: tuple[str, str]
) -> None:
    """``{base}/api/v1/...`` with a base URL ending in "/" sends ``//api/v1/...``."""
    slug, key = org
    assert HTTP.get(f"{fe.url}//health").json()["status"] == "healthy"
    info = fe.send("GET", f"//api/v1/organizations/{slug}/api-key", fe.client_org(key))
    assert info.status_code == 200, info.text
    assert info.json()["is_active"] is True
    refused = fe.send("GET", f"//api/v1/organizations/{slug}//api-key", fe.client_org("ca_x"))
    _error(refused.status_code, refused.json(), 401)
    internal = fe.send("POST", "//cloudact.v1.CostsService//IngestCostRows", fe.client_root(),
                       {"org_slug": slug})  # fmt: skip
    assert internal.status_code in (403, 404), internal.text  # still refused on the REST port

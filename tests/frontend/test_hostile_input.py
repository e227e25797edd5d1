"""Hostile input on the routes the frontend calls, through the real Envoy: text that is not
UTF-8, numbers out of range, values the transcoder itself cannot read. Each is a 400 whose
``BadRequest`` names the field the caller sent, and nothing is written."""

from __future__ import annotations

import json
from typing import Any

import grpc
import httpx
import pytest

from tests.frontend.client import Frontend
from tests.support.errors import decode_rest

PLAN = '{"plan_name":"HOSTILE","unit_price_usd":1,"seats":1,"start_date":"2025-12-10",'


def refused(reply: httpx.Response, field: str) -> str:
    """A 400 INVALID_ARGUMENT whose only violation is ``field``, in a valid UTF-8 JSON body
    with ``detail``; the violation's description."""
    assert reply.status_code == 400, reply.text
    body: dict[str, Any] = json.loads(reply.content.decode("utf-8"))  # strict: valid UTF-8
    assert body["detail"], body
    error = decode_rest(reply)
    assert error.code is grpc.StatusCode.INVALID_ARGUMENT
    assert error.violated_fields == [field], reply.text
    return str(error.details["BadRequest"]["field_violations"][0]["description"])


@pytest.fixture(scope="module")
def hostile(fe: Frontend) -> tuple[str, str]:
    return fe.onboarded("hostile_12102025")


def _post_plan(fe: Frontend, org: tuple[str, str], body: bytes) -> httpx.Response:
    """The provider page's plan create, with ``body`` byte for byte."""
    slug, key = org
    path = f"/api/v1/subscriptions/{slug}/providers/zoom/plans"
    return fe.send_raw("POST", path, fe.direct(key, body=True), body)


def _plans(fe: Frontend, slug: str, key: str) -> list[dict[str, Any]]:
    reply = fe.send("GET", f"/api/v1/subscriptions/{slug}/providers/zoom/plans", fe.direct(key))
    assert reply.status_code == 200, reply.text
    plans: list[dict[str, Any]] = reply.json()["plans"]
    return plans


@pytest.mark.parametrize(
    ("tail", "field", "description"),
    [
        (b'"notes":"caf\xe9"}', "notes", "must be valid UTF-8 text"),  # Latin-1, not UTF-8
        (b'"notes":"\xed\xa0\x80"}', "notes", "must be valid UTF-8 text"),  # an encoded surrogate
        (b'"notes":"\\ud800"}', "notes", "must be valid UTF-8 text"),  # a lone high surrogate
        (b'"notes":"\\udc00x"}', "notes", "must be valid UTF-8 text"),  # a lone low surrogate
        (b'"display_name":"\xc0\xaf"}', "display_name", "must be valid UTF-8 text"),  # overlong
        (b'"notes":"\xf4\x90\x80\x80"}', "notes", "must be valid UTF-8 text"),  # > U+10FFFF
        (b'"notes":"\xe2\x82 euro"}', "notes", "must be valid UTF-8 text"),  # truncated
        (b'"discount_percent":1e400}', "discount_percent", "within the range of a double"),
        (b'"number_of_users":2147483648}', "number_of_users", "between -2147483648 and"),
        (b'"number_of_users":1.5}', "number_of_users", "must be a whole number"),
        (b'"number_of_users":"7.25"}', "number_of_users", "must be a whole number"),
    ],
    ids=[
        "latin1",
        "encoded-surrogate",
        "lone-high",
        "lone-low",
        "overlong",
        "beyond-unicode",
        "truncated",
        "huge-double",
        "int32-overflow",
        "fraction",
        "fraction-text",
    ],
)
def test_unreadable_values_in_a_plan_body_are_named(
    fe: Frontend, hostile: tuple[str, str], tail: bytes, field: str, description: str
) -> None:
    slug, key = hostile
    reply = _post_plan(fe, hostile, PLAN.encode() + tail)
    assert description in refused(reply, field)
    assert _plans(fe, slug, key) == []


def test_a_surrogate_pair_is_text(fe: Frontend, hostile: tuple[str, str]) -> None:
    slug, key = hostile
    reply = _post_plan(
        fe, hostile, PLAN.encode() + b'"notes":"\\ud83d\\ude00 ok \xe2\x82\xac \xf0\x9f\x98\x80"}'
    )
    assert reply.status_code == 200, reply.text
    [plan] = _plans(fe, slug, key)
    assert plan["notes"] == "\U0001f600 ok \u20ac \U0001f600"
    deleted = fe.send(
        "DELETE",
        f"/api/v1/subscriptions/{slug}/providers/zoom/plans/{plan['subscription_id']}",
        fe.direct(key),
    )
    assert deleted.is_success, deleted.text


def test_a_key_that_is_not_utf8_is_named_in_valid_json(
    fe: Frontend, hostile: tuple[str, str]
) -> None:
    slug, key = hostile
    path = f"/api/v1/integrations/{slug}/openai/pricing/gpt-4o"
    reply = fe.send_raw("PUT", path, fe.client_org(key), b'{"input_price_\xffper_1k":1}')
    assert refused(reply, "input_price_\ufffdper_1k") == "unknown field"


@pytest.mark.parametrize(
    ("query", "field"),
    [("limit=abc", "limit"), ("limit=99999999999", "limit"), ("limit=1.5", "limit"),
     ("limit=100&offset=99999999999", "offset"), ("limit=100&status=FAILED", "status")],
)  # fmt: skip
def test_query_values_the_transcoder_cannot_read_are_named(
    fe: Frontend, hostile: tuple[str, str], query: str, field: str
) -> None:
    slug, key = hostile
    reply = fe.send("GET", f"/api/v1/pipelines/{slug}/runs?{query}", fe.client_org(key))
    refused(reply, field)


@pytest.mark.parametrize(
    ("path", "field"),
    [("/api/v1/subscriptions/{slug}/providers/%FF%FE/plans", "provider"),
     ("/api/v1/pipelines/{slug}/runs/%C0%AF", "pipeline_logging_id"),
     ("/api/v1/integrations/{slug}/openai/pricing/%ED%A0%80", "model_id")],
)  # fmt: skip
def test_path_segments_that_are_not_utf8_are_named(
    fe: Frontend, hostile: tuple[str, str], path: str, field: str
) -> None:
    slug, key = hostile
    refused(fe.send("GET", path.format(slug=slug), fe.client_org(key)), field)


# ---- errors name the field as the frontend sent it ---------------------------------------------

SAAS = "/api/v1/subscriptions/{slug}/providers/zoom/plans"
LLM = "/api/v1/integrations/{slug}/openai"
PLAN_BODY = {"plan_name": "NAMED", "unit_price_usd": 5, "seats": 2, "start_date": "2025-12-10"}
LLM_SUB = {"subscription_id": "sub_1733840000000_named0001", "plan_name": "NAMED_PLAN",
           "quantity": 2, "unit_price_usd": 10, "effective_date": "2025-12-10",
           "tier_type": "paid"}  # fmt: skip
PRICE = {"model_id": "named-model", "model_name": "", "input_price_per_1k": 0.1,
         "output_price_per_1k": 0.2, "effective_date": "2025-12-10"}  # fmt: skip


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (SAAS, {**PLAN_BODY, "start_date": "2026-02-30"}, "start_date"),
        (SAAS, {**PLAN_BODY, "start_date": "0001-01-01"}, "start_date"),
        (SAAS, {**PLAN_BODY, "unit_price_usd": -1}, "unit_price_usd"),
        (SAAS, {**PLAN_BODY, "seats": -3}, "seats"),
        (f"{LLM}/subscriptions", {**LLM_SUB, "effective_date": "9999-12-31"}, "effective_date"),
        (f"{LLM}/subscriptions", {**LLM_SUB, "quantity": -1}, "quantity"),
        (f"{LLM}/pricing", {**PRICE, "input_price_per_1k": -0.5}, "input_price_per_1k"),
    ],
    ids=[
        "plan-start-invalid",
        "plan-start-early",
        "plan-price",
        "plan-seats",
        "llm-sub-date",
        "llm-sub-quantity",
        "llm-price",
    ],
)
def test_a_bad_value_is_named_as_the_frontend_sent_it(
    fe: Frontend, hostile: tuple[str, str], path: str, body: dict[str, object], field: str
) -> None:
    slug, key = hostile
    reply = fe.send("POST", path.format(slug=slug), fe.client_org(key), body)
    refused(reply, field)
    assert reply.json()["detail"].startswith(f"{field}:"), reply.text
    listing = fe.send("GET", path.format(slug=slug), fe.client_org(key)).text
    assert "NAMED" not in listing and "named-model" not in listing


def test_a_bad_value_sent_under_the_seed_name_keeps_that_name(
    fe: Frontend, hostile: tuple[str, str]
) -> None:
    slug, key = hostile
    body = {"plan_name": "SEEDED", "unit_price": 5, "number_of_users": 2,
            "effective_date": "2026-02-30"}  # fmt: skip
    refused(fe.send("POST", SAAS.format(slug=slug), fe.client_org(key), body), "effective_date")


def test_edit_version_names_the_frontend_fields(fe: Frontend, hostile: tuple[str, str]) -> None:
    slug, key = hostile
    base = f"/api/v1/subscriptions/{slug}/providers/miro/plans"
    created = fe.send("POST", base, fe.direct(key, body=True), PLAN_BODY)
    assert created.status_code == 200, created.text
    sub = created.json()["plan"]["subscription_id"]
    edit = {"effective_date": "2025-12-15", "display_name": "N", "unit_price_usd": 15,
            "seats": -12, "billing_cycle": "monthly", "pricing_model": "PER_SEAT",
            "currency": "USD", "notes": ""}  # fmt: skip
    reply = fe.send("POST", f"{base}/{sub}/edit-version", fe.direct(key, body=True), edit)
    refused(reply, "seats")
    [row] = fe.send("GET", base, fe.direct(key)).json()["plans"]
    assert (row["seats"], row["version"]) == (2, 1)


@pytest.mark.parametrize(
    ("path", "fields"),
    [("pricing/gpt-4o", ("input_price_per_1k", "output_price_per_1k")),
     ("subscriptions/TEAM_PLAN", ("quantity", "unit_price_usd"))],
)  # fmt: skip
def test_an_update_of_emptied_inputs_names_the_null_fields(
    fe: Frontend, hostile: tuple[str, str], path: str, fields: tuple[str, str]
) -> None:
    """The inline editors send ``parseFloat("")`` (NaN, serialised as null) for an emptied input:
    with nothing else to change, the 400 names those fields, not ``update_mask``."""
    slug, key = hostile
    reply = fe.send("PUT", f"/api/v1/integrations/{slug}/anthropic/{path}", fe.client_org(key),
                    dict.fromkeys(fields))  # fmt: skip
    assert reply.status_code == 400, reply.text
    assert decode_rest(reply).violated_fields == list(fields)
    assert reply.json()["detail"].startswith("nothing to update")


# ---- LLM subscription rate limits (int32 on the wire, at least 0) ------------------------------

LIMIT_VALUES = [
    (b"-1", "must be at least 0"),
    (b"1.5", "must be a whole number"),
    (b'"abc"', "must be an integer"),
    (b"2147483648", "must be between"),
    (b"9223372036854775808", "must be between"),  # beyond int64
    (b"1e30", "must be between"),
]
LIMIT_IDS = ["negative", "fraction", "text", "int32-overflow", "int64-overflow", "huge"]


@pytest.mark.parametrize("call", ["create", "update"])
@pytest.mark.parametrize("field", ["rpm_limit", "tpm_limit"])
@pytest.mark.parametrize(("value", "description"), LIMIT_VALUES, ids=LIMIT_IDS)
def test_a_bad_rate_limit_is_named_and_changes_nothing(
    fe: Frontend, hostile: tuple[str, str], call: str, field: str, value: bytes, description: str
) -> None:
    slug, key = hostile
    base = f"{LLM.format(slug=slug)}/subscriptions"
    kept = {"plan_name": "LIMITS_KEPT", "quantity": 2, "rpm_limit": 60, "tpm_limit": 9000}
    body = {k: v for k, v in {**LLM_SUB, **kept}.items() if k != "subscription_id"}
    created = fe.send("POST", base, fe.client_org(key), body)
    assert created.status_code in (200, 409), created.text  # 409: made by an earlier case
    bad = b'"' + field.encode() + b'":' + value + b"}"
    if call == "create":
        new = json.dumps({**LLM_SUB, "plan_name": "LIMITS_BAD"}).encode()[:-1]
        reply = fe.send_raw("POST", base, fe.client_org(key), new + b"," + bad)
    else:
        reply = fe.send_raw(
            "PUT", f"{base}/LIMITS_KEPT", fe.client_org(key), b'{"quantity":3,' + bad
        )
    assert description in refused(reply, field)
    listing = fe.send("GET", base, fe.client_org(key))
    assert listing.status_code == 200, listing.text
    rows = [r for r in listing.json()["subscriptions"] if r["plan_name"].startswith("LIMITS")]
    assert [{k: r[k] for k in kept} for r in rows] == [kept]

"""Reads and deletes without a body skip the REST door's request side (a faster route in Envoy)
and keep everything else: nosniff on every reply, `detail` and escaped markup on error bodies,
and a body sent to a bodiless route is still refused by the door."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.frontend.client import Frontend
from tests.support.http import HTTP


def _checked(reply: httpx.Response, status: int) -> dict[str, Any]:
    assert reply.status_code == status, reply.text
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert reply.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = reply.json()
    return body


def test_bodiless_read_answers_with_nosniff(fe: Frontend, org: tuple[str, str]) -> None:
    slug, key = org
    reply = HTTP.get(
        f"{fe.url}/api/v1/organizations/{slug}/subscription", headers={"X-API-Key": key}
    )
    assert "content-length" not in reply.request.headers
    assert _checked(reply, 200)["org_slug"] == slug


def test_bodiless_read_error_has_detail(fe: Frontend, org: tuple[str, str]) -> None:
    _, key = org
    reply = HTTP.get(f"{fe.url}/api/v1/organizations/other_org/subscription",
                     headers={"X-API-Key": key})  # fmt: skip
    body = _checked(reply, 403)
    assert body["detail"] == body["message"] and body["code"] == 7


def test_bodiless_unknown_path_has_detail_and_no_markup(fe: Frontend) -> None:
    reply = HTTP.get(f"{fe.url}/api/v1/no-such-route/<b>x</b>")
    body = _checked(reply, 404)
    assert body["detail"] and body["code"] == 5
    assert "<" not in reply.text and ">" not in reply.text


@pytest.mark.parametrize(
    ("method", "path", "violation"),
    [
        ("GET", "/api/v1/organizations/{slug}", {"field": "body", "description": "must be empty"}),
        ("DELETE", "/api/v1/organizations/{slug}", {"field": "x", "description": "unknown field"}),
    ],
)
def test_a_body_still_goes_through_the_door(
    fe: Frontend, org: tuple[str, str], method: str, path: str, violation: dict[str, str]
) -> None:
    slug, key = org
    reply = HTTP.request(method, fe.url + path.format(slug=slug), content=b'{"x":1}',
                         headers=fe.client_org(key))  # fmt: skip
    body = _checked(reply, 400)
    assert body["details"][1]["field_violations"] == [violation]


def _streamed(payload: bytes) -> Iterator[bytes]:
    """A body httpx sends without Content-Length (HTTP/2 needs none)."""
    yield payload


def test_an_http2_delete_body_without_content_length_goes_through_the_door(fe: Frontend) -> None:
    """Over HTTP/2 a body needs no Content-Length: a DELETE whose body the door refuses (an
    unknown field, a boolean sent as "yes") is refused, and the org is still there."""
    slug, _ = fe.onboarded(f"h2door_{uuid.uuid4().hex[:8]}")
    body = json.dumps({"confirm_org_slug": slug, "delete_dataset": "yes", "x": 1}).encode()
    with httpx.Client(http1=False, http2=True, timeout=30) as h2:
        reply = h2.request("DELETE", f"{fe.url}/api/v1/organizations/{slug}",
                           content=_streamed(body), headers=fe.client_root())  # fmt: skip
    assert reply.http_version == "HTTP/2"
    assert "content-length" not in reply.request.headers
    violations = _checked(reply, 400)["details"][1]["field_violations"]
    assert {v["field"] for v in violations} == {"delete_dataset", "x"}
    still_there = HTTP.get(f"{fe.url}/api/v1/organizations/{slug}", headers=fe.client_root())
    assert still_there.status_code == 200, still_there.text

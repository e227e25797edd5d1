"""Requests exactly as the ca220859 frontend builds them (reference: frontend-calls.md 1-2).

Three header families: the shared API client (``Content-Type``, ``X-Request-ID``, the key, on
every method), the direct SaaS calls (``X-API-Key`` only; plus ``Content-Type`` on POST/PUT) and
the direct rotate/sync calls (``Content-Type`` and the key, no request id).
"""

from __future__ import annotations

import json
import random
import string
import time
from collections.abc import Mapping
from typing import Any

import httpx

from tests.e2e.conftest import Stack
from tests.support.http import HTTP

Number = (int, float)


def request_id() -> str:
    """``req_<Date.now() base 36>_<6 random base-36 chars>``."""
    digits = string.digits + string.ascii_lowercase
    now, out = int(time.time() * 1000), ""
    while now:
        now, rem = divmod(now, 36)
        out = digits[rem] + out
    return f"req_{out}_{''.join(random.choices(digits, k=6))}"  # noqa: S311 - not a secret


def is_number(value: object) -> bool:
    """A JSON number (``.toFixed()`` works): not a bool, not a string."""
    return isinstance(value, Number) and not isinstance(value, bool)


def expect(obj: Mapping[str, Any], fields: Mapping[str, object]) -> None:
    """Every field present with its JSON type: ``"number"``, or a Python type."""
    for name, kind in fields.items():
        assert name in obj, f"missing {name} in {sorted(obj)}"
        value = obj[name]
        if kind == "number":
            assert is_number(value), f"{name}={value!r} is not a JSON number"
        else:
            assert isinstance(value, kind), f"{name}={value!r} is not {kind}"  # type: ignore[arg-type]
            if kind is int:
                assert not isinstance(value, bool), name


class Frontend:
    """The frontend's calls against one stack."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.url = stack.url

    # ---- header families ---------------------------------------------------------------------

    def client_org(self, key: str) -> dict[str, str]:
        return {"Content-Type": "application/json", "X-Request-ID": request_id(), "X-API-Key": key}

    def client_root(self) -> dict[str, str]:
        return {
            "Content-Type": "application/json",
            "X-Request-ID": request_id(),
            "X-CA-Root-Key": self.stack.root_key,
        }

    @staticmethod
    def direct(key: str, *, body: bool = False) -> dict[str, str]:
        headers = {"X-API-Key": key}
        if body:
            headers["Content-Type"] = "application/json"
        return headers

    # ---- sending -----------------------------------------------------------------------------

    def send(
        self, method: str, path: str, headers: dict[str, str], body: object = None
    ) -> httpx.Response:
        """``JSON.stringify(body)`` when there is one, else an empty body."""
        content = b"" if body is None else json.dumps(body, separators=(",", ":")).encode()
        return self.send_raw(method, path, headers, content)

    def send_raw(
        self, method: str, path: str, headers: dict[str, str], content: bytes
    ) -> httpx.Response:
        """``content`` as the body, byte for byte (hostile input)."""
        return HTTP.request(method, f"{self.url}{path}", content=content, headers=headers)

    def bootstrap(self) -> None:
        reply = HTTP.post(
            f"{self.url}/api/v1/admin/bootstrap", json={}, headers=self.stack.root_headers
        )
        assert reply.status_code == 200, reply.text

    def onboard(self, slug: str, **extra: object) -> httpx.Response:
        body = {
            "org_slug": slug,
            "company_name": "Acme Corp",
            "admin_email": "owner@acme.example",
            "subscription_plan": "STARTER",
            **extra,
        }
        return self.send("POST", "/api/v1/organizations/onboard", self.client_root(), body)

    def onboarded(self, slug: str) -> tuple[str, str]:
        reply = self.onboard(slug)
        assert reply.status_code == 200, reply.text
        return slug, str(reply.json()["api_key"])

    def setup(self, slug: str, key: str, provider: str, credential: str) -> httpx.Response:
        """An integration set up from its page: the secret as typed (or the file's text)."""
        return self.send(
            "POST",
            f"/api/v1/integrations/{slug}/{provider}/setup",
            self.client_org(key),
            {"credential": credential, "skip_validation": False},
        )

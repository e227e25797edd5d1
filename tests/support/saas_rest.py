"""SaaS plans over REST (``…/subscriptions/{org}/providers/{provider}/plans``), each call
asserting its success."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from tests.support.http import HTTP


@dataclass(frozen=True)
class PlansRest:
    """One provider's plans route and the headers to call it with."""

    url: str
    headers: dict[str, str]

    def create(self, body: dict[str, object]) -> dict[str, Any]:
        """POST a plan (200 expected); the created plan."""
        created = HTTP.post(self.url, json=body, headers=self.headers)
        assert created.status_code == 200, created.text
        plan: dict[str, Any] = created.json()["plan"]
        return plan

    def edit_version(self, plan_id: str, effective_date: str, number_of_users: int) -> None:
        """A new version from ``effective_date`` with ``number_of_users`` (200 expected)."""
        edited = HTTP.post(
            f"{self.url}/{plan_id}/edit-version",
            json={"effective_date": effective_date, "number_of_users": number_of_users},
            headers=self.headers,
        )
        assert edited.status_code == 200, edited.text

    def end(self, plan_id: str, end_date: str) -> httpx.Response:
        """DELETE the plan as of ``end_date``: the reply, unchecked."""
        return HTTP.request(
            "DELETE", f"{self.url}/{plan_id}", json={"end_date": end_date}, headers=self.headers
        )

"""Rate limits seen by a REST client through Envoy: headers survive, 429 with Retry-After."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import httpx
import pytest

from cloudact_grpc.config import Settings
from tests.support.envoy import EnvoyProcess
from tests.support.errors import decode_rest
from tests.support.stack import serve, tightly_limited


@pytest.fixture(scope="module")
def limited(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[EnvoyProcess]:
    tight = tightly_limited(settings, tmp_path_factory.mktemp("limited"))
    with serve(tight, cors_origins=()) as served:
        yield served.envoy


def test_headers_then_429(limited: EnvoyProcess, root_key: str) -> None:
    url = f"{limited.base_url}/api/v1/admin/bootstrap"
    headers = {"X-CA-Root-Key": root_key}
    remaining = []
    for _ in range(3):
        response = httpx.post(url, json={}, headers=headers)
        assert response.status_code == 200, response.text
        assert response.headers["x-ratelimit-limit"] == "1"
        remaining.append(int(response.headers["x-ratelimit-remaining"]))
    assert remaining == [2, 1, 0]
    refused = httpx.post(url, json={}, headers=headers)
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert refused.headers["x-ratelimit-remaining"] == "0"
    assert refused.headers["x-request-id"]
    error = decode_rest(refused)
    assert (error.code, error.reason) == (grpc.StatusCode.RESOURCE_EXHAUSTED, "RATE_LIMITED")
    assert error.details["QuotaFailure"]["violations"][0]["subject"] == "global:service"
    assert "RetryInfo" in error.details
    # health is never limited
    assert httpx.get(f"{limited.base_url}/health").status_code == 200

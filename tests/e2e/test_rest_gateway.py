"""REST through a real Envoy: transcoding, JSON errors, auth, CORS and internal methods."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import httpx
import pytest
from cloudact.v1 import organizations_pb2, organizations_pb2_grpc

from cloudact_grpc.api.access import INTERNAL_METHODS
from tests.conftest import RunningServer
from tests.support.envoy import EnvoyProcess
from tests.support.errors import decode

ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo"


def _reasons(body: dict[str, object]) -> list[str]:
    details = body["details"]
    assert isinstance(details, list)
    return [d["reason"] for d in details if d.get("@type") == ERROR_INFO]


def _error(response: httpx.Response, status: int, code: int, reason: str) -> dict[str, object]:
    """The JSON error body, checked: HTTP ``status``, gRPC ``code``, one ErrorInfo ``reason``."""
    assert response.status_code == status, response.text
    body: dict[str, object] = response.json()
    assert body["code"] == code
    assert _reasons(body) == [reason]
    return body


def test_health_is_json(envoy: EnvoyProcess) -> None:
    response = httpx.get(f"{envoy.base_url}/health")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {
        "status": "healthy",
        "service": "cloudact-api",
        "version": "0.1.0",
        "environment": "test",
    }


def test_readiness(envoy: EnvoyProcess) -> None:
    response = httpx.get(f"{envoy.base_url}/health/ready")
    assert response.status_code == 200
    assert response.json()["warehouse_ready"] is True


@pytest.fixture(scope="module")
def bare_envoy(
    bare_server: RunningServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[EnvoyProcess]:
    """Envoy in front of a server whose servicer is the generated base (nothing built)."""
    with bare_server.behind_envoy(tmp_path_factory.mktemp("bare-envoy"), ready_path="") as proc:
        yield proc


def test_not_built_route_is_501_json(bare_envoy: EnvoyProcess, root_key: str) -> None:
    response = httpx.get(
        f"{bare_envoy.base_url}/api/v1/costs/acme_corp/summary", headers={"X-API-Key": "x"}
    )
    # An org key that matches no org is refused before anything else.
    assert response.status_code == 401
    response = httpx.get(
        f"{bare_envoy.base_url}/api/v1/costs/acme_corp/summary",
        headers={"X-CA-Root-Key": root_key},
    )
    _error(response, 501, 12, "NOT_IMPLEMENTED")


def test_unknown_path_is_json_404(envoy: EnvoyProcess) -> None:
    response = httpx.get(f"{envoy.base_url}/api/v1/no/such/route")
    assert response.headers["content-type"].startswith("application/json")
    _error(response, 404, 5, "UNKNOWN_ROUTE")


def test_unknown_query_parameter_is_json_400(envoy: EnvoyProcess) -> None:
    response = httpx.get(f"{envoy.base_url}/health?bogus=1")
    body = _error(response, 400, 3, "INVALID_REQUEST")
    assert "bogus" in str(body["message"])


def test_malformed_json_body_is_json_400(envoy: EnvoyProcess, root_key: str) -> None:
    response = httpx.post(
        f"{envoy.base_url}/api/v1/admin/bootstrap",
        content=b"{not json",
        headers={"X-CA-Root-Key": root_key, "content-type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == 3


def test_missing_root_key_is_401_with_error_info(envoy: EnvoyProcess) -> None:
    response = httpx.post(f"{envoy.base_url}/api/v1/admin/bootstrap", json={})
    _error(response, 401, 16, "ROOT_KEY_MISSING")


def test_wrong_root_key_is_403_with_error_info(envoy: EnvoyProcess) -> None:
    response = httpx.post(
        f"{envoy.base_url}/api/v1/admin/bootstrap", json={}, headers={"X-CA-Root-Key": "wrong"}
    )
    assert response.status_code == 403
    assert _reasons(response.json()) == ["ROOT_KEY_INVALID"]


def test_cors_preflight_from_allowed_origin(envoy: EnvoyProcess) -> None:
    response = httpx.options(
        f"{envoy.base_url}/api/v1/organizations/onboard",
        headers={
            "Origin": "http://app.cloudact.test",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-ca-root-key,idempotency-key",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "http://app.cloudact.test"
    allowed = response.headers["access-control-allow-headers"].lower()
    for header in ("x-api-key", "x-ca-root-key", "idempotency-key"):
        assert header in allowed


def test_cors_preflight_from_other_origin_is_not_allowed(envoy: EnvoyProcess) -> None:
    response = httpx.options(
        f"{envoy.base_url}/api/v1/organizations/onboard",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize("method", sorted(m.lstrip("/") for m in INTERNAL_METHODS))
def test_internal_method_is_refused_over_rest(
    envoy: EnvoyProcess, root_key: str, method: str
) -> None:
    response = httpx.post(
        f"{envoy.base_url}/{method}", json={"org_slug": "acme"}, headers={"X-CA-Root-Key": root_key}
    )
    assert response.status_code in (403, 404)
    body = response.json()
    assert body["code"] in (5, 7)


def test_internal_method_is_refused_over_native_grpc(envoy: EnvoyProcess, root_key: str) -> None:
    with grpc.insecure_channel(f"127.0.0.1:{envoy.port}") as channel:
        stub = organizations_pb2_grpc.OrganizationsServiceStub(channel)
        with pytest.raises(grpc.RpcError) as caught:
            stub.ReservePipelineRun(
                organizations_pb2.ReservePipelineRunRequest(org_slug="acme", pipeline_id="p"),
                metadata=(("x-ca-root-key", root_key),),
                timeout=5,
            )
    assert decode(caught.value).code is grpc.StatusCode.PERMISSION_DENIED


def test_public_method_over_native_grpc_through_envoy(envoy: EnvoyProcess) -> None:
    with grpc.insecure_channel(f"127.0.0.1:{envoy.port}") as channel:
        stub = organizations_pb2_grpc.OrganizationsServiceStub(channel)
        with pytest.raises(grpc.RpcError) as caught:
            stub.GetQuota(organizations_pb2.GetQuotaRequest(org_slug="acme"), timeout=5)
    assert decode(caught.value).reason == "API_KEY_MISSING"


def test_metrics_are_not_on_the_public_port(envoy: EnvoyProcess, server: RunningServer) -> None:
    response = httpx.get(f"{envoy.base_url}/metrics")
    assert response.status_code == 404
    assert "grpc_server_handled_total" not in response.text
    scraped = httpx.get(f"http://127.0.0.1:{server.metrics_port}/metrics")
    assert "grpc_server_handled_total" in scraped.text

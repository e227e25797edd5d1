"""Finding 7, the smaller ones, each through the real Envoy where it came through it."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import grpc
import httpx
import pytest
from cloudact.v1 import (
    admin_pb2,
    admin_pb2_grpc,
    integrations_pb2,
    integrations_pb2_grpc,
    organizations_pb2,
    organizations_pb2_grpc,
)

from cloudact_grpc.app import build_app
from cloudact_grpc.config import ConfigError, Environment, Settings, WarehouseKind
from cloudact_grpc.demo.__main__ import run as run_demo
from cloudact_grpc.domain.errors import InvalidArgument, NotFound
from cloudact_grpc.ports.warehouse import Eq
from cloudact_grpc.services.saas.rows import PLANS_TABLE
from tests.reliability.conftest import Stack
from tests.support.errors import RestError, decode_rest
from tests.support.http import HTTP
from tests.support.ports import free_port

ORG = "small_org"
GRPCURL = str(Path(sys.executable).parent / "grpcurl")


@pytest.fixture(scope="module")
def key(stack: Stack) -> dict[str, str]:
    return {"X-API-Key": stack.onboard(ORG)}


def error_of(reply: httpx.Response, status: int, code: grpc.StatusCode) -> RestError:
    """Assert the JSON error shape; the decoded error."""
    assert reply.status_code == status, reply.text
    assert reply.headers["content-type"].startswith("application/json")
    error = decode_rest(reply)
    assert error.code is code
    assert isinstance(error.message, str) and error.message
    assert error.details["ErrorInfo"]["domain"] == "api.cloudact.ai"
    return error


def _plans(stack: Stack) -> list[dict[str, object]]:
    return stack.app.warehouse.select(f"{ORG}_local", PLANS_TABLE, [Eq("provider", "notion")])


def test_a_query_or_body_org_slug_never_overrides_the_path(
    stack: Stack, key: dict[str, str]
) -> None:
    other = stack.onboard("small_other")
    # The other org's own key, its slug in the query, this org in the path: refused as 400.
    query = HTTP.get(
        f"{stack.url}/api/v1/costs/{ORG}/summary", params={"org_slug": "small_other"},
        headers={"X-API-Key": other},
    )  # fmt: skip
    assert error_of(query, 400, grpc.StatusCode.INVALID_ARGUMENT).violated_fields == ["org_slug"]
    plan = {"plan_name": "TEAM", "unit_price": 8, "effective_date": "2026-01-01"}
    body = HTTP.post(
        f"{stack.url}/api/v1/subscriptions/{ORG}/providers/notion/plans",
        json={**plan, "org_slug": "small_other"}, headers={"X-API-Key": other},
    )  # fmt: skip
    assert error_of(body, 400, grpc.StatusCode.INVALID_ARGUMENT).violated_fields == ["org_slug"]
    assert _plans(stack) == []
    assert (
        stack.app.warehouse.select("small_other_local", PLANS_TABLE, [Eq("provider", "notion")])
        == []
    )
    same = HTTP.post(
        f"{stack.url}/api/v1/subscriptions/{ORG}/providers/notion/plans",
        json={**plan, "org_slug": ORG}, headers=key,
    )  # fmt: skip
    assert same.status_code == 200, same.text


@pytest.mark.parametrize("param", ["org_slug", "orgSlug"])
def test_an_empty_query_org_slug_is_refused_not_read_as_every_org(
    stack: Stack, key: dict[str, str], param: str
) -> None:
    """An empty slug once skipped the org checks, and ListRuns read "" as every org's runs."""
    other_org = f"small_runs_{param.lower()}"
    stack.onboard(other_org)
    run = organizations_pb2_grpc.OrganizationsServiceStub(stack.channel).ReservePipelineRun(
        organizations_pb2.ReservePipelineRunRequest(org_slug=other_org,
                                                    pipeline_id="other_only_pipe"),
        metadata=stack.root_metadata,
    )  # fmt: skip
    assert run.run_id
    reply = HTTP.get(f"{stack.url}/api/v1/pipelines/{ORG}/runs", params={param: ""}, headers=key)
    assert error_of(reply, 400, grpc.StatusCode.INVALID_ARGUMENT).violated_fields == ["org_slug"]
    assert "other_only_pipe" not in reply.text


@pytest.mark.parametrize("name", ["   ", "\t", " \n "])
def test_whitespace_only_names_are_400(stack: Stack, key: dict[str, str], name: str) -> None:
    saas = HTTP.post(
        f"{stack.url}/api/v1/subscriptions/{ORG}/providers/notion/plans",
        json={"plan_name": name, "unit_price": 8, "effective_date": "2026-02-01"}, headers=key,
    )  # fmt: skip
    assert error_of(saas, 400, grpc.StatusCode.INVALID_ARGUMENT).violated_fields == ["plan_name"]
    org_plan = HTTP.put(
        f"{stack.url}/api/v1/organizations/{ORG}/subscription", json={"plan_name": name},
        headers=stack.root_headers,
    )  # fmt: skip
    assert "plan_name" in error_of(org_plan, 400, grpc.StatusCode.INVALID_ARGUMENT).violated_fields
    llm = HTTP.post(
        f"{stack.url}/api/v1/integrations/{ORG}/openai/subscriptions",
        json={"subscription_name": "team", "plan_name": name, "monthly_cost": 20,
              "start_date": "2026-01-01"},
        headers=key,
    )  # fmt: skip
    assert llm.status_code == 400, llm.text
    assert all(p["plan_name"] != "" for p in _plans(stack))
    sub = HTTP.get(f"{stack.url}/api/v1/organizations/{ORG}/subscription", headers=key)
    assert sub.json()["plan_name"].strip()


def test_oversize_body_is_413_and_oversize_headers_431_in_the_json_shape(
    stack: Stack, key: dict[str, str]
) -> None:
    big = b'{"plan_name": "BIG", "unit_price": 8, "effective_date": "2026-01-01", "notes": "'
    big += b"x" * (10 * 1024 * 1024) + b'"}'
    reply = HTTP.post(
        f"{stack.url}/api/v1/subscriptions/{ORG}/providers/notion/plans",
        content=big, headers={**key, "content-type": "application/json"},
    )  # fmt: skip
    error = error_of(reply, 413, grpc.StatusCode.INVALID_ARGUMENT)
    assert error.details["ErrorInfo"]["metadata"]["part"] == "body"
    assert all(p["plan_name"] != "BIG" for p in _plans(stack))
    headers = HTTP.get(
        f"{stack.url}/api/v1/organizations/{ORG}", headers={**key, "x-padding": "a" * 100_000}
    )
    error = error_of(headers, 431, grpc.StatusCode.INVALID_ARGUMENT)
    assert error.details["ErrorInfo"]["metadata"]["part"] == "headers"


def test_driver_error_text_never_reaches_callers(stack: Stack) -> None:
    with pytest.raises(NotFound) as missing:
        stack.app.warehouse.select("organizations", "no_such_table")
    assert "Catalog" not in missing.value.message
    with pytest.raises(InvalidArgument) as conversion:
        stack.app.warehouse.select("organizations", "org_profiles", [Eq("created_at", "soon")])
    assert "Conversion" not in conversion.value.message
    assert "soon" not in conversion.value.message


def test_the_public_port_ignores_a_callers_grpc_timeout(stack: Stack) -> None:
    slug = "timeout_org"
    reply = HTTP.post(
        f"{stack.url}/api/v1/organizations/onboard",
        json={"org_slug": slug, "company_name": "Timeout Co", "admin_email": "fin@timeout.example"},
        headers={**stack.root_headers, "grpc-timeout": "1n"},
    )
    assert reply.status_code == 200, reply.text
    got = HTTP.get(
        f"{stack.url}/api/v1/organizations/{slug}", headers={"X-API-Key": reply.json()["api_key"]}
    )
    assert got.status_code == 200 and got.json()["status"] == "ACTIVE"


def test_reflection_and_metrics_are_closed_on_the_public_port(stack: Stack) -> None:
    public = stack.url.removeprefix("http://")
    listed = subprocess.run(
        [GRPCURL, "-plaintext", public, "list"], capture_output=True, text=True, timeout=60
    )
    assert listed.returncode != 0
    assert "PermissionDenied" in listed.stderr and "gRPC port only" in listed.stderr
    assert "cloudact.v1" not in listed.stdout
    direct = subprocess.run(
        [GRPCURL, "-plaintext", f"127.0.0.1:{stack.grpc_port}", "list"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "cloudact.v1.CostsService" in direct.stdout
    rest = HTTP.post(f"{stack.url}/grpc.reflection.v1.ServerReflection/ServerReflectionInfo")
    assert rest.status_code in (403, 404) and rest.json()["code"] in (5, 7)
    metrics = HTTP.get(f"{stack.url}/metrics")
    assert metrics.status_code == 404
    assert "grpc_server_handled_total" not in metrics.text
    scraped = HTTP.get(f"http://127.0.0.1:{stack.metrics_port}/metrics")
    assert "grpc_server_handled_total" in scraped.text


def test_duplicate_api_key_headers_are_refused(stack: Stack, key: dict[str, str]) -> None:
    other = stack.onboard("small_dup")
    reply = HTTP.get(
        f"{stack.url}/api/v1/organizations/small_dup",
        headers=[("X-API-Key", key["X-API-Key"]), ("X-API-Key", other)],
    )
    assert error_of(reply, 400, grpc.StatusCode.INVALID_ARGUMENT).violated_fields == ["x-api-key"]


def test_the_duckdb_file_is_the_owners_alone(stack: Stack) -> None:
    path = Path(stack.app.warehouse._root.execute("PRAGMA database_list").fetchall()[0][2])  # type: ignore[attr-defined]
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_lost_master_key_with_stored_credentials_refuses_to_start(
    settings: Settings, root_key: str, tmp_path: Path
) -> None:
    local = dataclasses.replace(
        settings,
        environment=Environment.DEVELOPMENT,
        data_dir=tmp_path,
        warehouse=WarehouseKind.DUCKDB,
        duckdb_path=str(tmp_path / "cloudact.duckdb"),
        master_key_file=tmp_path / "master-key.json",
        metrics_port=free_port(),
    )
    root = (("x-ca-root-key", root_key),)
    app = build_app(local)
    try:
        port = app.server.start("127.0.0.1", 0)
        with grpc.insecure_channel(f"127.0.0.1:{port}") as chan:
            admin_pb2_grpc.AdminServiceStub(chan).Bootstrap(
                admin_pb2.BootstrapRequest(), metadata=root
            )
            reply = organizations_pb2_grpc.OrganizationsServiceStub(chan).OnboardOrganization(
                organizations_pb2.OnboardOrganizationRequest(
                    org_slug="keyed", company_name="Keyed Co", admin_email="fin@keyed.example"
                ),
                metadata=root,
            )
            integrations_pb2_grpc.IntegrationsServiceStub(chan).SetupIntegration(
                integrations_pb2.SetupIntegrationRequest(
                    org_slug="keyed", provider="openai", api_key="sk-" + "x" * 40,
                    skip_validation=True,
                ),
                metadata=(("x-api-key", reply.api_key),),
            )  # fmt: skip
    finally:
        app.server.stop(0)
        app.close()
    local.master_key_file.unlink()
    with pytest.raises(ConfigError, match="master key file"):
        build_app(local)
    assert not local.master_key_file.exists()


@pytest.mark.slow  # a year of demo data through Envoy
def test_a_rest_export_above_one_mib_is_served(stack: Stack) -> None:
    report = run_demo(
        url=stack.url, grpc_target=f"127.0.0.1:{stack.grpc_port}", key=stack.root_key,
        org="export_org", rows=20_000, days=365,
    )  # fmt: skip
    reply = HTTP.get(
        f"{stack.url}/api/v1/costs/export_org/export",
        params={"format": "csv", "start_date": report.start.isoformat(),
                "end_date": report.end.isoformat()},
        headers={"X-API-Key": stack.dev_key("export_org")},
    )  # fmt: skip
    assert reply.status_code == 200, reply.text[:300]
    assert len(reply.content) > 2 * 1024 * 1024
    assert reply.text.count("\n") > 20_000  # the header, the 20,000 rows and the SaaS rows

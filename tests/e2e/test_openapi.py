"""The OpenAPI document: generated from the protos, committed, served through Envoy, valid."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from cloudact_grpc.openapi.__main__ import render
from tests.support.envoy import EnvoyProcess
from tests.support.orgs import bootstrap, onboard

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "gen" / "openapi.json"


@pytest.fixture(scope="module")
def document() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(COMMITTED.read_text())
    return loaded


def test_committed_document_matches_the_protos(tmp_path: Path) -> None:
    """Drift check: the descriptor built from protos/ now renders the committed document."""
    deps = ROOT / "build" / "proto_deps"
    protos = sorted(str(p.relative_to(ROOT / "protos")) for p in (ROOT / "protos").rglob("*.proto"))
    descriptor = tmp_path / "now.binpb"
    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", "-I", str(ROOT / "protos"), "-I", str(deps),
         "--include_imports", "--include_source_info", f"--descriptor_set_out={descriptor}",
         *protos, "google/rpc/error_details.proto", "google/rpc/status.proto"],
        check=True, cwd=ROOT,
    )  # fmt: skip
    assert render(descriptor) == COMMITTED.read_text(), "run `make gen` and commit gen/openapi.json"


def test_document_is_valid_openapi(document: dict[str, object]) -> None:
    validate(document)  # raises on any violation of the OpenAPI 3.0 schema


def test_every_contract_route_is_documented(document: dict[str, object]) -> None:
    paths = document["paths"]
    assert isinstance(paths, dict)
    documented = {(verb.upper(), path) for path, ops in paths.items() for verb in ops}
    wanted = set()
    for line in (ROOT / "tests" / "contract" / "routes.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            verb, path = line.split()
            wanted.add((verb, path))
    missing = {
        (verb, path)
        for verb, path in wanted
        if not any(v == verb and _same_template(p, path) for v, p in documented)
    }
    assert missing == set()
    internal = [p for p in paths if "ReservePipelineRun" in json.dumps(paths[p])]
    assert internal == []


def _same_template(documented: str, contract: str) -> bool:
    a, b = documented.split("/"), contract.split("/")
    return len(a) == len(b) and all(
        x == y or (x.startswith("{") and y.startswith("{")) for x, y in zip(a, b, strict=True)
    )


def test_served_through_envoy(envoy: EnvoyProcess, document: dict[str, object]) -> None:
    response = httpx.get(f"{envoy.base_url}/openapi.json", timeout=10)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == document


def test_real_error_bodies_match_the_error_schema(
    envoy: EnvoyProcess, document: dict[str, object]
) -> None:
    components = document["components"]
    assert isinstance(components, dict)
    validator = OAS30Validator(components["schemas"]["Error"])
    unauthenticated = httpx.get(f"{envoy.base_url}/api/v1/organizations/acme_co", timeout=10)
    unknown_route = httpx.get(f"{envoy.base_url}/api/v1/no/such/route", timeout=10)
    assert (unauthenticated.status_code, unknown_route.status_code) == (401, 404)
    for body in (unauthenticated.json(), unknown_route.json()):
        validator.validate(body)
        assert body["details"][0]["@type"] == "type.googleapis.com/google.rpc.ErrorInfo"
    broken = {"code": "not an int", "message": "x", "details": []}
    assert not OAS30Validator(components["schemas"]["Error"]).is_valid(broken)


def test_access_levels_become_security_requirements(document: dict[str, object]) -> None:
    paths = document["paths"]
    assert isinstance(paths, dict)
    assert paths["/health"]["get"]["security"] == []
    assert paths["/api/v1/admin/bootstrap"]["post"]["security"] == [{"RootKey": []}]
    assert paths["/api/v1/organizations/{org_slug}/quota"]["get"]["security"] == [
        {"ApiKey": []},
        {"RootKey": []},
    ]


def _response_schema(document: dict[str, Any], path: str) -> dict[str, Any]:
    ok = document["paths"][path]["get"]["responses"]["200"]
    ref = ok["content"]["application/json"]["schema"]
    return {**ref, "components": document["components"]}


def test_real_success_bodies_match_their_schemas(
    envoy: EnvoyProcess,
    channel: grpc.Channel,
    root_metadata: tuple[tuple[str, str], ...],
    document: dict[str, Any],
) -> None:
    """Empty lists, maps and zero values are printed as the document says (required fields)."""
    bootstrap(channel, root_metadata)
    org, key = onboard(channel, root_metadata, prefix="oas")
    headers = {"X-API-Key": key}
    checked = 0
    for path, url in (
        ("/health", "/health"),
        ("/api/v1/costs/{org_slug}", f"/api/v1/costs/{org}"),
        ("/api/v1/integrations/{org_slug}", f"/api/v1/integrations/{org}"),
        ("/api/v1/organizations/{org_slug}/quota", f"/api/v1/organizations/{org}/quota"),
        ("/api/v1/subscriptions/{org_slug}/providers", f"/api/v1/subscriptions/{org}/providers"),
    ):
        response = httpx.get(f"{envoy.base_url}{url}", headers=headers, timeout=30)
        assert response.status_code == 200, (url, response.text)
        OAS30Validator(_response_schema(document, path)).validate(response.json())
        checked += 1
    assert checked == 5
    empty = httpx.get(f"{envoy.base_url}/api/v1/costs/{org}", headers=headers, timeout=30).json()
    assert empty["costs"] == []  # a repeated message field is printed even when empty

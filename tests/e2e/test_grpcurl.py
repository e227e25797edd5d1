"""Operators' door: the real grpcurl binary against server reflection."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import RunningServer

GRPCURL = str(Path(sys.executable).parent / "grpcurl")


def _grpcurl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [GRPCURL, "-plaintext", *args], capture_output=True, text=True, timeout=30
    )


def test_list_shows_our_services_health_and_reflection(server: RunningServer) -> None:
    listed = set(_grpcurl(server.target, "list").stdout.split())
    assert listed >= {
        "cloudact.v1.AdminService",
        "cloudact.v1.OrganizationsService",
        "cloudact.v1.IntegrationsService",
        "cloudact.v1.SubscriptionsService",
        "cloudact.v1.CostsService",
        "grpc.health.v1.Health",
        "grpc.reflection.v1alpha.ServerReflection",
    }


def test_describe_a_service(server: RunningServer) -> None:
    result = _grpcurl(server.target, "describe", "cloudact.v1.OrganizationsService")
    assert result.returncode == 0, result.stderr
    assert "rpc OnboardOrganization" in result.stdout
    assert "rpc ReservePipelineRun" in result.stdout


def test_call_with_root_key_reaches_the_servicer(server: RunningServer, root_key: str) -> None:
    result = _grpcurl(
        "-H", f"x-ca-root-key: {root_key}", "-d", "{}", server.target,
        "cloudact.v1.AdminService/Bootstrap",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert reply["status"] == "SUCCESS"
    assert reply.get("totalTables", reply.get("total_tables")) == 15, reply
    denied = _grpcurl(
        "-H", "x-ca-root-key: wrong", "-d", "{}", server.target,
        "cloudact.v1.AdminService/Bootstrap",
    )  # fmt: skip
    assert denied.returncode != 0
    assert "PermissionDenied" in denied.stderr
    assert "ROOT_KEY_INVALID" in denied.stderr


def test_describe_a_method_prints_its_proto_comment(server: RunningServer) -> None:
    result = _grpcurl(
        server.target, "describe", "cloudact.v1.OrganizationsService.OnboardOrganization"
    )
    assert result.returncode == 0, result.stderr
    assert "is a method:" in result.stdout
    assert "rpc OnboardOrganization ( .cloudact.v1.OnboardOrganizationRequest )" in result.stdout
    assert "// Onboards an organization: profile, API key, subscription" in result.stdout


def test_describe_a_message_shows_field_comments(server: RunningServer) -> None:
    result = _grpcurl(server.target, "describe", "cloudact.v1.OnboardOrganizationRequest")
    assert result.returncode == 0, result.stderr
    assert "string org_slug = 1" in result.stdout
    assert result.stdout.count("//") >= 3, result.stdout


def test_describe_health_and_an_unknown_symbol(server: RunningServer) -> None:
    health = _grpcurl(server.target, "describe", "grpc.health.v1.Health.Check")
    assert health.returncode == 0, health.stderr
    assert "rpc Check ( .grpc.health.v1.HealthCheckRequest )" in health.stdout
    missing = _grpcurl(server.target, "describe", "cloudact.v1.NoSuchService")
    assert missing.returncode != 0
    assert "Symbol not found" in missing.stderr

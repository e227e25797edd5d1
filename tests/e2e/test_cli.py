"""The ``cloudact`` console script (installed by make install) against the running server."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
from cloudact.v1 import costs_pb2, costs_pb2_grpc, organizations_pb2, organizations_pb2_grpc

from cloudact_grpc.demo.__main__ import load_rows
from cloudact_grpc.demo.focus import DemoSpec, generate
from tests.conftest import RunningServer
from tests.support.orgs import code_of

CLOUDACT = str(Path(sys.executable).parent / "cloudact")

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Cli:
    """Runs ``cloudact --grpc <server> ...`` with the root key in the environment."""

    target: str
    env: dict[str, str]
    workdir: Path

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [CLOUDACT, "--grpc", self.target, *args],
            capture_output=True, text=True, timeout=120, env=self.env, cwd=self.workdir,
        )  # fmt: skip


@pytest.fixture(scope="module")
def cli(server: RunningServer, root_key: str, tmp_path_factory: pytest.TempPathFactory) -> Cli:
    workdir = tmp_path_factory.mktemp("cli")
    env = {**os.environ, "CA_ROOT_API_KEY": root_key, "CLOUDACT_DATA_DIR": str(workdir)}
    return Cli(server.target, env, workdir)


def _org_call(channel: grpc.Channel, org: str, key: str) -> grpc.StatusCode:
    stub = organizations_pb2_grpc.OrganizationsServiceStub(channel)
    request = organizations_pb2.GetOrganizationRequest(org_slug=org)
    return code_of(lambda: stub.GetOrganization(request, metadata=(("x-api-key", key),)))


def test_operator_flow(cli: Cli, channel: grpc.Channel, root_key: str) -> None:
    assert cli("bootstrap").returncode == 0
    org = f"cli_{uuid.uuid4().hex[:8]}"
    onboarded = cli("onboard", org, "--company", "CLI Co", "--email", "ops@example.com")
    assert onboarded.returncode == 0, onboarded.stderr
    first_key = json.loads(onboarded.stdout)["api_key"]
    assert first_key.startswith("ca_")
    assert _org_call(channel, org, first_key) == grpc.StatusCode.OK

    again = cli("onboard", org, "--company", "CLI Co", "--email", "ops@example.com")
    assert again.returncode == 1
    assert "ALREADY_EXISTS" in again.stderr

    info = json.loads(cli("keys", "info", org).stdout)
    assert info["org_slug"] == org
    assert "api_key" not in info

    rotated = json.loads(cli("keys", "rotate", org).stdout)
    assert rotated["previous_key_revoked"] is True
    second_key = rotated["api_key"]
    assert second_key != first_key
    assert _org_call(channel, org, first_key) == grpc.StatusCode.UNAUTHENTICATED
    assert _org_call(channel, org, second_key) == grpc.StatusCode.OK

    revoked = cli("keys", "revoke", org)
    assert revoked.returncode == 0, revoked.stderr
    revoked_info = json.loads(revoked.stdout)
    assert "api_key" not in revoked_info  # the replacement key is never shown
    assert revoked_info["api_key_fingerprint"] != rotated["api_key_fingerprint"]
    assert _org_call(channel, org, second_key) == grpc.StatusCode.UNAUTHENTICATED

    quota = json.loads(cli("quota", org).stdout)
    assert quota["org_slug"] == org
    assert quota["pipelines_run_today"] == 0

    run_id = (
        organizations_pb2_grpc.OrganizationsServiceStub(channel)
        .ReservePipelineRun(
            organizations_pb2.ReservePipelineRunRequest(org_slug=org, pipeline_id="gcp_billing"),
            metadata=(("x-ca-root-key", root_key),),
        )
        .run_id
    )
    listed = json.loads(cli("runs", "list", "--org", org).stdout)
    assert [(r["run_id"], r["status"]) for r in listed["runs"]] == [(run_id, "RUNNING")]
    cancelled = cli("runs", "cancel", org, run_id, "--reason", "operator")
    assert cancelled.returncode == 0, cancelled.stderr
    assert json.loads(cancelled.stdout)["run"]["status"] == "CANCELLED"
    assert json.loads(cli("quota", org).stdout).get("concurrent_pipelines_running", 0) == 0

    rewrap = cli("rewrap", "--org", org, "--dry-run")
    assert rewrap.returncode == 0, rewrap.stderr
    assert json.loads(rewrap.stdout)["failed_count"] == 0


def test_export_download_and_notify(
    cli: Cli, server: RunningServer, channel: grpc.Channel, root_key: str
) -> None:
    cli("bootstrap")
    org = f"cli_{uuid.uuid4().hex[:8]}"
    assert cli("onboard", org, "--company", "Export Co", "--email", "x@example.com").returncode == 0
    table = generate(DemoSpec(rows=120, start=dt.date(2025, 3, 1), days=5, org_slug=org,
                              saas=False)).to_arrow()  # fmt: skip
    assert load_rows(server.target, root_key, org, table) == 120

    exported = cli("export", org, "--format", "csv", "--start", "2025-03-01", "--end",
                   "2025-03-05", "-o", "rows.csv")  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    answer = json.loads(exported.stdout)
    path = Path(cli.workdir) / "rows.csv"
    assert answer["path"] == "rows.csv"
    assert answer["bytes"] == path.stat().st_size
    assert answer["content_type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(path.read_text())))) == 120
    assert not list(Path(cli.workdir).glob("*.part"))

    notified = cli("notify-costs", org, "--start", "2025-03-01", "--end", "2025-03-05")
    assert notified.returncode == 0, notified.stderr
    assert set(json.loads(notified.stdout)) == {"forgotten_days", "dropped_results"}
    summary = costs_pb2_grpc.CostsServiceStub(channel).ListCosts(
        costs_pb2.ListCostsRequest(org_slug=org, start_date="2025-03-01", end_date="2025-03-05"),
        metadata=(("x-ca-root-key", root_key),),
    )
    assert summary.total_size == 120


def test_bad_input_is_refused_before_any_call(cli: Cli) -> None:
    bad_date = cli("notify-costs", "some_org", "--start", "2025-02-30")
    assert bad_date.returncode == 2
    assert "--start" in bad_date.stderr
    unknown = cli("quota", "no_such_org_here")
    assert unknown.returncode == 1
    assert "NOT_FOUND" in unknown.stderr

"""The cloudact-client wheel: built, installed into a fresh venv, used against a running server.

Also: ``mypy --strict`` (no project config) over the generated package and the facade, and
over a small program using the installed client.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import grpc
import pyarrow as pa
import pytest
from cloudact.v1 import (
    costs_pb2,
    costs_pb2_grpc,
    organizations_pb2,
    organizations_pb2_grpc,
)

from cloudact_grpc.demo.focus import DemoSpec, generate
from tests.conftest import RunningServer
from tests.support.orgs import bootstrap, onboard

ROOT = Path(__file__).resolve().parents[2]
UV = str(Path(sys.executable).parent / "uv")
EXAMPLE = ROOT / "client" / "examples" / "pipeline_run.py"
STRICT = "[mypy]\nstrict = True\n"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel() -> Path:
    built = subprocess.run(
        [shutil.which("make") or "make", "-s", "client"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    wheels = sorted((ROOT / "dist").glob("cloudact_client-*.whl"))
    assert len(wheels) == 1, wheels
    assert sorted((ROOT / "dist").glob("cloudact_client-*-descriptor.binpb"))
    return wheels[0]


@pytest.fixture(scope="module")
def fresh_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("client") / "venv"
    subprocess.run([UV, "venv", "-q", "--python", sys.executable, str(venv)], check=True)
    installed = subprocess.run(
        [UV, "pip", "install", "-q", "--python", str(venv / "bin" / "python"),
         f"{wheel}[arrow,typing]"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr[-3000:]
    return venv


def test_wheel_holds_a_typed_package_and_the_descriptor(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "cloudact/__init__.py", "cloudact/py.typed", "cloudact/v1/__init__.py",
        "cloudact/v1/costs_pb2.py", "cloudact/v1/costs_pb2.pyi", "cloudact/v1/costs_pb2_grpc.pyi",
        "cloudact/v1/cloudact.binpb", "cloudact_client/py.typed", "cloudact_client/pipeline.py",
    } <= names  # fmt: skip
    stub = zipfile.ZipFile(wheel).read("cloudact/v1/organizations_pb2.pyi").decode()
    assert "Onboarding outcome; the only time the API key is shown." in stub  # field docs


def test_generated_package_is_clean_under_strict_mypy(
    wheel: Path, fresh_venv: Path, tmp_path: Path
) -> None:
    config = tmp_path / "mypy.ini"
    config.write_text(STRICT)
    site = tmp_path / "unpacked"  # the wheel's files as sources, so mypy reports their errors
    zipfile.ZipFile(wheel).extractall(site)
    checked = subprocess.run(
        [str(fresh_venv / "bin" / "mypy"), "--config-file", str(config),
         "-p", "cloudact", "-p", "cloudact_client"],
        capture_output=True, text=True, timeout=600, cwd=site,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout[-3000:]
    program = subprocess.run(
        [str(fresh_venv / "bin" / "mypy"), "--config-file", str(config), str(EXAMPLE)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )  # fmt: skip
    assert program.returncode == 0, program.stdout[-3000:]
    assert "Success" in program.stdout


def test_strict_mypy_catches_a_misuse(fresh_venv: Path, tmp_path: Path) -> None:
    config = tmp_path / "mypy.ini"
    config.write_text(STRICT)
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "from cloudact_client import PipelineClient\n"
        "def f(c: PipelineClient) -> str:\n"
        "    return c.reserve_pipeline_run('org', 7).quota\n"
    )
    checked = subprocess.run(
        [str(fresh_venv / "bin" / "mypy"), "--config-file", str(config), str(wrong)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )  # fmt: skip
    assert checked.returncode == 1
    assert 'Argument 2 to "reserve_pipeline_run"' in checked.stdout
    assert "Incompatible return value type" in checked.stdout


def test_installed_client_runs_a_pipeline_against_the_server(
    fresh_venv: Path,
    server: RunningServer,
    channel: grpc.Channel,
    root_key: str,
    root_metadata: tuple[tuple[str, str], ...],
    tmp_path: Path,
) -> None:
    bootstrap(channel, root_metadata)
    org, _ = onboard(channel, root_metadata, prefix="client")
    spec = DemoSpec(rows=60, start=dt.date(2025, 1, 1), days=10, org_slug=org, saas=False)
    table = generate(spec).to_arrow()
    rows_path = tmp_path / "rows.arrow"
    with pa.OSFile(str(rows_path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    python = shutil.which("python", path=str(fresh_venv / "bin"))
    assert python is not None
    ran = subprocess.run(
        [python, str(EXAMPLE), server.target, root_key, org, str(rows_path)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr[-3000:]
    report = json.loads(ran.stdout)
    assert report["run_id"]
    assert report["replayed_run_id"] == report["run_id"]  # the retry key replays, one run
    assert report["completed_run_id"] == report["run_id"]
    assert report["inserted"] == 60
    listed = costs_pb2_grpc.CostsServiceStub(channel).ListCosts(
        costs_pb2.ListCostsRequest(org_slug=org, start_date="2025-01-01", end_date="2025-01-10",
                                   page_size=1000),
        metadata=root_metadata,
    )  # fmt: skip
    assert listed.total_size == 60
    quota = organizations_pb2_grpc.OrganizationsServiceStub(channel).GetQuota(
        organizations_pb2.GetQuotaRequest(org_slug=org), metadata=root_metadata
    )
    assert quota.pipelines_run_today == 1

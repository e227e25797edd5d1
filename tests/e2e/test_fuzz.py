"""Schemathesis against the whole stack through Envoy, driven by the generated OpenAPI document.

Every documented operation, with the root key (it reaches every org route), in positive mode
(valid data) and negative mode (data the document forbids, which must be refused with a 4xx).
CI runs a small budget; ``make fuzz`` sets ``CLOUDACT_FUZZ_EXAMPLES`` for a long run. Checks: no
server error (5xx), status codes, content types and bodies as the document says.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cloudact_grpc.config import Environment, Settings
from tests.support.stack import RunningStack, fresh_settings, serve

ROOT = Path(__file__).resolve().parents[2]
SCHEMATHESIS = str(Path(sys.executable).parent / "schemathesis")
EXAMPLES = int(os.environ.get("CLOUDACT_FUZZ_EXAMPLES", "8"))
CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance"
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def fuzz_stack(
    settings: Settings, root_key: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningStack]:
    """A stack of its own (fuzzing onboards, deletes and re-bootstraps), bootstrapped, one org."""
    workdir = tmp_path_factory.mktemp("fuzz")
    fuzz_settings = fresh_settings(
        settings, workdir, environment=Environment.TEST, rate_limit_enabled=False
    )
    with serve(fuzz_settings) as served:
        stack = RunningStack(served.app, served.channel, served.envoy, root_key)
        stack.onboard("fuzz_org", "Fuzz", "a@example.com", plan="FREE")
        yield stack


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_schemathesis_finds_no_server_error(
    fuzz_stack: RunningStack, tmp_path: Path, mode: str
) -> None:
    """Positive: valid requests get documented answers. Negative: invalid ones are refused (4xx)."""
    report = tmp_path / "report.json"
    result = subprocess.run(
        [SCHEMATHESIS, "run", str(ROOT / "gen" / "openapi.json"),
         "--url", fuzz_stack.envoy.base_url,
         "-H", f"X-CA-Root-Key: {fuzz_stack.root_key}",
         "--checks", CHECKS + (",negative_data_rejection" if mode == "negative" else ""),
         "--mode", mode, "--phases", "examples,fuzzing",
         "--max-examples", str(EXAMPLES), "--seed", "15", "--workers", "2",
         "--generation-database", "none", "--request-timeout", "30",
         "--suppress-health-check", "all", "--no-color",
         "--report", "json", "--report-json-path", str(report)],
        capture_output=True, text=True, timeout=1800, cwd=tmp_path,
    )  # fmt: skip
    summary = result.stdout[-6000:]
    assert result.returncode == 0, summary
    assert "passed" in summary.lower(), summary
    if report.exists():
        print(json.dumps(json.loads(report.read_text()).get("summary", {}), indent=1))
    print(summary)

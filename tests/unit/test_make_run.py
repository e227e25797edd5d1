"""``make run`` on a fresh machine needs no root: apt's Redis only for several replicas."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAKE = shutil.which("make") or "make"


def _planned(target: str, **env: str) -> str:
    """What ``make -n target`` would run (nothing runs)."""
    environment = {k: v for k, v in os.environ.items() if k != "CLOUDACT_REPLICAS"} | env
    done = subprocess.run(
        [MAKE, "-n", target], cwd=ROOT, env=environment, capture_output=True, text=True,
        timeout=30, check=True,
    )  # fmt: skip
    return done.stdout


@pytest.mark.parametrize("target", ["run", "run-bq"])
def test_one_replica_installs_no_redis(target: str) -> None:
    assert "redis-server" not in _planned(target)
    assert "redis-server" not in _planned(target, CLOUDACT_REPLICAS="1")


def test_several_replicas_install_redis() -> None:
    assert "apt-get install -y -qq redis-server" in _planned("run", CLOUDACT_REPLICAS="3")


def test_without_npm_make_run_serves_without_the_docs_page(tmp_path: Path) -> None:
    """npm fetches Swagger UI for /docs only; a machine without it still runs the service."""
    done = subprocess.run(
        [MAKE, "docs-if-npm"], cwd=ROOT, env={"PATH": str(tmp_path)}, capture_output=True,
        text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "npm not found: serving without the /docs page" in done.stdout

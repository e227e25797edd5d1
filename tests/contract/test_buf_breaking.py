"""``make breaking``: buf breaking against a copy of the protos passes and fails on a break."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUF = str(Path(sys.executable).parent / "buf")


def _against(tmp_path: Path) -> Path:
    base = tmp_path / "against"
    shutil.copytree(ROOT / "protos", base / "protos")
    shutil.copy(ROOT / "buf.yaml", base / "buf.yaml")
    shutil.copytree(ROOT / "build" / "proto_deps", base / "build" / "proto_deps")
    return base


def _breaking(against: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BUF, "breaking", "--against", str(against)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip


def test_same_protos_pass(tmp_path: Path) -> None:
    result = _breaking(_against(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_changed_field_type_fails(tmp_path: Path) -> None:
    base = _against(tmp_path)
    admin = base / "protos" / "cloudact" / "v1" / "admin.proto"
    text = admin.read_text()
    assert "bool force_recreate_tables = 1" in text
    admin.write_text(
        text.replace("bool force_recreate_tables = 1", "int32 force_recreate_tables = 1")
    )
    result = _breaking(base)
    assert result.returncode == 100, result.stdout + result.stderr
    assert (
        'name "force_recreate_tables" on message "BootstrapRequest" changed type' in result.stdout
    )

"""The layers stay visible: domain, services and analytics import no transport and no driver."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "cloudact_grpc"
INNER_LAYERS = ("domain", "services", "analytics")
FORBIDDEN = ("grpc", "grpc_status", "grpc_interceptor", "cloudact.v1", "google.protobuf",
             "google.rpc", "duckdb", "google.cloud", "cloudact_grpc.api",
             "cloudact_grpc.adapters")  # fmt: skip


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _files() -> list[Path]:
    return sorted(p for layer in INNER_LAYERS for p in (PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_inner_layers_import_no_transport_or_driver(path: Path) -> None:
    bad = sorted(
        name
        for name in _imports(path)
        if any(name == f or name.startswith(f"{f}.") for f in FORBIDDEN)
    )
    assert bad == []


def test_only_config_reads_the_environment() -> None:
    readers = sorted(
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "os.environ" in p.read_text() or "getenv(" in p.read_text()
    )
    assert readers == ["config.py"]

"""The layers stay visible: domain, services and analytics import no transport and no driver;
only ``services/orgs/tables.py`` spells a table name."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from cloudact_grpc.services.orgs import tables

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


# ---- table names have one owner ------------------------------------------------------------

OWNER = PACKAGE / "services" / "orgs" / "tables.py"
SCHEMAS = PACKAGE.parent / "configs" / "schemas"


def _schema_tables(file: str) -> list[str]:
    return [str(t["name"]) for t in yaml.safe_load((SCHEMAS / file).read_text())["tables"]]


CENTRAL_TABLES = _schema_tables("organizations.yaml")
ORG_TABLES = _schema_tables("org_dataset.yaml")
_NAMES = "|".join(sorted(CENTRAL_TABLES + ORG_TABLES, key=len, reverse=True))
_SQL = re.compile(rf"\b(FROM|JOIN|INTO|UPDATE|TABLE)\s+[\w.`{{}}]*\b({_NAMES})\b")


def _text(node: ast.AST) -> str | None:
    """A string literal's text; an f-string's with ``{}`` for its fields."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def _table_literals(path: Path) -> list[str]:
    """String literals that name a table, alone or in SQL text (docstrings left out)."""
    names = set(CENTRAL_TABLES + ORG_TABLES)
    tree = ast.parse(path.read_text())
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and n.body
        and isinstance(n.body[0], ast.Expr)
    }
    found = []
    for node in ast.walk(tree):
        text = _text(node)
        if text is not None and id(node) not in docstrings and (text in names or _SQL.search(text)):
            found.append(f"{getattr(node, 'lineno', 0)}: {text[:60]!r}")
    return found


@pytest.mark.parametrize(
    "path",
    sorted(p for p in PACKAGE.rglob("*.py") if p != OWNER),
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_only_the_owner_spells_table_names(path: Path) -> None:
    """Services (and every other module) read table names from ``services/orgs/tables.py``."""
    assert _table_literals(path) == []


def test_the_owner_names_exactly_the_schema_tables() -> None:
    assert list(tables.CENTRAL) == CENTRAL_TABLES
    assert list(tables.PER_ORG) == ORG_TABLES
    assert _table_literals(OWNER)  # the check can fail: the owner's own literals are found


def test_the_table_check_sees_sql_and_bare_names(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'A = "org_profiles"\nB = f"SELECT 1 FROM `{ds}.budgets` WHERE x"\n'
        'C = "org_profiles.status is not text"\nD = "budgets over time"\n'
    )
    assert [hit.split(":")[0] for hit in _table_literals(sample)] == ["1", "2"]

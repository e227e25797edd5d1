"""Table schemas as data: load ``configs/schemas/*.yaml`` into the port's ``TableSchema`` objects.

File shape::

    dataset: organizations          # informational; per-org files use a template name
    tables:
      - name: org_profiles
        description: ...
        partition_field: created_at # optional, DATE or TIMESTAMP column (DAY partitioning)
        clustering_fields: [org_slug]
        columns:
          - {name: org_slug, type: STRING, mode: REQUIRED, description: ...}

Unknown keys, unknown types or modes and bad identifiers raise ``ConfigError`` naming the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from cloudact_grpc.adapters.yaml_file import YAMLError, read_yaml
from cloudact_grpc.config import ConfigError
from cloudact_grpc.domain.errors import InvalidArgument
from cloudact_grpc.ports.warehouse import Column, ColumnType, Mode, TableSchema

CENTRAL_FILE = "organizations.yaml"
ORG_FILE = "org_dataset.yaml"
_TABLE_KEYS = {"name", "description", "partition_field", "clustering_fields", "columns"}
_COLUMN_KEYS = {"name", "type", "mode", "description"}


def load_schema_file(path: Path) -> tuple[TableSchema, ...]:
    """All tables of one YAML file, validated, in file order."""
    try:
        doc = read_yaml(path)
    except (OSError, YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read schema file: {exc}") from exc
    if not isinstance(doc, Mapping) or not isinstance(doc.get("tables"), list):
        raise ConfigError(f"{path}: expected a mapping with a 'tables' list")
    tables = tuple(_table(path, raw) for raw in doc["tables"])
    names = [t.name for t in tables]
    if len(set(names)) != len(names):
        raise ConfigError(f"{path}: duplicate table names")
    return tables


def central_tables(config_dir: Path) -> tuple[TableSchema, ...]:
    """Load the central tables of dataset ``organizations``."""
    return load_schema_file(config_dir / "schemas" / CENTRAL_FILE)


def org_tables(config_dir: Path) -> tuple[TableSchema, ...]:
    """Load the tables onboarding creates in each per-org dataset."""
    return load_schema_file(config_dir / "schemas" / ORG_FILE)


def _table(path: Path, raw: object) -> TableSchema:
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{path}: each table must be a mapping")
    name = raw.get("name")
    where = f"{path}: table {name!r}"
    unknown = set(raw) - _TABLE_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
    columns = raw.get("columns")
    if not isinstance(columns, list):
        raise ConfigError(f"{where}: 'columns' must be a list")
    clustering = raw.get("clustering_fields") or []
    if not isinstance(clustering, list) or not all(isinstance(c, str) for c in clustering):
        raise ConfigError(f"{where}: 'clustering_fields' must be a list of names")
    try:
        return TableSchema(
            name=str(name),
            columns=tuple(_column(where, c) for c in columns),
            partition_field=raw.get("partition_field"),
            clustering_fields=tuple(clustering),
            description=str(raw.get("description") or "").strip(),
        )
    except InvalidArgument as exc:
        raise ConfigError(f"{where}: {exc.message}") from exc


def _column(where: str, raw: object) -> Column:
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{where}: each column must be a mapping")
    unknown = set(raw) - _COLUMN_KEYS
    if unknown:
        raise ConfigError(f"{where}: column {raw.get('name')!r} has unknown keys {sorted(unknown)}")
    try:
        kind = ColumnType(str(raw.get("type")))
        mode = Mode(str(raw.get("mode", "NULLABLE")))
    except ValueError as exc:
        raise ConfigError(f"{where}: column {raw.get('name')!r}: {exc}") from exc
    return Column(
        name=str(raw.get("name")),
        type=kind,
        mode=mode,
        description=str(raw.get("description") or "").strip(),
    )

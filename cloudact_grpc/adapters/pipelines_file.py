"""Load the pipeline catalogue from ``configs/pipelines.yaml``."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from cloudact_grpc.adapters.yaml_file import YAMLError, read_yaml
from cloudact_grpc.config import ConfigError
from cloudact_grpc.domain.pipelines import CATEGORIES, AvailablePipeline

PIPELINES_FILE = "pipelines.yaml"
_KEYS = frozenset(f.name for f in fields(AvailablePipeline))


def load_pipelines(config_dir: Path) -> tuple[AvailablePipeline, ...]:
    """Parse ``{config_dir}/pipelines.yaml``; ``ConfigError`` naming the file on any problem."""
    path = config_dir / PIPELINES_FILE
    try:
        doc = read_yaml(path)
        out = []
        for raw in doc["pipelines"]:
            if set(raw) != _KEYS:
                raise ValueError(f"pipeline {raw.get('id')}: keys must be {sorted(_KEYS)}")
            if raw["category"] not in CATEGORIES:
                raise ValueError(f"pipeline {raw['id']}: category must be one of {CATEGORIES}")
            if not isinstance(raw["enabled"], bool):
                raise ValueError(f"pipeline {raw['id']}: enabled must be true or false")
            text = {k: str(raw[k]) for k in _KEYS - {"enabled"}}
            out.append(AvailablePipeline(enabled=raw["enabled"], **text))
        if len({p.id for p in out}) != len(out):
            raise ValueError("pipeline ids must be unique")
        return tuple(out)
    except (OSError, YAMLError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc

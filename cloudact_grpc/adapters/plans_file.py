"""Load the plan catalogue from ``configs/plans.yaml``."""

from __future__ import annotations

from pathlib import Path

from cloudact_grpc.adapters.yaml_file import YAMLError, read_yaml
from cloudact_grpc.config import ConfigError
from cloudact_grpc.domain.plans import Limits, Plan, PlanCatalogue

PLANS_FILE = "plans.yaml"
_LIMITS = ("daily_limit", "monthly_limit", "concurrent_limit", "seat_limit", "providers_limit")


def load_plans(config_dir: Path) -> PlanCatalogue:
    """Parse ``{config_dir}/plans.yaml``; ``ConfigError`` naming the file on any problem."""
    path = config_dir / PLANS_FILE
    try:
        doc = read_yaml(path)
        plans = []
        for raw in doc["plans"]:
            unknown = set(raw) - {"name", "aliases", *_LIMITS}
            if unknown:
                raise ValueError(f"unknown keys {sorted(unknown)}")
            values = {k: raw[k] for k in _LIMITS}
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in values.values()):
                raise ValueError(f"plan {raw['name']}: limits must be integers")
            plans.append(
                Plan(
                    name=str(raw["name"]).upper(),
                    aliases=tuple(str(a).upper() for a in raw.get("aliases") or ()),
                    limits=Limits(**values),
                )
            )
        return PlanCatalogue(tuple(plans), str(doc["default_plan"]).upper())
    except (OSError, YAMLError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc

"""Load default LLM prices from ``seeds/llm_pricing.yaml``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from cloudact_grpc.adapters.yaml_file import YAMLError, read_yaml
from cloudact_grpc.config import ConfigError
from cloudact_grpc.domain.seed_prices import SeedPrice

SEEDS_FILE = Path("seeds") / "llm_pricing.yaml"


def load_seed_prices(path: Path = SEEDS_FILE) -> tuple[SeedPrice, ...]:
    """Parse the seed file; ``ConfigError`` naming it on any problem."""
    try:
        doc = read_yaml(path)
        day = dt.date.fromisoformat(str(doc["effective_date"]))
        currency = str(doc["currency"])

        def opt(raw: object) -> Decimal | None:
            return None if raw is None else Decimal(str(raw))

        return tuple(
            SeedPrice(
                provider,
                str(m["model_id"]),
                str(m["model_name"]),
                Decimal(str(m["input"])),
                Decimal(str(m["output"])),
                opt(m.get("cached_input")),
                opt(m.get("batch_input")),
                opt(m.get("batch_output")),
                currency,
                day,
            )
            for provider, models in doc["models"].items()
            for m in models
        )
    except (OSError, YAMLError, KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc

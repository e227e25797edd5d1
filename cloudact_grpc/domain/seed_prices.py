"""Default LLM model prices shipped in ``seeds/`` (a value object; loading is an adapter's job)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class SeedPrice:
    """One default model price (USD per 1 000 tokens)."""

    provider: str
    model_id: str
    model_name: str
    input: Decimal
    output: Decimal
    cached_input: Decimal | None
    batch_input: Decimal | None
    batch_output: Decimal | None
    currency: str
    effective_date: dt.date

"""A budget: scope, amount in one currency, period layout and thresholds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from cloudact_grpc.domain.days import DayRange
from cloudact_grpc.services.budgets.periods import PeriodType, period_holding

ACTUAL, FORECAST = "actual", "forecast"
BASES: Final = (ACTUAL, FORECAST)
# The frontend's category names ↔ the cost categories of the analytics.
FRONTEND_CATEGORIES: Final = {"cloud": "cloud", "genai": "llm", "subscription": "saas"}
COST_CATEGORIES: Final = {"cloud": "cloud", "llm": "genai", "saas": "subscription"}
TOTAL: Final = "total"


@dataclass(frozen=True, slots=True)
class Scope:
    """Which cost rows count: every non-empty selection must match."""

    providers: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # cost categories: cloud, llm, saas
    services: tuple[str, ...] = ()
    sub_accounts: tuple[str, ...] = ()
    tags: tuple[tuple[str, str], ...] = ()

    def as_json(self) -> dict[str, object]:
        """The stored JSON form."""
        return {
            "providers": list(self.providers),
            "categories": list(self.categories),
            "services": list(self.services),
            "sub_accounts": list(self.sub_accounts),
            "tags": dict(self.tags),
        }

    @classmethod
    def from_json(cls, data: object) -> Scope:
        """From the stored JSON form."""
        if not isinstance(data, dict):
            return cls()

        def strings(key: str) -> tuple[str, ...]:
            value = data.get(key) or []
            return tuple(str(v) for v in value) if isinstance(value, list) else ()

        tags = data.get("tags") or {}
        return cls(
            providers=strings("providers"),
            categories=strings("categories"),
            services=strings("services"),
            sub_accounts=strings("sub_accounts"),
            tags=tuple(sorted((str(k), str(v)) for k, v in tags.items()))
            if isinstance(tags, dict)
            else (),
        )


@dataclass(frozen=True, slots=True)
class Threshold:
    """Crossed when the basis reaches ``percent`` of the amount."""

    percent: Decimal
    basis: str = ACTUAL


@dataclass(frozen=True, slots=True)
class Budget:
    """One stored budget."""

    budget_id: str
    name: str
    hierarchy_entity_id: str
    hierarchy_entity_name: str
    hierarchy_path: str
    hierarchy_level_code: str
    category: str  # frontend name: cloud, genai, subscription, total
    amount: Decimal
    currency: str
    period_type: PeriodType
    period_start: dt.date
    period_end: dt.date | None
    provider: str
    notes: str
    is_active: bool
    scope: Scope
    thresholds: tuple[Threshold, ...]
    metric: str
    parent_budget_id: str
    allocation_percentage: Decimal
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    budget_type: str = field(default="monetary")

    def period(self, day: dt.date) -> DayRange | None:
        """The period holding ``day``, None outside the budget's span."""
        return period_holding(self.period_type, self.period_start, self.period_end, day)

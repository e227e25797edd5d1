"""Platform plans and their pipeline, seat and provider limits (from ``configs/plans.yaml``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cloudact_grpc.domain.errors import FieldViolation

# Bounds of the subscription limits (original-behaviour §4.7).
LIMIT_BOUNDS: dict[str, tuple[int, int]] = {
    "daily_limit": (1, 10_000),
    "monthly_limit": (1, 300_000),
    "concurrent_limit": (1, 100),
    "seat_limit": (1, 1_000),
    "providers_limit": (1, 100),
}


@dataclass(frozen=True, slots=True)
class Limits:
    """Pipeline, seat and provider limits of a subscription."""

    daily_limit: int
    monthly_limit: int
    concurrent_limit: int
    seat_limit: int
    providers_limit: int

    def violations(self) -> list[FieldViolation]:
        """Every limit outside its bounds, plus monthly < daily, named by field."""
        found = []
        for name, (low, high) in LIMIT_BOUNDS.items():
            value = getattr(self, name)
            if not low <= value <= high:
                found.append(FieldViolation(name, f"must be between {low} and {high}"))
        if self.monthly_limit < self.daily_limit:
            found.append(FieldViolation("monthly_limit", "must be at least the daily limit"))
        return found


@dataclass(frozen=True, slots=True)
class Plan:
    """One plan: canonical name, accepted aliases and default limits."""

    name: str
    aliases: tuple[str, ...]
    limits: Limits


@dataclass(frozen=True, slots=True)
class PlanCatalogue:
    """The known plans; lookups are case-insensitive and accept aliases."""

    plans: tuple[Plan, ...]
    default_plan: str

    def __post_init__(self) -> None:
        names = [n for p in self.plans for n in (p.name, *p.aliases)]
        if len(set(names)) != len(names):
            raise ValueError("plan names and aliases must be unique")
        for plan in self.plans:
            if plan.limits.violations():
                raise ValueError(f"plan {plan.name} has limits outside the accepted bounds")
        if self.find(self.default_plan) is None:
            raise ValueError(f"default plan {self.default_plan} is not in the catalogue")

    @property
    def names(self) -> Sequence[str]:
        """Canonical plan names."""
        return tuple(p.name for p in self.plans)

    def find(self, name: str) -> Plan | None:
        """The plan called ``name`` (any case, or an alias), or None."""
        wanted = name.strip().upper()
        for plan in self.plans:
            if wanted == plan.name or wanted in plan.aliases:
                return plan
        return None

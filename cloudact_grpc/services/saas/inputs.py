"""Request inputs of the plan service and their validation (violations name proto fields)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from cloudact_grpc.domain import dates
from cloudact_grpc.domain.errors import FieldViolation, InvalidArgument
from cloudact_grpc.domain.saas.terms import MAX_AMOUNT, BillingCycle, PricingModel

_T = TypeVar("_T")

PLAN_NAME = re.compile(r"[A-Za-z0-9_]{1,50}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_LENGTHS = {"display_name": 200, "owner_email": 200, "department": 100, "notes": 1000,
            "plan_type": 50, "category": 50}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PlanSpec:
    """CreateSaasPlan fields; empty strings and None mean "not sent"."""

    plan_name: str
    effective_date: str
    plan_type: str = ""
    display_name: str = ""
    category: str = ""
    price_per_user_monthly: Decimal | None = None
    unit_price: Decimal | None = None
    currency: str = ""
    number_of_users: int = 0
    billing_cycle: str = ""
    pricing_model: str = ""
    discount_percent: Decimal = Decimal(0)
    end_date: str = ""
    owner_email: str = ""
    department: str = ""
    renewal_date: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class VersionChange:
    """EditSaasPlanVersion fields; None means "keep the latest version's value"."""

    effective_date: str
    plan_type: str | None = None
    display_name: str | None = None
    price_per_user_monthly: Decimal | None = None
    unit_price: Decimal | None = None
    currency: str | None = None
    number_of_users: int | None = None
    billing_cycle: str | None = None
    pricing_model: str | None = None
    discount_percent: Decimal | None = None
    end_date: str | None = None
    owner_email: str | None = None
    department: str | None = None
    renewal_date: str | None = None
    notes: str | None = None


class Violations:
    """Collects field violations; ``raise_if_any`` raises one INVALID_ARGUMENT with all."""

    def __init__(self, today: dt.date) -> None:
        self.items: list[FieldViolation] = []
        self.today = today

    def add(self, field: str, description: str) -> None:
        """Record one bad field."""
        self.items.append(FieldViolation(field, description))

    def raise_if_any(self) -> None:
        """Raise INVALID_ARGUMENT naming every recorded field."""
        if self.items:
            first = self.items[0]
            raise InvalidArgument(f"{first.field}: {first.description}", violations=self.items)

    def date(self, raw: str, field: str) -> dt.date | None:
        """``raw`` as a date (None when empty); a violation when malformed or out of the window.

        The window is the one of ``domain.dates``: 2000-01-01 to ten years after today.
        """
        try:
            return dates.optional_date(raw, field, today=self.today)
        except InvalidArgument as exc:
            self.items.extend(exc.violations)
            return None

    def amount(self, value: Decimal | None, field: str) -> Decimal | None:
        """A finite amount between 0 and 100 000 with at most 9 decimals, else a violation."""
        if value is None:
            return None
        if not value.is_finite() or not Decimal(0) <= value <= MAX_AMOUNT:
            self.add(field, f"must be between 0 and {MAX_AMOUNT}")
            return None
        if value != value.quantize(Decimal("1e-9")):
            self.add(field, "must have at most 9 decimal places")
            return None
        return value

    def text(self, value: str, field: str) -> str:
        """``value`` stripped; a violation when longer than the field allows."""
        value = value.strip()
        limit = _LENGTHS.get(field)
        if limit is not None and len(value) > limit:
            self.add(field, f"must be at most {limit} characters")
        if field == "owner_email" and value and EMAIL.fullmatch(value) is None:
            self.add(field, "must be an email address")
        return value

    def cycle(self, raw: str, field: str = "billing_cycle") -> BillingCycle:
        """A billing cycle (default monthly)."""
        return self._parsed(BillingCycle.parse(raw or "monthly", field), BillingCycle.MONTHLY)

    def model(self, raw: str, field: str = "pricing_model") -> PricingModel:
        """A pricing model (default per_seat)."""
        return self._parsed(PricingModel.parse(raw or "per_seat", field), PricingModel.PER_SEAT)

    def _parsed(self, parsed: _T | FieldViolation, fallback: _T) -> _T:
        """``parsed``, or ``fallback`` once its violation is recorded."""
        if isinstance(parsed, FieldViolation):
            self.items.append(parsed)
            return fallback
        return parsed


def end_date_or_today(raw: str, today: dt.date) -> dt.date:
    """The ``end_date`` sent, or ``today`` when empty; INVALID_ARGUMENT naming it when malformed."""
    bad = Violations(today)
    end = bad.date(raw, "end_date") or today
    bad.raise_if_any()
    return end


def unit_price_of(
    bad: Violations,
    price_per_user_monthly: Decimal | None,
    unit_price: Decimal | None,
    cycle: BillingCycle,
    model: PricingModel,
) -> Decimal | None:
    """Price per cycle from exactly one of the two price fields (None when neither was sent)."""
    ppum = bad.amount(price_per_user_monthly, "price_per_user_monthly")
    unit = bad.amount(unit_price, "unit_price")
    if price_per_user_monthly is not None and unit_price is not None:
        bad.add("unit_price", "send unit_price or price_per_user_monthly, not both")
        return None
    if ppum is not None:
        if model is not PricingModel.PER_SEAT:
            bad.add("price_per_user_monthly", "only for per_seat plans; use unit_price")
            return None
        return ppum * cycle.months
    return unit

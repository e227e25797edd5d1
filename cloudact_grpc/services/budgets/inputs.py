"""Validation of budget create/update fields into stored values (InvalidArgument naming each)."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from cloudact_grpc.analytics import pivot
from cloudact_grpc.analytics import schema as s
from cloudact_grpc.domain import dates
from cloudact_grpc.domain.errors import FieldViolation, InvalidArgument
from cloudact_grpc.domain.saas.terms import minor_unit
from cloudact_grpc.services.budgets.model import (
    BASES,
    FRONTEND_CATEGORIES,
    TOTAL,
    Scope,
    Threshold,
)
from cloudact_grpc.services.budgets.periods import PeriodType

MAX_AMOUNT: Final = Decimal(10) ** 12
MAX_THRESHOLD: Final = Decimal(1000)
MAX_THRESHOLDS: Final = 10
MAX_SCOPE_VALUES: Final = 50
MAX_TEXT: Final = 200
MAX_NOTES: Final = 1000
_CURRENCY: Final = re.compile(r"[A-Z]{3}")
_ENTITY: Final = re.compile(r"[A-Za-z0-9_.\-:/ ]{1,100}")


@dataclass(frozen=True, slots=True)
class ThresholdInput:
    """A threshold as sent."""

    percent: float
    basis: str = ""


@dataclass(frozen=True, slots=True)
class ScopeInput:
    """A scope as sent."""

    providers: Sequence[str] = ()
    categories: Sequence[str] = ()
    services: Sequence[str] = ()
    sub_accounts: Sequence[str] = ()
    tags: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BudgetInput:
    """Fields of a create or update; None means "not given"."""

    name: str | None = None
    hierarchy_entity_id: str | None = None
    hierarchy_entity_name: str | None = None
    hierarchy_path: str | None = None
    hierarchy_level_code: str | None = None
    category: str | None = None
    budget_type: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    period_type: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    provider: str | None = None
    notes: str | None = None
    is_active: bool | None = None
    scope: ScopeInput | None = None
    thresholds: Sequence[ThresholdInput] | None = None
    metric: str | None = None


class Violations:
    """Collects every bad field of one request, raised together."""

    def __init__(self) -> None:
        self.items: list[FieldViolation] = []

    def add(self, name: str, description: str) -> None:
        """Record one bad field."""
        self.items.append(FieldViolation(name, description))

    def raise_any(self) -> None:
        """InvalidArgument naming every recorded field, if any."""
        if self.items:
            names = ", ".join(v.field for v in self.items)
            raise InvalidArgument(f"invalid budget fields: {names}", violations=self.items)


def parse_amount(number: Decimal, name: str, currency: str, bad: Violations) -> Decimal | None:
    """A positive amount in at most the currency's minor unit (a ``Decimal``: see ``amount``)."""
    if not isinstance(number, Decimal):
        raise TypeError(f"{name}: money must be a Decimal, not {type(number).__name__}")
    if not number.is_finite():
        bad.add(name, "must be a finite number")
        return None
    if not Decimal(0) < number <= MAX_AMOUNT:
        bad.add(name, f"must be above 0 and at most {MAX_AMOUNT:,}")
        return None
    unit = minor_unit(currency)
    if number % unit:
        bad.add(name, f"has more decimals than {currency} allows (minor unit {unit})")
        return None
    return number


def parse_currency(raw: str, bad: Violations) -> str:
    """An upper-case ISO 4217 code (default USD)."""
    value = raw.strip().upper() or "USD"
    if not _CURRENCY.fullmatch(value):
        bad.add("currency", "must be an ISO 4217 code such as USD")
    return value


def parse_category(raw: str, name: str, bad: Violations) -> str:
    """The frontend's category name (cloud, genai, subscription, total; llm and saas accepted)."""
    value = raw.strip().lower() or TOTAL
    value = {"llm": "genai", "saas": "subscription", "all": TOTAL}.get(value, value)
    if value != TOTAL and value not in FRONTEND_CATEGORIES:
        bad.add(name, "must be one of cloud, genai, subscription, total")
    return value


def parse_period_type(raw: str, bad: Violations) -> PeriodType:
    """The period type; monthly when invalid (a violation is recorded)."""
    kind = PeriodType.parse(raw)
    if kind is None:
        bad.add("period_type", "must be one of monthly, quarterly, yearly, custom")
        return PeriodType.MONTHLY
    return kind


def parse_day(raw: str, name: str, today: dt.date, bad: Violations) -> dt.date | None:
    """A date by the one date rule; None (violation recorded) when invalid."""
    try:
        return dates.parse_date(raw, name, today=today)
    except InvalidArgument as exc:
        bad.items.extend(exc.violations)
        return None


def check_period(
    kind: PeriodType, start: dt.date | None, end: dt.date | None, bad: Violations
) -> None:
    """Recurring periods start on day 1-28; custom ones need an end; end not before start."""
    if start is None:
        return
    if kind is not PeriodType.CUSTOM and start.day > 28:
        bad.add("period_start", "a recurring budget must start on day 1 to 28 of a month")
    if kind is PeriodType.CUSTOM and end is None:
        bad.add("period_end", "required for a custom period")
    if end is not None and end < start:
        bad.add("period_end", "must not be before period_start")


def text(raw: str, name: str, bad: Violations, limit: int = MAX_TEXT) -> str:
    """Trimmed free text of at most ``limit`` characters."""
    value = raw.strip()
    if len(value) > limit:
        bad.add(name, f"at most {limit} characters")
    return value


def entity_id(raw: str, name: str, bad: Violations) -> str:
    """A hierarchy entity id (letters, digits and ``_.-:/ ``, 1-100 characters)."""
    value = raw.strip()
    if not _ENTITY.fullmatch(value):
        bad.add(name, "required: 1 to 100 letters, digits or _ . - : / and spaces")
    return value


def parse_scope(given: ScopeInput | None, category: str, provider: str, bad: Violations) -> Scope:
    """The scope, with the frontend's single category and provider folded in."""
    scope = given or ScopeInput()
    providers = {p.strip().lower() for p in scope.providers if p.strip()}
    if provider:
        providers.add(provider)
    cats: set[str] = set()
    for raw in scope.categories:
        value = raw.strip().lower()
        value = FRONTEND_CATEGORIES.get(value, value)
        if value not in s.CATEGORIES:
            bad.add("scope.categories", f"{raw!r} is not one of cloud, llm (genai), saas")
        cats.add(value)
    if category != TOTAL:
        cats.add(FRONTEND_CATEGORIES[category])
    services = {v.strip() for v in scope.services if v.strip()}
    subs = {v.strip() for v in scope.sub_accounts if v.strip()}
    for name, values in (
        ("scope.providers", providers),
        ("scope.services", services),
        ("scope.sub_accounts", subs),
    ):
        if len(values) > MAX_SCOPE_VALUES:
            bad.add(name, f"at most {MAX_SCOPE_VALUES} values")
        if any(len(v) > MAX_TEXT for v in values):
            bad.add(name, f"values of at most {MAX_TEXT} characters")
    tags: list[tuple[str, str]] = []
    for key, value in scope.tags.items():
        if not pivot.TAG_KEY.match(key):
            bad.add("scope.tags", f"invalid tag key {key!r}")
        tags.append((key, value))
    if len(tags) > 10:
        bad.add("scope.tags", "at most 10 tags")
    return Scope(
        providers=tuple(sorted(providers)),
        categories=tuple(sorted(cats)),
        services=tuple(sorted(services)),
        sub_accounts=tuple(sorted(subs)),
        tags=tuple(sorted(tags)),
    )


def parse_thresholds(given: Sequence[ThresholdInput], bad: Violations) -> tuple[Threshold, ...]:
    """Thresholds, each percent in (0, 1000], basis actual (default) or forecast; no duplicates."""
    if len(given) > MAX_THRESHOLDS:
        bad.add("thresholds", f"at most {MAX_THRESHOLDS} thresholds")
    out: list[Threshold] = []
    for i, t in enumerate(given):
        basis = t.basis.strip().lower() or "actual"
        if basis not in BASES:
            bad.add(f"thresholds[{i}].basis", "must be actual or forecast")
        if not math.isfinite(t.percent) or not 0 < t.percent <= MAX_THRESHOLD:
            bad.add(f"thresholds[{i}].percent", "must be above 0 and at most 1000")
            continue
        out.append(Threshold(Decimal(repr(t.percent)), basis))
    if len({(t.percent, t.basis) for t in out}) != len(out):
        bad.add("thresholds", "each percent and basis may appear only once")
    return tuple(sorted(out, key=lambda t: (t.basis, t.percent)))


def parse_metric(raw: str, bad: Violations) -> str:
    """billed, effective (default) or list."""
    value = raw.strip().lower() or "effective"
    if value not in s.METRICS:
        bad.add("metric", "must be one of billed, effective, list")
    return value


def parse_provider(raw: str, bad: Violations) -> str:
    """One provider name, lower-cased ("" for none)."""
    value = raw.strip().lower()
    if value and not re.fullmatch(r"[a-z0-9][a-z0-9_.\- ]{0,62}", value):
        bad.add("provider", "must be a provider name such as gcp or openai")
    return value

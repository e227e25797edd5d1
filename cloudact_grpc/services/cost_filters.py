"""Validation of cost-request parameters into analytics filters (InvalidArgument naming each)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Final

from cloudact_grpc.analytics import pivot
from cloudact_grpc.analytics import schema as s
from cloudact_grpc.analytics.filters import CostFilter
from cloudact_grpc.domain import dates
from cloudact_grpc.domain.cost_events import DayRange
from cloudact_grpc.domain.errors import InvalidArgument

MAX_RANGE_DAYS: Final = 366
_CURRENCY: Final = re.compile(r"^[A-Z]{3}$")
_PROVIDER: Final = re.compile(r"^[a-z0-9][a-z0-9_.\- ]{0,62}$")


def split(values: Iterable[str]) -> tuple[str, ...]:
    """Repeated and comma-separated values, trimmed, lower-cased, de-duplicated, sorted."""
    out = {p.strip().lower() for v in values for p in v.split(",")}
    return tuple(sorted(out - {""}))


def parse_filter(
    *,
    start_date: str,
    end_date: str,
    providers: Iterable[str] = (),
    categories: Iterable[str] = (),
    currency: str = "",
    today: dt.date,
) -> CostFilter:
    """Defaults: end = today (UTC), start = first day of end's month; range ≤ 366 days.

    Both dates lie in the window of ``domain.dates`` (2000-01-01 to ten years after today).
    """
    end = dates.optional_date(end_date, "end_date", today=today) or today
    start = dates.optional_date(start_date, "start_date", today=today) or end.replace(day=1)
    if end < start:
        raise InvalidArgument.field("end_date", "must not be before start_date")
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise InvalidArgument.field("end_date", f"date range is longer than {MAX_RANGE_DAYS} days")
    provs = split(providers)
    for p in provs:
        if not _PROVIDER.match(p):
            raise InvalidArgument.field("providers", f"invalid provider {p!r}")
    cats = split(categories)
    for c in cats:
        if c not in s.CATEGORIES:
            raise InvalidArgument.field("categories", f"{c!r} is not one of cloud, llm, saas")
    cur = currency.strip().upper()
    if cur and not _CURRENCY.match(cur):
        raise InvalidArgument.field("currency", "must be an ISO 4217 code such as USD")
    return CostFilter(start=start, end=end, providers=provs, categories=cats, currency=cur)


def parse_day_range(start_date: str, end_date: str, *, today: dt.date) -> DayRange | None:
    """Charge days ``start_date`` to ``end_date`` (both included); both empty: None (every day).

    Both dates lie in the window of ``domain.dates``.
    """
    start = dates.optional_date(start_date, "start_date", today=today)
    end = dates.optional_date(end_date, "end_date", today=today)
    if start is None and end is None:
        return None
    if start is None:
        raise InvalidArgument.field("start_date", "give both start_date and end_date, or neither")
    if end is None:
        raise InvalidArgument.field("end_date", "give both start_date and end_date, or neither")
    if end < start:
        raise InvalidArgument.field("end_date", "must not be before start_date")
    return DayRange(start, end)


def parse_choice(raw: str, field: str, choices: Iterable[str], default: str) -> str:
    """One of ``choices`` (case-insensitive), ``default`` when empty."""
    value = raw.strip().lower() or default
    allowed = tuple(choices)
    if value not in allowed:
        raise InvalidArgument.field(field, f"must be one of {', '.join(allowed)}")
    return value


def parse_metric(raw: str) -> str:
    """``billed``, ``effective`` (default) or ``list``."""
    return parse_choice(raw, "metric", s.METRICS, "effective")


def parse_granularity(raw: str, default: str = "daily") -> str:
    """``daily``, ``weekly`` (ISO Monday) or ``monthly``."""
    return parse_choice(raw, "granularity", s.GRANULARITIES, default)


def bounded(value: int, field: str, *, default: int, maximum: int) -> int:
    """A size parameter: 0 means ``default``, above ``maximum`` is capped, negative is invalid."""
    if value < 0:
        raise InvalidArgument.field(field, "must not be negative")
    return min(value or default, maximum)


def parse_dimensions(rows: Iterable[str], columns: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """Pivot row (1-4) and column (0-2) dimensions, each known and used once."""
    r = tuple(d.strip() for d in rows if d.strip())
    c = tuple(d.strip() for d in columns if d.strip())
    for field, dims in (("rows", r), ("columns", c)):
        for d in dims:
            if not pivot.is_dimension(d):
                raise InvalidArgument.field(field, f"unknown dimension {d!r}")
    if not 1 <= len(r) <= 4:
        raise InvalidArgument.field("rows", "give 1 to 4 row dimensions")
    if len(c) > 2:
        raise InvalidArgument.field("columns", "give at most 2 column dimensions")
    if len(set(r + c)) != len(r) + len(c):
        raise InvalidArgument.field("columns", "a dimension may appear only once")
    return r, c

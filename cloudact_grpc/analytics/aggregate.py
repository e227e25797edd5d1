"""Totals, breakdowns, trends and the summary, computed lazily with Polars over Decimals.

Every query takes either raw FOCUS rows or *compacted* rows: one row per ``COMPACT_KEYS``
group with the three metric sums and ``ROWS`` (how many raw rows it stands for). Compacting
batch by batch while the warehouse streams is how a cold summary reads millions of rows in one
pass: every summary part (and the filters) is a function of those keys, and sums of sums and
of counts are exact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

import polars as pl

from cloudact_grpc.analytics import schema as s
from cloudact_grpc.analytics.results import (
    CategoryCost,
    CostSummary,
    CurrencyTotal,
    ProviderCost,
    ServiceCost,
    TrendPoint,
)

ZERO = Decimal(0)
HUNDRED = Decimal(100)
ROWS = "_rows"  # raw rows behind a compacted row
# Every column a filter, the category rule or a summary part groups by.
COMPACT_KEYS = (
    s.DAY, s.PROVIDER, s.SERVICE, s.SERVICE_CATEGORY, s.SERVICE_SUBCATEGORY, s.SOURCE, s.CURRENCY,
)  # fmt: skip
COMPACT_COLUMNS = (*COMPACT_KEYS, *s.METRIC_COLUMNS)


def compact(frame: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """Raw rows (at least ``COMPACT_COLUMNS``) → one row per ``COMPACT_KEYS`` group."""
    return (
        frame.lazy()
        .group_by(COMPACT_KEYS)
        .agg(*(pl.col(c).sum() for c in s.METRIC_COLUMNS), pl.len().cast(pl.Int64).alias(ROWS))
        .collect()
    )


def merge(parts: Sequence[pl.DataFrame]) -> pl.DataFrame:
    """Compacted parts (non-empty sequence, same schema) → one compacted frame."""
    if len(parts) == 1:
        return parts[0]
    return (
        pl.concat(parts)
        .lazy()
        .group_by(COMPACT_KEYS)
        .agg(*(pl.col(c).sum() for c in (*s.METRIC_COLUMNS, ROWS)))
        .collect()
    )


def _count(frame: pl.LazyFrame) -> pl.Expr:
    compacted = ROWS in frame.collect_schema().names()
    return pl.col(ROWS).sum() if compacted else pl.len().cast(pl.Int64)


def _sums(frame: pl.LazyFrame, metric: str) -> list[pl.Expr]:
    return [
        pl.col(s.METRICS[metric]).sum().alias("total"),
        pl.col(s.BILLED).sum().alias("billed"),
        pl.col(s.EFFECTIVE).sum().alias("effective"),
        pl.col(s.LIST).sum().alias("list"),
        _count(frame).alias("n"),
    ]


def grouped(frame: pl.LazyFrame, keys: Sequence[str], metric: str) -> pl.LazyFrame:
    """Sums per ``keys`` and currency (columns total, billed, effective, list, n)."""
    return frame.group_by([*keys, s.CURRENCY]).agg(_sums(frame, metric))


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """``part`` as a percentage of ``whole`` (0 when ``whole`` is 0)."""
    return ZERO if whole == 0 else part * HUNDRED / whole


def _largest_first(
    rows: Iterable[dict[str, object]], keys: Sequence[str]
) -> list[dict[str, object]]:
    def order(r: dict[str, object]) -> tuple[object, ...]:
        labels = (("" if r[k] is None else str(r[k])) for k in keys)
        return (-_dec(r["total"]), str(r[s.CURRENCY]), *labels)

    return sorted(rows, key=order)


def _dec(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else ZERO


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


def totals_query(frame: pl.LazyFrame, metric: str) -> pl.LazyFrame:
    """Lazy per-currency totals."""
    return grouped(frame, (), metric)


def totals_from(df: pl.DataFrame) -> tuple[CurrencyTotal, ...]:
    """Per-currency totals, currencies in alphabetical order."""
    return tuple(
        CurrencyTotal(
            currency=str(r[s.CURRENCY]),
            total=_dec(r["total"]),
            billed=_dec(r["billed"]),
            effective=_dec(r["effective"]),
            list=_dec(r["list"]),
            record_count=_int(r["n"]),
        )
        for r in sorted(df.to_dicts(), key=lambda r: str(r[s.CURRENCY]))
    )


def _whole(totals: Sequence[CurrencyTotal]) -> dict[str, Decimal]:
    return {t.currency: t.total for t in totals}


def providers_query(frame: pl.LazyFrame, metric: str) -> pl.LazyFrame:
    """Lazy per-provider sums with each provider's categories."""
    return frame.group_by([s.PROVIDER, s.CURRENCY]).agg(
        *_sums(frame, metric), pl.col(s.CATEGORY).unique().sort().alias("categories")
    )


def providers_from(df: pl.DataFrame, totals: Sequence[CurrencyTotal]) -> tuple[ProviderCost, ...]:
    """Provider records, largest first."""
    whole = _whole(totals)
    out = []
    for r in _largest_first(df.to_dicts(), (s.PROVIDER,)):
        cur = str(r[s.CURRENCY])
        cats = r["categories"]
        out.append(
            ProviderCost(
                provider=str(r[s.PROVIDER] or ""),
                currency=cur,
                total=_dec(r["total"]),
                billed=_dec(r["billed"]),
                effective=_dec(r["effective"]),
                list=_dec(r["list"]),
                percent=percent(_dec(r["total"]), whole.get(cur, ZERO)),
                record_count=_int(r["n"]),
                categories=tuple(str(c) for c in cats) if isinstance(cats, list) else (),
            )
        )
    return tuple(out)


def categories_query(frame: pl.LazyFrame, metric: str) -> pl.LazyFrame:
    """Lazy per-category sums."""
    return grouped(frame, (s.CATEGORY,), metric)


def categories_from(df: pl.DataFrame, totals: Sequence[CurrencyTotal]) -> tuple[CategoryCost, ...]:
    """Category records, largest first."""
    whole = _whole(totals)
    return tuple(
        CategoryCost(
            category=str(r[s.CATEGORY]),
            currency=str(r[s.CURRENCY]),
            total=_dec(r["total"]),
            percent=percent(_dec(r["total"]), whole.get(str(r[s.CURRENCY]), ZERO)),
            record_count=_int(r["n"]),
        )
        for r in _largest_first(df.to_dicts(), (s.CATEGORY,))
    )


SERVICE_KEYS = (s.PROVIDER, s.SERVICE, s.SERVICE_CATEGORY, s.CATEGORY)


def services_query(frame: pl.LazyFrame, metric: str) -> pl.LazyFrame:
    """Lazy per-service sums (provider, service name, FOCUS and CloudAct category)."""
    return grouped(frame, SERVICE_KEYS, metric)


def services_from(df: pl.DataFrame, totals: Sequence[CurrencyTotal]) -> tuple[ServiceCost, ...]:
    """Service records, largest first."""
    whole = _whole(totals)
    return tuple(
        ServiceCost(
            service_name=str(r[s.SERVICE] or ""),
            provider=str(r[s.PROVIDER] or ""),
            category=str(r[s.CATEGORY]),
            service_category=str(r[s.SERVICE_CATEGORY] or ""),
            currency=str(r[s.CURRENCY]),
            total=_dec(r["total"]),
            billed=_dec(r["billed"]),
            effective=_dec(r["effective"]),
            percent=percent(_dec(r["total"]), whole.get(str(r[s.CURRENCY]), ZERO)),
            record_count=_int(r["n"]),
        )
        for r in _largest_first(df.to_dicts(), (s.SERVICE, s.PROVIDER, s.SERVICE_CATEGORY))
    )


def top_per_currency(services: Sequence[ServiceCost], n: int) -> tuple[ServiceCost, ...]:
    """The ``n`` largest services of each currency (input already largest first)."""
    seen: dict[str, int] = {}
    out = []
    for svc in services:
        if seen.get(svc.currency, 0) < n:
            seen[svc.currency] = seen.get(svc.currency, 0) + 1
            out.append(svc)
    return tuple(out)


def trend_query(frame: pl.LazyFrame, metric: str, granularity: str) -> pl.LazyFrame:
    """Lazy per-period sums (``period`` = first day of the period)."""
    return grouped(
        frame.with_columns(s.period_expr(granularity).alias("period")), ("period",), metric
    )


def periods(start: dt.date, end: dt.date, granularity: str) -> list[dt.date]:
    """First days of every period touching ``[start, end]``, oldest first."""
    frame = pl.DataFrame({"d": [start, end]}).select(s.period_expr(granularity, "d"))
    first, last = frame.to_series().to_list()
    interval = {"daily": "1d", "weekly": "1w", "monthly": "1mo"}[granularity]
    return list(pl.date_range(first, last, interval, eager=True).to_list())


def trend_from(
    df: pl.DataFrame,
    start: dt.date,
    end: dt.date,
    granularity: str,
    currencies: Iterable[str],
) -> tuple[TrendPoint, ...]:
    """Every period and currency, oldest first, zero where nothing was charged."""
    found = {(r["period"], r[s.CURRENCY]): r for r in df.to_dicts()}
    out = []
    for period in periods(start, end, granularity):
        for cur in sorted(set(currencies)):
            r = found.get((period, cur))
            out.append(
                TrendPoint(
                    period=period,
                    currency=cur,
                    total=_dec(r["total"]) if r else ZERO,
                    billed=_dec(r["billed"]) if r else ZERO,
                    effective=_dec(r["effective"]) if r else ZERO,
                    record_count=_int(r["n"]) if r else 0,
                )
            )
    return tuple(out)


def summary(
    frame: pl.LazyFrame,
    *,
    start: dt.date,
    end: dt.date,
    metric: str,
    top_n: int,
    currencies: Iterable[str] = (),
) -> CostSummary:
    """The whole summary from one filtered frame (``_category`` present), in one collect."""
    tot, prov, cat, svc, day = pl.collect_all(
        [
            totals_query(frame, metric),
            providers_query(frame, metric),
            categories_query(frame, metric),
            services_query(frame, metric),
            trend_query(frame, metric, "daily"),
        ]
    )
    totals = totals_from(tot)
    present = {t.currency for t in totals} | set(currencies)
    return CostSummary(
        metric=metric,
        totals=totals,
        providers=providers_from(prov, totals),
        categories=categories_from(cat, totals),
        daily_trend=trend_from(day, start, end, "daily", present),
        top_services=top_per_currency(services_from(svc, totals), top_n),
    )

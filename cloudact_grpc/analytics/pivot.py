"""Pivot tables: any row and column dimensions over one metric, split by currency."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

import polars as pl

from cloudact_grpc.analytics import schema as s
from cloudact_grpc.analytics.results import PivotRow, PivotTable, PivotTotal

ZERO = Decimal(0)
TAG_KEY = re.compile(r"^[A-Za-z0-9_\-]{1,63}$")


def is_dimension(name: str) -> bool:
    """Whether ``name`` is a known dimension (``tag:<key>`` keys: letters, digits, ``_``, ``-``)."""
    if name in s.DIMENSION_COLUMNS or name in s.DERIVED_DIMENSIONS:
        return True
    return name.startswith(s.TAG_PREFIX) and bool(TAG_KEY.match(name[len(s.TAG_PREFIX) :]))


def source_columns(dimensions: Sequence[str]) -> tuple[str, ...]:
    """Warehouse columns the dimensions read (besides the base columns)."""
    cols = {s.DIMENSION_COLUMNS[d] for d in dimensions if d in s.DIMENSION_COLUMNS}
    if any(d.startswith(s.TAG_PREFIX) for d in dimensions):
        cols.add(s.TAGS)
    return tuple(sorted(cols - set(s.BASE_COLUMNS)))


def dimension_expr(name: str, granularity: str) -> pl.Expr:
    """String value of a dimension; "(none)" where the row has none."""
    if name in s.DIMENSION_COLUMNS:
        expr = pl.col(s.DIMENSION_COLUMNS[name]).cast(pl.String)
    elif name == "category":
        expr = pl.col(s.CATEGORY)
    elif name == "period":
        expr = s.period_expr(granularity).dt.strftime("%Y-%m-%d")
    else:
        key = name[len(s.TAG_PREFIX) :]
        expr = pl.col(s.TAGS).str.json_path_match(f"$.{key}")
    return expr.fill_null(s.NONE_LABEL)


def pivot(
    frame: pl.LazyFrame,
    *,
    rows: Sequence[str],
    columns: Sequence[str],
    metric: str,
    granularity: str,
    column_limit: int,
) -> PivotTable:
    """Sum ``metric`` per row, column header and currency (``frame`` filtered, with category)."""
    rnames = [f"_r{i}" for i in range(len(rows))]
    cnames = [f"_c{i}" for i in range(len(columns))]
    labelled = frame.select(
        *(dimension_expr(d, granularity).alias(n) for d, n in zip(rows, rnames, strict=True)),
        *(dimension_expr(d, granularity).alias(n) for d, n in zip(columns, cnames, strict=True)),
        pl.col(s.CURRENCY),
        pl.col(s.METRICS[metric]).alias("v"),
    )
    cells = (
        labelled.group_by([*rnames, *cnames, s.CURRENCY]).agg(pl.col("v").sum()).collect()
    ).to_dicts()
    headers, index = _headers(cells, cnames, column_limit)
    width = len(headers)
    acc: dict[tuple[tuple[str, ...], str], list[Decimal]] = {}
    for c in cells:
        key = (tuple(str(c[n]) for n in rnames), str(c[s.CURRENCY]))
        vec = acc.setdefault(key, [ZERO] * width)
        vec[index[tuple(str(c[n]) for n in cnames)]] += _dec(c["v"])
    out_rows = sorted(
        (
            PivotRow(values=k[0], currency=k[1], cells=tuple(v), total=sum(v, ZERO))
            for k, v in acc.items()
        ),
        key=lambda r: (-r.total, r.currency, r.values),
    )
    sums: dict[str, list[Decimal]] = {}
    for r in out_rows:
        vec = sums.setdefault(r.currency, [ZERO] * width)
        for i, amount in enumerate(r.cells):
            vec[i] += amount
    totals = tuple(
        PivotTotal(currency=cur, cells=tuple(vec), total=sum(vec, ZERO))
        for cur, vec in sorted(sums.items())
    )
    return PivotTable(
        row_dimensions=tuple(rows),
        column_dimensions=tuple(columns),
        metric=metric,
        headers=headers,
        rows=tuple(out_rows),
        totals=totals,
    )


def _dec(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else ZERO


def _headers(
    cells: Sequence[dict[str, object]], cnames: Sequence[str], limit: int
) -> tuple[tuple[tuple[str, ...], ...], dict[tuple[str, ...], int]]:
    """Headers largest first (by their largest single-currency sum); the tail merged to (other)."""
    per: dict[tuple[tuple[str, ...], str], Decimal] = {}
    for c in cells:
        key = (tuple(str(c[n]) for n in cnames), str(c[s.CURRENCY]))
        per[key] = per.get(key, ZERO) + _dec(c["v"])
    size: dict[tuple[str, ...], Decimal] = {}
    for (header, _cur), amount in per.items():
        size[header] = max(size.get(header, amount), amount)
    ranked = sorted(size, key=lambda h: (-size[h], h))
    if not cnames:
        ranked = [()]
    if len(ranked) <= limit:
        return tuple(ranked), {h: i for i, h in enumerate(ranked)}
    kept = ranked[: limit - 1]
    other = tuple(s.OTHER_LABEL for _ in cnames)
    index = {h: i for i, h in enumerate(kept)}
    for h in ranked[limit - 1 :]:
        index[h] = len(kept)
    return (*kept, other), index

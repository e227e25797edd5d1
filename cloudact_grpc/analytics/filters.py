"""Validated cost filters and their application to a lazy frame."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from cloudact_grpc.analytics import schema as s


@dataclass(frozen=True, slots=True)
class CostFilter:
    """Rows whose charge day is in ``[start, end]`` and that match every non-empty filter.

    ``providers`` match ProviderName case-insensitively (lowercase here); ``categories`` are
    ``cloud``/``llm``/``saas``; ``currency`` is an upper-case ISO 4217 code or "".
    """

    start: dt.date
    end: dt.date
    providers: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    currency: str = ""

    def key(self) -> tuple[object, ...]:
        """Hashable identity (for caches and page-token fingerprints)."""
        return (self.start, self.end, self.providers, self.categories, self.currency)


def with_category(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Add the derived ``_category`` column."""
    return frame.with_columns(s.category_expr().alias(s.CATEGORY))


def apply(frame: pl.LazyFrame, f: CostFilter) -> pl.LazyFrame:
    """Filter ``frame`` (which must already carry ``_category``) by ``f``."""
    cond = pl.col(s.DAY).is_between(pl.lit(f.start), pl.lit(f.end), closed="both")
    if f.providers:
        cond &= pl.col(s.PROVIDER).str.to_lowercase().is_in(list(f.providers))
    if f.categories:
        cond &= pl.col(s.CATEGORY).is_in(list(f.categories))
    if f.currency:
        cond &= pl.col(s.CURRENCY) == f.currency
    return frame.filter(cond)


def prepare(frame: pl.DataFrame | pl.LazyFrame, f: CostFilter) -> pl.LazyFrame:
    """Lazy frame with ``_category`` and only the rows matching ``f``."""
    return apply(with_category(frame.lazy()), f)

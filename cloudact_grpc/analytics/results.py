"""Result records of the cost aggregates: exact ``Decimal`` amounts, one currency each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class CurrencyTotal:
    """Sums of one currency: the requested metric and the three FOCUS cost columns."""

    currency: str
    total: Decimal
    billed: Decimal
    effective: Decimal
    list: Decimal
    record_count: int


@dataclass(frozen=True, slots=True)
class ProviderCost:
    """One provider in one currency."""

    provider: str
    currency: str
    total: Decimal
    billed: Decimal
    effective: Decimal
    list: Decimal
    percent: Decimal
    record_count: int
    categories: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CategoryCost:
    """One cost category (cloud, llm, saas) in one currency."""

    category: str
    currency: str
    total: Decimal
    percent: Decimal
    record_count: int


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One period (its first day) in one currency."""

    period: dt.date
    currency: str
    total: Decimal
    billed: Decimal
    effective: Decimal
    record_count: int


@dataclass(frozen=True, slots=True)
class ServiceCost:
    """One service (provider, name, categories) in one currency."""

    service_name: str
    provider: str
    category: str
    service_category: str
    currency: str
    total: Decimal
    billed: Decimal
    effective: Decimal
    percent: Decimal
    record_count: int


@dataclass(frozen=True, slots=True)
class CostSummary:
    """Everything ``GetCostSummary`` returns, before paging or rounding."""

    metric: str
    totals: tuple[CurrencyTotal, ...]
    providers: tuple[ProviderCost, ...]
    categories: tuple[CategoryCost, ...]
    daily_trend: tuple[TrendPoint, ...]
    top_services: tuple[ServiceCost, ...]

    @property
    def record_count(self) -> int:
        """Rows summed over every currency."""
        return sum(t.record_count for t in self.totals)

    @property
    def single(self) -> CurrencyTotal | None:
        """The only currency's total, or None when none or several are present."""
        return self.totals[0] if len(self.totals) == 1 else None


@dataclass(frozen=True, slots=True)
class PivotRow:
    """One combination of row-dimension values in one currency."""

    values: tuple[str, ...]
    currency: str
    cells: tuple[Decimal, ...]
    total: Decimal


@dataclass(frozen=True, slots=True)
class PivotTotal:
    """Column sums and grand total of one currency."""

    currency: str
    cells: tuple[Decimal, ...]
    total: Decimal


@dataclass(frozen=True, slots=True)
class PivotTable:
    """A pivot: column headers (largest first), rows (largest first), per-currency totals."""

    row_dimensions: tuple[str, ...]
    column_dimensions: tuple[str, ...]
    metric: str
    headers: tuple[tuple[str, ...], ...]
    rows: tuple[PivotRow, ...]
    totals: tuple[PivotTotal, ...]

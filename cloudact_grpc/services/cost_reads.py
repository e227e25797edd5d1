"""Aggregate cost reads: summary, breakdowns, trends, pivots, daily sums and SaaS plan costs.

Aggregates read the org's compacted rows (``CostSource.compacted``: the daily rollup plus the
days it does not hold yet); pivots and scopes the rollup cannot answer read raw rows. Every
result is cached per org and query (``CostSource.cached``). A read never writes cost rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from cloudact_grpc.analytics import aggregate, pivot, saas
from cloudact_grpc.analytics import schema as s
from cloudact_grpc.analytics.filters import CostFilter
from cloudact_grpc.analytics.results import (
    CostSummary,
    CurrencyTotal,
    PivotRow,
    PivotTable,
    ProviderCost,
    ServiceCost,
    TrendPoint,
)
from cloudact_grpc.domain.saas.plans import Plan, PlanVersion
from cloudact_grpc.ports.warehouse import Between, Eq, In, Predicate
from cloudact_grpc.services import paging
from cloudact_grpc.services.cost_source import CostSource
from cloudact_grpc.services.paging import Page
from cloudact_grpc.services.saas.costs import DAILY_TABLE
from cloudact_grpc.services.saas.rows import PLANS_TABLE, from_row


@dataclass(frozen=True, slots=True)
class ProviderBreakdown:
    """Costs per provider and the per-currency totals."""

    providers: tuple[ProviderCost, ...]
    totals: tuple[CurrencyTotal, ...]


@dataclass(frozen=True, slots=True)
class ServiceBreakdown:
    """A page of costs per service and the per-currency totals over every page."""

    page: Page[ServiceCost]
    totals: tuple[CurrencyTotal, ...]


@dataclass(frozen=True, slots=True)
class Trend:
    """Points per period and currency and the per-currency totals."""

    granularity: str
    points: tuple[TrendPoint, ...]
    totals: tuple[CurrencyTotal, ...]


@dataclass(frozen=True, slots=True)
class PivotPage:
    """The pivot (headers and totals complete) and one page of its rows."""

    table: PivotTable
    page: Page[PivotRow]


@dataclass(frozen=True, slots=True)
class SaasCostPage:
    """A page of SaaS plan costs and the per-currency totals over every page."""

    page: Page[saas.SaasPlanCost]
    totals: tuple[saas.SaasRunRateTotal, ...]
    cache_hit: bool = False

    @property
    def single(self) -> saas.SaasRunRateTotal | None:
        """The only currency's totals, or None when there are none or several."""
        return self.totals[0] if len(self.totals) == 1 else None


class CostReads:
    """Aggregate reads of one org's costs."""

    def __init__(self, source: CostSource) -> None:
        self._src = source

    # ---- aggregates ------------------------------------------------------------------------

    def summary(self, org: str, f: CostFilter, *, metric: str, top_n: int) -> CostSummary:
        """Totals, provider and category breakdowns, daily trend and top services."""

        def compute() -> CostSummary:
            frame = self._src.compacted(org, f)
            extra = (f.currency,) if f.currency else ()
            return aggregate.summary(
                frame, start=f.start, end=f.end, metric=metric, top_n=top_n, currencies=extra
            )

        return self._src.cached(org, ("summary", f.key(), metric, top_n), compute)

    def by_provider(self, org: str, f: CostFilter, *, metric: str) -> ProviderBreakdown:
        """Costs per provider and currency, largest first."""

        def compute() -> ProviderBreakdown:
            frame = self._src.compacted(org, f)
            tot, prov = pl.collect_all(
                [aggregate.totals_query(frame, metric), aggregate.providers_query(frame, metric)]
            )
            totals = aggregate.totals_from(tot)
            return ProviderBreakdown(aggregate.providers_from(prov, totals), totals)

        return self._src.cached(org, ("by_provider", f.key(), metric), compute)

    def by_service(
        self, org: str, f: CostFilter, *, metric: str, page_size: int, page_token: str
    ) -> ServiceBreakdown:
        """A page of costs per service and currency, largest first."""

        def compute() -> tuple[tuple[ServiceCost, ...], tuple[CurrencyTotal, ...]]:
            frame = self._src.compacted(org, f)
            tot, svc = pl.collect_all(
                [aggregate.totals_query(frame, metric), aggregate.services_query(frame, metric)]
            )
            totals = aggregate.totals_from(tot)
            return aggregate.services_from(svc, totals), totals

        key = ("by_service", f.key(), metric)
        services, totals = self._src.cached(org, key, compute)
        return ServiceBreakdown(paging.paginate(services, page_size, page_token, key), totals)

    def trend(self, org: str, f: CostFilter, *, metric: str, granularity: str) -> Trend:
        """Costs per period and currency, oldest first, empty periods as 0."""

        def compute() -> Trend:
            frame = self._src.compacted(org, f)
            tot, per = pl.collect_all(
                [
                    aggregate.totals_query(frame, metric),
                    aggregate.trend_query(frame, metric, granularity),
                ]
            )
            totals = aggregate.totals_from(tot)
            currencies = {t.currency for t in totals} | ({f.currency} if f.currency else set())
            points = aggregate.trend_from(per, f.start, f.end, granularity, currencies)
            return Trend(granularity, points, totals)

        return self._src.cached(org, ("trend", f.key(), metric, granularity), compute)

    def pivot(
        self,
        org: str,
        f: CostFilter,
        *,
        rows_dims: Sequence[str],
        column_dims: Sequence[str],
        metric: str,
        granularity: str,
        column_limit: int,
        page_size: int,
        page_token: str,
    ) -> PivotPage:
        """A pivot table, paged by rows."""
        key = (
            "pivot", f.key(), tuple(rows_dims), tuple(column_dims), metric, granularity,
            column_limit,
        )  # fmt: skip

        def compute() -> PivotTable:
            cols = (*s.BASE_COLUMNS, *pivot.source_columns([*rows_dims, *column_dims]))
            return pivot.pivot(
                self._src.read(org, f, cols),
                rows=rows_dims,
                columns=column_dims,
                metric=metric,
                granularity=granularity,
                column_limit=column_limit,
            )

        table = self._src.cached(org, key, compute)
        return PivotPage(table, paging.paginate(table.rows, page_size, page_token, key))

    def daily_spend(
        self,
        org: str,
        f: CostFilter,
        *,
        metric: str,
        services: Sequence[str] = (),
        sub_accounts: Sequence[str] = (),
        tags: Sequence[tuple[str, str]] = (),
    ) -> dict[str, dict[dt.date, Decimal]]:
        """Exact sums of ``metric`` per currency and charge day (days without cost absent).

        Services narrow the compacted rows (case-insensitive ServiceName); sub-accounts and tags
        are not in the rollup, so a scope with them reads the raw rows of the range.
        """
        key = ("daily_spend", f.key(), metric, tuple(services), tuple(sub_accounts), tuple(tags))

        def compute() -> dict[str, dict[dt.date, Decimal]]:
            if sub_accounts or tags:
                frame = self._src.read(org, f, (*s.BASE_COLUMNS, s.SUB_ACCOUNT, s.TAGS))
                if sub_accounts:
                    frame = frame.filter(pl.col(s.SUB_ACCOUNT).is_in(list(sub_accounts)))
                for tag, value in tags:
                    frame = frame.filter(
                        pl.col(s.TAGS).str.json_path_match(f"$.{tag}") == pl.lit(value)
                    )
            else:
                frame = self._src.compacted(org, f)
            if services:
                wanted = [v.lower() for v in services]
                frame = frame.filter(pl.col(s.SERVICE).str.to_lowercase().is_in(wanted))
            sums = (
                frame.group_by(s.CURRENCY, s.DAY)
                .agg(pl.col(s.METRICS[metric]).sum().alias("total"))
                .collect()
            )
            out: dict[str, dict[dt.date, Decimal]] = {}
            for currency, day, total in sums.iter_rows():
                out.setdefault(str(currency), {})[day] = Decimal(total)
            return out

        return self._src.cached(org, key, compute)

    def daily_grouped(
        self,
        org: str,
        f: CostFilter,
        *,
        metric: str,
        by: Sequence[str],
        services: Sequence[str] = (),
    ) -> dict[tuple[str, ...], dict[dt.date, Decimal]]:
        """Exact sums of ``metric`` per (``by`` columns..., currency) and charge day.

        Columns of the daily rollup (provider, service, ...) read the rollup; others (SkuId,
        SubAccountId, RegionId) read the raw rows of the range. Null values read as "".
        """
        key = ("daily_grouped", f.key(), metric, tuple(by), tuple(services))

        def compute() -> dict[tuple[str, ...], dict[dt.date, Decimal]]:
            if set(by) <= set(aggregate.COMPACT_KEYS):
                frame = self._src.compacted(org, f)
            else:
                frame = self._src.read(org, f, (*s.BASE_COLUMNS, *by))
            if services:
                wanted = [v.lower() for v in services]
                frame = frame.filter(pl.col(s.SERVICE).str.to_lowercase().is_in(wanted))
            sums = (
                frame.with_columns(pl.col(list(by)).fill_null(""))
                .group_by(*by, s.CURRENCY, s.DAY)
                .agg(pl.col(s.METRICS[metric]).sum().alias("total"))
                .collect()
            )
            out: dict[tuple[str, ...], dict[dt.date, Decimal]] = {}
            for *names, currency, day, total in sums.iter_rows():
                out.setdefault((*map(str, names), str(currency)), {})[day] = Decimal(total)
            return out

        return self._src.cached(org, key, compute)

    # ---- SaaS plans -------------------------------------------------------------------------

    def saas_subscriptions(
        self, org: str, f: CostFilter, *, page_size: int, page_token: str
    ) -> SaasCostPage:
        """Amortized cost per SaaS plan over the range, run rates as of ``f.end``.

        Reads ``saas_subscription_plan_costs_daily`` (the range's partitions) and the org's plan
        versions; ``f.providers`` are SaaS provider ids, ``f.categories`` is ignored.
        """
        computed: list[bool] = []

        def compute() -> saas.SaasCosts:
            computed.append(True)
            dataset = self._src.dataset(org)
            where: list[Predicate] = [Between(saas.DAY, f.start, f.end)]
            if f.providers:
                where.append(In(saas.PROVIDER, f.providers))
            if f.currency:
                where.append(Eq(saas.CURRENCY, f.currency))
            arrow = self._src.warehouse.read_arrow(dataset, DAILY_TABLE, list(saas.COLUMNS), where)
            frame = pl.from_arrow(arrow)
            if not isinstance(frame, pl.DataFrame):  # pragma: no cover - a table is never a Series
                raise TypeError("expected a table")
            plan_where: list[Predicate] = [In("provider", f.providers)] if f.providers else []
            grouped: dict[str, list[PlanVersion]] = {}
            for row in self._src.warehouse.select(dataset, PLANS_TABLE, plan_where):
                v = from_row(row)
                grouped.setdefault(v.subscription_id, []).append(v)
            return saas.saas_costs(
                frame.lazy(),
                [Plan.of(vs) for vs in grouped.values()],
                end=f.end,
                providers=f.providers,
                currency=f.currency,
            )

        key = ("saas", f.start, f.end, f.providers, f.currency)
        out = self._src.cached(org, key, compute)
        page = paging.paginate(out.plans, page_size, page_token, key)
        return SaasCostPage(page, out.totals, cache_hit=not computed)

"""Cost analytics service: validated filters → warehouse Arrow → Polars → cached results.

Aggregates (summary, breakdowns, trends) read the persisted daily rollup (``CostRollup``) and
compute from raw rows only the days it does not hold yet. Raw reads take only the columns a
query needs and only its date partitions (``Between`` on the DATE partition column
``x_charge_date``; currency is pushed down too). Results are cached per org and query. Writes
(ingestion here, SaaS plans, the pipeline service) go through ``CostChanges``, which forgets the
touched rollup days and the org's cached results. Raw rows and exports walk the range in day
windows, so a year of rows never sits whole in memory.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, TypeVar

import polars as pl
import pyarrow as pa

from cloudact_grpc.analytics import aggregate, filters, pivot, rows, saas
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
from cloudact_grpc.domain import identifiers
from cloudact_grpc.domain.clock import Clock, SystemClock
from cloudact_grpc.domain.cost_events import CostsFreshness, DayRange
from cloudact_grpc.domain.errors import InvalidArgument, NotFound
from cloudact_grpc.domain.saas.plans import Plan, PlanVersion
from cloudact_grpc.ports.warehouse import Between, ColumnType, Eq, In, Predicate, Warehouse
from cloudact_grpc.services import cost_export, cost_ingest, paging
from cloudact_grpc.services.cost_cache import CostCache
from cloudact_grpc.services.cost_changes import CostChanges
from cloudact_grpc.services.cost_ingest import IngestResult
from cloudact_grpc.services.cost_rollup import CostRollup
from cloudact_grpc.services.paging import Page
from cloudact_grpc.services.saas.costs import DAILY_TABLE
from cloudact_grpc.services.saas.rows import PLANS_TABLE, from_row

_T = TypeVar("_T")
# Rows per exported window (a window is whole days; a day with more rows is one window). The
# window's Arrow batches, its sorted frame and its encoded bytes are what an export holds:
# 32 Ki rows kept a 10-million-row export's server under ~600 MiB (50 Ki: ~700-800 MiB).
EXPORT_CHUNK_ROWS: Final = 1 << 15
# Rows per streamed batch when compacting raw rows: 128 Ki keeps a 10-million-row pass near
# 200 MB resident (512 Ki: ~700 MB) at the same speed (64 Ki-512 Ki measured within noise).
RAW_BATCH_ROWS: Final = 1 << 17
# Rows per streamed batch when an export counts rows per day (only the six filter columns).
COUNT_BATCH_ROWS: Final = 1 << 16
_FILTER_COLUMNS: Final = (
    s.DAY, s.PROVIDER, s.SERVICE_CATEGORY, s.SERVICE_SUBCATEGORY, s.SOURCE, s.CURRENCY,
)  # fmt: skip


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
class RowsPage:
    """A page of raw rows as a CostRow-shaped frame (see ``analytics.rows.FIELDS``)."""

    frame: pl.DataFrame
    total_size: int
    next_page_token: str


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


@dataclass(frozen=True, slots=True)
class Export:
    """A streamed file: its content type and its byte chunks (lazily produced)."""

    content_type: str
    chunks: Iterator[bytes]
    extension: str = "bin"


class CostsService:
    """Cost reads of one org's ``cost_data_focus_1_2`` table."""

    def __init__(
        self,
        warehouse: Warehouse,
        *,
        dataset_suffix: str,
        clock: Clock | None = None,
        changes: CostChanges | None = None,
        export_chunk_rows: int = EXPORT_CHUNK_ROWS,
        export_message_bytes: int = cost_export.MESSAGE_BYTES,
        freshness: CostsFreshness | None = None,
        read_workers: int | None = None,
        after_export_window: Callable[[], None] | None = None,
    ) -> None:
        self._warehouse = warehouse
        # Aggregates read this many date slices in parallel (one warehouse stream each).
        self._workers = max(1, read_workers or min(4, os.cpu_count() or 1))
        self._suffix = dataset_suffix
        self._clock = clock or SystemClock()
        self._changes = changes or CostChanges(
            CostRollup(warehouse, clock=self._clock), CostCache(), dataset_suffix=dataset_suffix
        )
        self._cache = self._changes.cache
        self._rollup = self._changes.rollup
        self._chunk_rows = export_chunk_rows
        self._message_bytes = export_message_bytes
        # Called after each exported window (the app returns freed heap memory to the OS).
        self._after_window = after_export_window or (lambda: None)
        self._freshness = freshness
        self._batches = cost_ingest.IngestBatches(warehouse, self._clock)

    # ---- filters and cache ---------------------------------------------------------------

    def today(self) -> dt.date:
        """Today in UTC (the default end date)."""
        return self._clock.now().astimezone(dt.UTC).date()

    def invalidate(self, org_slug: str, days: DayRange | None = None) -> tuple[int, int]:
        """Forget the rollup of ``days`` (None: all) and every cached result of ``org_slug``.

        Returns (rollup days forgotten, cached results dropped); NotFound for an unknown org.
        """
        dataset = self._dataset(org_slug)
        if not self._warehouse.table_exists(dataset, s.TABLE):
            raise NotFound("table", f"{dataset}.{s.TABLE}")
        return self._changes.forget(org_slug, days)

    def _cached(self, org: str, key: tuple[object, ...], compute: Callable[[], _T]) -> _T:
        # Every read passes here: first let derived rows (SaaS plans crossing into a new
        # billing cycle) catch up; a rewrite invalidates this org's cache before the lookup.
        if self._freshness is not None:
            self._dataset(org)  # validate the slug first
            self._freshness.ensure_current(org)
        return self._cache.get_or_compute(org, key, compute)

    def _dataset(self, org: str) -> str:
        return identifiers.org_dataset_id(org, self._suffix)

    def _read(
        self,
        org: str,
        f: CostFilter,
        columns: Iterable[str],
        *,
        days: tuple[dt.date, dt.date] | None = None,
    ) -> pl.LazyFrame:
        """Filtered lazy frame (with ``_category``) of ``columns`` over ``days`` (default all)."""
        low, high = days or (f.start, f.end)
        where: list[Predicate] = [Between(s.DAY, low, high)]
        if f.currency:
            where.append(Eq(s.CURRENCY, f.currency))
        names = list(dict.fromkeys([*_FILTER_COLUMNS, *columns]))
        arrow = self._warehouse.read_arrow(self._dataset(org), s.TABLE, names, where)
        frame = pl.from_arrow(arrow)
        if not isinstance(frame, pl.DataFrame):  # pragma: no cover - a table is never a Series
            raise TypeError("expected a table")
        return filters.prepare(frame, f)

    def _compacted(self, org: str, f: CostFilter) -> pl.LazyFrame:
        """Filtered rows compacted per ``aggregate.COMPACT_KEYS`` (with ``_category``).

        Stored days come from the daily rollup; the others are compacted from raw rows (and
        stored for the next read).
        """
        dataset = self._dataset(org)
        compacted = self._rollup.compacted(
            dataset, DayRange(f.start, f.end), lambda days: self._compact_raw(dataset, days)
        )
        return filters.prepare(compacted, f)

    def _compact_raw(self, dataset: str, days: DayRange) -> pl.DataFrame:
        """Raw rows of ``days`` (every currency) compacted per ``aggregate.COMPACT_KEYS``.

        The range is cut into slices read in parallel, each streamed in Arrow batches
        (string_view: zero-copy into Polars) that are compacted as they arrive, so only
        one batch per slice is ever whole in memory.
        """

        def part(piece: tuple[dt.date, dt.date]) -> list[pl.DataFrame]:
            batches = self._warehouse.read_arrow_batches(
                dataset,
                s.TABLE,
                aggregate.COMPACT_COLUMNS,
                [Between(s.DAY, *piece)],
                batch_rows=RAW_BATCH_ROWS,
            )
            return [aggregate.compact(_frame(b)) for b in batches]

        slices = _slices(days.first, days.last, self._workers)
        if len(slices) == 1:
            parts = part(slices[0])
        else:
            with ThreadPoolExecutor(len(slices), thread_name_prefix="cost-read") as pool:
                parts = [p for ps in pool.map(part, slices) for p in ps]
        return aggregate.merge(parts)

    # ---- aggregates ------------------------------------------------------------------------

    def summary(self, org: str, f: CostFilter, *, metric: str, top_n: int) -> CostSummary:
        """Totals, provider and category breakdowns, daily trend and top services."""

        def compute() -> CostSummary:
            frame = self._compacted(org, f)
            extra = (f.currency,) if f.currency else ()
            return aggregate.summary(
                frame, start=f.start, end=f.end, metric=metric, top_n=top_n, currencies=extra
            )

        return self._cached(org, ("summary", f.key(), metric, top_n), compute)

    def by_provider(self, org: str, f: CostFilter, *, metric: str) -> ProviderBreakdown:
        """Costs per provider and currency, largest first."""

        def compute() -> ProviderBreakdown:
            frame = self._compacted(org, f)
            tot, prov = pl.collect_all(
                [aggregate.totals_query(frame, metric), aggregate.providers_query(frame, metric)]
            )
            totals = aggregate.totals_from(tot)
            return ProviderBreakdown(aggregate.providers_from(prov, totals), totals)

        return self._cached(org, ("by_provider", f.key(), metric), compute)

    def by_service(
        self, org: str, f: CostFilter, *, metric: str, page_size: int, page_token: str
    ) -> ServiceBreakdown:
        """A page of costs per service and currency, largest first."""

        def compute() -> tuple[tuple[ServiceCost, ...], tuple[CurrencyTotal, ...]]:
            frame = self._compacted(org, f)
            tot, svc = pl.collect_all(
                [aggregate.totals_query(frame, metric), aggregate.services_query(frame, metric)]
            )
            totals = aggregate.totals_from(tot)
            return aggregate.services_from(svc, totals), totals

        key = ("by_service", f.key(), metric)
        services, totals = self._cached(org, key, compute)
        return ServiceBreakdown(paging.paginate(services, page_size, page_token, key), totals)

    def trend(self, org: str, f: CostFilter, *, metric: str, granularity: str) -> Trend:
        """Costs per period and currency, oldest first, empty periods as 0."""

        def compute() -> Trend:
            frame = self._compacted(org, f)
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

        return self._cached(org, ("trend", f.key(), metric, granularity), compute)

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
                self._read(org, f, cols),
                rows=rows_dims,
                columns=column_dims,
                metric=metric,
                granularity=granularity,
                column_limit=column_limit,
            )

        table = self._cached(org, key, compute)
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
                frame = self._read(org, f, (*s.BASE_COLUMNS, s.SUB_ACCOUNT, s.TAGS))
                if sub_accounts:
                    frame = frame.filter(pl.col(s.SUB_ACCOUNT).is_in(list(sub_accounts)))
                for tag, value in tags:
                    frame = frame.filter(
                        pl.col(s.TAGS).str.json_path_match(f"$.{tag}") == pl.lit(value)
                    )
            else:
                frame = self._compacted(org, f)
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

        return self._cached(org, key, compute)

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
                frame = self._compacted(org, f)
            else:
                frame = self._read(org, f, (*s.BASE_COLUMNS, *by))
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

        return self._cached(org, key, compute)

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
            dataset = self._dataset(org)
            where: list[Predicate] = [Between(saas.DAY, f.start, f.end)]
            if f.providers:
                where.append(In(saas.PROVIDER, f.providers))
            if f.currency:
                where.append(Eq(saas.CURRENCY, f.currency))
            arrow = self._warehouse.read_arrow(dataset, DAILY_TABLE, list(saas.COLUMNS), where)
            frame = pl.from_arrow(arrow)
            if not isinstance(frame, pl.DataFrame):  # pragma: no cover - a table is never a Series
                raise TypeError("expected a table")
            plan_where: list[Predicate] = [In("provider", f.providers)] if f.providers else []
            grouped: dict[str, list[PlanVersion]] = {}
            for row in self._warehouse.select(dataset, PLANS_TABLE, plan_where):
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
        out = self._cached(org, key, compute)
        page = paging.paginate(out.plans, page_size, page_token, key)
        return SaasCostPage(page, out.totals, cache_hit=not computed)

    # ---- ingestion (internal) --------------------------------------------------------------

    def ingest(self, org: str, table: pa.Table, *, batch_id: str) -> IngestResult:
        """Store one batch of rows (canonical Arrow types, JSON as text) once per ``batch_id``.

        Rows are checked against the table schema first (the error names the column and the
        first bad row); the rollup of the days the rows touch and the org's cached results are
        forgotten. For loaders that cannot write the warehouse themselves (see IngestCostRows).
        """
        dataset = self._dataset(org)
        if not self._warehouse.table_exists(dataset, s.TABLE):
            raise NotFound("table", f"{dataset}.{s.TABLE}")
        schema = self._warehouse.describe_table(dataset, s.TABLE)
        cost_ingest.check_rows(table, schema)
        texts = [
            c.name
            for c in schema.columns
            if c.type is ColumnType.JSON and c.name in table.column_names
        ]
        days = (
            DayRange.spanning(d for d in table.column(s.DAY).to_pylist() if d is not None)
            if table.num_rows
            else None
        )

        def store() -> int:
            if days is None:
                return 0
            rows = table.to_pylist()
            for row in rows:
                row[cost_ingest.BATCH_COLUMN] = batch_id
                for name in texts:
                    if row[name] is not None:
                        row[name] = json.loads(str(row[name]))
            # Before and after: a crash between the insert and the second call leaves no
            # stale day.
            self._changes.costs_changed(org, days)
            inserted = self._warehouse.insert_rows(dataset, s.TABLE, rows)
            self._changes.costs_changed(org, days)
            return inserted

        return self._batches.run(dataset, batch_id, table, days, store)

    # ---- raw rows and export ---------------------------------------------------------------

    def _day_counts(self, org: str, f: CostFilter) -> list[tuple[dt.date, int]]:
        """Matching rows per charge day, newest first (from the daily rollup's row counts)."""

        def compute() -> list[tuple[dt.date, int]]:
            counts = (
                self._compacted(org, f)
                .group_by(s.DAY)
                .agg(pl.col(aggregate.ROWS).sum().alias("n"))
                .filter(pl.col("n") > 0)
                .sort(s.DAY, descending=True)
                .collect()
            )
            return [(d, int(n)) for d, n in counts.iter_rows()]

        return self._cached(org, ("day_counts", f.key()), compute)

    def _export_day_counts(self, org: str, f: CostFilter) -> list[tuple[dt.date, int]]:
        """Matching rows per charge day, newest first, without building the daily rollup.

        From the stored rollup when it holds every day of the range; otherwise counted in the
        warehouse's stream of the filter columns, ``COUNT_BATCH_ROWS`` rows at a time (a fresh
        bulk load of 10 M rows is counted in bounded memory, and nothing is written).
        """

        def compute() -> list[tuple[dt.date, int]]:
            dataset = self._dataset(org)
            stored = self._rollup.stored(dataset, DayRange(f.start, f.end))
            if stored is not None:
                frame = filters.prepare(stored, f).select(s.DAY, pl.col(aggregate.ROWS))
                return _per_day([frame.collect()])
            where: list[Predicate] = [Between(s.DAY, f.start, f.end)]
            if f.currency:
                where.append(Eq(s.CURRENCY, f.currency))
            batches = self._warehouse.read_arrow_batches(
                dataset, s.TABLE, list(_FILTER_COLUMNS), where, batch_rows=COUNT_BATCH_ROWS
            )
            parts = [
                filters.prepare(_frame(b), f)
                .group_by(s.DAY)
                .agg(pl.len().cast(pl.Int64).alias(aggregate.ROWS))
                .collect()
                for b in batches
            ]
            return _per_day(parts)

        return self._cached(org, ("export_day_counts", f.key()), compute)

    def _window(
        self,
        org: str,
        f: CostFilter,
        low: dt.date,
        high: dt.date,
        columns: Sequence[str] = rows.SOURCE_COLUMNS,
    ) -> pl.LazyFrame:
        """Filtered rows of ``columns`` over ``[low, high]`` in canonical order.

        Read as a stream of Arrow batches with view strings, which Polars takes without a copy.
        """
        where: list[Predicate] = [Between(s.DAY, low, high)]
        if f.currency:
            where.append(Eq(s.CURRENCY, f.currency))
        names = list(dict.fromkeys([*_FILTER_COLUMNS, *columns]))
        batches = self._warehouse.read_arrow_batches(
            self._dataset(org), s.TABLE, names, where, batch_rows=COUNT_BATCH_ROWS
        )
        frame = pl.concat([_frame(b) for b in batches], rechunk=False)
        return rows.canonical_order(filters.prepare(frame, f))

    def list_rows(self, org: str, f: CostFilter, *, page_size: int, page_token: str) -> RowsPage:
        """A page of raw rows, newest charge first; tokens are offsets bound to the query."""
        at = paging.cursor(page_size, page_token, ("rows", f.key()))
        offset, size = at.offset, at.size
        counts = self._day_counts(org, f)
        total = sum(n for _, n in counts)
        before, skip = 0, 0
        window: list[dt.date] = []
        for day, n in counts:  # newest first: the days holding rows [offset, offset + size)
            if before + n <= offset:
                before += n
                continue
            if before >= offset + size:
                break
            if not window:
                skip = offset - before
            window.append(day)
            before += n
        if not window:
            empty = rows.as_cost_rows(self._window(org, f, f.start, f.start)).head(0)
            return RowsPage(empty.collect(), total, "")
        frame = (
            rows.as_cost_rows(self._window(org, f, window[-1], window[0]))
            .slice(skip, size)
            .collect()
        )
        return RowsPage(frame, total, at.next_token(offset + size < total))

    def export(
        self,
        org: str,
        f: CostFilter,
        *,
        fmt: str,
        fields: Sequence[str] = (),
        layout: str = "",
    ) -> Export:
        """Stream the filtered rows as ``fmt`` in day windows, in messages of bounded size.

        ``fmt``: csv, parquet, or JSON lines (json, jsonl, ndjson). ``layout``: "cloudact"
        (default: CostRow field names) or "focus" (the stored FOCUS 1.2 columns, names and
        types as in ``cost_data_focus_1_2``). ``fields`` picks and orders the layout's columns.
        """
        fmt = cost_export.format_name(fmt)
        focus = cost_export.layout_name(layout) == cost_export.FOCUS
        names = self._focus_columns(org) if focus else tuple(rows.FIELDS)
        chosen = tuple(c.strip() for c in fields if c.strip())
        for c in chosen:
            if c not in names:
                what = "cost_data_focus_1_2 column" if focus else "CostRow field"
                raise InvalidArgument.field("columns", f"unknown {what} {c!r}")
        if len(set(chosen)) != len(chosen):
            raise InvalidArgument.field("columns", "a field may appear only once")
        self._dataset(org)  # validate the slug before streaming starts
        counts = self._export_day_counts(org, f)
        windows = _windows(counts, self._chunk_rows) or [(f.start, f.start)]
        self._after_window()

        def frames() -> Iterator[pl.DataFrame]:
            for low, high in windows:
                if focus:
                    window = self._window(org, f, low, high, names)
                    yield window.select(chosen or names).collect()
                else:
                    window = self._window(org, f, low, high)
                    yield rows.as_cost_rows(window, chosen or None).collect()
                self._after_window()

        pieces = cost_export.bounded(cost_export.encode(fmt, frames()), self._message_bytes)
        return Export(cost_export.CONTENT_TYPES[fmt], pieces, cost_export.EXTENSIONS[fmt])

    def _focus_columns(self, org: str) -> tuple[str, ...]:
        """The stored columns of the org's cost table, in table order."""
        dataset = self._dataset(org)
        if not self._warehouse.table_exists(dataset, s.TABLE):
            raise NotFound("table", f"{dataset}.{s.TABLE}")
        return self._warehouse.describe_table(dataset, s.TABLE).column_names


def _frame(batch: pa.RecordBatch) -> pl.DataFrame:
    frame = pl.from_arrow(batch)
    if not isinstance(frame, pl.DataFrame):  # pragma: no cover - a batch is never a Series
        raise TypeError("expected a table")
    return frame


def _per_day(parts: Sequence[pl.DataFrame]) -> list[tuple[dt.date, int]]:
    """(day, rows) of frames with ``DAY`` and ``ROWS`` columns, summed, newest first."""
    if not parts:
        return []
    counts = (
        pl.concat(parts)
        .group_by(s.DAY)
        .agg(pl.col(aggregate.ROWS).sum())
        .filter(pl.col(aggregate.ROWS) > 0)
        .sort(s.DAY, descending=True)
    )
    return [(d, int(n)) for d, n in counts.iter_rows()]


def _slices(start: dt.date, end: dt.date, n: int) -> list[tuple[dt.date, dt.date]]:
    """``[start, end]`` cut into at most ``n`` consecutive day ranges of near-equal length."""
    days = (end - start).days + 1
    n = max(1, min(n, days))
    bounds = [start + dt.timedelta(days=days * i // n) for i in range(n + 1)]
    return [(bounds[i], bounds[i + 1] - dt.timedelta(days=1)) for i in range(n)]


def _windows(counts: Sequence[tuple[dt.date, int]], chunk: int) -> list[tuple[dt.date, dt.date]]:
    """Consecutive day ranges (newest first) of at most ``chunk`` rows, or one day if more."""
    out: list[tuple[dt.date, dt.date]] = []
    high: dt.date | None = None
    low: dt.date | None = None
    acc = 0
    for day, n in counts:
        if high is not None and low is not None and acc + n > chunk:
            out.append((low, high))
            high, acc = None, 0
        high, low = high or day, day
        acc += n
    if high is not None and low is not None:
        out.append((low, high))
    return out

"""What every cost read shares: the org's dataset, filtered raw reads, the rollup, the cache.

Raw reads take only the columns a query needs and only its date partitions (``Between`` on the
DATE partition column ``x_charge_date``; currency is pushed down too). Compacted reads go
through the persisted daily rollup (``CostRollup``) and compact from raw rows only the days it
does not hold yet. Results are cached per org and query; writers forget them through
``CostChanges``. Reads never write cost rows (derived rows, such as SaaS plan costs, are
brought up to date by their own writers; see ``PlanCosts.catch_up``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Final, TypeVar

import polars as pl
import pyarrow as pa

from cloudact_grpc.analytics import aggregate, filters
from cloudact_grpc.analytics import schema as s
from cloudact_grpc.analytics.filters import CostFilter
from cloudact_grpc.domain import identifiers
from cloudact_grpc.domain.clock import Clock, SystemClock, utc_today
from cloudact_grpc.domain.cost_events import DayRange
from cloudact_grpc.domain.errors import NotFound
from cloudact_grpc.ports.warehouse import Between, Eq, Predicate, Warehouse
from cloudact_grpc.services.cost_cache import CostCache
from cloudact_grpc.services.cost_changes import CostChanges
from cloudact_grpc.services.cost_rollup import CostRollup

_T = TypeVar("_T")
# Rows per streamed batch when compacting raw rows: 128 Ki keeps a 10-million-row pass near
# 200 MB resident (512 Ki: ~700 MB) at the same speed (64 Ki-512 Ki measured within noise).
RAW_BATCH_ROWS: Final = 1 << 17
FILTER_COLUMNS: Final = (
    s.DAY, s.PROVIDER, s.SERVICE_CATEGORY, s.SERVICE_SUBCATEGORY, s.SOURCE, s.CURRENCY,
)  # fmt: skip


class CostSource:
    """One org's ``cost_data_focus_1_2`` as filtered frames, compacted frames and cached results."""

    def __init__(
        self,
        warehouse: Warehouse,
        *,
        dataset_suffix: str,
        clock: Clock | None = None,
        changes: CostChanges | None = None,
        read_workers: int | None = None,
    ) -> None:
        self.warehouse = warehouse
        self.clock = clock or SystemClock()
        # Aggregates read this many date slices in parallel (one warehouse stream each).
        self._workers = max(1, read_workers or min(4, os.cpu_count() or 1))
        self._suffix = dataset_suffix
        self.changes = changes or CostChanges(
            CostRollup(warehouse, clock=self.clock), CostCache(), dataset_suffix=dataset_suffix
        )

    @property
    def rollup(self) -> CostRollup:
        """The persisted daily rollup."""
        return self.changes.rollup

    def today(self) -> dt.date:
        """Today in UTC (the default end date)."""
        return utc_today(self.clock)

    def dataset(self, org: str) -> str:
        """The org's dataset id (InvalidArgument for a bad slug)."""
        return identifiers.org_dataset_id(org, self._suffix)

    def cost_dataset(self, org: str) -> str:
        """The org's dataset id; NotFound when it has no cost table."""
        dataset = self.dataset(org)
        if not self.warehouse.table_exists(dataset, s.TABLE):
            raise NotFound("table", f"{dataset}.{s.TABLE}")
        return dataset

    def invalidate(self, org_slug: str, days: DayRange | None = None) -> tuple[int, int]:
        """Forget the rollup of ``days`` (None: all) and every cached result of ``org_slug``.

        Returns (rollup days forgotten, cached results dropped); NotFound for an unknown org.
        """
        self.cost_dataset(org_slug)
        return self.changes.forget(org_slug, days)

    def cached(self, org: str, key: tuple[object, ...], compute: Callable[[], _T]) -> _T:
        """The cached result of ``key`` for ``org`` (the slug is checked first)."""
        self.dataset(org)
        return self.changes.cache.get_or_compute(org, key, compute)

    def read(
        self,
        org: str,
        f: CostFilter,
        columns: Iterable[str],
        *,
        days: tuple[dt.date, dt.date] | None = None,
    ) -> pl.LazyFrame:
        """Filtered lazy frame (with ``_category``) of ``columns`` over ``days`` (default all)."""
        low, high = days or (f.start, f.end)
        arrow = self.warehouse.read_arrow(
            self.dataset(org), s.TABLE, self.columns(columns), self.where(f, low, high)
        )
        frame = pl.from_arrow(arrow)
        if not isinstance(frame, pl.DataFrame):  # pragma: no cover - a table is never a Series
            raise TypeError("expected a table")
        return filters.prepare(frame, f)

    @staticmethod
    def columns(columns: Iterable[str]) -> list[str]:
        """The filter columns plus ``columns``, once each."""
        return list(dict.fromkeys([*FILTER_COLUMNS, *columns]))

    @staticmethod
    def where(f: CostFilter, low: dt.date, high: dt.date) -> list[Predicate]:
        """The pushed-down predicates of ``f`` over ``[low, high]``."""
        where: list[Predicate] = [Between(s.DAY, low, high)]
        if f.currency:
            where.append(Eq(s.CURRENCY, f.currency))
        return where

    def compacted(self, org: str, f: CostFilter) -> pl.LazyFrame:
        """Filtered rows compacted per ``aggregate.COMPACT_KEYS`` (with ``_category``).

        Stored days come from the daily rollup; the others are compacted from raw rows (and
        stored for the next read).
        """
        dataset = self.dataset(org)
        compacted = self.rollup.compacted(
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
            batches = self.warehouse.read_arrow_batches(
                dataset,
                s.TABLE,
                aggregate.COMPACT_COLUMNS,
                [Between(s.DAY, *piece)],
                batch_rows=RAW_BATCH_ROWS,
            )
            return [aggregate.compact(frame_of(b)) for b in batches]

        slices = _slices(days.first, days.last, self._workers)
        if len(slices) == 1:
            parts = part(slices[0])
        else:
            with ThreadPoolExecutor(len(slices), thread_name_prefix="cost-read") as pool:
                parts = [p for ps in pool.map(part, slices) for p in ps]
        return aggregate.merge(parts)


def frame_of(batch: pa.RecordBatch) -> pl.DataFrame:
    """A record batch as a Polars frame (view strings are taken without a copy)."""
    frame = pl.from_arrow(batch)
    if not isinstance(frame, pl.DataFrame):  # pragma: no cover - a batch is never a Series
        raise TypeError("expected a table")
    return frame


def _slices(start: dt.date, end: dt.date, n: int) -> list[tuple[dt.date, dt.date]]:
    """``[start, end]`` cut into at most ``n`` consecutive day ranges of near-equal length."""
    days = (end - start).days + 1
    n = max(1, min(n, days))
    bounds = [start + dt.timedelta(days=days * i // n) for i in range(n + 1)]
    return [(bounds[i], bounds[i + 1] - dt.timedelta(days=1)) for i in range(n)]

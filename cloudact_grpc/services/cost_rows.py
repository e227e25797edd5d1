"""Raw cost rows: pages of rows and streamed exports, newest charge first.

Both walk the range in day windows of bounded size, so a year of rows never sits whole in
memory: a window is read as a stream of Arrow batches with view strings (taken by Polars without
a copy), sorted (``rows.canonical_order``), encoded and cut into messages of at most
``cost_export.MESSAGE_BYTES``. Rows per day come from the stored daily rollup or, for an export
of days it does not hold, from a small-batch stream of the filter columns (nothing is built).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final

import polars as pl

from cloudact_grpc.analytics import aggregate, filters, rows
from cloudact_grpc.analytics import schema as s
from cloudact_grpc.analytics.filters import CostFilter
from cloudact_grpc.domain.cost_events import DayRange
from cloudact_grpc.domain.errors import InvalidArgument
from cloudact_grpc.services import cost_export, paging
from cloudact_grpc.services.cost_source import FILTER_COLUMNS, CostSource, frame_of

# Rows per exported window (a window is whole days; a day with more rows is one window). The
# window's Arrow batches, its sorted frame and its encoded bytes are what an export holds (in
# process, 2 M rows as CSV: 25 Ki-row windows peaked at 510 MiB, 50 Ki at 675 MiB; the 10 M-row
# bench's server peaked at 675 MiB with one-day windows of ~27 Ki rows).
EXPORT_CHUNK_ROWS: Final = 1 << 15
# Rows per streamed batch when an export counts rows per day (only the six filter columns).
COUNT_BATCH_ROWS: Final = 1 << 16


@dataclass(frozen=True, slots=True)
class RowsPage:
    """A page of raw rows as a CostRow-shaped frame (see ``analytics.rows.FIELDS``)."""

    frame: pl.DataFrame
    total_size: int
    next_page_token: str


@dataclass(frozen=True, slots=True)
class Export:
    """A streamed file: its content type and its byte chunks (lazily produced)."""

    content_type: str
    chunks: Iterator[bytes]
    extension: str = "bin"


class CostRows:
    """Raw rows and exports of one org's costs."""

    def __init__(
        self,
        source: CostSource,
        *,
        export_chunk_rows: int = EXPORT_CHUNK_ROWS,
        export_message_bytes: int = cost_export.MESSAGE_BYTES,
        after_export_window: Callable[[], None] | None = None,
    ) -> None:
        self._src = source
        self._chunk_rows = export_chunk_rows
        self._message_bytes = export_message_bytes
        # Called after each exported window (the app returns freed heap memory to the OS).
        self._after_window = after_export_window or (lambda: None)

    def _day_counts(self, org: str, f: CostFilter) -> list[tuple[dt.date, int]]:
        """Matching rows per charge day, newest first (from the daily rollup's row counts)."""

        def compute() -> list[tuple[dt.date, int]]:
            counts = (
                self._src.compacted(org, f)
                .group_by(s.DAY)
                .agg(pl.col(aggregate.ROWS).sum().alias("n"))
                .filter(pl.col("n") > 0)
                .sort(s.DAY, descending=True)
                .collect()
            )
            return [(d, int(n)) for d, n in counts.iter_rows()]

        return self._src.cached(org, ("day_counts", f.key()), compute)

    def _export_day_counts(self, org: str, f: CostFilter) -> list[tuple[dt.date, int]]:
        """Matching rows per charge day, newest first, without building the daily rollup.

        From the stored rollup when it holds every day of the range; otherwise counted in the
        warehouse's stream of the filter columns, ``COUNT_BATCH_ROWS`` rows at a time (a fresh
        bulk load of 10 M rows is counted in bounded memory, and nothing is written).
        """

        def compute() -> list[tuple[dt.date, int]]:
            dataset = self._src.dataset(org)
            stored = self._src.rollup.stored(dataset, DayRange(f.start, f.end))
            if stored is not None:
                frame = filters.prepare(stored, f).select(s.DAY, pl.col(aggregate.ROWS))
                return _per_day([frame.collect()])
            batches = self._src.warehouse.read_arrow_batches(
                dataset,
                s.TABLE,
                list(FILTER_COLUMNS),
                self._src.where(f, f.start, f.end),
                batch_rows=COUNT_BATCH_ROWS,
            )
            parts = [
                filters.prepare(frame_of(b), f)
                .group_by(s.DAY)
                .agg(pl.len().cast(pl.Int64).alias(aggregate.ROWS))
                .collect()
                for b in batches
            ]
            return _per_day(parts)

        return self._src.cached(org, ("export_day_counts", f.key()), compute)

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
        batches = self._src.warehouse.read_arrow_batches(
            self._src.dataset(org),
            s.TABLE,
            self._src.columns(columns),
            self._src.where(f, low, high),
            batch_rows=COUNT_BATCH_ROWS,
        )
        frame = pl.concat([frame_of(b) for b in batches], rechunk=False)
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
        self._src.dataset(org)  # validate the slug before streaming starts
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
        dataset = self._src.cost_dataset(org)
        return self._src.warehouse.describe_table(dataset, s.TABLE).column_names


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

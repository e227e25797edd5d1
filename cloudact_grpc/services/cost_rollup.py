"""The persisted daily rollup of an org's cost rows, and the writers' side of keeping it true.

Aggregate reads (summary, breakdowns, trends) need only the rows compacted per day and
``aggregate.COMPACT_KEYS``. Reading millions of raw rows per request is what every peer learnt
not to do, so the compacted rows of each past day are computed once (with Polars, from the raw
rows) and stored in ``cost_daily_rollup``; ``cost_rollup_days`` says which build of each day is
current. A read takes the current builds of the days it covers and computes only the missing
days from raw rows, storing them for the next read.

Staying true under concurrent writes, without transactions:

* a build first records its days as ``building`` (one row per day, its own ``x_build_id``),
  then reads the raw rows, writes its rollup rows, and finally flips only its own rows that are
  still there from ``building`` to ``built`` (one UPDATE);
* a writer changes raw rows and then deletes the day records of the days it touched (and the
  rollup rows of the builds it removed); it does so before the change too, so a crash in between
  cannot leave a stale day behind unless a build ran in that window.

A build that raced a write therefore loses its day records and never becomes ``built``; any
record that does become ``built`` was written after the last writer's delete, so its raw read saw
that write. Several builds of one day (two replicas) are equally correct; readers take the newest.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager

import polars as pl
import structlog

from cloudact_grpc.analytics import rollup
from cloudact_grpc.analytics import schema as s
from cloudact_grpc.domain.clock import Clock, SystemClock, utc_today
from cloudact_grpc.domain.cost_events import DayRange
from cloudact_grpc.domain.errors import NotFound
from cloudact_grpc.ports.warehouse import Between, Eq, In, Predicate, Warehouse
from cloudact_grpc.services.orgs import tables

_log = structlog.get_logger(__name__)

DAYS_TABLE = tables.ROLLUP_DAYS
BUILDING, BUILT = "building", "built"
ONE_DAY = dt.timedelta(days=1)
READ_ATTEMPTS = 3

# Raw rows of a day range (all currencies) compacted per ``aggregate.COMPACT_KEYS``.
RawCompactor = Callable[[DayRange], pl.DataFrame]


class CostRollup:
    """Reads compacted cost rows through the daily rollup, building missing days on the way."""

    def __init__(self, warehouse: Warehouse, *, clock: Clock | None = None) -> None:
        self._wh = warehouse
        self._clock = clock or SystemClock()
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

    @contextmanager
    def _building(self, dataset: str) -> Iterator[None]:
        # One build per dataset at a time in this process: a second reader waits, then finds
        # the days built instead of building them again.
        with self._guard:
            lock = self._locks.setdefault(dataset, threading.Lock())
        with lock:
            yield

    def compacted(self, dataset: str, days: DayRange, from_raw: RawCompactor) -> pl.DataFrame:
        """Compacted rows of ``days`` (every currency): stored builds plus new ones.

        Statements are not one snapshot: a writer may forget a build between our reading its day
        record and its rows. Writers delete a build's records before its rows, so a build whose
        records are still there after the rows were read was read whole; otherwise read again.
        """
        try:
            for _ in range(READ_ATTEMPTS):
                builds = self._current_builds(dataset, days)
                if len(builds) < _length(days):
                    with self._building(dataset):
                        builds = self._current_builds(dataset, days)  # another build may be done
                        frame = self._with_missing(dataset, days, builds, from_raw)
                else:
                    frame = self._stored(dataset, builds)
                if self._still_current(dataset, days, builds):
                    return frame
                _log.info("cost_rollup_reread", dataset=dataset)
            return from_raw(days)  # writers keep forgetting these days: the raw rows are exact
        except NotFound as exc:
            if self._wh.table_exists(dataset, DAYS_TABLE) or not self._wh.table_exists(
                dataset, s.TABLE
            ):
                raise  # not a dataset from before the rollup: the org (or its table) is gone
            # A dataset created before the rollup existed: correct answers, just slower.
            _log.warning("cost_rollup_missing", dataset=dataset, error=str(exc))
            return from_raw(days)

    def stored(self, dataset: str, days: DayRange) -> pl.DataFrame | None:
        """Compacted rows of ``days`` if every day is built and stays so while read; else None.

        Never builds: for readers that have a cheaper way than a build when days are missing.
        """
        try:
            builds = self._current_builds(dataset, days)
            if len(builds) < _length(days):
                return None
            frame = self._stored(dataset, builds)
            return frame if self._still_current(dataset, days, builds) else None
        except NotFound:
            return None

    def invalidate(self, dataset: str, days: DayRange | None) -> int:
        """Forget the builds of ``days`` (None: every day); returns the day records removed."""
        where: list[Predicate] = [Between(s.DAY, days.first, days.last)] if days else []
        try:
            rows = self._wh.select(dataset, DAYS_TABLE, where, columns=[rollup.BUILD_ID])
            removed = self._wh.delete(dataset, DAYS_TABLE, where)
            ids = tuple(sorted({str(r[rollup.BUILD_ID]) for r in rows}))
            if ids:
                self._wh.delete(dataset, rollup.ROLLUP_TABLE, [*where, In(rollup.BUILD_ID, ids)])
        except NotFound:
            return 0  # no rollup tables (an older dataset, or the org is gone): nothing to forget
        return removed

    # ---- reading ------------------------------------------------------------------------

    def _current_builds(self, dataset: str, days: DayRange) -> dict[dt.date, str]:
        rows = self._wh.select(
            dataset,
            DAYS_TABLE,
            [Between(s.DAY, days.first, days.last), Eq("state", BUILT)],
            columns=[s.DAY, rollup.BUILD_ID, "built_at"],
        )
        newest: dict[dt.date, tuple[dt.datetime, str]] = {}
        for r in rows:
            day, build, at = r[s.DAY], str(r[rollup.BUILD_ID]), r["built_at"]
            if isinstance(day, dt.date) and isinstance(at, dt.datetime):
                newest[day] = max(newest.get(day, (at, build)), (at, build))
        return {day: build for day, (_, build) in newest.items()}

    def _still_current(self, dataset: str, days: DayRange, builds: dict[dt.date, str]) -> bool:
        if not builds:
            return True
        rows = self._wh.select(
            dataset,
            DAYS_TABLE,
            [
                Between(s.DAY, days.first, days.last),
                In(rollup.BUILD_ID, tuple(set(builds.values()))),
            ],
            columns=[s.DAY, rollup.BUILD_ID],
        )
        return set(builds.items()) <= {(r[s.DAY], r[rollup.BUILD_ID]) for r in rows}

    def _stored(self, dataset: str, builds: dict[dt.date, str]) -> pl.DataFrame:
        if not builds:
            return _empty()
        arrow = self._wh.read_arrow(
            dataset,
            rollup.ROLLUP_TABLE,
            list(rollup.COLUMNS),
            [Between(s.DAY, min(builds), max(builds))],
        )
        frame = pl.from_arrow(arrow)
        if not isinstance(frame, pl.DataFrame):  # pragma: no cover - a table is never a Series
            raise TypeError("expected a table")
        return rollup.from_rollup(frame, builds)

    # ---- building -----------------------------------------------------------------------

    def _with_missing(
        self,
        dataset: str,
        days: DayRange,
        builds: dict[dt.date, str],
        from_raw: RawCompactor,
    ) -> pl.DataFrame:
        today = utc_today(self._clock)
        runs = _missing_runs(days, builds.keys())
        # Only past and current days are stored; later days are read raw every time.
        storable = [DayRange(r.first, min(r.last, today)) for r in runs if r.first <= today]
        later = [DayRange(max(r.first, today + ONE_DAY), r.last) for r in runs if r.last > today]
        parts = [self._stored(dataset, builds)]
        if storable:
            parts.append(self._build(dataset, storable, from_raw))
        parts.extend(from_raw(r) for r in later)
        return _concat(parts)

    def _build(
        self, dataset: str, runs: Sequence[DayRange], from_raw: RawCompactor
    ) -> pl.DataFrame:
        build_id = uuid.uuid4().hex
        days = [d for r in runs for d in _each_day(r)]
        started = self._clock.now()
        self._wh.insert_rows(
            dataset,
            DAYS_TABLE,
            [
                {s.DAY: d, rollup.BUILD_ID: build_id, "state": BUILDING, "started_at": started}
                for d in days
            ],
        )
        compacted = _concat([from_raw(r) for r in runs])
        rows = rollup.to_rollup(compacted, build_id).to_dicts()
        if rows:
            self._wh.insert_rows(dataset, rollup.ROLLUP_TABLE, rows)
        built = self._wh.update(
            dataset,
            DAYS_TABLE,
            {"state": BUILT, "built_at": self._clock.now()},
            [Eq(rollup.BUILD_ID, build_id), Eq("state", BUILDING)],
        )
        if built < len(days):
            self._drop_lost(dataset, build_id, days)
        _log.info("cost_rollup_built", dataset=dataset, days=len(days), built=built, rows=len(rows))
        return compacted

    def _drop_lost(self, dataset: str, build_id: str, days: Sequence[dt.date]) -> None:
        """A writer removed some of this build's days: delete its rollup rows of those days."""
        kept = self._wh.select(
            dataset, DAYS_TABLE, [Eq(rollup.BUILD_ID, build_id)], columns=[s.DAY]
        )
        lost = tuple(sorted(set(days) - {r[s.DAY] for r in kept}))
        if lost:
            self._wh.delete(
                dataset, rollup.ROLLUP_TABLE, [Eq(rollup.BUILD_ID, build_id), In(s.DAY, lost)]
            )


def _length(days: DayRange) -> int:
    return (days.last - days.first).days + 1


def _each_day(days: DayRange) -> Iterator[dt.date]:
    for i in range(_length(days)):
        yield days.first + dt.timedelta(days=i)


def _missing_runs(days: DayRange, covered: Collection[dt.date]) -> list[DayRange]:
    """Consecutive runs of the days of ``days`` not in ``covered``, oldest first."""
    runs: list[DayRange] = []
    for day in _each_day(days):
        if day in covered:
            continue
        if runs and runs[-1].last + ONE_DAY == day:
            runs[-1] = DayRange(runs[-1].first, day)
        else:
            runs.append(DayRange(day, day))
    return runs


def _empty() -> pl.DataFrame:
    return pl.DataFrame(schema=rollup.COMPACTED_SCHEMA)


def _concat(parts: Sequence[pl.DataFrame]) -> pl.DataFrame:
    """Compacted parts as one frame (days never overlap, so no re-grouping is needed)."""
    return pl.concat([_empty(), *(p for p in parts if p.height)], how="vertical_relaxed")

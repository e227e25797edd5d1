"""The persisted daily cost rollup: built on first read, reused, forgotten by writers, race-safe.

Runs on both warehouses. Expected figures come from DuckDB SQL over the generated rows; the
rollup's own state is read back from its tables (``cost_rollup_days``, ``cost_daily_rollup``).
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pyarrow as pa
import pytest

from cloudact_grpc.adapters.warehouse import values
from cloudact_grpc.adapters.warehouse.schemas import org_tables
from cloudact_grpc.analytics.filters import CostFilter
from cloudact_grpc.demo.focus import DemoSpec, as_port_rows, generate
from cloudact_grpc.domain.cost_events import DayRange
from cloudact_grpc.ports.warehouse import Between, Eq, Warehouse
from cloudact_grpc.services.cost_cache import CostCache
from cloudact_grpc.services.cost_changes import CostChanges
from cloudact_grpc.services.cost_rollup import DAYS_TABLE, CostRollup
from cloudact_grpc.services.costs import CostsService
from tests.support.backends import BOTH_BACKENDS
from tests.support.clocks import FixedClock
from tests.support.datasets import org_dataset

pytestmark = pytest.mark.parametrize("warehouse", BOTH_BACKENDS, indirect=True)

CONFIGS = Path(__file__).resolve().parents[2] / "configs"
SUFFIX = "test"
FOCUS = "cost_data_focus_1_2"
ROLLUP = "cost_daily_rollup"
START = dt.date(2025, 3, 1)
LAST = START + dt.timedelta(days=9)
ALL = CostFilter(START, LAST)


@pytest.fixture
def org(warehouse: Warehouse) -> Iterator[str]:
    """A fresh org with its per-org dataset (cost table and rollup tables)."""
    with org_dataset(warehouse, "r", SUFFIX) as slug:
        yield slug


def _service(
    wh: Warehouse, clock: FixedClock | None = None, cache: CostCache | None = None
) -> tuple[CostsService, CostChanges]:
    clock = clock or FixedClock(dt.datetime(2025, 6, 1, tzinfo=dt.UTC))
    changes = CostChanges(CostRollup(wh, clock=clock), cache or CostCache(), dataset_suffix=SUFFIX)
    return CostsService(wh, dataset_suffix=SUFFIX, clock=clock, changes=changes), changes


def _rows(seed: int, rows: int = 120) -> pl.DataFrame:
    return generate(DemoSpec(rows=rows, start=START, days=10, seed=seed, currencies=("USD", "EUR")))


def _load(wh: Warehouse, org: str, frame: pl.DataFrame) -> None:
    wh.insert_rows(f"{org}_{SUFFIX}", FOCUS, as_port_rows(frame))


def _expected(frame: pl.DataFrame, f: CostFilter) -> dict[str, tuple[Decimal, int]]:
    """Effective cost and row count per currency, by SQL over the raw rows."""
    con = duckdb.connect()
    con.register("src", frame.to_arrow())
    where = "x_charge_date BETWEEN ? AND ?"
    params: list[object] = [f.start, f.end]
    if f.currency:
        where += " AND BillingCurrency = ?"
        params.append(f.currency)
    rows = con.execute(
        f"SELECT BillingCurrency, SUM(EffectiveCost), COUNT(*) FROM src WHERE {where} GROUP BY ALL",
        params,
    ).fetchall()
    return {str(c): (Decimal(str(t)).quantize(Decimal("1e-9")), int(n)) for c, t, n in rows}


def _built(wh: Warehouse, org: str, seed: int) -> tuple[pl.DataFrame, CostsService, CostChanges]:
    """Load seeded rows and read them once, which builds the rollup of every day."""
    frame = _rows(seed)
    _load(wh, org, frame)
    svc, changes = _service(wh)
    svc.summary(org, ALL, metric="effective", top_n=5)
    return frame, svc, changes


def _got(svc: CostsService, org: str, f: CostFilter = ALL) -> dict[str, tuple[Decimal, int]]:
    summary = svc.summary(org, f, metric="effective", top_n=5)
    return {t.currency: (t.total, t.record_count) for t in summary.totals}


def _day_records(wh: Warehouse, org: str) -> list[dict[str, object]]:
    return wh.select(f"{org}_{SUFFIX}", DAYS_TABLE, [])


def _built_days(wh: Warehouse, org: str) -> set[dt.date]:
    return {
        d
        for r in _day_records(wh, org)
        if r["state"] == "built" and isinstance(d := r["x_charge_date"], dt.date)
    }


def _days(first: dt.date, last: dt.date) -> set[dt.date]:
    return {first + dt.timedelta(days=i) for i in range((last - first).days + 1)}


def _arrow(frame: pl.DataFrame) -> pa.Table:
    schema = next(s for s in org_tables(CONFIGS) if s.name == FOCUS)
    return frame.to_arrow().cast(values.arrow_schema(schema, frame.columns))


def test_first_read_builds_every_past_day_and_later_reads_use_it(
    warehouse: Warehouse, org: str
) -> None:
    frame = _rows(1)
    _load(warehouse, org, frame)
    svc, changes = _service(warehouse)
    assert _got(svc, org) == _expected(frame, ALL)
    assert _built_days(warehouse, org) == _days(START, LAST)
    # The rollup rows add back to the raw rows, per day and currency, to the nanodollar.
    stored = pl.DataFrame(warehouse.select(f"{org}_{SUFFIX}", ROLLUP, []))
    sums = stored.group_by("BillingCurrency").agg(pl.col("EffectiveCost").sum(), pl.len())
    raw = frame.group_by("BillingCurrency").agg(pl.col("EffectiveCost").sum())
    assert dict(sums.select("BillingCurrency", "EffectiveCost").iter_rows()) == dict(
        raw.iter_rows()
    )
    assert stored["x_row_count"].sum() == frame.height
    # Rows written behind the service's back (no notification) are not seen: proof that the
    # next cold read (cache dropped) used the rollup, not the raw rows.
    _load(warehouse, org, _rows(2, rows=30))
    changes.cache.invalidate(org)
    assert _got(svc, org) == _expected(frame, ALL)
    # A sub-range and a currency filter are answered from the same rollup.
    part = CostFilter(START + dt.timedelta(days=2), START + dt.timedelta(days=4), currency="EUR")
    assert _got(svc, org, part) == _expected(frame, part)


def test_notified_days_are_rebuilt_and_only_those(warehouse: Warehouse, org: str) -> None:
    frame, svc, _ = _built(warehouse, org, 3)
    extra = _rows(4, rows=40).filter(pl.col("x_charge_date") == START + dt.timedelta(days=6))
    _load(warehouse, org, extra)  # written directly, then the writer notifies its day
    day = DayRange(START + dt.timedelta(days=6), START + dt.timedelta(days=6))
    forgotten, dropped = svc.invalidate(org, day)
    assert (forgotten, dropped) == (1, 1)
    assert _built_days(warehouse, org) == _days(START, LAST) - {day.first}
    both = pl.concat([frame, extra])
    assert _got(svc, org) == _expected(both, ALL)
    assert _built_days(warehouse, org) == _days(START, LAST)


def test_ingest_forgets_the_days_it_writes(warehouse: Warehouse, org: str) -> None:
    frame, svc, _ = _built(warehouse, org, 5)
    late = _rows(6, rows=60).filter(
        pl.col("x_charge_date").is_between(START + dt.timedelta(days=3), START + dt.timedelta(5))
    )
    assert late.height > 0
    assert svc.ingest(org, _arrow(late), batch_id="late").rows == late.height
    touched = _days(START + dt.timedelta(days=3), START + dt.timedelta(days=5))
    assert _built_days(warehouse, org) == _days(START, LAST) - touched
    assert _got(svc, org) == _expected(pl.concat([frame, late]), ALL)


def test_days_after_today_are_never_stored(warehouse: Warehouse, org: str) -> None:
    frame = _rows(7)
    _load(warehouse, org, frame)
    today = START + dt.timedelta(days=4)
    svc, _ = _service(warehouse, FixedClock(dt.datetime.combine(today, dt.time(9), dt.UTC)))
    assert _got(svc, org) == _expected(frame, ALL)
    assert _built_days(warehouse, org) == _days(START, today)


def test_a_second_build_or_an_orphan_never_double_counts(warehouse: Warehouse, org: str) -> None:
    frame, svc, changes = _built(warehouse, org, 8)
    ds = f"{org}_{SUFFIX}"
    stored = warehouse.select(ds, ROLLUP, [])
    # Another replica built the same days (a newer, equally valid build) ...
    twin = uuid.uuid4().hex
    warehouse.insert_rows(ds, ROLLUP, [{**r, "x_build_id": twin} for r in stored])
    later = dt.datetime(2025, 6, 2, tzinfo=dt.UTC)
    warehouse.insert_rows(
        ds,
        DAYS_TABLE,
        [
            {**r, "x_build_id": twin, "built_at": later, "started_at": later}
            for r in _day_records(warehouse, org)
        ],
    )
    # ... and a crashed build left rows no day record points at.
    warehouse.insert_rows(ds, ROLLUP, [{**r, "x_build_id": "crashed"} for r in stored])
    changes.cache.invalidate(org)
    assert _got(svc, org) == _expected(frame, ALL)
    # Forgetting the days removes every build of them.
    assert svc.invalidate(org)[0] == 2 * len(_days(START, LAST))
    assert {r["x_build_id"] for r in warehouse.select(ds, ROLLUP, [])} == {"crashed"}


class _HoldRollup:
    """The real warehouse, except that the first rollup write or read waits for the test."""

    def __init__(self, inner: Warehouse, *, hold_reads: bool = False) -> None:
        self._inner = inner
        self._hold_reads = hold_reads
        self.reached = threading.Event()
        self.go = threading.Event()

    def _wait(self, table: str, reading: bool) -> None:
        if table == ROLLUP and reading == self._hold_reads and not self.reached.is_set():
            self.reached.set()
            assert self.go.wait(30)

    def insert_rows(self, dataset: str, table: str, rows: Sequence[Mapping[str, object]]) -> int:
        self._wait(table, reading=False)
        return self._inner.insert_rows(dataset, table, rows)

    def read_arrow(self, dataset: str, table: str, *args: Any, **kwargs: Any) -> pa.Table:
        self._wait(table, reading=True)
        return self._inner.read_arrow(dataset, table, *args, **kwargs)

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


def _race(
    warehouse: Warehouse, org: str, held: _HoldRollup, late: pl.DataFrame
) -> list[dict[str, tuple[Decimal, int]]]:
    """Read a summary through ``held``; while it is held, ingest ``late`` as another writer."""
    cache = CostCache()  # one process: reader and writer share the result cache
    reader, _ = _service(held, cache=cache)  # type: ignore[arg-type]
    writer, _ = _service(warehouse, cache=cache)
    first: list[dict[str, tuple[Decimal, int]]] = []
    read = threading.Thread(target=lambda: first.append(_got(reader, org)))
    read.start()
    try:
        assert held.reached.wait(30)
        writer.ingest(org, _arrow(late), batch_id="late")
    finally:
        held.go.set()
        read.join(30)
    return [*first, _got(reader, org)]


def test_a_build_racing_a_write_never_becomes_built(warehouse: Warehouse, org: str) -> None:
    frame = _rows(9)
    _load(warehouse, org, frame)
    raced = START + dt.timedelta(days=2)
    late = _rows(10, rows=50).filter(pl.col("x_charge_date") == raced)
    # Held after the build read the raw rows, before it writes its rollup rows.
    during, after = _race(warehouse, org, _HoldRollup(warehouse), late)
    assert during == _expected(frame, ALL)  # the snapshot the build read
    assert _built_days(warehouse, org) == _days(START, LAST)  # the raced day built again ...
    ds = f"{org}_{SUFFIX}"
    kept = warehouse.select(ds, DAYS_TABLE, [Between("x_charge_date", raced, raced)])
    rows = warehouse.select(ds, ROLLUP, [Eq("x_charge_date", raced)])
    assert len(kept) == 1  # ... by the second read; the first build's rows of it are gone
    assert {r["x_build_id"] for r in rows} == {kept[0]["x_build_id"]}
    assert after == _expected(pl.concat([frame, late]), ALL)


def test_a_read_racing_a_write_reads_again(warehouse: Warehouse, org: str) -> None:
    frame, _, _ = _built(warehouse, org, 12)
    raced = START + dt.timedelta(days=5)
    late = _rows(13, rows=50).filter(pl.col("x_charge_date") == raced)
    # Held after the read took the day records, before it reads the rollup rows: the writer
    # forgets the raced day (records, then rows) in between.
    during, after = _race(warehouse, org, _HoldRollup(warehouse, hold_reads=True), late)
    both = _expected(pl.concat([frame, late]), ALL)
    assert during == both  # read again, never a day short
    assert after == both


def test_a_dataset_without_rollup_tables_reads_raw_rows(warehouse: Warehouse, org: str) -> None:
    frame = _rows(11)
    _load(warehouse, org, frame)
    ds = f"{org}_{SUFFIX}"
    warehouse.drop_table(ds, DAYS_TABLE)
    warehouse.drop_table(ds, ROLLUP)
    svc, _ = _service(warehouse)
    assert _got(svc, org) == _expected(frame, ALL)
    assert svc.invalidate(org) == (0, 1)

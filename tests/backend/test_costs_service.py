"""Differential tests: every cost figure equals an independent DuckDB SQL computation.

Runs on both warehouses (``warehouse`` fixture). Data comes from the seeded demo generator with
several currencies and nulls in optional dimensions; cases cover a random set, an empty range
and a single row. Exports are parsed back and compared row by row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest

from cloudact_grpc.adapters.warehouse.schemas import org_tables
from cloudact_grpc.analytics.filters import CostFilter
from cloudact_grpc.demo.focus import DemoSpec, as_port_rows, generate
from cloudact_grpc.ports.warehouse import Warehouse
from cloudact_grpc.services.bootstrap import BootstrapService
from cloudact_grpc.services.costs import CostsService

CONFIGS = Path(__file__).resolve().parents[2] / "configs"
SUFFIX = "test"
START = dt.date(2025, 3, 1)
CAT = (
    "CASE WHEN x_source IN ('saas_subscription') OR ServiceCategory = 'Business Applications' "
    "THEN 'saas' WHEN x_source IN ('llm_usage') OR ServiceSubcategory = 'Generative AI' "
    "THEN 'llm' ELSE 'cloud' END"
)
METRIC = {"billed": "BilledCost", "effective": "EffectiveCost", "list": "ListCost"}


@pytest.fixture
def org(warehouse: Warehouse) -> Iterator[str]:
    """A fresh org with its per-org dataset."""
    slug = f"o_{uuid.uuid4().hex[:10]}"
    boot = BootstrapService(warehouse, (), org_tables(CONFIGS))
    boot.create_org_dataset(f"{slug}_{SUFFIX}")
    yield slug
    warehouse.drop_dataset(f"{slug}_{SUFFIX}")


def _load(wh: Warehouse, slug: str, frame: pl.DataFrame) -> None:
    if frame.height:
        wh.insert_rows(f"{slug}_{SUFFIX}", "cost_data_focus_1_2", as_port_rows(frame))


class Ref:
    """Independent SQL over the same rows."""

    def __init__(self, frame: pl.DataFrame, f: CostFilter) -> None:
        self.con = duckdb.connect()
        self.con.register("src", frame.to_arrow())
        conds = ["x_charge_date BETWEEN ? AND ?"]
        params: list[object] = [f.start, f.end]
        if f.providers:
            conds.append(f"lower(ProviderName) IN ({', '.join('?' * len(f.providers))})")
            params += list(f.providers)
        if f.currency:
            conds.append("BillingCurrency = ?")
            params.append(f.currency)
        self.con.execute(
            f"CREATE TABLE c AS SELECT * FROM (SELECT *, {CAT} AS cat FROM src) "
            f"WHERE {' AND '.join(conds)}",
            params,
        )
        if f.categories:
            self.con.execute(
                f"DELETE FROM c WHERE cat NOT IN ({', '.join('?' * len(f.categories))})",
                list(f.categories),
            )

    def q(self, sql: str) -> list[tuple[object, ...]]:
        return self.con.execute(sql).fetchall()

    def grouped(
        self, keys: str, metric: str = "effective"
    ) -> dict[tuple[object, ...], tuple[object, ...]]:
        m = METRIC[metric]
        sel = f"{keys}, " if keys else ""
        rows = self.q(
            f"SELECT {sel}BillingCurrency, SUM({m}), SUM(BilledCost), SUM(EffectiveCost), "
            f"SUM(ListCost), COUNT(*) FROM c GROUP BY ALL"
        )
        width = len(keys.split(",")) + 1 if keys else 1
        return {r[:width]: r[width:] for r in rows}


def _check_all(svc: CostsService, slug: str, frame: pl.DataFrame, f: CostFilter) -> None:
    ref = Ref(frame, f)
    for metric in ("effective", "billed", "list"):
        summary = svc.summary(slug, f, metric=metric, top_n=1000)
        assert {
            (t.currency,): (t.total, t.billed, t.effective, t.list, t.record_count)
            for t in summary.totals
        } == ref.grouped("", metric)
        if len(summary.totals) != 1:
            assert summary.single is None
        assert {
            (p.provider, p.currency): (p.total, p.billed, p.effective, p.list, p.record_count)
            for p in summary.providers
        } == ref.grouped("ProviderName", metric)
        cats = {(c.category, c.currency): (c.total, c.record_count) for c in summary.categories}
        assert cats == {k: (v[0], v[4]) for k, v in ref.grouped("cat", metric).items()}
        svcs = {
            (s.provider, s.service_name, s.service_category, s.category, s.currency): (
                s.total, s.billed, s.effective, s.record_count,
            )
            for s in summary.top_services
        }  # fmt: skip
        expect = ref.grouped("ProviderName, ServiceName, ServiceCategory, cat", metric)
        assert svcs == {k: (v[0], v[1], v[2], v[4]) for k, v in expect.items()}
        days = {
            (p.period, p.currency): (p.total, p.record_count)
            for p in summary.daily_trend
            if p.record_count
        }
        expect_days = ref.grouped("x_charge_date", metric)
        assert days == {k: (v[0], v[4]) for k, v in expect_days.items()}
        ncur = len({t.currency for t in summary.totals} | ({f.currency} if f.currency else set()))
        assert len(summary.daily_trend) == ((f.end - f.start).days + 1) * ncur
        for a, b in zip(summary.providers, summary.providers[1:], strict=False):
            assert a.total >= b.total  # largest first
    # Provider and service endpoints, trends.
    prov = svc.by_provider(slug, f, metric="billed")
    assert {(p.provider, p.currency): p.total for p in prov.providers} == {
        k: v[0] for k, v in ref.grouped("ProviderName", "billed").items()
    }
    seen: dict[tuple[str, ...], Decimal] = {}
    token = ""
    while True:
        page = svc.by_service(slug, f, metric="list", page_size=7, page_token=token)
        for s in page.page.items:
            seen[(s.provider, s.service_name, s.service_category, s.category, s.currency)] = s.total
        token = page.page.next_page_token
        if not token:
            break
    expect = ref.grouped("ProviderName, ServiceName, ServiceCategory, cat", "list")
    assert seen == {k: v[0] for k, v in expect.items()}
    for gran, trunc in (("weekly", "week"), ("monthly", "month")):
        trend = svc.trend(slug, f, metric="effective", granularity=gran)
        got = {(p.period, p.currency): p.total for p in trend.points if p.record_count}
        rows = ref.q(
            f"SELECT CAST(date_trunc('{trunc}', x_charge_date) AS DATE), BillingCurrency, "
            "SUM(EffectiveCost) FROM c GROUP BY ALL"
        )
        assert got == {(r[0], r[1]): r[2] for r in rows}
        assert all(p.period.weekday() == 0 for p in trend.points) or gran == "monthly"
    _check_pivots(svc, slug, f, ref)
    _check_rows(svc, slug, f, ref)
    _check_exports(svc, slug, f, ref)


def _check_pivots(svc: CostsService, slug: str, f: CostFilter, ref: Ref) -> None:
    cases = [
        (("provider", "tag:team"), ("category",), "billed", "monthly",
         "ProviderName, coalesce(json_extract_string(Tags, '$.team'), '(none)'), cat"),
        (("sub_account",), ("period",), "effective", "weekly",
         "coalesce(SubAccountId, '(none)'), "
         "strftime(CAST(date_trunc('week', x_charge_date) AS DATE), '%Y-%m-%d')"),
        (("region", "charge_category"), (), "list", "daily",
         "coalesce(RegionId, '(none)'), ChargeCategory"),
    ]  # fmt: skip
    for rows_d, cols_d, metric, gran, sql in cases:
        got: dict[tuple[object, ...], Decimal] = {}
        token = ""
        while True:
            out = svc.pivot(
                slug, f, rows_dims=rows_d, column_dims=cols_d, metric=metric,
                granularity=gran, column_limit=200, page_size=5, page_token=token,
            )  # fmt: skip
            for r in out.page.items:
                for h, cell in zip(out.table.headers, r.cells, strict=True):
                    if cell:
                        got[(*r.values, *h, r.currency)] = cell
            token = out.page.next_page_token
            if not token:
                break
        expect = {
            r[:-1]: r[-1]
            for r in ref.q(
                f"SELECT {sql}, BillingCurrency, SUM({METRIC[metric]}) FROM c GROUP BY ALL"
            )
            if r[-1]
        }
        assert got == expect, (rows_d, cols_d)
        grand = {t.currency: t.total for t in out.table.totals}
        assert grand == {k[0]: v[0] for k, v in ref.grouped("", metric).items()}


def _check_rows(svc: CostsService, slug: str, f: CostFilter, ref: Ref) -> None:
    got: list[dict[str, object]] = []
    token = ""
    while True:
        page = svc.list_rows(slug, f, page_size=37, page_token=token)
        got += page.frame.to_dicts()
        token = page.next_page_token
        if not token:
            break
    expect = {r[0]: r[1] for r in ref.q("SELECT x_source_record_id, BilledCost FROM c")}
    assert page.total_size == len(expect) == len(got)
    assert {r["x_source_record_id"]: r["billed_cost"] for r in got} == expect
    days = [str(r["charge_date"]) for r in got]
    assert days == sorted(days, reverse=True)


def _check_exports(svc: CostsService, slug: str, f: CostFilter, ref: Ref) -> None:
    expect = {
        r[0]: (r[1], r[2], r[3])
        for r in ref.q(
            "SELECT x_source_record_id, BilledCost, EffectiveCost, BillingCurrency FROM c"
        )
    }
    for fmt in ("csv", "json", "parquet"):
        export = svc.export(slug, f, fmt=fmt)
        data = b"".join(export.chunks)
        if fmt == "csv":
            assert export.content_type.startswith("text/csv")
            rows = list(csv.DictReader(io.StringIO(data.decode())))
            got = {
                r["x_source_record_id"]: (
                    Decimal(r["billed_cost"]), Decimal(r["effective_cost"]), r["billing_currency"],
                )
                for r in rows
            }  # fmt: skip
        elif fmt == "json":
            assert export.content_type == "application/x-ndjson"
            rows = [json.loads(line) for line in data.decode().splitlines()]
            got = {
                r["x_source_record_id"]: (
                    Decimal(r["billed_cost"]), Decimal(r["effective_cost"]), r["billing_currency"],
                )
                for r in rows
            }  # fmt: skip
        else:
            assert export.content_type == "application/vnd.apache.parquet"
            rows = pq.read_table(io.BytesIO(data)).to_pylist()
            got = {
                r["x_source_record_id"]: (
                    r["billed_cost"],
                    r["effective_cost"],
                    r["billing_currency"],
                )
                for r in rows
            }
        assert len(rows) == len(expect), fmt
        assert got == expect, fmt


def _service(wh: Warehouse) -> CostsService:
    return CostsService(wh, dataset_suffix=SUFFIX, export_chunk_rows=40)


FILTERS = [
    CostFilter(START, START + dt.timedelta(days=29)),
    CostFilter(START + dt.timedelta(days=3), START + dt.timedelta(days=17),
               providers=("gcp", "openai"), categories=("cloud", "llm")),
    CostFilter(START, START + dt.timedelta(days=29), currency="EUR"),
]  # fmt: skip


@pytest.mark.parametrize("seed", [7])
def test_random_dataset_matches_sql(warehouse: Warehouse, org: str, seed: int) -> None:
    spec = DemoSpec(
        rows=240, start=START, days=30, seed=seed, currencies=("USD", "EUR", "GBP"), null_rate=0.3
    )
    frame = generate(spec)
    _load(warehouse, org, frame)
    svc = _service(warehouse)
    for f in FILTERS:
        _check_all(svc, org, frame, f)


def test_empty_range_and_single_row(warehouse: Warehouse, org: str) -> None:
    frame = generate(DemoSpec(rows=1, start=START, days=1, seed=3))
    _load(warehouse, org, frame)
    svc = _service(warehouse)
    empty = CostFilter(START + dt.timedelta(days=10), START + dt.timedelta(days=12))
    _check_all(svc, org, frame, empty)
    assert svc.summary(org, empty, metric="effective", top_n=10).daily_trend == ()
    one = CostFilter(START, START)
    _check_all(svc, org, frame, one)
    assert svc.summary(org, one, metric="effective", top_n=10).single is not None


def test_cache_is_per_org_and_invalidated(warehouse: Warehouse, org: str) -> None:
    other = f"o_{uuid.uuid4().hex[:10]}"
    BootstrapService(warehouse, (), org_tables(CONFIGS)).create_org_dataset(f"{other}_{SUFFIX}")
    try:
        a = generate(DemoSpec(rows=30, start=START, days=5, seed=1))
        b = generate(DemoSpec(rows=10, start=START, days=5, seed=2))
        _load(warehouse, org, a)
        _load(warehouse, other, b)
        svc = _service(warehouse)
        f = CostFilter(START, START + dt.timedelta(days=4))
        sa = svc.summary(org, f, metric="effective", top_n=5)
        sb = svc.summary(other, f, metric="effective", top_n=5)
        assert sa.record_count == 30 and sb.record_count == 10
        _load(warehouse, org, generate(DemoSpec(rows=5, start=START, days=5, seed=9)))
        assert svc.summary(org, f, metric="effective", top_n=5).record_count == 30  # cached
        assert svc.invalidate(org)[1] >= 1
        assert svc.summary(org, f, metric="effective", top_n=5).record_count == 35
        assert svc.summary(other, f, metric="effective", top_n=5) is sb  # untouched
    finally:
        warehouse.drop_dataset(f"{other}_{SUFFIX}")


def test_an_export_without_a_stored_rollup_counts_rows_and_builds_nothing(
    warehouse: Warehouse, org: str
) -> None:
    frame = generate(DemoSpec(rows=120, start=START, days=30, seed=5, currencies=("USD", "EUR")))
    _load(warehouse, org, frame)
    svc = _service(warehouse)
    for f in (FILTERS[0], FILTERS[2]):  # rows per day from the filter-column stream
        _check_exports(svc, org, f, Ref(frame, f))
    assert warehouse.select(f"{org}_{SUFFIX}", "cost_rollup_days") == []  # nothing was built
    svc.summary(org, FILTERS[0], metric="effective", top_n=5)  # builds the rollup
    assert len(warehouse.select(f"{org}_{SUFFIX}", "cost_rollup_days")) == 30
    fresh = _service(warehouse)  # rows per day from the stored rollup now
    _check_exports(fresh, org, FILTERS[1], Ref(frame, FILTERS[1]))

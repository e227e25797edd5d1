"""Every cost view adds up to the same exact Decimal, per currency, on both backends.

The summary total, every breakdown (provider, category, service, every trend granularity), the
pivot's grand total, the raw rows, the exported rows (CSV and Parquet parsed with Polars) and the
budgets' daily spend are compared without rounding. Hand-made rows pin the edges: a charge
starting at 23:59:59 UTC on the last day counts, one starting at midnight the day after does not;
nine decimal places, credits and currencies with 0 (JPY) and 3 (KWD) minor digits add up exactly.
The same figures shown through Envoy are checked in ``tests/e2e/test_cost_consistency.py``.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import polars as pl
import pyarrow as pa
import pytest

from cloudact_grpc.analytics.filters import CostFilter
from cloudact_grpc.demo.focus import DemoSpec, generate
from cloudact_grpc.domain.errors import InvalidArgument
from cloudact_grpc.ports.warehouse import Warehouse
from cloudact_grpc.services.costs import CostsService
from tests.support.backends import BOTH_BACKENDS
from tests.support.cost_edges import (
    LAST,
    ONE_DAY,
    TWO_DAYS,
    at,
    edge_table,
    row,
    with_money_types,
)
from tests.support.datasets import org_dataset

pytestmark = pytest.mark.parametrize("warehouse", BOTH_BACKENDS, indirect=True)

CONFIGS = Path(__file__).resolve().parents[2] / "configs"
SUFFIX = "test"
MONEY = ("billed_cost", "effective_cost", "list_cost")
METRIC = {"billed": "billed_cost", "effective": "effective_cost", "list": "list_cost"}
UTC = dt.UTC
Sums = dict[str, Decimal]


@pytest.fixture
def org(warehouse: Warehouse) -> Iterator[str]:
    """A fresh org with its per-org dataset."""
    with org_dataset(warehouse, "o", SUFFIX) as slug:
        yield slug


def _ingest(svc: CostsService, org: str, table: pa.Table) -> None:
    svc.ingest(org, with_money_types(table), batch_id=f"b-{uuid.uuid4().hex[:8]}")


def _by(rows: list[tuple[str, Decimal]]) -> Sums:
    out: Sums = {}
    for currency, amount in rows:
        out[currency] = out.get(currency, Decimal(0)) + amount
    return out


def views(svc: CostsService, org: str, f: CostFilter, metric: str) -> dict[str, Sums]:
    """Per view, its parts added up per currency, exactly (no rounding anywhere)."""
    summary = svc.summary(org, f, metric=metric, top_n=100)
    out = {
        "summary total": {t.currency: t.total for t in summary.totals},
        "providers": _by([(p.currency, p.total) for p in summary.providers]),
        "categories": _by([(c.currency, c.total) for c in summary.categories]),
        "daily trend": _by([(p.currency, p.total) for p in summary.daily_trend]),
    }
    by_provider = svc.by_provider(org, f, metric=metric).providers
    out["by provider"] = _by([(p.currency, p.total) for p in by_provider])
    services, token = [], ""
    while True:
        page = svc.by_service(org, f, metric=metric, page_size=5, page_token=token)
        services += [(s.currency, s.total) for s in page.page.items]
        token = page.page.next_page_token
        if not token:
            break
    out["services"] = _by(services)
    for granularity in ("daily", "weekly", "monthly"):
        trend = svc.trend(org, f, metric=metric, granularity=granularity)
        out[f"trend {granularity}"] = _by([(p.currency, p.total) for p in trend.points])
    pivot = svc.pivot(
        org, f, rows_dims=("provider",), column_dims=("period",), metric=metric,
        granularity="weekly", column_limit=3, page_size=1000, page_token="",
    )  # fmt: skip
    out["pivot grand total"] = {t.currency: t.total for t in pivot.table.totals}
    out["pivot rows"] = _by([(r.currency, r.total) for r in pivot.page.items])
    out["pivot columns"] = {t.currency: sum(t.cells, Decimal(0)) for t in pivot.table.totals}
    spend = svc.daily_spend(org, f, metric=metric)
    out["budget daily spend"] = {c: sum(d.values(), Decimal(0)) for c, d in spend.items()}
    rows, token = [], ""
    while True:
        got = svc.list_rows(org, f, page_size=500, page_token=token)
        rows += [(str(r["billing_currency"]), r[METRIC[metric]]) for r in got.frame.to_dicts()]
        token = got.next_page_token
        if not token:
            break
    out["raw rows"] = _by(rows)
    for fmt in ("csv", "parquet", "json"):
        out[f"{fmt} export"] = _exported(svc.export(org, f, fmt=fmt).chunks, fmt, metric)
    focus = svc.export(org, f, fmt="parquet", layout="focus", fields=(FOCUS[metric], CURRENCY))
    out["FOCUS parquet export"] = _exported(focus.chunks, "parquet", metric, focus=True)
    return out


FOCUS = {"billed": "BilledCost", "effective": "EffectiveCost", "list": "ListCost"}
CURRENCY = "BillingCurrency"


def _exported(chunks: Iterator[bytes], fmt: str, metric: str, *, focus: bool = False) -> Sums:
    """Per currency, the exact sum of ``metric`` over an exported file (parsed with Polars)."""
    data = io.BytesIO(b"".join(chunks))
    amount, currency = (FOCUS[metric], CURRENCY) if focus else (METRIC[metric], "billing_currency")
    if fmt == "csv":
        frame = pl.read_csv(data, schema_overrides={amount: pl.Decimal(38, 9)})
    elif fmt == "parquet":
        frame = pl.read_parquet(data)
    else:  # JSON lines: amounts are exact decimal strings
        frame = pl.read_ndjson(data, infer_schema_length=None)
        frame = frame.with_columns(pl.col(amount).cast(pl.Decimal(38, 9)))
    sums = frame.group_by(currency).agg(pl.col(amount).sum())
    return {str(c): Decimal(v) for c, v in sums.iter_rows()}


def _agree(got: dict[str, Sums], expected: Sums) -> None:
    for view, sums in got.items():  # a view may list a filtered currency with nothing as 0
        assert {c: v for c, v in sums.items() if v or c in expected} == expected, view


START = dt.date(2025, 12, 1)
DEMO_FILTERS = [
    CostFilter(START, START + dt.timedelta(days=59)),  # two months, across the year
    CostFilter(dt.date(2025, 12, 24), dt.date(2026, 1, 11), providers=("gcp",)),
    CostFilter(START, START + dt.timedelta(days=59), categories=("llm",)),
    CostFilter(START, START + dt.timedelta(days=59), currency="EUR"),
    CostFilter(dt.date(2026, 1, 1), dt.date(2026, 1, 1)),
]


@pytest.mark.slow
@pytest.mark.parametrize("metric", ["billed", "effective", "list"])
def test_every_view_adds_up_to_the_same_exact_total(
    warehouse: Warehouse, org: str, metric: str
) -> None:
    frame = generate(DemoSpec(rows=600, start=START, days=60, seed=11, currencies=("USD", "EUR")))
    svc = CostsService(warehouse, dataset_suffix=SUFFIX, export_chunk_rows=50)
    _ingest(svc, org, frame.to_arrow())
    column = {"billed": "BilledCost", "effective": "EffectiveCost", "list": "ListCost"}[metric]
    for f in DEMO_FILTERS:
        kept = frame.filter(pl.col("x_charge_date").is_between(f.start, f.end))
        if f.providers:
            kept = kept.filter(pl.col("ProviderName").is_in(list(f.providers)))
        if f.categories:  # LLM: token usage or a Generative AI service (Vertex AI); no SaaS here
            llm = (pl.col("x_source") == "llm_usage") | (
                pl.col("ServiceSubcategory") == "Generative AI"
            ).fill_null(False)
            kept = kept.filter(llm)
        if f.currency:
            kept = kept.filter(pl.col("BillingCurrency") == f.currency)
        sums = kept.group_by("BillingCurrency").agg(pl.col(column).sum())
        expected = {str(c): Decimal(v) for c, v in sums.iter_rows()}
        assert expected, f
        _agree(views(svc, org, f, metric), expected)


@pytest.mark.parametrize(
    ("first", "want"),
    [(LAST, ONE_DAY), (LAST - dt.timedelta(days=1), TWO_DAYS)],
    ids=["one-day", "two-days"],
)
def test_edges_of_the_range_and_of_the_amounts(
    warehouse: Warehouse, org: str, first: dt.date, want: dict[str, Decimal]
) -> None:
    svc = CostsService(warehouse, dataset_suffix=SUFFIX)
    _ingest(svc, org, edge_table())
    for metric in ("billed", "list"):
        _agree(views(svc, org, CostFilter(first, LAST), metric), want)
    credits = svc.summary(org, CostFilter(first, LAST), metric="effective", top_n=10)
    assert any(s.total < 0 for s in credits.top_services)  # the credit is its own line


def test_a_charge_day_that_is_not_the_utc_day_is_refused(warehouse: Warehouse, org: str) -> None:
    svc = CostsService(warehouse, dataset_suffix=SUFFIX)
    late = row(at(LAST, 23, 30), "USD", "5", 1)
    local = pa.timestamp("us", "+02:00")  # 01:30 on Feb 1 in that zone, still Jan 31 in UTC
    rows = [row(at(LAST, 8), "USD", "1", 0), late | {"x_charge_date": LAST + dt.timedelta(1)}]
    table = pa.Table.from_pylist(rows)
    table = table.set_column(
        table.schema.get_field_index("ChargePeriodStart"),
        "ChargePeriodStart",
        table.column("ChargePeriodStart").cast(local),
    )
    with pytest.raises(InvalidArgument) as refused:
        _ingest(svc, org, table)
    (violation,) = refused.value.violations
    assert violation.field == "arrow_ipc_stream"
    assert violation.description == (
        "column 'x_charge_date', row 1: must be the UTC day of ChargePeriodStart (2026-01-31)"
    )
    assert warehouse.select(f"{org}_{SUFFIX}", "cost_data_focus_1_2") == []  # nothing written


def test_a_currency_that_is_not_an_iso_code_is_refused(warehouse: Warehouse, org: str) -> None:
    """``usd`` would be a currency apart from ``USD`` in every total, filter and budget."""
    svc = CostsService(warehouse, dataset_suffix=SUFFIX)
    table = pa.Table.from_pylist([row(at(LAST), "USD", "1", 0), row(at(LAST), "usd", "2", 1)])
    index = table.schema.get_field_index("BillingCurrency")  # as Polars hands it over
    texts = table.column(index).cast(pa.string_view())
    table = table.set_column(index, "BillingCurrency", texts)
    with pytest.raises(InvalidArgument) as refused:
        _ingest(svc, org, table)
    (violation,) = refused.value.violations
    assert violation.description == (
        "column 'BillingCurrency', row 1: 'usd' is not an ISO 4217 code (USD)"
    )
    assert warehouse.select(f"{org}_{SUFFIX}", "cost_data_focus_1_2") == []  # nothing written

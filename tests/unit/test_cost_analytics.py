"""Unit tests of the Polars cost analytics, filter validation, cache and export encoding."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import polars as pl
import pyarrow.parquet as pq
import pytest

from cloudact_grpc.analytics import aggregate, filters, pivot
from cloudact_grpc.analytics.filters import CostFilter
from cloudact_grpc.domain.errors import InvalidArgument
from cloudact_grpc.services import cost_export, cost_rows
from cloudact_grpc.services import cost_filters as p
from cloudact_grpc.services.cost_cache import CostCache
from cloudact_grpc.services.costs import CostsService

D = dt.date(2025, 1, 6)  # a Monday
DEC = pl.Decimal(38, 9)


def _frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    base = {
        "x_charge_date": D, "ProviderName": "gcp", "ServiceName": "Compute Engine",
        "ServiceCategory": "Compute", "ServiceSubcategory": None, "x_source": "cloud_billing",
        "BillingCurrency": "USD", "BilledCost": "1", "EffectiveCost": "1", "ListCost": "1",
        "Tags": None, "SubAccountId": None,
    }  # fmt: skip
    df = pl.DataFrame([base | r for r in rows], infer_schema_length=None)
    return df.with_columns(pl.col(c).cast(DEC) for c in ("BilledCost", "EffectiveCost", "ListCost"))


def _lazy(df: pl.DataFrame, f: CostFilter | None = None) -> pl.LazyFrame:
    return filters.prepare(df, f or CostFilter(D, D + dt.timedelta(days=40)))


def test_category_rule() -> None:
    df = _frame([
        {"x_source": "saas_subscription", "ServiceCategory": "Other"},
        {"ServiceCategory": "Business Applications"},
        {"x_source": "llm_usage"},
        {"ServiceSubcategory": "Generative AI", "ServiceCategory": "AI and Machine Learning"},
        {},
        {"x_source": None},
    ])  # fmt: skip
    cats = _lazy(df).collect()["_category"].to_list()
    assert cats == ["saas", "saas", "llm", "llm", "cloud", "cloud"]


def test_currencies_never_summed_and_exact() -> None:
    df = _frame([
        {"EffectiveCost": "0.105", "BillingCurrency": "USD"},
        {"EffectiveCost": "0.2", "BillingCurrency": "USD"},
        {"EffectiveCost": "7.000000001", "BillingCurrency": "EUR"},
    ])  # fmt: skip
    out = aggregate.summary(_lazy(df), start=D, end=D, metric="effective", top_n=5)
    assert {t.currency: t.total for t in out.totals} == {
        "USD": Decimal("0.305"), "EUR": Decimal("7.000000001"),
    }  # fmt: skip
    assert out.single is None
    assert [p.currency for p in out.providers] == ["EUR", "USD"]
    assert {p.currency: p.percent for p in out.providers} == {"EUR": 100, "USD": 100}


def test_trend_periods_and_zero_fill() -> None:
    df = _frame([
        {"x_charge_date": D + dt.timedelta(days=1)},
        {"x_charge_date": D + dt.timedelta(days=8), "EffectiveCost": "2"},
        {"x_charge_date": dt.date(2025, 2, 3), "EffectiveCost": "3"},
    ])  # fmt: skip
    lf = _lazy(df)
    weekly = aggregate.trend_from(
        aggregate.trend_query(lf, "effective", "weekly").collect(),
        D, dt.date(2025, 2, 3), "weekly", {"USD"},
    )  # fmt: skip
    assert [w.period for w in weekly][:2] == [D, D + dt.timedelta(days=7)]
    assert all(w.period.weekday() == 0 for w in weekly)
    assert [w.total for w in weekly] == [1, 2, 0, 0, 3]
    monthly = aggregate.periods(dt.date(2025, 1, 31), dt.date(2025, 3, 1), "monthly")
    assert monthly == [dt.date(2025, 1, 1), dt.date(2025, 2, 1), dt.date(2025, 3, 1)]
    assert aggregate.periods(dt.date(2025, 1, 1), dt.date(2025, 1, 1), "weekly") == [
        dt.date(2024, 12, 30)
    ]


def test_pivot_tags_nulls_and_other_column() -> None:
    df = _frame([
        {"Tags": '{"team":"ml"}', "ProviderName": "openai", "EffectiveCost": "5"},
        {"Tags": '{"team":"data"}', "EffectiveCost": "3"},
        {"Tags": None, "ProviderName": "slack", "EffectiveCost": "1"},
    ])  # fmt: skip
    table = pivot.pivot(
        _lazy(df), rows=["tag:team"], columns=["provider"], metric="effective",
        granularity="monthly", column_limit=2,
    )  # fmt: skip
    assert table.headers == (("openai",), ("(other)",))
    assert [(r.values, r.cells) for r in table.rows] == [
        (("ml",), (Decimal(5), Decimal(0))),
        (("data",), (Decimal(0), Decimal(3))),
        (("(none)",), (Decimal(0), Decimal(1))),
    ]
    assert table.totals[0].total == 9


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"start_date": "2025-13-01"}, "start_date"),
        ({"start_date": "2025/01/01"}, "start_date"),
        ({"end_date": "yesterday"}, "end_date"),
        ({"start_date": "2025-02-01", "end_date": "2025-01-01"}, "end_date"),
        ({"start_date": "2023-01-01", "end_date": "2025-01-01"}, "end_date"),
        ({"categories": ["cloud,compute"]}, "categories"),
        ({"currency": "dollars"}, "currency"),
        ({"providers": ["gcp'; DROP TABLE x"]}, "providers"),
    ],
)
def test_bad_filters_name_the_parameter(kwargs: dict[str, Any], field: str) -> None:
    args: dict[str, Any] = {"start_date": "", "end_date": "", "today": D} | kwargs
    with pytest.raises(InvalidArgument) as exc:
        p.parse_filter(**args)
    assert exc.value.violations[0].field == field


def test_filter_defaults_and_splitting() -> None:
    f = p.parse_filter(
        start_date="", end_date="2025-03-15", providers=["GCP,openai", "gcp"],
        categories=["llm", "saas,"], currency="usd", today=D,
    )  # fmt: skip
    assert (f.start, f.end) == (dt.date(2025, 3, 1), dt.date(2025, 3, 15))
    assert f.providers == ("gcp", "openai") and f.categories == ("llm", "saas")
    assert f.currency == "USD"
    assert p.parse_filter(start_date="", end_date="", today=D).start == dt.date(2025, 1, 1)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: p.parse_metric("amortized"), "metric"),
        (lambda: p.parse_granularity("hourly"), "granularity"),
        (lambda: p.parse_dimensions(["provider"], ["colour"]), "columns"),
        (lambda: p.parse_dimensions([], []), "rows"),
        (lambda: p.parse_dimensions(["provider"], ["provider"]), "columns"),
        (lambda: p.parse_dimensions(["tag:a.b"], []), "rows"),
        (lambda: p.bounded(-1, "page_size", default=50, maximum=1000), "page_size"),
    ],
)
def test_bad_choices_name_the_parameter(call: Any, field: str) -> None:
    with pytest.raises(InvalidArgument) as exc:
        call()
    assert exc.value.violations[0].field == field


def test_bad_export_format_and_columns() -> None:
    svc = CostsService(None, dataset_suffix="local")  # type: ignore[arg-type]
    f = CostFilter(D, D)
    for kwargs, field in (
        ({"fmt": "xml"}, "format"),
        ({"fmt": "csv", "fields": ["nope"]}, "columns"),
    ):
        with pytest.raises(InvalidArgument) as exc:
            svc.export("acme", f, **kwargs)
        assert exc.value.violations[0].field == field


def test_cache_isolation_ttl_and_lru() -> None:
    now = [0.0]
    cache = CostCache(max_entries=2, ttl_seconds=10, clock=lambda: now[0])
    assert cache.get_or_compute("a", "k", lambda: 1) == 1
    assert cache.get_or_compute("b", "k", lambda: 2) == 2
    assert cache.get_or_compute("a", "k", lambda: 99) == 1
    cache.get_or_compute("a", "k2", lambda: 3)
    cache.get_or_compute("a", "k3", lambda: 4)  # evicts the oldest of org a only
    assert cache.size("a") == 2 and cache.size("b") == 1
    assert cache.invalidate("a") == 2 and cache.size("b") == 1
    now[0] = 11
    assert cache.get_or_compute("b", "k", lambda: 5) == 5


def test_parquet_stream_in_chunks_round_trips() -> None:
    frames = [pl.DataFrame({"a": [1, 2]}), pl.DataFrame({"a": [3]})]
    chunks = list(cost_export.encode("parquet", iter(frames)))
    assert len(chunks) >= 2
    assert pq.read_table(io.BytesIO(b"".join(chunks))).column("a").to_pylist() == [1, 2, 3]
    csv_chunks = list(cost_export.encode("csv", iter(frames)))
    assert b"".join(csv_chunks) == b"a\n1\n2\n3\n"


def test_bounded_recuts_bytes_into_pieces_of_at_most_the_limit() -> None:
    pieces = [b"a" * 5, b"", b"b" * 23, b"c", b"d" * 2]
    out = list(cost_export.bounded(pieces, limit=8))
    assert b"".join(out) == b"".join(pieces)
    assert [len(p) for p in out] == [8, 8, 8, 7]
    assert list(cost_export.bounded([], limit=8)) == []


def test_json_lines_has_three_names_and_layouts_are_checked() -> None:
    assert {cost_export.format_name(n) for n in ("json", "JSONL", " ndjson ")} == {"json"}
    with pytest.raises(InvalidArgument) as caught:
        cost_export.format_name("xml")
    assert [v.field for v in caught.value.violations] == ["format"]
    assert cost_export.layout_name("") == "cloudact"
    assert cost_export.layout_name("FOCUS") == "focus"
    with pytest.raises(InvalidArgument) as caught:
        cost_export.layout_name("snake")
    assert [v.field for v in caught.value.violations] == ["layout"]


def test_export_windows_hold_at_most_the_chunk_or_one_day() -> None:
    d = [dt.date(2025, 1, i) for i in range(1, 6)]
    counts = [(d[4], 10), (d[3], 10), (d[2], 50), (d[1], 5), (d[0], 5)]  # newest first
    assert cost_rows._windows(counts, 20) == [(d[3], d[4]), (d[2], d[2]), (d[0], d[1])]
    assert cost_rows._windows([(d[0], 3)], 20) == [(d[0], d[0])]
    assert cost_rows._windows([], 20) == []

"""Every cost view the frontend shows agrees to the cent, through real Envoy, at demo size.

A year of demo costs (60,000 cloud and LLM rows in USD and EUR, plus the SaaS plans' daily
rows) is exported as Parquet and CSV for each filter set; the exact Decimal sums of the
exported rows per group are the reference. Every figure of the summary, the provider and
service breakdowns, the trend (daily, weekly, monthly), the pivot, the SaaS cost view and a
matching budget's actual must be that exact sum rounded half-up to the currency's minor unit
(the one display rule, ``api/convert/money.py``), per currency, for every filter set and metric.
How far the rounded parts of a breakdown can be from its rounded total is checked against the
README's promise (each figure is rounded by itself: at most half a unit per part).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import polars as pl
import pytest
from cloudact.v1 import costs_pb2, costs_pb2_grpc

from cloudact_grpc.config import Settings
from cloudact_grpc.demo import __main__ as demo
from cloudact_grpc.domain.saas.terms import minor_unit
from tests.e2e.conftest import Stack, demo_org, running_stack
from tests.support.cost_edges import LAST, ONE_DAY, TWO_DAYS, edge_table
from tests.support.http import HTTP

pytestmark = pytest.mark.slow

ORG = "consistency_year"
EDGE_ORG = "consistency_edges"
END = dt.date(2026, 10, 31)
DAYS = 365
START = END - dt.timedelta(days=DAYS - 1)
MONEY = ("billed_cost", "effective_cost", "list_cost")
COLUMNS = ("charge_date", *MONEY, "billing_currency", "provider_name", "service_name",
           "service_category", "x_category")  # fmt: skip
METRIC = {"billed": "billed_cost", "effective": "effective_cost", "list": "list_cost"}
Params = dict[str, str | list[str]]

# name -> query parameters (dates, providers, categories, currency)
FILTERS: dict[str, Params] = {
    "year": {"start_date": START.isoformat(), "end_date": END.isoformat()},
    "month": {"start_date": "2026-03-01", "end_date": "2026-03-31"},
    # Wednesday before Christmas to a Sunday: crosses a month, the year and ISO week 2026-W01.
    "year_end": {"start_date": "2025-12-24", "end_date": "2026-01-11"},
    "one_day": {"start_date": "2026-01-01", "end_date": "2026-01-01"},
    "gcp": {"start_date": START.isoformat(), "end_date": END.isoformat(), "providers": ["gcp"]},
    "llm": {"start_date": START.isoformat(), "end_date": END.isoformat(), "categories": ["llm"]},
    "eur": {"start_date": START.isoformat(), "end_date": END.isoformat(), "currency": "EUR"},
    "saas": {"start_date": "2026-01-01", "end_date": "2026-06-30", "categories": ["saas"]},
}
CASES = [
    ("year", "effective"), ("year", "billed"), ("year", "list"), ("month", "effective"),
    ("year_end", "billed"), ("one_day", "effective"), ("gcp", "list"), ("llm", "effective"),
    ("eur", "effective"), ("saas", "billed"),
]  # fmt: skip
# Budgets (custom period = the filter's dates) whose scope matches a filter set.
BUDGETS: dict[str, tuple[str, dict[str, object]]] = {
    "year": ("USD", {}),
    "year_end": ("USD", {}),
    "gcp": ("USD", {"provider": "gcp"}),
    "llm": ("USD", {"category": "genai"}),
    "eur": ("EUR", {}),
    "saas": ("USD", {"category": "subscription"}),
}
SPREAD: dict[
    str, list[tuple[int, Decimal]]
] = {}  # view -> (parts, |sum of shown parts - shown total|)


@pytest.fixture(scope="module", autouse=True)
def _spread_report() -> Iterator[None]:
    """After the module (shown with ``-s``): per view, the largest gap between the shown
    parts' sum and the shown total (the README quotes these)."""
    yield
    for view, gaps in sorted(SPREAD.items()):
        worst = max(gaps, key=lambda g: g[1])
        off = sum(1 for _, g in gaps if g)
        print(f"{view}: {off} of {len(gaps)} off, worst {worst[1]} over {worst[0]} parts")


@pytest.fixture(scope="module")
def stack(
    settings: Settings, root_key: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    """DuckDB behind Envoy, with the org rate limit out of the way (~150 calls per org)."""
    with running_stack(
        "duckdb", settings, root_key, tmp_path_factory.mktemp("consistency"),
        rate_limit_org_burst=10_000, rate_limit_org_per_minute=100_000,
    ) as running:  # fmt: skip
        yield running


@pytest.fixture(scope="module")
def key(stack: Stack) -> dict[str, str]:
    return {"X-API-Key": demo_org(stack, ORG, days=DAYS, end=END, currencies=("USD", "EUR"))}


def _get(
    stack: Stack, key: dict[str, str], path: str, params: Params, org: str = ORG
) -> dict[str, Any]:
    response = HTTP.get(f"{stack.url}/api/v1/costs/{org}{path}", params=params, headers=key)
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body, dict)
    return body


def _export(stack: Stack, key: dict[str, str], params: Params, fmt: str) -> pl.DataFrame:
    response = HTTP.get(
        f"{stack.url}/api/v1/costs/{ORG}/export",
        params={**params, "format": fmt, "columns": list(COLUMNS)},
        headers=key,
    )
    assert response.status_code == 200, response.text
    data = io.BytesIO(response.content)
    if fmt == "parquet":
        frame = pl.read_parquet(data)
    else:
        frame = pl.read_csv(data, schema_overrides={m: pl.Decimal(38, 9) for m in MONEY})
    return frame.with_columns(pl.col("charge_date").cast(pl.String).str.to_date())


@pytest.fixture(scope="module")
def rows(stack: Stack, key: dict[str, str]) -> dict[str, pl.DataFrame]:
    """Per filter set, the exported rows (Parquet), checked equal to the CSV export's sums."""
    out = {}
    for name, params in FILTERS.items():
        _get(stack, key, "/summary", params)  # the frontend's first call
        parquet = _export(stack, key, params, "parquet")
        csv = _export(stack, key, params, "csv")
        assert parquet.height == csv.height > 0, name
        assert _sums(parquet, ()) == _sums(csv, ()), name
        out[name] = parquet
    assert set(out["year"]["billing_currency"]) == {"USD", "EUR"}
    assert out["year"].filter(pl.col("billed_cost") < 0).height > 0  # credits are in the data
    return out


def _sums(frame: pl.DataFrame, keys: Sequence[str]) -> dict[tuple[object, ...], list[Decimal]]:
    """Exact sums of the three metrics (and the row count) per ``keys`` and currency."""
    grouped = frame.group_by([*keys, "billing_currency"]).agg(
        *(pl.col(m).sum() for m in MONEY), pl.len().alias("n")
    )
    return {
        tuple(r[:-4]): [Decimal(v) for v in r[-4:]] for r in grouped.iter_rows()
    }  # (keys..., currency) -> [billed, effective, list, n]


def shown(amount: Decimal, currency: str) -> float:
    """The one display rule: half-up to the currency's minor unit."""
    return float(amount.quantize(minor_unit(currency), rounding=ROUND_HALF_UP))


def _spread(view: str, parts: Sequence[float], total: float) -> None:
    """Record (and bound) how far the shown parts add up from the shown total."""
    gap = abs(sum((Decimal(repr(p)) for p in parts), Decimal(0)) - Decimal(repr(total)))
    SPREAD.setdefault(view, []).append((len(parts), gap))
    assert gap <= Decimal("0.005") * len(parts), (view, gap)


def _check_figures(
    items: Sequence[dict[str, Any]],
    expect: dict[tuple[object, ...], list[Decimal]],
    label: Sequence[str],
    metric: str,
    extra: Sequence[str] = (),
) -> None:
    """Each item's total (and ``extra`` metric fields) is its exact group sum, shown."""
    index = MONEY.index(METRIC[metric])
    got = {}
    for item in items:
        k = (*(item[f] for f in label), item["currency"])
        got[k] = [item["total_cost"], *(item[f] for f in extra), int(str(item["record_count"]))]
    want = {}
    for k, v in expect.items():
        cur = str(k[-1])
        want[k] = [shown(v[index], cur), *(shown(v[MONEY.index(f)], cur) for f in extra), int(v[3])]
    assert {k: v for k, v in got.items() if v[-1]} == want


@pytest.mark.parametrize(("name", "metric"), CASES, ids=[f"{n}-{m}" for n, m in CASES])
def test_every_view_is_the_exact_sum_of_the_exported_rows(
    stack: Stack, key: dict[str, str], rows: dict[str, pl.DataFrame], name: str, metric: str
) -> None:
    params = {**FILTERS[name], "metric": metric}
    frame = rows[name]
    m = MONEY.index(METRIC[metric])
    totals = _sums(frame, ())
    whole = {str(k[0]): v for k, v in totals.items()}

    summary = _get(stack, key, "/summary", params)
    by_currency = {t["currency"]: t for t in summary["totals_by_currency"]}
    assert set(by_currency) == set(whole)
    for cur, t in by_currency.items():
        exact = whole[cur]
        assert [t["total_cost"], t["billed_cost"], t["effective_cost"], t["list_cost"]] == [
            shown(exact[m], cur),
            *(shown(exact[i], cur) for i in range(3)),
        ]
        assert t["record_count"] == exact[3]
    if len(whole) == 1:
        ((cur, exact),) = whole.items()
        assert (summary["total_cost"], summary["currency"]) == (shown(exact[m], cur), cur)
    else:
        assert (summary["total_cost"], summary["currency"]) == (0, "")
    assert summary["record_count"] == sum(int(v[3]) for v in whole.values())

    providers = _sums(frame, ("provider_name",))
    _check_figures(summary["breakdown_by_provider"], providers, ("provider",), metric, MONEY)
    categories = _sums(frame, ("x_category",))
    _check_figures(summary["breakdown_by_category"], categories, ("category",), metric)
    days = _sums(frame.with_columns(pl.col("charge_date").cast(pl.String)), ("charge_date",))
    _check_figures(summary["daily_trend"], days, ("period",), metric, ("billed_cost",))
    services = _sums(frame, ("provider_name", "service_name", "x_category"))
    for s in summary["top_services"]:
        exact = services[(s["provider"], s["service_name"], s["category"], s["currency"])]
        assert s["total_cost"] == shown(exact[m], s["currency"])

    by_provider = _get(stack, key, "/by-provider", params)
    assert by_provider["providers"] == summary["breakdown_by_provider"]
    assert by_provider["totals_by_currency"] == summary["totals_by_currency"]

    listed: list[dict[str, Any]] = []
    token = ""
    while True:
        page = _get(stack, key, "/by-service", {**params, "page_size": "7", "page_token": token})
        listed += page["services"]
        assert page["totals_by_currency"] == summary["totals_by_currency"]
        token = str(page["next_page_token"])
        if not token:
            break
    _check_figures(listed, services, ("provider", "service_name", "category"), metric, MONEY[:2])

    for granularity, every in (("daily", "1d"), ("weekly", "1w"), ("monthly", "1mo")):
        trend = _get(stack, key, "/trend", {**params, "granularity": granularity})
        assert trend["totals_by_currency"] == summary["totals_by_currency"]
        periods = frame.with_columns(
            pl.col("charge_date").dt.truncate(every).cast(pl.String).alias("period")
        )
        points = trend["points"]
        _check_figures(points, _sums(periods, ("period",)), ("period",), metric, MONEY[:2])
        for cur, t in by_currency.items():
            mine = [p["total_cost"] for p in points if p["currency"] == cur]
            _spread(f"trend {granularity}", mine, t["total_cost"])
    for cur, t in by_currency.items():
        for view, items in (("provider", summary["breakdown_by_provider"]),
                            ("category", summary["breakdown_by_category"])):  # fmt: skip
            mine = [p["total_cost"] for p in items if p["currency"] == cur]
            _spread(view, mine, t["total_cost"])

    _check_pivot(stack, key, params, frame, m)


def _check_pivot(
    stack: Stack, key: dict[str, str], params: Params, frame: pl.DataFrame, m: int
) -> None:
    """Cells, row totals, column totals and grand totals of provider by category."""
    cells = _sums(frame, ("provider_name", "x_category"))
    by_row = _sums(frame, ("provider_name",))
    by_col = _sums(frame, ("x_category",))
    whole = _sums(frame, ())
    headers: list[str] = []
    got_cells: dict[tuple[object, ...], float] = {}
    token = ""
    while True:
        page = _get(stack, key, "/pivot", {
            **params, "rows": "provider", "columns": "category", "page_size": "3",
            "page_token": token,
        })  # fmt: skip
        headers = [h["values"][0] for h in page["column_headers"]]
        for r in page["rows"]:
            (provider,) = r["values"]
            cur = r["currency"]
            assert r["total"] == shown(by_row[(provider, cur)][m], cur)
            for h, cell in zip(headers, r["cells"], strict=True):
                if cell:
                    got_cells[(provider, h, cur)] = cell
        token = str(page["next_page_token"])
        if not token:
            break
    want = {k: shown(v[m], str(k[-1])) for k, v in cells.items() if v[m]}
    assert got_cells == want
    for t in page["column_totals"]:
        cur = t["currency"]
        assert t["total"] == shown(whole[(cur,)][m], cur)
        for h, cell in zip(headers, t["cells"], strict=True):
            exact = by_col.get((h, cur))
            assert cell == (shown(exact[m], cur) if exact else 0)
        _spread("pivot columns", t["cells"], t["total"])


def _budget_spent(
    stack: Stack, key: dict[str, str], org: str, params: Params, amount: float, **scope: object
) -> float:
    """What a custom budget over the filter's dates (and ``scope``) has spent at its end."""
    created = HTTP.post(
        f"{stack.url}/api/v1/budgets/{org}",
        json={
            "hierarchy_entity_id": "DEPT-1", "hierarchy_entity_name": "Finance",
            "budget_amount": amount, "period_type": "custom",
            "period_start": params["start_date"], "period_end": params["end_date"], **scope,
        },
        headers=key,
    )  # fmt: skip
    assert created.status_code == 200, created.text
    budget_id = created.json()["budget_id"]
    status = HTTP.get(
        f"{stack.url}/api/v1/budgets/{org}/{budget_id}/status",
        params={"as_of": str(params["end_date"])},
        headers=key,
    )
    assert status.status_code == 200, status.text
    return float(status.json()["spent"])


@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_a_matching_budget_spends_the_views_total(
    stack: Stack, key: dict[str, str], rows: dict[str, pl.DataFrame], name: str
) -> None:
    currency, scope = BUDGETS[name]
    params = FILTERS[name]
    spent = _budget_spent(stack, key, ORG, params, 1000, currency=currency, **scope)
    exact = _sums(rows[name], ())[(currency,)]
    assert spent == shown(exact[MONEY.index("effective_cost")], currency)
    summary = _get(stack, key, "/summary", {**params, "currency": currency})
    assert spent == summary["total_cost"]
    forecast = HTTP.get(
        f"{stack.url}/api/v1/budgets/{ORG}/forecast",
        params={**params, "as_of": params["end_date"], "currency": currency},
        headers=key,
    )
    assert forecast.status_code == 200, forecast.text
    body = forecast.json()  # the range is over: the forecast is what was spent
    assert (body["actual"], body["forecast_total"], body["forecast_method"]) == (
        spent,
        spent,
        "complete",
    )


def test_budget_summary_and_breakdowns_carry_each_budgets_actual(
    stack: Stack, key: dict[str, str], rows: dict[str, pl.DataFrame]
) -> None:
    usd = rows["year"].filter(pl.col("billing_currency") == "USD")
    scopes = {  # category shown -> (budget scope, its rows)
        "genai": ({"category": "genai"}, usd.filter(pl.col("x_category") == "llm")),
        "cloud": ({"category": "cloud"}, usd.filter(pl.col("x_category") == "cloud")),
        "total": ({"provider": "gcp"}, usd.filter(pl.col("provider_name") == "gcp")),
    }
    team = {"hierarchy_entity_id": "DEPT-ROLLUP"}
    exact = {}
    for category, (scope, frame) in scopes.items():
        _budget_spent(stack, key, ORG, FILTERS["year"], 1000, currency="USD", **scope, **team)
        exact[category] = _sums(frame, ())[("USD",)][MONEY.index("effective_cost")]
    asked = {**team, "period_end": END.isoformat()}
    got = {}
    for path in ("summary", "by-category", "by-provider"):
        response = HTTP.get(f"{stack.url}/api/v1/budgets/{ORG}/{path}", params=asked, headers=key)
        assert response.status_code == 200, response.text
        got[path] = response.json()
    summary = {b["category"]: b["actual_amount"] for b in got["summary"]["items"]}
    assert summary == {c: shown(v, "USD") for c, v in exact.items()}
    assert got["summary"]["total_actual"] == shown(sum(exact.values(), Decimal(0)), "USD")
    by_category = {b["category"]: b["actual_amount"] for b in got["by-category"]["items"]}
    assert by_category == summary
    by_provider = {b["provider"]: b["actual_amount"] for b in got["by-provider"]["items"]}
    assert by_provider == {"gcp": summary["total"]}


@pytest.mark.parametrize("name", ["year", "month", "year_end"])
def test_saas_view_is_the_saas_category(
    stack: Stack, key: dict[str, str], rows: dict[str, pl.DataFrame], name: str
) -> None:
    view = _get(stack, key, "/saas-subscriptions", FILTERS[name])
    saas = rows[name].filter(pl.col("x_category") == "saas")
    exact = _sums(saas, ())  # the view is amortized: EffectiveCost (BilledCost is the invoice)
    assert {t["currency"]: t["total_cost"] for t in view["totals"]} == {
        str(k[0]): shown(v[1], str(k[0])) for k, v in exact.items()
    }
    plans = _sums(saas, ("service_name",))
    _spread("saas plans", [p["total_cost"] for p in view["plans"]], view["total_cost"])
    assert len(view["plans"]) == len(plans)


@pytest.fixture(scope="module")
def edge_key(stack: Stack) -> dict[str, str]:
    """An org holding only ``cost_edges.EDGE_ROWS`` (loaded through IngestCostRows)."""
    key = stack.onboard(EDGE_ORG, "Edges Co", "fin@edges.example")
    (chunk,) = demo.ipc_chunks(edge_table())
    stub = costs_pb2_grpc.CostsServiceStub(stack.channel)
    stub.IngestCostRows(
        costs_pb2.IngestCostRowsRequest(org_slug=EDGE_ORG, arrow_ipc_stream=chunk, batch_id="e"),
        metadata=stack.root_metadata,
    )
    return {"X-API-Key": key}


@pytest.mark.parametrize(
    ("first", "exact"),
    [(LAST, ONE_DAY), (LAST - dt.timedelta(days=1), TWO_DAYS)],
    ids=["one-day", "two-days"],
)
def test_edge_rows_show_in_their_currencys_minor_unit_in_every_view(
    stack: Stack, edge_key: dict[str, str], first: dt.date, exact: dict[str, Decimal]
) -> None:
    """23:59:59 on the last day in, midnight after out; yen whole, dinar to the fils."""
    params: Params = {"start_date": first.isoformat(), "end_date": LAST.isoformat()}
    want = {c: shown(v, c) for c, v in exact.items()}
    summary = _get(stack, edge_key, "/summary", params, EDGE_ORG)
    assert {t["currency"]: t["total_cost"] for t in summary["totals_by_currency"]} == want
    for path in ("/by-provider", "/by-service", "/trend"):
        view = _get(stack, edge_key, path, params, EDGE_ORG)
        assert view["totals_by_currency"] == summary["totals_by_currency"], path
    pivot = _get(stack, edge_key, "/pivot", {**params, "rows": "provider"}, EDGE_ORG)
    assert {t["currency"]: t["total"] for t in pivot["column_totals"]} == want
    for currency, amount in (("JPY", 100_000), ("KWD", 1000.125)):  # whole yen; fils
        spent = _budget_spent(stack, edge_key, EDGE_ORG, params, amount, currency=currency)
        assert spent == want[currency]


@pytest.mark.parametrize("name", ["one_day", "year_end", "eur"])
def test_raw_rows_and_json_lines_add_up_to_the_exported_rows(
    stack: Stack, key: dict[str, str], rows: dict[str, pl.DataFrame], name: str
) -> None:
    """ListCosts (every page; amounts unrounded doubles) and the JSON lines export (exact
    decimal strings) hold the same rows as the Parquet export."""
    params = FILTERS[name]
    exact = _sums(rows[name], ())
    listed: dict[tuple[object, ...], list[Decimal]] = {}
    token, total = "", 0
    while True:
        page = _get(stack, key, "", {**params, "page_size": "1000", "page_token": token})
        total = int(page["total_size"])
        for r in page["costs"]:
            acc = listed.setdefault((r["billing_currency"],), [Decimal(0)] * 3 + [Decimal(0)])
            for i, m in enumerate(MONEY):
                acc[i] += Decimal(repr(float(r.get(m, 0))))
            acc[3] += 1
        token = str(page["next_page_token"])
        if not token:
            break
    assert total == rows[name].height
    assert listed == exact
    response = HTTP.get(
        f"{stack.url}/api/v1/costs/{ORG}/export",
        params={**params, "format": "jsonl", "columns": list(COLUMNS)},
        headers=key,
    )
    assert response.status_code == 200, response.text
    lines = pl.read_ndjson(io.BytesIO(response.content), infer_schema_length=None)
    decimals = lines.with_columns(pl.col(list(MONEY)).cast(pl.Decimal(38, 9)))
    assert _sums(decimals, ()) == exact

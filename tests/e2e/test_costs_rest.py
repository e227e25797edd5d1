"""Cost analytics through Envoy on both backends: exact summary, bad filters, exports, make demo."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import grpc
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from cloudact.v1 import costs_pb2, costs_pb2_grpc

from cloudact_grpc.demo import __main__ as demo
from cloudact_grpc.demo import catalog
from tests.e2e.conftest import Stack
from tests.support.backends import BOTH_BACKENDS
from tests.support.errors import decode, decode_rest
from tests.support.http import HTTP

pytestmark = pytest.mark.parametrize("stack", BOTH_BACKENDS, indirect=True)

ORG = "costs_rest"
START, END = dt.date(2025, 3, 1), dt.date(2025, 3, 3)
UTC = dt.UTC

AI, GEN, CB, LLM = "AI and Machine Learning", "Generative AI", "cloud_billing", "llm_usage"
D2 = dt.date(2025, 3, 2)
# (day, provider, service, service category, subcategory, x_source, billed, effective, list)
ROWS = [
    (START, "gcp", "Compute Engine", "Compute", None, CB, "10.25", "9.50", "12.00"),
    (D2, "gcp", "Cloud Storage", "Storage", None, CB, "3.10", "3.10", "3.10"),
    (D2, "openai", "OpenAI API", AI, GEN, LLM, "1.15", "1.15", "1.30"),
    (END, "anthropic", "Claude API", AI, GEN, LLM, "2.40", "2.40", "2.40"),
    (dt.date(2025, 2, 27), "gcp", "Compute Engine", "Compute", None, CB, "99.99", "99.99", "9"),
]
IN_RANGE = ROWS[:4]


def _table() -> pa.Table:
    def ts(day: dt.date, plus: int = 0) -> dt.datetime:
        return dt.datetime.combine(day + dt.timedelta(days=plus), dt.time(), UTC)

    rows = [
        {
            "x_charge_date": day, "ProviderName": prov, "ServiceName": svc,
            "ServiceCategory": cat, "ServiceSubcategory": sub, "x_source": src,
            "BilledCost": Decimal(b), "EffectiveCost": Decimal(e), "ListCost": Decimal(lst),
            "BillingCurrency": "USD", "ChargeCategory": "Usage",
            "BillingPeriodStart": ts(day.replace(day=1)), "ChargePeriodStart": ts(day),
            "ChargePeriodEnd": ts(day, 1), "x_ingested_at": ts(day, 1),
            "x_source_record_id": f"r{i}", "Tags": json.dumps({"team": "data"}),
        }
        for i, (day, prov, svc, cat, sub, src, b, e, lst) in enumerate(ROWS)
    ]  # fmt: skip
    return pa.Table.from_pylist(rows)


def _ingest(stack: Stack, org: str, table: pa.Table) -> int:
    stub = costs_pb2_grpc.CostsServiceStub(stack.channel)
    (chunk,) = demo.ipc_chunks(table)
    response = stub.IngestCostRows(
        costs_pb2.IngestCostRowsRequest(org_slug=org, arrow_ipc_stream=chunk, batch_id="rows-1"),
        metadata=stack.root_metadata,
    )
    return int(response.inserted_rows)


@pytest.fixture(scope="module")
def org_key(stack: Stack) -> str:
    key = stack.onboard(ORG, "Costs Co", "fin@costs.example")
    assert _ingest(stack, ORG, _table()) == len(ROWS)
    return key


def _range() -> dict[str, str]:
    return {"start_date": START.isoformat(), "end_date": END.isoformat()}


def test_summary_figures_are_the_exact_sums(stack: Stack, org_key: str) -> None:
    response = HTTP.get(
        f"{stack.url}/api/v1/costs/{ORG}/summary", params=_range(), headers={"X-API-Key": org_key}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["total_cost"], body["currency"], body["record_count"]) == (16.15, "USD", 4)
    providers = {
        p["provider"]: (p["total_cost"], p["billed_cost"], p["list_cost"], p["record_count"])
        for p in body["breakdown_by_provider"]
    }
    assert providers == {
        "gcp": (12.6, 13.35, 15.1, 2),
        "anthropic": (2.4, 2.4, 2.4, 1),
        "openai": (1.15, 1.15, 1.3, 1),
    }
    assert [p["provider"] for p in body["breakdown_by_provider"]] == ["gcp", "anthropic", "openai"]
    categories = {c["category"]: c["total_cost"] for c in body["breakdown_by_category"]}
    assert categories == {"cloud": 12.6, "llm": 3.55}
    assert [(d["period"], d["total_cost"]) for d in body["daily_trend"]] == [
        ("2025-03-01", 9.5),
        ("2025-03-02", 4.25),
        ("2025-03-03", 2.4),
    ]
    assert body["top_services"][0]["service_name"] == "Compute Engine"


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("summary", {"start_date": "2025-13-01", "end_date": "2025-03-01"}, "start_date"),
        ("summary", {"start_date": "2025-03-05", "end_date": "2025-03-01"}, "end_date"),
        ("summary", {"start_date": "2015-01-01", "end_date": "2025-03-01"}, "end_date"),
        ("export", {**_range(), "format": "xml"}, "format"),
        ("pivot", {**_range(), "rows": "colour"}, "rows"),
    ],
)
def test_bad_filters_are_400_naming_the_parameter(
    stack: Stack, org_key: str, path: str, params: dict[str, str], field: str
) -> None:
    response = HTTP.get(
        f"{stack.url}/api/v1/costs/{ORG}/{path}", params=params, headers={"X-API-Key": org_key}
    )
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert field in decode_rest(response).violated_fields


COLUMNS = ("charge_date", "provider_name", "service_name", "billed_cost", "effective_cost")


def _expected() -> list[tuple[str, str, str, Decimal, Decimal]]:
    return sorted(
        (day.isoformat(), prov, svc, Decimal(b), Decimal(e))
        for day, prov, svc, _c, _s, _x, b, e, _l in IN_RANGE
    )


def _parsed(fmt: str, data: bytes) -> list[tuple[str, str, str, Decimal, Decimal]]:
    if fmt == "csv":
        records: list[dict[str, object]] = list(csv.DictReader(io.StringIO(data.decode())))
    elif fmt == "json":
        records = [json.loads(line) for line in data.decode().splitlines() if line]
    else:
        records = pq.read_table(io.BytesIO(data)).to_pylist()
    return sorted(
        (
            str(r["charge_date"]),
            str(r["provider_name"]),
            str(r["service_name"]),
            Decimal(str(r["billed_cost"])),
            Decimal(str(r["effective_cost"])),
        )
        for r in records
    )


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv"),
        ("json", "application/x-ndjson"),
        ("parquet", "application/vnd.apache.parquet"),
    ],
)
def test_export_downloads_exactly_the_rows(
    stack: Stack, org_key: str, fmt: str, content_type: str
) -> None:
    params: list[tuple[str, str | int | float | bool | None]] = [
        *_range().items(),
        ("format", fmt),
        *(("columns", c) for c in COLUMNS),
    ]
    response = HTTP.get(
        f"{stack.url}/api/v1/costs/{ORG}/export", params=params, headers={"X-API-Key": org_key}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == content_type
    extension = {"json": "ndjson"}.get(fmt, fmt)
    assert response.headers["content-disposition"] == (
        f'attachment; filename="{ORG}-costs.{extension}"'
    )
    assert _parsed(fmt, response.content) == _expected()


def test_ingest_needs_the_root_key_and_a_known_org(stack: Stack, org_key: str) -> None:
    stub = costs_pb2_grpc.CostsServiceStub(stack.channel)
    (chunk,) = demo.ipc_chunks(_table())
    request = costs_pb2.IngestCostRowsRequest(org_slug=ORG, arrow_ipc_stream=chunk)
    with pytest.raises(grpc.RpcError) as caught:
        stub.IngestCostRows(request, metadata=(("x-api-key", org_key),))
    assert caught.value.code() in (
        grpc.StatusCode.PERMISSION_DENIED,
        grpc.StatusCode.UNAUTHENTICATED,
    )
    bad = costs_pb2.IngestCostRowsRequest(org_slug=ORG, arrow_ipc_stream=b"not arrow")
    with pytest.raises(grpc.RpcError) as caught:
        stub.IngestCostRows(bad, metadata=stack.root_metadata)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT


NOTIFY = "cloudact.v1.CostsService/NotifyCostsChanged"


def _notify(stack: Stack, start: str = "", end: str = "") -> tuple[int, int]:
    stub = costs_pb2_grpc.CostsServiceStub(stack.channel)
    request = costs_pb2.NotifyCostsChangedRequest(org_slug=ORG, start_date=start, end_date=end)
    response = stub.NotifyCostsChanged(request, metadata=stack.root_metadata)
    return int(response.forgotten_days), int(response.dropped_results)


def test_notify_costs_changed_forgets_the_rollup_days_and_cached_results(
    stack: Stack, org_key: str
) -> None:
    _notify(stack)  # every day: start from nothing built and nothing cached
    assert _notify(stack) == (0, 0)
    response = HTTP.get(
        f"{stack.url}/api/v1/costs/{ORG}/summary", params=_range(), headers={"X-API-Key": org_key}
    )
    assert response.status_code == 200, response.text
    days = (END - START).days + 1  # a summary over N past days builds N rollup days
    forgotten, dropped = _notify(stack, START.isoformat(), END.isoformat())
    assert forgotten == days
    assert dropped >= 1
    assert _notify(stack, START.isoformat(), END.isoformat()) == (0, 0)
    # The next read rebuilds the days and still sees the same figures.
    again = HTTP.get(
        f"{stack.url}/api/v1/costs/{ORG}/summary", params=_range(), headers={"X-API-Key": org_key}
    )
    assert again.json()["total_cost"] == response.json()["total_cost"] == 16.15
    assert _notify(stack, D2.isoformat(), D2.isoformat())[0] == 1
    assert _notify(stack)[0] == days - 1


def test_notify_costs_changed_needs_the_root_key(stack: Stack, org_key: str) -> None:
    stub = costs_pb2_grpc.CostsServiceStub(stack.channel)
    request = costs_pb2.NotifyCostsChangedRequest(org_slug=ORG)
    # An org key, even the org's own, is no credential for a root-only method.
    with pytest.raises(grpc.RpcError) as caught:
        stub.NotifyCostsChanged(request, metadata=(("x-api-key", org_key),))
    error = decode(caught.value)
    assert (error.code, error.reason) == (grpc.StatusCode.UNAUTHENTICATED, "ROOT_KEY_MISSING")
    with pytest.raises(grpc.RpcError) as caught:
        stub.NotifyCostsChanged(request, metadata=(("x-ca-root-key", org_key),))
    error = decode(caught.value)
    assert (error.code, error.reason) == (grpc.StatusCode.PERMISSION_DENIED, "ROOT_KEY_INVALID")


def test_notify_costs_changed_for_an_unknown_org_is_not_found(stack: Stack) -> None:
    stub = costs_pb2_grpc.CostsServiceStub(stack.channel)
    request = costs_pb2.NotifyCostsChangedRequest(org_slug="no_such_org")
    with pytest.raises(grpc.RpcError) as caught:
        stub.NotifyCostsChanged(request, metadata=stack.root_metadata)
    error = decode(caught.value)
    assert (error.code, error.reason) == (grpc.StatusCode.NOT_FOUND, "RESOURCE_NOT_FOUND")


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("2025-03-01", "", "end_date"),
        ("", "2025-03-03", "start_date"),
        ("2025-13-01", "2025-03-03", "start_date"),
        ("2025-03-01", "03/03/2025", "end_date"),
        ("2025-03-05", "2025-03-01", "end_date"),
    ],
)
def test_notify_costs_changed_bad_dates_name_the_field(
    stack: Stack, org_key: str, start: str, end: str, field: str
) -> None:
    stub = costs_pb2_grpc.CostsServiceStub(stack.channel)
    request = costs_pb2.NotifyCostsChangedRequest(org_slug=ORG, start_date=start, end_date=end)
    with pytest.raises(grpc.RpcError) as caught:
        stub.NotifyCostsChanged(request, metadata=stack.root_metadata)
    error = decode(caught.value)
    assert error.code is grpc.StatusCode.INVALID_ARGUMENT
    assert error.reason == "INVALID_REQUEST"
    assert error.violated_fields == [field]


def test_notify_costs_changed_is_not_reachable_through_envoy(stack: Stack, org_key: str) -> None:
    # REST: no route of its own; the method path is refused with a JSON google.rpc.Status
    # (unknown to the transcoder, or Envoy's internal-method route), never served.
    response = HTTP.post(
        f"{stack.url}/{NOTIFY}", json={"org_slug": ORG}, headers=stack.root_headers
    )
    assert response.status_code in (403, 404), response.text
    body = response.json()
    assert body["code"] in (5, 7)
    reasons = [d["reason"] for d in body["details"] if "reason" in d]
    assert reasons in (["UNKNOWN_ROUTE"], ["INTERNAL_METHOD"])
    # Native gRPC on Envoy's listener is refused before it reaches the server.
    with grpc.insecure_channel(f"127.0.0.1:{stack.envoy.port}") as channel:
        stub = costs_pb2_grpc.CostsServiceStub(channel)
        with pytest.raises(grpc.RpcError) as caught:
            stub.NotifyCostsChanged(
                costs_pb2.NotifyCostsChangedRequest(org_slug=ORG),
                metadata=stack.root_metadata,
                timeout=5,
            )
    assert decode(caught.value).code is grpc.StatusCode.PERMISSION_DENIED


def test_make_demo_fills_an_org_and_is_idempotent(
    stack: Stack, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CA_ROOT_API_KEY", stack.root_key)
    end = dt.date(2025, 6, 30)
    argv = ["--url", stack.url, "--grpc", f"127.0.0.1:{stack.grpc_port}", "--org", "demo_e2e"]
    argv += ["--rows", "600", "--days", "30", "--end", end.isoformat()]
    assert demo.main(argv) == 0
    out = capsys.readouterr().out
    assert f"onboarded, {len(catalog.SAAS)} SaaS plans created, 600 cost rows loaded" in out

    again = demo.run(
        url=stack.url,
        grpc_target=f"127.0.0.1:{stack.grpc_port}",
        key=stack.root_key,
        org="demo_e2e",
        rows=600,
        days=30,
        end=end,
    )
    assert (again.onboarded, again.plans_created, again.rows_loaded) == (False, 0, 0)

    key = stack.dev_key("demo_e2e")
    params = {"start_date": again.start.isoformat(), "end_date": end.isoformat()}
    body = HTTP.get(
        f"{stack.url}/api/v1/costs/demo_e2e/summary", params=params, headers={"X-API-Key": key}
    ).json()
    categories = {c["category"] for c in body["breakdown_by_category"]}
    assert categories == {"cloud", "llm", "saas"}
    providers = {p["provider"].lower() for p in body["breakdown_by_provider"]}
    assert {"gcp", "openai", "anthropic"} <= providers
    assert {p.provider for p in catalog.SAAS} <= providers
    cloud_llm = [c for c in body["breakdown_by_category"] if c["category"] != "saas"]
    assert sum(c["record_count"] for c in cloud_llm) == 600

"""Every cost route without dates covers month to date (first day of this UTC month to today)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pyarrow as pa
import pytest
from cloudact.v1 import costs_pb2, costs_pb2_grpc

from cloudact_grpc.demo import __main__ as demo
from tests.e2e.conftest import Stack
from tests.support.http import HTTP

ORG = "defaults_mtd"
TODAY = dt.datetime.now(dt.UTC).date()
FIRST = TODAY.replace(day=1)
BEFORE = FIRST - dt.timedelta(days=1)  # last month: outside the default range


def _rows() -> pa.Table:
    def ts(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(), dt.UTC)

    rows = [
        {
            "x_charge_date": day, "ProviderName": "gcp", "ServiceName": "Compute Engine",
            "ServiceCategory": "Compute", "x_source": "cloud_billing",
            "BilledCost": Decimal(amount), "EffectiveCost": Decimal(amount),
            "ListCost": Decimal(amount), "BillingCurrency": "USD", "ChargeCategory": "Usage",
            "BillingPeriodStart": ts(day.replace(day=1)), "ChargePeriodStart": ts(day),
            "ChargePeriodEnd": ts(day + dt.timedelta(days=1)), "x_ingested_at": ts(day),
            "x_source_record_id": f"r{i}", "Tags": json.dumps({}),
        }
        for i, (day, amount) in enumerate([(TODAY, "7.00"), (FIRST, "3.00"), (BEFORE, "100.00")])
    ]  # fmt: skip
    return pa.Table.from_pylist(rows)


@pytest.fixture(scope="module")
def org_key(stack: Stack) -> str:
    HTTP.post(f"{stack.url}/api/v1/admin/bootstrap", json={}, headers=stack.root_headers)
    onboarded = HTTP.post(
        f"{stack.url}/api/v1/organizations/onboard",
        json={"org_slug": ORG, "company_name": "Defaults Co", "admin_email": "f@d.example"},
        headers=stack.root_headers,
    )
    assert onboarded.status_code == 200, onboarded.text
    (chunk,) = demo.ipc_chunks(_rows())
    costs_pb2_grpc.CostsServiceStub(stack.channel).IngestCostRows(
        costs_pb2.IngestCostRowsRequest(org_slug=ORG, arrow_ipc_stream=chunk, batch_id="mtd"),
        metadata=stack.root_metadata,
    )
    return str(onboarded.json()["api_key"])


@pytest.mark.parametrize(
    ("route", "params"),
    [
        ("summary", {}),
        ("by-provider", {}),
        ("by-service", {}),
        ("trend", {}),
        ("pivot", {"rows": "provider"}),
        ("saas-subscriptions", {}),
    ],
)
def test_aggregates_without_dates_cover_month_to_date(
    stack: Stack, org_key: str, route: str, params: dict[str, str]
) -> None:
    response = HTTP.get(
        f"{stack.url}/api/v1/costs/{ORG}/{route}", params=params, headers={"X-API-Key": org_key}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["start_date"], body["end_date"]) == (FIRST.isoformat(), TODAY.isoformat())
    if route == "summary":
        assert body["total_cost"] == 10.0  # today's and the 1st's rows, not last month's


def test_rows_and_exports_without_dates_cover_month_to_date(stack: Stack, org_key: str) -> None:
    listed = HTTP.get(f"{stack.url}/api/v1/costs/{ORG}", headers={"X-API-Key": org_key}).json()
    assert sorted(r["charge_date"] for r in listed["costs"]) == sorted(
        [TODAY.isoformat(), FIRST.isoformat()]
    )
    exported = HTTP.get(
        f"{stack.url}/api/v1/costs/{ORG}/export",
        params={"format": "csv"},
        headers={"X-API-Key": org_key},
    )
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert sum(Decimal(r["billed_cost"]) for r in rows) == Decimal("10")

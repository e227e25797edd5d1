"""Anomaly detection on seeded data: injected spikes and drops are found, clean data is quiet.

Seeded: 120 days of six provider x service series in USD and EUR, weekday-shaped (weekends at
half cost) with +/-8% noise, each day split over two SKUs, sub-accounts and regions. One org
gets injected spikes (an extra row of a new SKU, 2-4x the day) and drops (the day at 20%); a
second org gets the same rows without them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from decimal import Decimal
from typing import Any

import grpc
import pyarrow as pa
import pytest
from cloudact.v1 import notifications_pb2 as pb
from cloudact.v1 import notifications_pb2_grpc

from tests.budgets.conftest import BudgetStack
from tests.support.errors import decode
from tests.support.http import HTTP

DIRTY, CLEAN = "anomaly_dirty", "anomaly_clean"
FIRST = dt.date(2026, 1, 1)
DAYS = 120
EXAMINE = (dt.date(2026, 3, 1), dt.date(2026, 4, 30))
SERIES = [
    ("gcp", "Compute Engine", "USD", 400),
    ("gcp", "Cloud Storage", "USD", 60),
    ("gcp", "BigQuery", "EUR", 120),
    ("aws", "Amazon EC2", "USD", 900),
    ("openai", "OpenAI API", "USD", 45),
    ("anthropic", "Claude API", "EUR", 30),
]
# (series index, day, kind, factor)
INJECTED = [
    (0, dt.date(2026, 3, 4), "spike", 3),
    (1, dt.date(2026, 3, 18), "spike", 4),
    (2, dt.date(2026, 3, 25), "drop", 0.2),
    (3, dt.date(2026, 4, 7), "spike", 2),
    (4, dt.date(2026, 4, 15), "drop", 0.2),
    (5, dt.date(2026, 4, 22), "spike", 3),
    (0, dt.date(2026, 4, 28), "drop", 0.2),
    (3, dt.date(2026, 3, 11), "drop", 0.2),
]


def _rows(inject: bool) -> list[dict[str, Any]]:
    rnd = random.Random(7)  # noqa: S311 - reproducible test data
    out: list[dict[str, Any]] = []
    injected = {(i, day): (kind, factor) for i, day, kind, factor in INJECTED} if inject else {}
    for n in range(DAYS):
        day = FIRST + dt.timedelta(days=n)
        for i, (prov, svc, cur, base) in enumerate(SERIES):
            level = Decimal(base) * (Decimal("0.5") if day.weekday() >= 5 else 1)
            kind, factor = injected.get((i, day), ("", 1))
            parts = []
            for k in range(2):
                noise = Decimal(rnd.randint(-800, 800)) / 10_000
                amount = level / 2 * (1 + noise)
                if kind == "drop":
                    amount *= Decimal(repr(factor))
                parts.append((f"sku-{k}", f"acct-{k}", f"region-{k}", amount))
            if kind == "spike":
                parts.append(("sku-spike", "acct-0", "region-0", level * (Decimal(factor) - 1)))
            for sku, acct, region, amount in parts:
                out.append(_row(day, prov, svc, cur, sku, acct, region, amount, len(out)))
    return out


def _row(
    day: dt.date, prov: str, svc: str, cur: str, sku: str, acct: str, region: str,
    amount: Decimal, n: int,
) -> dict[str, Any]:  # fmt: skip
    ts = dt.datetime.combine(day, dt.time(), dt.UTC)
    cost = amount.quantize(Decimal("0.000001"))
    llm = prov in {"openai", "anthropic"}
    return {
        "x_charge_date": day, "ProviderName": prov, "ServiceName": svc,
        "ServiceCategory": "AI and Machine Learning" if llm else "Compute",
        "ServiceSubcategory": "Generative AI" if llm else None,
        "x_source": "llm_usage" if llm else "cloud_billing",
        "BilledCost": cost, "EffectiveCost": cost, "ListCost": cost, "BillingCurrency": cur,
        "ChargeCategory": "Usage", "BillingPeriodStart": ts.replace(day=1),
        "ChargePeriodStart": ts, "ChargePeriodEnd": ts + dt.timedelta(days=1),
        "x_ingested_at": ts, "x_source_record_id": f"a{n}", "SkuId": sku,
        "SubAccountId": acct, "RegionId": region, "Tags": json.dumps({}),
    }  # fmt: skip


def _seed(stack: BudgetStack, org: str, inject: bool) -> str:
    key = stack.onboard(org)
    stack.ingest(org, pa.Table.from_pylist(_rows(inject)))
    return key


@pytest.fixture(scope="module")
def keys(duck_stack: BudgetStack) -> dict[str, str]:
    return {DIRTY: _seed(duck_stack, DIRTY, True), CLEAN: _seed(duck_stack, CLEAN, False)}


def _anomalies(stack: BudgetStack, org: str, key: str, **params: str) -> list[dict[str, Any]]:
    reply = HTTP.get(
        f"{stack.url}/api/v1/anomalies/{org}",
        params={"start_date": EXAMINE[0].isoformat(), "end_date": EXAMINE[1].isoformat(),
                "page_size": "1000", **params},
        headers={"X-API-Key": key},
    )  # fmt: skip
    assert reply.status_code == 200, reply.text
    return list(reply.json()["anomalies"])


def test_injected_spikes_and_drops_are_found(duck_stack: BudgetStack, keys: dict[str, str]) -> None:
    found = _anomalies(duck_stack, DIRTY, keys[DIRTY])
    truth = {
        (SERIES[i][0], SERIES[i][1], SERIES[i][2], day.isoformat()) for i, day, _, _ in INJECTED
    }
    got = {(a["provider"], a["service_name"], a["currency"], a["date"]) for a in found}
    hits = truth & got
    precision, recall = len(hits) / len(got), len(hits) / len(truth)
    print(f"anomalies: precision {precision:.2f} recall {recall:.2f} ({len(got)} found)")
    assert recall == 1.0
    extra = got - truth
    assert precision == 1.0, sorted(extra)
    assert len(found) == len(got)  # one per scope and day
    by_key = {(a["provider"], a["service_name"], a["date"]): a for a in found}
    for i, day, kind, factor in INJECTED:
        a = by_key[(SERIES[i][0], SERIES[i][1], day.isoformat())]
        assert a["direction"] == kind
        assert (a["impact"] > 0) == (kind == "spike")
        assert a["actual_amount"] == pytest.approx(a["expected_amount"] + a["impact"], abs=0.011)
        assert not a["lower_bound"] <= a["actual_amount"] <= a["upper_bound"]
        if kind == "spike":
            assert (a["driver_dimension"], a["driver_value"]) == ("sku", "sku-spike")
            base = SERIES[i][3] * (0.5 if day.weekday() >= 5 else 1)
            assert a["driver_impact"] == pytest.approx(base * (factor - 1), abs=0.01)
        else:
            assert a["driver_dimension"] in {"sku", "sub_account", "region"}
            assert a["driver_impact"] < 0


def test_clean_data_is_quiet(duck_stack: BudgetStack, keys: dict[str, str]) -> None:
    for level in ("low", "medium"):
        assert _anomalies(duck_stack, CLEAN, keys[CLEAN], sensitivity=level) == [], level
    # High sensitivity (a 3-sigma band) trades some noise for earlier warnings: on these
    # +/-8% noisy series a few ordinary days cross it; bounded at 5% of the series-days.
    noisy = _anomalies(duck_stack, CLEAN, keys[CLEAN], sensitivity="high")
    series_days = len(SERIES) * ((EXAMINE[1] - EXAMINE[0]).days + 1)
    print(f"high sensitivity on clean data: {len(noisy)} of {series_days} series-days")
    assert len(noisy) <= 0.05 * series_days
    assert all(abs(a["impact_percent"]) < 12 for a in noisy)


def test_precision_and_recall_per_sensitivity(
    duck_stack: BudgetStack, keys: dict[str, str]
) -> None:
    truth = {(SERIES[i][1], day.isoformat()) for i, day, _, _ in INJECTED}
    for level in ("low", "medium", "high"):
        got = {
            (a["service_name"], a["date"])
            for a in _anomalies(duck_stack, DIRTY, keys[DIRTY], sensitivity=level)
        }
        precision, recall = len(truth & got) / len(got), len(truth & got) / len(truth)
        print(f"{level}: precision {precision:.2f} recall {recall:.2f}")
        assert recall == 1.0
        assert precision >= (1.0 if level != "high" else 0.4)


def test_sensitivity_setting_and_validation(duck_stack: BudgetStack, keys: dict[str, str]) -> None:
    stub = notifications_pb2_grpc.NotificationsServiceStub(duck_stack.channel)
    md = (("x-api-key", keys[DIRTY]),)
    assert stub.GetAnomalySettings(pb.GetAnomalySettingsRequest(org_slug=DIRTY), metadata=md) == (
        pb.AnomalySettings(sensitivity="medium", min_impact=1)
    )
    # A minimum impact above the small series' drops hides them.
    updated = stub.UpdateAnomalySettings(
        pb.UpdateAnomalySettingsRequest(org_slug=DIRTY, sensitivity="low", min_impact=100),
        metadata=md,
    )
    assert (updated.sensitivity, updated.min_impact) == ("low", 100)
    found = _anomalies(duck_stack, DIRTY, keys[DIRTY])
    assert all(abs(a["impact"]) >= 100 for a in found)
    assert {a["service_name"] for a in found} == {"Compute Engine", "Amazon EC2", "Cloud Storage"}
    with pytest.raises(grpc.RpcError) as info:
        stub.UpdateAnomalySettings(
            pb.UpdateAnomalySettingsRequest(org_slug=DIRTY, sensitivity="extreme"), metadata=md
        )
    assert decode(info.value).violated_fields == ["sensitivity"]
    for bad in (-1.0, 1e7, math.nan, math.inf):
        with pytest.raises(grpc.RpcError) as info:
            stub.UpdateAnomalySettings(
                pb.UpdateAnomalySettingsRequest(org_slug=DIRTY, min_impact=bad), metadata=md
            )
        assert decode(info.value).violated_fields == ["min_impact"]
    too_long = HTTP.get(
        f"{duck_stack.url}/api/v1/anomalies/{DIRTY}",
        params={"start_date": "2026-01-01", "end_date": "2026-06-30"},
        headers={"X-API-Key": keys[DIRTY]},
    )
    assert too_long.status_code == 400
    stub.UpdateAnomalySettings(
        pb.UpdateAnomalySettingsRequest(org_slug=DIRTY, sensitivity="medium", min_impact=1),
        metadata=md,
    )

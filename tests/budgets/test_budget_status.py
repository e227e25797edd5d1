"""Budget status equals an independent computation to the cent on seeded data (DuckDB).

Several currencies (USD, EUR, JPY), scopes (total, category, provider + service + sub-account,
tag, several providers), periods (monthly from the 15th, quarterly, yearly, custom) and metrics.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import grpc
import pytest
from cloudact.v1 import budgets_pb2 as pb
from cloudact.v1 import budgets_pb2_grpc

from tests.budgets.conftest import BudgetStack
from tests.budgets.seed import cents, expected_spend, seeded_rows
from tests.support.errors import decode, decode_rest
from tests.support.http import HTTP

ORG = "budget_status"
ROWS = seeded_rows()
D = dt.date


@pytest.fixture(scope="module")
def stub(duck_stack: BudgetStack) -> budgets_pb2_grpc.BudgetsServiceStub:
    duck_stack.onboard(ORG)
    duck_stack.seed(ORG)
    return budgets_pb2_grpc.BudgetsServiceStub(duck_stack.channel)


@pytest.fixture(scope="module")
def md(duck_stack: BudgetStack) -> tuple[tuple[str, str], ...]:
    return duck_stack.root_metadata


def _create(
    stub: budgets_pb2_grpc.BudgetsServiceStub, md: tuple[tuple[str, str], ...], **fields: object
) -> pb.Budget:
    request = pb.CreateBudgetRequest(org_slug=ORG, hierarchy_entity_id="ORG", **fields)  # type: ignore[arg-type]
    return stub.CreateBudget(request, metadata=md)


def _status(
    stub: budgets_pb2_grpc.BudgetsServiceStub,
    md: tuple[tuple[str, str], ...],
    budget: pb.Budget,
    as_of: str,
) -> pb.BudgetStatus:
    return stub.GetBudgetStatus(
        pb.GetBudgetStatusRequest(org_slug=ORG, budget_id=budget.budget_id, as_of=as_of),
        metadata=md,
    )


CASES = [
    # (id, create fields, as_of, expected period, expected spend kwargs, minor unit)
    (
        "monthly-from-15th-total-usd",
        {"budget_amount": 400, "currency": "USD", "period_type": "monthly",
         "period_start": "2026-01-15"},
        "2026-02-20",
        (D(2026, 2, 15), D(2026, 3, 14)),
        {"currency": "USD"},
        "0.01",
    ),
    (
        "quarterly-cloud-eur",
        {"budget_amount": 900.5, "currency": "EUR", "period_type": "quarterly",
         "period_start": "2026-01-01", "category": "cloud"},
        "2026-03-10",
        (D(2026, 1, 1), D(2026, 3, 31)),
        {"currency": "EUR", "categories": ("cloud",)},
        "0.01",
    ),
    (
        "custom-provider-service-subaccount",
        {"budget_amount": 150, "currency": "USD", "period_type": "custom",
         "period_start": "2026-02-03", "period_end": "2026-03-09", "provider": "gcp",
         "scope": pb.BudgetScope(services=["Compute Engine"], sub_accounts=["acct-a"])},
        "2026-03-31",
        (D(2026, 2, 3), D(2026, 3, 9)),
        {"currency": "USD", "providers": ("gcp",), "services": ("Compute Engine",),
         "sub_accounts": ("acct-a",)},
        "0.01",
    ),
    (
        "monthly-genai-tag-billed",
        {"budget_amount": 80, "currency": "USD", "period_type": "monthly",
         "period_start": "2026-03-01", "category": "genai", "metric": "billed",
         "scope": pb.BudgetScope(tags={"team": "data"})},
        "2026-03-31",
        (D(2026, 3, 1), D(2026, 3, 31)),
        {"currency": "USD", "categories": ("llm",), "team": "data", "metric": "billed"},
        "0.01",
    ),
    (
        "yearly-subscription-usd",
        {"budget_amount": 5000, "currency": "USD", "period_type": "yearly",
         "period_start": "2026-01-01", "category": "subscription"},
        "2026-03-31",
        (D(2026, 1, 1), D(2026, 12, 31)),
        {"currency": "USD", "categories": ("saas",)},
        "0.01",
    ),
    (
        "monthly-jpy-two-providers",
        {"budget_amount": 2000, "currency": "JPY", "period_type": "monthly",
         "period_start": "2026-02-01", "scope": pb.BudgetScope(providers=["gcp", "openai"])},
        "2026-02-28",
        (D(2026, 2, 1), D(2026, 2, 28)),
        {"currency": "JPY", "providers": ("gcp", "openai")},
        "1",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "as_of", "period", "scope", "unit"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_status_matches_independent_sum(
    stub: budgets_pb2_grpc.BudgetsServiceStub,
    md: tuple[tuple[str, str], ...],
    fields: dict[str, object],
    as_of: str,
    period: tuple[dt.date, dt.date],
    scope: dict[str, object],
    unit: str,
) -> None:
    budget = _create(stub, md, **fields)
    status = _status(stub, md, budget, as_of)
    day = D.fromisoformat(as_of)
    assert (status.period_start, status.period_end) == tuple(p.isoformat() for p in period)
    expected = expected_spend(ROWS, first=period[0], last=min(day, period[1]), **scope)  # type: ignore[arg-type]
    assert expected > 0
    assert status.spent == cents(expected, unit)
    amount = Decimal(repr(fields["budget_amount"]))
    assert status.remaining == cents(amount - expected, unit)
    assert status.percent_used == cents(expected * 100 / amount)
    assert status.is_over_budget == (expected > amount)
    remaining_days = max(0, (period[1] - max(day, period[0] - dt.timedelta(days=1))).days)
    assert len(status.daily_forecast) == remaining_days
    if remaining_days == 0:
        assert status.forecast_method == "complete"
        assert status.forecast_total == status.spent
    else:
        assert status.forecast_method in {"weekday_profile", "level"}
        assert status.forecast_lower <= status.forecast_total <= status.forecast_upper
        assert status.forecast_lower >= status.spent


def test_other_currencies_are_reported_not_added(
    stub: budgets_pb2_grpc.BudgetsServiceStub, md: tuple[tuple[str, str], ...]
) -> None:
    budget = _create(
        stub, md, budget_amount=100, currency="USD", period_type="monthly",
        period_start="2026-01-01", provider="gcp",
    )  # fmt: skip
    status = _status(stub, md, budget, "2026-01-31")
    first, last = D(2026, 1, 1), D(2026, 1, 31)
    assert status.spent == cents(
        expected_spend(ROWS, first=first, last=last, currency="USD", providers=("gcp",))
    )
    others = {c.currency: c.amount for c in status.other_currencies}
    assert others == {
        "EUR": cents(expected_spend(ROWS, first=first, last=last, currency="EUR")),
        "JPY": cents(
            expected_spend(ROWS, first=first, last=last, currency="JPY", providers=("gcp",)), "1"
        ),
    }


def test_thresholds_on_actual_and_forecast(
    stub: budgets_pb2_grpc.BudgetsServiceStub, md: tuple[tuple[str, str], ...]
) -> None:
    first, as_of = D(2026, 3, 1), D(2026, 3, 15)
    spent = expected_spend(ROWS, first=first, last=as_of, currency="USD")
    # An amount the spend so far is 60-70% of: 50% crossed on actuals, 90% not yet; the
    # forecast to the end of March (about twice the half-month's spend) crosses 100%.
    amount = (spent / Decimal("0.65")).quantize(Decimal(1))
    budget = _create(
        stub, md, budget_amount=float(amount), currency="USD", period_type="monthly",
        period_start="2026-03-01",
        thresholds=[pb.BudgetThreshold(percent=50), pb.BudgetThreshold(percent=90),
                    pb.BudgetThreshold(percent=100, basis="forecast")],
    )  # fmt: skip
    status = _status(stub, md, budget, as_of.isoformat())
    crossed = {(t.basis, t.percent): t.crossed for t in status.thresholds}
    assert crossed == {("actual", 50.0): True, ("actual", 90.0): False, ("forecast", 100.0): True}
    assert {(t.basis, t.percent): t.amount for t in status.thresholds}[("actual", 50.0)] == cents(
        amount / 2
    )
    assert status.forecast_method == "weekday_profile"
    assert status.forecast_total > float(amount)


def test_short_history_makes_no_forecast(
    stub: budgets_pb2_grpc.BudgetsServiceStub, md: tuple[tuple[str, str], ...]
) -> None:
    budget = _create(
        stub, md, budget_amount=100, currency="USD", period_type="monthly",
        period_start="2026-01-01",
        thresholds=[pb.BudgetThreshold(percent=1, basis="forecast")],
    )  # fmt: skip
    status = _status(stub, md, budget, "2026-01-04")  # four days of data exist
    assert status.history_days == 4
    assert status.forecast_method == "none"
    assert list(status.daily_forecast) == []
    assert status.forecast_total == status.spent
    assert [t.crossed for t in status.thresholds] == [False]
    level = _status(stub, md, budget, "2026-01-20")
    assert (level.forecast_method, level.history_days) == ("level", 20)


def test_bad_fields_are_named_and_nothing_is_written(
    stub: budgets_pb2_grpc.BudgetsServiceStub, md: tuple[tuple[str, str], ...]
) -> None:
    before = stub.ListBudgets(pb.ListBudgetsRequest(org_slug=ORG, page_size=1000), metadata=md)
    bad = pb.CreateBudgetRequest(
        org_slug=ORG, hierarchy_entity_id="", budget_amount=10.005, currency="usd",
        period_type="weekly", period_start="2026-02-30",
        thresholds=[pb.BudgetThreshold(percent=0), pb.BudgetThreshold(percent=50, basis="guess")],
        scope=pb.BudgetScope(categories=["compute"]),
    )  # fmt: skip
    with pytest.raises(grpc.RpcError) as info:
        stub.CreateBudget(bad, metadata=md)
    err = decode(info.value)
    assert err.code is grpc.StatusCode.INVALID_ARGUMENT
    assert err.reason == "INVALID_REQUEST"
    assert set(err.violated_fields) == {
        "hierarchy_entity_id", "budget_amount", "period_type", "period_start",
        "thresholds[0].percent", "thresholds[1].basis", "scope.categories",
    }  # fmt: skip
    jpy = pb.CreateBudgetRequest(
        org_slug=ORG, hierarchy_entity_id="X", budget_amount=10.5, currency="JPY",
        period_type="custom", period_start="2026-01-31",
    )  # fmt: skip
    with pytest.raises(grpc.RpcError) as info:
        stub.CreateBudget(jpy, metadata=md)
    assert set(decode(info.value).violated_fields) == {"budget_amount", "period_end"}
    after = stub.ListBudgets(pb.ListBudgetsRequest(org_slug=ORG, page_size=1000), metadata=md)
    assert after.total == before.total


def test_update_versions_and_delete(
    stub: budgets_pb2_grpc.BudgetsServiceStub, md: tuple[tuple[str, str], ...]
) -> None:
    budget = _create(
        stub, md, budget_amount=100, currency="USD", period_type="monthly",
        period_start="2026-01-01",
    )  # fmt: skip
    updated = stub.UpdateBudget(
        pb.UpdateBudgetRequest(
            org_slug=ORG, budget_id=budget.budget_id, budget_amount=250.25, notes="raised",
            version=budget.version,
        ),
        metadata=md,
    )  # fmt: skip
    assert (updated.budget_amount, updated.notes, updated.version) == (250.25, "raised", 2)
    with pytest.raises(grpc.RpcError) as info:
        stub.UpdateBudget(
            pb.UpdateBudgetRequest(
                org_slug=ORG, budget_id=budget.budget_id, notes="stale", version=1
            ),
            metadata=md,
        )
    assert decode(info.value).code is grpc.StatusCode.ABORTED
    got = stub.GetBudget(pb.GetBudgetRequest(org_slug=ORG, budget_id=budget.budget_id), metadata=md)
    assert (got.budget_amount, got.notes) == (250.25, "raised")
    gone = stub.DeleteBudget(
        pb.DeleteBudgetRequest(org_slug=ORG, budget_id=budget.budget_id), metadata=md
    )
    assert gone.deleted
    again = stub.DeleteBudget(
        pb.DeleteBudgetRequest(org_slug=ORG, budget_id=budget.budget_id), metadata=md
    )
    assert not again.deleted
    with pytest.raises(grpc.RpcError) as info:
        stub.GetBudget(pb.GetBudgetRequest(org_slug=ORG, budget_id=budget.budget_id), metadata=md)
    err = decode(info.value)
    assert (err.code, err.reason) == (grpc.StatusCode.NOT_FOUND, "RESOURCE_NOT_FOUND")


def test_forecast_of_a_scope_through_envoy(duck_stack: BudgetStack) -> None:
    key = duck_stack.dev_key(ORG)
    reply = HTTP.get(
        f"{duck_stack.url}/api/v1/budgets/{ORG}/forecast",
        params={"currency": "EUR", "categories": "cloud", "as_of": "2026-03-10"},
        headers={"X-API-Key": key},
    )
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert (body["start_date"], body["end_date"]) == ("2026-03-01", "2026-03-31")
    actual = expected_spend(
        ROWS, first=D(2026, 3, 1), last=D(2026, 3, 10), currency="EUR", categories=("cloud",)
    )
    assert body["actual"] == cents(actual)
    assert len(body["daily_forecast"]) == 21
    assert body["forecast_method"] == "weekday_profile"
    means = sum(Decimal(repr(p["mean"])) for p in body["daily_forecast"])
    assert abs(Decimal(repr(body["forecast_total"])) - (actual + means)) < Decimal("0.2")
    assert body["forecast_lower"] <= body["forecast_total"] <= body["forecast_upper"]
    missing = HTTP.get(
        f"{duck_stack.url}/api/v1/budgets/{ORG}/forecast",
        params={"end_date": "2026-01-01", "start_date": "2026-02-01"},
        headers={"X-API-Key": key},
    )
    assert missing.status_code == 400
    fields = set(decode_rest(missing).violated_fields)
    assert fields == {"currency", "end_date"}


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_non_finite_amounts_are_400_naming_the_field(
    stub: budgets_pb2_grpc.BudgetsServiceStub, md: tuple[tuple[str, str], ...], bad: float
) -> None:
    request = pb.CreateBudgetRequest(
        org_slug=ORG, hierarchy_entity_id="X", budget_amount=bad, currency="USD",
        period_type="monthly", period_start="2026-01-01",
    )  # fmt: skip
    with pytest.raises(grpc.RpcError) as info:
        stub.CreateBudget(request, metadata=md)
    err = decode(info.value)
    assert (err.code, err.violated_fields) == (grpc.StatusCode.INVALID_ARGUMENT, ["budget_amount"])

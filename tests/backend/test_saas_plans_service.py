"""SaaS plan service on both backends: the seed quick reference, costs, races, bad input."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

import pytest

from cloudact_grpc.app import SaasPlans
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import (
    Aborted,
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
)
from cloudact_grpc.ports.warehouse import Eq, Warehouse
from cloudact_grpc.services.saas.inputs import PlanSpec, VersionChange
from tests.support.clocks import FixedClock
from tests.support.datasets import org_datasets
from tests.support.saas import plan_service, team_spec

SUFFIX = "test"
CTX = CallContext(request_id="req-1")


@dataclass
class Env:
    warehouse: Warehouse
    service: SaasPlans
    org: str
    dataset: str
    central: str
    clock: FixedClock


@pytest.fixture
def env(warehouse: Warehouse) -> Iterator[Env]:
    with org_datasets(warehouse, "acme", SUFFIX) as made:
        clock = FixedClock(dt.datetime(2025, 6, 15, 12, 0, tzinfo=dt.UTC))
        service = plan_service(warehouse, made.central, clock, SUFFIX)
        yield Env(warehouse, service, made.org, made.dataset, made.central, clock)


def _focus_by_month(
    env: Env, sub_id: str, service_name: str = "TEAM"
) -> dict[str, tuple[Decimal, Decimal]]:
    rows = env.warehouse.select(env.dataset, "cost_data_focus_1_2", [Eq("x_plan_id", sub_id)])
    out: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    days: set[dt.date] = set()
    for r in rows:
        day = r["x_charge_date"]
        assert isinstance(day, dt.date)
        assert day not in days, "a day is counted twice"
        days.add(day)
        assert r["ChargeCategory"] == "Purchase"
        assert r["ChargeFrequency"] == "Recurring"
        assert r["ServiceName"] == service_name
        assert r["ProviderName"] == "ChatGPT"
        acc = out[day.strftime("%Y-%m")]
        acc[0] += r["EffectiveCost"]  # type: ignore[operator]
        acc[1] += r["BilledCost"]  # type: ignore[operator]
    return {k: (v[0], v[1]) for k, v in out.items()}


def test_seed_quick_reference(env: Env) -> None:
    s = env.service
    providers = {p.provider.provider: p for p in s.providers.list_providers(env.org)}
    assert providers["chatgpt_plus"].enabled is False
    assert providers["chatgpt_plus"].provider.category == "ai"

    env.clock.at = dt.datetime(2024, 12, 20, tzinfo=dt.UTC)
    assert s.providers.enable_provider(CTX, env.org, "chatgpt_plus") == 4
    assert s.providers.enable_provider(CTX, env.org, "chatgpt_plus") == 0  # idempotent
    names = {v.version.plan_name for v in s.reader.list_plans(env.org, "chatgpt_plus").plans}
    assert names == {"FREE", "PLUS", "TEAM", "ENTERPRISE"}
    # The seeded TEAM is replaced by the contracted one of the quick reference.
    seeded_team = next(
        v
        for v in s.reader.list_plans(env.org, "chatgpt_plus").plans
        if v.version.plan_name == "TEAM"
    )
    s.writer.end_plan(
        CTX, env.org, "chatgpt_plus", seeded_team.version.subscription_id, "2024-12-31"
    )

    created = s.writer.create_plan(
        CTX, env.org, "chatgpt_plus", team_spec(display_name="ChatGPT Team", notes="quick ref")
    )
    sub_id = created.version.subscription_id
    assert created.version.version == 1
    assert created.version.category == "ai"
    assert created.status.value == "pending"

    edit = s.writer.edit_version(
        CTX, env.org, "chatgpt_plus", sub_id,
        VersionChange(effective_date="2025-02-01", number_of_users=15),
    )  # fmt: skip
    assert edit.new.version.version == 2
    assert edit.new.version.terms.seats == 15
    assert edit.new.version.notes == "quick ref"  # copied from the latest version
    assert edit.old.end_date == dt.date(2025, 1, 31)

    env.clock.at = dt.datetime(2025, 6, 15, 12, tzinfo=dt.UTC)
    ended = s.writer.end_plan(CTX, env.org, "chatgpt_plus", sub_id, "2025-03-31")
    assert ended.status.value == "cancelled"

    history = s.reader.history(env.org, "chatgpt_plus", sub_id).items
    assert [v.version.version for v in history] == [2, 1]
    assert [(v.version.start_date, v.end_date, v.status.value) for v in history] == [
        (dt.date(2025, 2, 1), dt.date(2025, 3, 31), "cancelled"),
        (dt.date(2025, 1, 1), dt.date(2025, 1, 31), "expired"),
    ]
    assert {h.version.subscription_id for h in history} == {sub_id}

    months = _focus_by_month(env, sub_id, "ChatGPT Team")
    assert months == {
        "2025-01": (Decimal("250.00"), Decimal("250.00")),
        "2025-02": (Decimal("375.00"), Decimal("375.00")),
        "2025-03": (Decimal("375.00"), Decimal("375.00")),
    }
    daily = env.warehouse.select(
        env.dataset, "saas_subscription_plan_costs_daily", [Eq("subscription_id", sub_id)]
    )
    assert len(daily) == 31 + 28 + 31
    assert sum((r["daily_cost"] for r in daily), Decimal(0)) == Decimal("1000.00")  # type: ignore[type-var]

    audit = env.warehouse.select(env.central, "org_audit_logs", [Eq("org_slug", env.org)])
    actions = {r["action"] for r in audit}
    assert {"SAAS_PROVIDER_ENABLED", "SAAS_PLAN_CREATED", "SAAS_PLAN_VERSIONED",
            "SAAS_PLAN_ENDED"} <= actions  # fmt: skip


def test_all_plans_totals_and_disable(env: Env) -> None:
    s = env.service
    s.writer.create_plan(
        CTX, env.org, "slack", team_spec(plan_name="PRO", unit_price=Decimal("8.75"))
    )
    s.writer.create_plan(
        CTX, env.org, "figma",
        team_spec(plan_name="ORG", unit_price=Decimal("660"), billing_cycle="annual",
              number_of_users=3),
    )  # fmt: skip
    s.writer.create_plan(
        CTX, env.org, "my_tool",
        team_spec(plan_name="FLAT", unit_price=Decimal("90"), pricing_model="flat",
              billing_cycle="quarterly", currency="EUR", discount_percent=Decimal("10")),
    )  # fmt: skip
    listing = s.reader.list_plans(env.org, None)
    assert listing.total_count == 3
    assert listing.active_count == 3
    totals = {t.currency: t for t in listing.totals}
    assert totals["USD"].monthly_cost == Decimal("87.50") + Decimal("165")
    assert totals["USD"].annual_cost == (Decimal("87.50") + Decimal("165")) * 12
    assert totals["EUR"].monthly_cost == Decimal("27")
    custom = next(
        p for p in s.providers.list_providers(env.org) if p.provider.provider == "my_tool"
    )
    assert custom.enabled and custom.provider.display_name == "My Tool"

    assert s.providers.disable_provider(CTX, env.org, "slack", "2025-06-30") == 1
    slack = s.reader.list_plans(env.org, "slack").plans[0]
    assert slack.status.value == "cancelled"
    assert slack.end_date == dt.date(2025, 6, 30)
    assert s.reader.list_plans(env.org, "slack", enabled_only=True).plans == ()
    page1 = s.reader.list_plans(env.org, None, page_size=2)
    page2 = s.reader.list_plans(env.org, None, page_size=2, page_token=page1.next_page_token)
    assert len(page1.plans) == 2 and len(page2.plans) == 1 and page2.next_page_token == ""


class _SlowConditionalWrites:
    """The real warehouse, with conditional inserts held back a moment.

    Widens the race window so every thread reads the plan before any of them writes: the
    edits are then truly concurrent, never one after another (a later, sequential edit on the
    same date is rightly INVALID_ARGUMENT, not ABORTED).
    """

    def __init__(self, inner: Warehouse) -> None:
        self._inner = inner

    def insert_if_absent(self, *args: Any, **kwargs: Any) -> bool:
        time.sleep(0.3)
        return self._inner.insert_if_absent(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def test_concurrent_edit_versions_one_wins(env: Env) -> None:
    sub_id = env.service.writer.create_plan(
        CTX, env.org, "chatgpt_plus", team_spec()
    ).version.subscription_id
    s = plan_service(
        cast(Warehouse, _SlowConditionalWrites(env.warehouse)), env.central, env.clock, SUFFIX
    )
    outcomes: list[str] = []
    barrier = threading.Barrier(4)

    def edit(users: int) -> None:
        barrier.wait()
        try:
            s.writer.edit_version(
                CTX, env.org, "chatgpt_plus", sub_id,
                VersionChange(effective_date="2025-03-01", number_of_users=users),
            )  # fmt: skip
            outcomes.append("ok")
        except Aborted:
            outcomes.append("aborted")

    threads = [threading.Thread(target=edit, args=(11 + i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["aborted"] * 3 + ["ok"]
    history = s.reader.history(env.org, "chatgpt_plus", sub_id).items
    assert [v.version.version for v in history] == [2, 1]
    assert history[1].end_date == dt.date(2025, 2, 28)
    days = env.warehouse.select(env.dataset, "cost_data_focus_1_2", [Eq("x_plan_id", sub_id)])
    charged = [r["x_charge_date"] for r in days]
    assert len(charged) == len(set(charged))


def _count_rows(env: Env) -> tuple[int, int]:
    plans = env.warehouse.select(env.dataset, "saas_subscription_plans")
    costs = env.warehouse.select(env.dataset, "cost_data_focus_1_2")
    return len(plans), len(costs)


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        (team_spec(unit_price=Decimal("-1")), "unit_price"),
        (team_spec(number_of_users=-3), "number_of_users"),
        (team_spec(end_date="2024-12-31"), "end_date"),
        (team_spec(effective_date="2025-13-01"), "effective_date"),
        (team_spec(plan_name="bad name!"), "plan_name"),
        (team_spec(billing_cycle="weekly"), "billing_cycle"),
        (team_spec(discount_percent=Decimal("120")), "discount_percent"),
        (team_spec(price_per_user_monthly=Decimal("5")), "unit_price"),
        (team_spec(currency="dollars"), "currency"),
    ],
)
def test_create_rejects_bad_input(env: Env, spec: PlanSpec, field: str) -> None:
    with pytest.raises(InvalidArgument) as err:
        env.service.writer.create_plan(CTX, env.org, "chatgpt_plus", spec)
    assert field in {v.field for v in err.value.violations}
    assert _count_rows(env) == (0, 0)


def test_edit_and_end_reject_bad_input(env: Env) -> None:
    s = env.service
    sub_id = s.writer.create_plan(CTX, env.org, "chatgpt_plus", team_spec()).version.subscription_id
    before = _count_rows(env)
    cases: list[tuple[VersionChange, str]] = [
        (VersionChange(effective_date="2025-01-01"), "effective_date"),
        (VersionChange(effective_date="2024-06-01"), "effective_date"),
        (VersionChange(effective_date="2025-02-01", number_of_users=-1), "number_of_users"),
        (VersionChange(effective_date="2025-02-01", unit_price=Decimal("-5")), "unit_price"),
    ]
    for change, field in cases:
        with pytest.raises(InvalidArgument) as err:
            s.writer.edit_version(CTX, env.org, "chatgpt_plus", sub_id, change)
        assert err.value.violations[0].field == field
    with pytest.raises(InvalidArgument) as err:
        s.writer.end_plan(CTX, env.org, "chatgpt_plus", sub_id, "2024-12-31")
    assert err.value.violations[0].field == "end_date"
    with pytest.raises(InvalidArgument) as err:
        s.writer.create_plan(CTX, env.org, "Not A Provider!", team_spec())
    assert err.value.violations[0].field == "provider"
    assert _count_rows(env) == before
    with pytest.raises(NotFound):
        s.reader.history(env.org, "chatgpt_plus", "sub_nope")
    with pytest.raises(NotFound):
        s.reader.history(env.org, "slack", sub_id)  # wrong provider
    with pytest.raises(AlreadyExists):
        s.writer.create_plan(CTX, env.org, "chatgpt_plus", team_spec())
    s.writer.end_plan(CTX, env.org, "chatgpt_plus", sub_id, "2025-02-15")
    with pytest.raises(FailedPrecondition):
        s.writer.edit_version(CTX, env.org, "chatgpt_plus", sub_id, VersionChange("2025-03-01"))


def test_cancel_before_pending_version_voids_it(env: Env) -> None:
    s = env.service
    sub_id = s.writer.create_plan(CTX, env.org, "chatgpt_plus", team_spec()).version.subscription_id
    s.writer.edit_version(
        CTX, env.org, "chatgpt_plus", sub_id,
        VersionChange(effective_date="2025-09-01", number_of_users=20),
    )  # fmt: skip
    s.writer.end_plan(CTX, env.org, "chatgpt_plus", sub_id, "2025-06-30")
    v2, v1 = s.reader.history(env.org, "chatgpt_plus", sub_id).items
    assert v1.end_date == dt.date(2025, 6, 30) and v1.status.value == "cancelled"
    assert v2.void and v2.status.value == "cancelled"
    months = _focus_by_month(env, sub_id)
    assert set(months) == {f"2025-0{m}" for m in range(1, 7)}
    assert all(eff == Decimal("250.00") for eff, _ in months.values())


def test_errors_are_domain_errors() -> None:
    assert issubclass(Aborted, DomainError)

"""SaaS plan costs through the costs service, on both backends.

Plans are created through the SaaS plan service, which writes the amortized rows; the costs
service reads them: exact totals, run rates as of the range's last day (not summed over days),
cache invalidation on every SaaS write, and open-ended plans crossing into a new cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest

from cloudact_grpc.analytics.filters import CostFilter
from cloudact_grpc.analytics.saas import SaasPlanCost
from cloudact_grpc.app import SaasPlans
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.ports.warehouse import Eq, Warehouse, WarehouseError
from cloudact_grpc.services.cost_cache import CostCache
from cloudact_grpc.services.cost_changes import CostChanges
from cloudact_grpc.services.cost_rollup import CostRollup
from cloudact_grpc.services.costs import CostsService
from cloudact_grpc.services.orgs.tables import FOCUS_COSTS, SAAS_DAILY_COSTS, SAAS_PLANS
from cloudact_grpc.services.saas.daily import DailyCatchUp
from cloudact_grpc.services.saas.inputs import VersionChange
from tests.support.backends import BOTH_BACKENDS
from tests.support.clocks import FixedClock
from tests.support.datasets import org_datasets
from tests.support.faults import fail_once
from tests.support.saas import plan_service, team_spec

SUFFIX = "test"
CTX = CallContext(request_id="req-saas-costs")
D = Decimal


@dataclass
class Env:
    warehouse: Warehouse
    saas: SaasPlans
    costs: CostsService
    cache: CostCache
    org: str
    dataset: str
    clock: FixedClock

    def at(self, day: dt.date) -> None:
        self.clock.at = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


@pytest.fixture
def env(warehouse: Warehouse) -> Iterator[Env]:
    with org_datasets(warehouse, "sc", SUFFIX) as made:
        clock = FixedClock(dt.datetime(2025, 3, 15, 12, tzinfo=dt.UTC))
        cache = CostCache()
        changes = CostChanges(CostRollup(warehouse, clock=clock), cache, dataset_suffix=SUFFIX)
        saas = plan_service(warehouse, made.central, clock, SUFFIX, costs_changed=changes)
        costs = CostsService(warehouse, dataset_suffix=SUFFIX, clock=clock, changes=changes)
        yield Env(warehouse, saas, costs, cache, made.org, made.dataset, clock)


def _team(env: Env) -> str:
    """TEAM 25.00 x 10 seats from 2025-01-01, 15 seats from 2025-02-01 (open-ended)."""
    sub = _ten_seats(env)
    _fifteen_seats_from_february(env, sub)
    return sub


def _ten_seats(env: Env) -> str:
    """TEAM 25.00 x 10 seats on chatgpt_plus from 2025-01-01 (open-ended): its id."""
    plan = env.saas.writer.create_plan(CTX, env.org, "chatgpt_plus", team_spec())
    return plan.version.subscription_id


def _fifteen_seats_from_february(env: Env, sub: str) -> None:
    change = VersionChange(effective_date="2025-02-01", number_of_users=15)
    env.saas.writer.edit_version(CTX, env.org, "chatgpt_plus", sub, change)


def _saas(env: Env, start: str, end: str, **kw: object) -> tuple[SaasPlanCost, ...]:
    f = CostFilter(dt.date.fromisoformat(start), dt.date.fromisoformat(end), **kw)  # type: ignore[arg-type]
    return env.costs.saas_subscriptions(env.org, f, page_size=50, page_token="").page.items


def _saas_total(env: Env, start: str, end: str) -> Decimal:
    f = CostFilter(dt.date.fromisoformat(start), dt.date.fromisoformat(end), categories=("saas",))
    single = env.costs.summary(env.org, f, metric="effective", top_n=10).single
    return single.total if single else D(0)


def test_team_plan_totals_and_run_rates(env: Env) -> None:
    sub = _team(env)

    (march,) = _saas(env, "2025-01-01", "2025-03-15")
    # 250.00 (Jan) + 375.00 (Feb) + 15 March days: 375.00 over 31 days = 21 x 12.10 + 10 x 12.09.
    assert march.subscription_id == sub
    assert (march.total, march.days_charged) == (D("806.50"), 31 + 28 + 15)
    assert march.daily_run_rate == D("12.10")
    # Run rates of the version in force on end_date, not summed over the 74 days.
    assert (march.monthly_run_rate, march.annual_run_rate) == (D("375"), D("4500"))
    assert (march.seats, march.pricing_model, march.billing_cycle) == (15, "per_seat", "monthly")
    assert (march.provider, march.plan_name, march.currency, march.status) == (
        "chatgpt_plus",
        "TEAM",
        "USD",
        "active",
    )

    (january,) = _saas(env, "2025-01-01", "2025-01-31")
    assert (january.total, january.days_charged) == (D("250.00"), 31)
    # 250.00 over 31 days = 14 x 8.07 + 17 x 8.06; Jan 31 is a remainder-free day.
    assert january.daily_run_rate == D("8.06")
    assert (january.monthly_run_rate, january.annual_run_rate, january.seats) == (
        D("250"),
        D("3000"),
        10,
    )

    page = env.costs.saas_subscriptions(
        env.org, CostFilter(dt.date(2025, 1, 1), dt.date(2025, 3, 31)), page_size=50, page_token=""
    )
    assert page.single is not None
    assert (page.single.total, page.single.monthly_run_rate, page.single.plan_count) == (
        D("1000.00"),
        D("375"),
        1,
    )


def test_several_plans_currencies_filters_and_ended_plans(env: Env) -> None:
    team = _team(env)
    # Annual flat 1200.00 from 2025-01-01: 120000 cents over 365 days = 280 x 3.29 + 85 x 3.28.
    annual = env.saas.writer.create_plan(
        CTX,
        env.org,
        "slack",
        team_spec(
            plan_name="BUSINESS",
            unit_price=D("1200.00"),
            pricing_model="flat",
            billing_cycle="annual",
            number_of_users=40,
        ),
    ).version.subscription_id
    euro = env.saas.writer.create_plan(
        CTX,
        env.org,
        "canva",
        team_spec(plan_name="PRO", unit_price=D("12.00"), number_of_users=2, currency="EUR"),
    ).version.subscription_id
    env.saas.writer.end_plan(CTX, env.org, "canva", euro, "2025-02-28")

    plans = {p.subscription_id: p for p in _saas(env, "2025-03-01", "2025-03-31")}
    assert set(plans) == {team, annual}  # the EUR plan ended before the range
    assert plans[annual].total == D("3.29") * 31
    assert (plans[annual].monthly_run_rate, plans[annual].annual_run_rate) == (D(100), D(1200))
    assert plans[annual].daily_run_rate == D("3.29")
    assert plans[annual].seats == 40 and plans[annual].pricing_model == "flat"

    both = env.costs.saas_subscriptions(
        env.org, CostFilter(dt.date(2025, 2, 1), dt.date(2025, 2, 28)), page_size=1, page_token=""
    )
    assert both.single is None  # USD and EUR are never summed together
    assert {t.currency: (t.total, t.plan_count) for t in both.totals} == {
        "EUR": (D("24.00"), 1),
        "USD": (D("375.00") + D("3.29") * 28, 2),
    }
    assert both.page.total_size == 3 and both.page.next_page_token
    assert both.page.items[0].subscription_id == team  # largest total first

    (slack,) = _saas(env, "2025-01-01", "2025-03-31", providers=("slack",))
    assert slack.subscription_id == annual
    (eur,) = _saas(env, "2025-01-01", "2025-03-31", currency="EUR")
    # Charged in the range but over on end_date: total kept, run rates 0, status cancelled.
    assert (eur.total, eur.days_charged, eur.monthly_run_rate, eur.status) == (
        D("48.00"),
        59,
        D(0),
        "cancelled",
    )


def test_saas_writes_invalidate_cached_costs(env: Env) -> None:
    sub = _ten_seats(env)
    assert _saas_total(env, "2025-01-01", "2025-03-31") == D("750.00")
    (before,) = _saas(env, "2025-01-01", "2025-03-31")
    assert before.monthly_run_rate == D(250)
    assert env.cache.size(env.org) == 2

    _fifteen_seats_from_february(env, sub)
    assert _saas_total(env, "2025-01-01", "2025-03-31") == D("1000.00")
    (after,) = _saas(env, "2025-01-01", "2025-03-31")
    assert (after.total, after.monthly_run_rate) == (D("1000.00"), D(375))

    env.saas.writer.end_plan(CTX, env.org, "chatgpt_plus", sub, "2025-02-28")
    assert _saas_total(env, "2025-01-01", "2025-03-31") == D("625.00")

    env.saas.writer.create_plan(
        CTX, env.org, "slack", team_spec(plan_name="PRO", unit_price=D("8.75"))
    )
    assert _saas_total(env, "2025-01-01", "2025-03-31") == D("625.00") + D("87.50") * 3
    env.saas.providers.disable_provider(CTX, env.org, "slack", "2025-01-31")
    assert _saas_total(env, "2025-01-01", "2025-03-31") == D("625.00") + D("87.50")


def _plan_days(env: Env, sub: str) -> set[object]:
    rows = env.warehouse.select(env.dataset, "cost_data_focus_1_2", [Eq("x_plan_id", sub)])
    return {r["x_charge_date"] for r in rows}


def test_open_ended_plan_crossing_into_a_new_cycle_is_costed_by_the_catch_up(env: Env) -> None:
    env.at(dt.date(2025, 1, 15))
    sub = _ten_seats(env)
    assert _saas_total(env, "2025-01-01", "2025-03-31") == D("250.00")  # written through Jan 31

    env.at(dt.date(2025, 3, 10))  # two cycles later, no SaaS write since
    # A read never writes: the rows stay as they were until the catch-up step runs.
    assert _saas(env, "2025-01-01", "2025-03-31")[0].total == D("250.00")
    assert max(_plan_days(env, sub)) == dt.date(2025, 1, 31)  # type: ignore[type-var]
    catch_up = DailyCatchUp(env.saas.costs.catch_up, lambda: [env.org])
    assert catch_up.run() == 1
    assert catch_up.run() == 0  # once per org and day
    assert _saas_total(env, "2025-01-01", "2025-03-31") == D("750.00")
    days = _plan_days(env, sub)
    assert max(days) == dt.date(2025, 3, 31) and len(days) == 31 + 28 + 31  # type: ignore[type-var]
    (plan,) = _saas(env, "2025-03-01", "2025-03-10")
    assert (plan.total, plan.monthly_run_rate) == (D("80.70"), D(250))  # 250/31: Mar 1-10 all 8.07

    # A plan that has not started yet gets its rows once its first day arrives.
    pending = env.saas.writer.create_plan(
        CTX, env.org, "slack", team_spec(plan_name="PRO", effective_date="2025-04-01")
    ).version.subscription_id
    assert _saas(env, "2025-04-01", "2025-04-30", providers=("slack",))[0].total == D(0)
    env.at(dt.date(2025, 4, 2))
    assert env.saas.costs.catch_up(env.org) >= 1  # the explicit call (as the daily step makes)
    (started,) = _saas(env, "2025-04-01", "2025-04-30", providers=("slack",))
    assert (started.subscription_id, started.total) == (pending, D("250.00"))


def test_a_failed_catch_up_never_reports_the_committed_write_as_failed(env: Env) -> None:
    env.at(dt.date(2025, 1, 15))
    stale = env.saas.writer.create_plan(CTX, env.org, "chatgpt_plus", team_spec())
    stale_id = stale.version.subscription_id
    # A stored plan the catch-up cannot cost (a billing cycle this version does not know).
    changed = env.warehouse.update(
        env.dataset, SAAS_PLANS, {"billing_cycle": "fortnightly"}, [Eq("subscription_id", stale_id)]
    )
    assert changed >= 1
    env.at(dt.date(2025, 3, 10))  # the stale plan is two cycles behind: the catch-up visits it
    made = env.saas.writer.create_plan(CTX, env.org, "slack", team_spec(plan_name="PRO"))
    new_id = made.version.subscription_id
    assert _saas(env, "2025-03-01", "2025-03-31", providers=("slack",))[0].subscription_id == new_id
    assert max(_plan_days(env, stale_id)) == dt.date(2025, 1, 31)  # type: ignore[type-var]
    # The hourly step logs the bad plan and goes on to the next org instead of raising.
    assert DailyCatchUp(env.saas.costs.catch_up, lambda: [env.org, env.org]).run() == 0


# The four statements of a plan's cost rewrite, in the order they run.
REWRITE_STEPS = [
    ("delete", SAAS_DAILY_COSTS),
    ("delete", FOCUS_COSTS),
    ("insert_rows", FOCUS_COSTS),
    ("insert_rows", SAAS_DAILY_COSTS),
]


@pytest.mark.parametrize("warehouse", BOTH_BACKENDS, indirect=True)
@pytest.mark.parametrize(("method", "table"), REWRITE_STEPS)
def test_a_cut_off_cost_rewrite_is_repaired_by_the_catch_up(
    env: Env, monkeypatch: pytest.MonkeyPatch, method: str, table: str
) -> None:
    sub = _ten_seats(env)
    assert _saas_total(env, "2025-01-01", "2025-03-15") == D("621.04")  # 10 seats, through Mar 15
    fired = fail_once(monkeypatch, env.warehouse, method, table)
    with pytest.raises(WarehouseError):  # the edit's own rewrite failed: the caller is told
        _fifteen_seats_from_february(env, sub)
    assert fired == [table]
    # The new version is committed; the cut-off rewrite left the daily facts short (or old),
    # so the catch-up (already run today by the create) finds the plan again and rewrites it.
    assert env.saas.costs.catch_up(env.org) == 1
    assert _saas_total(env, "2025-01-01", "2025-03-15") == D("806.50")  # as test_team_plan...
    assert env.saas.costs.catch_up(env.org) == 0


# The first statements of a plan's cost rewrite: reading the days it held, deleting its facts.
FIRST_STEPS = [("select", SAAS_DAILY_COSTS), ("delete", SAAS_DAILY_COSTS)]


def _end_team_on_february_14(env: Env, sub: str) -> None:
    env.saas.writer.end_plan(CTX, env.org, "chatgpt_plus", sub, "2025-02-14")


def _disable_chatgpt_on_february_14(env: Env, sub: str) -> None:
    assert env.saas.providers.disable_provider(CTX, env.org, "chatgpt_plus", "2025-02-14") == 1


@pytest.mark.parametrize("warehouse", BOTH_BACKENDS, indirect=True)
@pytest.mark.parametrize(("method", "table"), FIRST_STEPS)
@pytest.mark.parametrize("end", [_end_team_on_february_14, _disable_chatgpt_on_february_14])
def test_an_end_whose_rewrite_failed_at_once_is_repaired_by_the_catch_up(
    env: Env,
    monkeypatch: pytest.MonkeyPatch,
    method: str,
    table: str,
    end: Callable[[Env, str], None],
) -> None:
    sub = _ten_seats(env)
    assert _saas_total(env, "2025-01-01", "2025-03-31") == D("750.00")  # through Mar 31
    fired = fail_once(monkeypatch, env.warehouse, method, table)
    with pytest.raises(WarehouseError):  # the end is committed; its rewrite never started
        end(env, sub)
    assert fired == [table]
    # The old rows are all still there, of the plan's current version: nothing looks short.
    assert max(_plan_days(env, sub)) == dt.date(2025, 3, 31)  # type: ignore[type-var]

    env.at(dt.date(2025, 3, 16))  # the next day's catch-up (another process never forgot today)
    repaired = env.saas.costs.catch_up(env.org)
    # Nothing after the end day is owed: Jan 250.00 + Feb 1-14 at 8.93 (25000 cents / 28 days
    # = 892 rem 24: the first 24 days carry 8.93).
    assert _saas_total(env, "2025-02-15", "2025-03-31") == D(0)
    assert repaired == 1
    assert _saas_total(env, "2025-01-01", "2025-03-31") == D("250.00") + D("8.93") * 14
    assert max(_plan_days(env, sub)) == dt.date(2025, 2, 14)  # type: ignore[type-var]
    (plan,) = _saas(env, "2025-01-01", "2025-03-31")
    assert (plan.total, plan.days_charged, plan.status) == (D("375.02"), 31 + 14, "cancelled")
    env.at(dt.date(2025, 3, 17))
    assert env.saas.costs.catch_up(env.org) == 0  # repaired for good: not rewritten again


def _stamps(env: Env, sub: str) -> list[object]:
    """When each of the plan's daily facts was written (changes only if it is rewritten)."""
    where = [Eq("subscription_id", sub)]
    rows = env.warehouse.select(env.dataset, SAAS_DAILY_COSTS, where, columns=["updated_at"])
    return sorted({r["updated_at"] for r in rows})  # type: ignore[type-var]


@pytest.mark.parametrize("warehouse", BOTH_BACKENDS, indirect=True)
def test_the_catch_up_rewrites_only_the_ended_plan_left_uncosted(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    env.at(dt.date(2025, 4, 2))  # a replica whose clock is ahead: rows through Apr 30
    ahead = env.saas.writer.create_plan(CTX, env.org, "canva", team_spec(plan_name="PRO"))
    env.at(dt.date(2025, 3, 15))
    until = team_spec(plan_name="PRO", end_date="2025-02-20")  # a plan created with its end
    fixed = env.saas.writer.create_plan(CTX, env.org, "slack", until)
    open_ended = _ten_seats(env)
    ended = env.saas.writer.create_plan(
        CTX, env.org, "notion", team_spec(plan_name="PLUS", unit_price=D("10.00"))
    ).version.subscription_id
    kept = {
        s: _stamps(env, s)
        for s in (ahead.version.subscription_id, fixed.version.subscription_id, open_ended)
    }
    fail_once(monkeypatch, env.warehouse, "delete", SAAS_DAILY_COSTS)
    with pytest.raises(WarehouseError):
        env.saas.writer.end_plan(CTX, env.org, "notion", ended, "2025-01-31")

    env.clock.at += dt.timedelta(hours=1)  # whatever is rewritten now gets a later stamp
    assert env.saas.costs.catch_up(env.org) == 1  # the ended plan only
    assert {s: _stamps(env, s) for s in kept} == kept
    (notion,) = _saas(env, "2025-01-01", "2025-04-30", providers=("notion",))
    assert (notion.total, notion.days_charged) == (D("100.00"), 31)  # 10.00 x 10 seats, Jan
    assert _saas_total(env, "2025-02-01", "2025-04-30") == (
        D("250.00") * 2  # the open-ended TEAM, Feb and Mar
        + D("250.00") * 3  # canva PRO, Feb to Apr (its rows reach further and stay)
        + D("8.93") * 20  # slack PRO, Feb 1-20 (25000 cents / 28 days: 24 days carry 8.93)
    )


def test_retrying_an_end_or_disable_whose_rewrite_failed_answers_and_repairs(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = _ten_seats(env)
    fail_once(monkeypatch, env.warehouse, "delete", SAAS_DAILY_COSTS)
    with pytest.raises(WarehouseError):
        env.saas.writer.end_plan(CTX, env.org, "chatgpt_plus", team, "2025-03-10")
    # The retry answers as the first call would have; its catch-up rewrites the plan's rows.
    again = env.saas.writer.end_plan(CTX, env.org, "chatgpt_plus", team, "2025-03-10")
    assert (again.end_date, again.status) == (dt.date(2025, 3, 10), "cancelled")
    assert _saas_total(env, "2025-01-01", "2025-03-31") == D("500.00") + D("8.07") * 10

    # Disabling a provider whose plan starts Mar 1 with an earlier end voids the plan: no cost.
    spec = team_spec(plan_name="PRO", effective_date="2025-03-01")
    pro = env.saas.writer.create_plan(CTX, env.org, "slack", spec).version.subscription_id
    fail_once(monkeypatch, env.warehouse, "delete", SAAS_DAILY_COSTS)
    with pytest.raises(WarehouseError):
        env.saas.providers.disable_provider(CTX, env.org, "slack", "2025-02-01")
    assert env.saas.providers.disable_provider(CTX, env.org, "slack", "2025-02-01") == 0
    assert _plan_days(env, pro) == set()
    assert _saas_total(env, "2025-01-01", "2025-03-31") == D("500.00") + D("8.07") * 10

"""What the SaaS catch-up's staleness check costs per plan, against the read it follows.

Usage: python bench/bench_saas_catch_up.py [PLANS]
Builds PLANS monthly plans (anchors spread over 2025) and times, in interleaved rounds: the
check the catch-up made before it looked for ends (rows short of today's last costed day or
version: the baseline), ``behind`` on the same open-ended plans, on them ended 5 days ago (rows
through the cycle's end: stale), and on them ending in 40 days, whose rows reach a month
further (a clock ahead: amortized once more, through their last day), and reading the daily
facts it compares against (``written_through`` over in-memory DuckDB holding every plan's rows).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cloudact_grpc.adapters.warehouse.duckdb_warehouse import DuckDBWarehouse  # noqa: E402
from cloudact_grpc.adapters.warehouse.schemas import org_tables  # noqa: E402
from cloudact_grpc.domain.clock import SystemClock  # noqa: E402
from cloudact_grpc.domain.saas.plans import Plan  # noqa: E402
from cloudact_grpc.domain.saas.terms import BillingCycle, PricingModel, PricingTerms  # noqa: E402
from cloudact_grpc.services.saas.costs import (  # noqa: E402
    DAILY_TABLE,
    daily_row,
    last_costed_day,
    plan_amounts,
)
from cloudact_grpc.services.saas.freshness import behind, written_through  # noqa: E402
from cloudact_grpc.services.saas.versions import first_version  # noqa: E402

TODAY = dt.date(2025, 12, 15)
ROUNDS = 9
Extent = tuple[dt.date, int] | None


def short(plan: Plan, today: dt.date, have: Extent) -> bool:
    """The check before ends were looked for: rows short of today's day or version."""
    wanted = last_costed_day(plan, today)
    return wanted is not None and (have is None or have[0] < wanted[0] or have[1] < wanted[1])


def plans(count: int) -> list[Plan]:
    """``count`` open-ended monthly plans of 10 seats at 25.00, anchored over 2025."""
    terms = PricingTerms(
        BillingCycle.MONTHLY, PricingModel.PER_SEAT, Decimal("25.00"), 10, Decimal(0), "USD"
    )
    clock = SystemClock()

    def plan(i: int) -> Plan:
        start = dt.date(2025, 1, 1) + dt.timedelta(days=i % 300)
        return Plan.of(
            [
                first_version(
                    clock, "slack", f"P{i}", "team", "", "communication", terms, start, None
                )
            ]
        )

    return [plan(i) for i in range(count)]


def ended(plan: Plan, days_from_today: int) -> Plan:
    """``plan`` cancelled ``days_from_today`` days from TODAY."""
    end = TODAY + dt.timedelta(days=days_from_today)
    return Plan.of([dataclasses.replace(plan.latest, cancelled=True, end_date=end)])


def best_ms(cases: dict[str, Callable[[], object]], count: int) -> None:
    """Run the cases in interleaved rounds; print each one's fastest, in total and per plan."""
    best = dict.fromkeys(cases, float("inf"))
    for _ in range(ROUNDS):
        for label, fn in cases.items():
            started = time.perf_counter()
            fn()
            best[label] = min(best[label], time.perf_counter() - started)
    for label, secs in best.items():
        print(f"  {label:<52} {secs * 1000:9.2f} ms  {secs / count * 1e6:8.1f} µs/plan")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    open_plans = plans(count)
    ended_plans = [ended(p, -5) for p in open_plans]
    ending_plans = [ended(p, 40) for p in open_plans]
    # Rows as an end whose rewrite never ran leaves them (the open extent as of today); for
    # the plans ending in 40 days, as a replica a month ahead wrote them.
    written = {p.subscription_id: last_costed_day(p, TODAY) for p in open_plans}
    ahead = TODAY + dt.timedelta(days=31)
    written_ahead = {p.subscription_id: last_costed_day(p, ahead) for p in ending_plans}

    wh = DuckDBWarehouse(":memory:")
    wh.create_dataset("bench")
    wh.create_table("bench", next(t for t in org_tables(ROOT / "configs") if t.name == DAILY_TABLE))
    now = dt.datetime.combine(TODAY, dt.time(), tzinfo=dt.UTC)
    rows = [daily_row(v, d, now) for p in open_plans for v, d in plan_amounts(p, TODAY)]
    wh.insert_rows("bench", DAILY_TABLE, rows)

    def check(rule: Callable[[Plan, dt.date, Extent], bool], group: list[Plan]) -> int:
        rows_of = written_ahead if group is ending_plans else written
        return sum(rule(p, TODAY, rows_of[p.subscription_id]) for p in group)

    print(
        f"{count:,} monthly plans, {len(rows):,} daily facts, today {TODAY}, "
        f"best of {ROUNDS} interleaved rounds"
    )
    groups = {
        "open-ended plans": open_plans,
        "plans ended 5 days ago": ended_plans,
        "plans ending in 40 days, rows a month ahead": ending_plans,
    }
    cases: dict[str, Callable[[], object]] = {
        "short only, open-ended plans (baseline)": functools.partial(check, short, open_plans)
    }
    for name, group in groups.items():
        cases[f"behind, {name}"] = functools.partial(check, behind, group)
    cases["written_through: read the daily facts"] = functools.partial(written_through, wh, "bench")
    best_ms(cases, count)
    print(f"  stale: {', '.join(f'{n} {check(behind, g)}' for n, g in groups.items())}")
    wh.close()


if __name__ == "__main__":
    main()

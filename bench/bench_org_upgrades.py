"""Org-table upgrades on the first write: what they cost, against upgrading every org at start.

Usage: python bench/bench_org_upgrades.py [ORGS]
Makes ORGS org datasets in an in-memory DuckDB whose ``llm_subscriptions`` lacks the rate-limit
columns (an older schema), then times, in the same run: checking every org at start-up (the
baseline we do not do: start-up grows with the orgs), the first write of each org through
``OrgTableUpgrades.ensure`` (one schema read, two added columns, the insert), and a later write
of each org (a set lookup and the insert).
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import structlog

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cloudact_grpc.adapters.warehouse.duckdb_warehouse import DuckDBWarehouse  # noqa: E402
from cloudact_grpc.adapters.warehouse.schemas import org_tables  # noqa: E402
from cloudact_grpc.domain.llm import LlmSubscription  # noqa: E402
from cloudact_grpc.services.bootstrap import BootstrapService  # noqa: E402
from cloudact_grpc.services.llm_rows import SUBSCRIPTIONS_TABLE, subscription_row  # noqa: E402
from cloudact_grpc.services.org_upgrades import OrgTableUpgrades  # noqa: E402

NOW = dt.datetime(2026, 3, 30, tzinfo=dt.UTC)
LIMITS = ("rpm_limit", "tpm_limit")


def old_orgs(orgs: int) -> tuple[DuckDBWarehouse, BootstrapService, list[str]]:
    """``orgs`` datasets made by the schema before the rate limits, and today's bootstrap."""
    wh = DuckDBWarehouse(":memory:")
    tables = org_tables(ROOT / "configs")
    old = [
        replace(t, columns=tuple(c for c in t.columns if c.name not in LIMITS))
        if t.name == SUBSCRIPTIONS_TABLE
        else t
        for t in tables
    ]
    names = [f"org{i}_prod" for i in range(orgs)]
    for name in names:
        BootstrapService(wh, (), old, central_dataset="central").create_org_dataset(name)
    return wh, BootstrapService(wh, (), tables, central_dataset="central"), names


def row(name: str) -> dict[str, object]:
    sub = LlmSubscription(
        subscription_id=f"id_{name}", provider="openai", subscription_name=name, plan_name=name,
        cancelled=False, billing_cycle="monthly", currency="USD", seats=1,
        monthly_cost=Decimal(10), start_date=NOW.date(), end_date=None, notes="", version=1,
        created_at=NOW, updated_at=NOW, rpm_limit=500, tpm_limit=30000,
    )  # fmt: skip
    return subscription_row(sub)


def timed(label: str, orgs: int, fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    took = time.perf_counter() - t0
    print(f"  {label:<52} {took * 1000:9.1f} ms  {took / orgs * 1000:7.2f} ms/org")
    return took


def main() -> None:
    orgs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    print(f"duckdb (:memory:), {orgs:,} org datasets of the older schema")
    wh, boot, names = old_orgs(orgs)
    timed(
        "baseline: check every org at start",
        orgs,
        lambda: [boot.upgrade_org_table(n, SUBSCRIPTIONS_TABLE) for n in names],
    )
    wh.close()
    wh, boot, names = old_orgs(orgs)
    upgrades = OrgTableUpgrades(boot.upgrade_org_table)

    def write(tag: str) -> None:
        for n in names:
            upgrades.ensure(n, SUBSCRIPTIONS_TABLE)
            wh.insert_rows(n, SUBSCRIPTIONS_TABLE, [row(f"{tag}_{n}")])

    print("  start-up with upgrades on the first write: checks no org")
    timed("first write of each org (check, add columns, insert)", orgs, lambda: write("a"))
    timed("later write of each org (set lookup, insert)", orgs, lambda: write("b"))
    wh.close()


if __name__ == "__main__":
    main()

"""LLM price rows as typed records: what the typed mapping costs over the raw select.

Usage: python bench/bench_llm_rows.py [VERSIONS]
Stores VERSIONS price versions (one model each, several providers) in an in-memory DuckDB
``llm_model_pricing`` table, then times, in the same run: the raw ``select`` (the dict rows the
service used to return: the baseline), the rows mapped to ``ModelPrice`` records, and the
in-force pick over the records.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cloudact_grpc.adapters.warehouse.duckdb_warehouse import DuckDBWarehouse  # noqa: E402
from cloudact_grpc.adapters.warehouse.schemas import org_tables  # noqa: E402
from cloudact_grpc.domain.llm import in_force, new_price  # noqa: E402
from cloudact_grpc.services.llm_rows import PRICING_TABLE, price_from_row, price_row  # noqa: E402

_T = TypeVar("_T")
NOW = dt.datetime(2026, 3, 30, tzinfo=dt.UTC)
ROUNDS = 5


def best_of(label: str, fn: Callable[[], _T], versions: int) -> _T:
    """The fastest of ``ROUNDS`` runs, per run and per row."""
    times, out = [], None
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    best = min(times)
    print(f"  {label:<40} {best * 1000:9.2f} ms  {best / versions * 1e6:7.2f} µs/row")
    assert out is not None
    return out


def main() -> None:
    versions = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    wh = DuckDBWarehouse(":memory:")
    wh.create_dataset("bench")
    schema = next(t for t in org_tables(ROOT / "configs") if t.name == PRICING_TABLE)
    wh.create_table("bench", schema)
    providers = ("openai", "anthropic", "gemini", "deepseek", "custom")
    rows = [
        price_row(
            new_price(providers[i % 5], f"m-{i}", dt.date(2025, 1, 1) + dt.timedelta(i % 400), NOW)
        )
        | {"input_price_per_1k": Decimal(i % 97) / 1000, "output_price_per_1k": Decimal("0.01")}
        for i in range(versions)
    ]
    wh.insert_rows("bench", PRICING_TABLE, rows)
    print(f"duckdb (:memory:), {versions:,} price versions, best of {ROUNDS}")
    raw = best_of(
        "select (baseline: dict rows)", lambda: wh.select("bench", PRICING_TABLE, []), versions
    )
    records = best_of(
        "select + map to ModelPrice",
        lambda: [price_from_row(r) for r in wh.select("bench", PRICING_TABLE, [])],
        versions,
    )
    best_of("map only (rows already read)", lambda: [price_from_row(r) for r in raw], versions)
    in_force_now = best_of(
        "in_force over the records", lambda: in_force(records, NOW.date()), versions
    )
    print(f"  records: {len(records):,}, in force on {NOW.date()}: {len(in_force_now):,}")
    wh.close()


if __name__ == "__main__":
    main()

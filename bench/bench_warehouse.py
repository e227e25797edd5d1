"""Insert N FOCUS-shaped cost rows and read them back as Arrow, on DuckDB and BigQuery (emulator).

Usage: python bench/bench_warehouse.py [ROWS] [--bq-endpoint http://127.0.0.1:PORT]
Without --bq-endpoint the BigQuery run starts bqemulator from .venv-bqemu itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import duckdb
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cloudact_grpc.adapters.warehouse import values  # noqa: E402
from cloudact_grpc.adapters.warehouse.bigquery_warehouse import BigQueryWarehouse  # noqa: E402
from cloudact_grpc.adapters.warehouse.duckdb_warehouse import DuckDBWarehouse  # noqa: E402
from cloudact_grpc.adapters.warehouse.schemas import org_tables  # noqa: E402
from cloudact_grpc.ports.warehouse import Between, Warehouse  # noqa: E402
from tests.support.bqemulator import running_bqemulator  # noqa: E402

_T = TypeVar("_T")
PROVIDERS = ["OpenAI", "Anthropic", "Google Cloud", "Slack", "Canva"]
CATEGORIES = ["AI and Machine Learning", "Compute", "Business Applications", "Storage"]


def rows(n: int) -> list[dict[str, object]]:
    """Synthetic FOCUS rows over 365 days."""
    rng = random.Random(42)  # noqa: S311
    base = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    out: list[dict[str, object]] = []
    for i in range(n):
        start = base + dt.timedelta(days=i % 365)
        cost = Decimal(rng.randrange(1, 10**11)) / Decimal(10**9)
        out.append({
            "BilledCost": cost, "EffectiveCost": cost, "ListCost": cost,
            "BillingCurrency": "USD", "BillingPeriodStart": start, "ChargePeriodStart": start,
            "ChargePeriodEnd": start + dt.timedelta(days=1), "ChargeCategory": "Usage",
            "ProviderName": PROVIDERS[i % 5], "ServiceName": f"svc-{i % 40}",
            "ServiceCategory": CATEGORIES[i % 4], "Tags": {"team": f"t{i % 7}"},
            "x_charge_date": start.date(), "x_source": "demo", "x_ingested_at": base,
        })  # fmt: skip
    return out


def timed(label: str, fn: Callable[[], _T]) -> _T:
    t0 = time.perf_counter()
    out = fn()
    print(f"  {label:<44} {time.perf_counter() - t0:8.2f} s")
    return out


def duckdb_baseline(data: list[dict[str, object]]) -> None:
    """The engine's floor, same run: raw DuckDB loading and reading the same rows as Arrow."""
    print(f"duckdb raw driver (baseline): {len(data):,} rows")
    schema = org_tables(ROOT / "configs")[0]
    arrow_schema = values.arrow_schema(schema)
    con = duckdb.connect(":memory:")
    cells = [{**row, "Tags": values.json_text(row["Tags"])} for row in data]
    table = timed(
        "pyarrow from_pylist (no checks)",
        lambda: pa.Table.from_pylist(cells, schema=arrow_schema),
    )
    con.register("arrow_rows", table)
    timed("CREATE TABLE AS SELECT * FROM arrow", lambda: con.execute(
        "CREATE TABLE t AS SELECT * FROM arrow_rows"
    ))  # fmt: skip
    timed("SELECT * → Arrow", lambda: con.execute("SELECT * FROM t").to_arrow_table())
    con.close()


def run(name: str, wh: Warehouse, data: list[dict[str, object]]) -> None:
    print(f"{name}: {len(data):,} rows")
    schema = org_tables(ROOT / "configs")[0]
    wh.drop_dataset("bench")
    wh.create_dataset("bench")
    wh.create_table("bench", schema)
    timed("insert_rows (one call)", lambda: wh.insert_rows("bench", schema.name, data))
    full = timed("read_arrow all columns", lambda: wh.read_arrow("bench", schema.name))
    cols = ["x_charge_date", "ProviderName", "BilledCost"]
    month = [Between("x_charge_date", dt.date(2025, 3, 1), dt.date(2025, 3, 31))]
    part = timed(
        "read_arrow 3 columns, one month", lambda: wh.read_arrow("bench", schema.name, cols, month)
    )
    print(f"  rows back: {full.num_rows:,} (month: {part.num_rows:,})")
    wh.drop_dataset("bench")
    wh.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int, nargs="?", default=100_000)
    parser.add_argument("--bq-endpoint")
    args = parser.parse_args()
    data = rows(args.rows)
    duckdb_baseline(data)
    run("duckdb (:memory:)", DuckDBWarehouse(":memory:"), data)
    if args.bq_endpoint:
        run("bigquery (emulator)", BigQueryWarehouse("cloudact-test", "US", args.bq_endpoint), data)
    else:
        with running_bqemulator(Path(tempfile.mkdtemp(prefix="bqemu"))) as endpoint:
            run("bigquery (emulator)", BigQueryWarehouse("cloudact-test", "US", endpoint), data)


if __name__ == "__main__":
    main()

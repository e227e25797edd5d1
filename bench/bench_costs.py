"""Cost summary benchmark on the embedded DuckDB warehouse: Polars service vs DuckDB SQL.

Usage: python bench/bench_costs.py [ROWS ...]   (default 1000000 10000000)
Each size runs in its own process (clean peak-RSS figure): demo rows over 365 days are
bulk-loaded, then GetCostSummary's computation runs, alternating with DuckDB SQL computing the
same aggregates over the same raw rows, in four states:

* raw:     no daily rollup (as right after a bulk load): every raw row read and compacted with
           Polars, and the rollup of the 365 days written;
* cold:    rollup stored, result cache empty (a new filter or range, a restart, another replica);
* one day: one day's rollup forgotten (as after a daily ingest) and the cache empty;
* warm:    the cached result.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cloudact_grpc.adapters.warehouse import values  # noqa: E402
from cloudact_grpc.adapters.warehouse.duckdb_warehouse import DuckDBWarehouse  # noqa: E402
from cloudact_grpc.adapters.warehouse.schemas import org_tables  # noqa: E402
from cloudact_grpc.analytics.filters import CostFilter  # noqa: E402
from cloudact_grpc.demo.focus import DemoSpec, generate  # noqa: E402
from cloudact_grpc.domain.cost_events import DayRange  # noqa: E402
from cloudact_grpc.services.bootstrap import BootstrapService  # noqa: E402
from cloudact_grpc.services.cost_cache import CostCache  # noqa: E402
from cloudact_grpc.services.cost_changes import CostChanges  # noqa: E402
from cloudact_grpc.services.cost_rollup import CostRollup  # noqa: E402
from cloudact_grpc.services.costs import CostsService  # noqa: E402

ORG, SUFFIX, TABLE = "bench_org", "local", "cost_data_focus_1_2"
CAT = (
    "CASE WHEN x_source IN ('saas_subscription') OR ServiceCategory = 'Business Applications' "
    "THEN 'saas' WHEN x_source IN ('llm_usage') OR ServiceSubcategory = 'Generative AI' "
    "THEN 'llm' ELSE 'cloud' END"
)
# Same rows as the service reads: the same date predicate, bound (not in the SQL text).
WHERE = "FROM t WHERE x_charge_date BETWEEN ? AND ? GROUP BY ALL"
SQL = [
    f"SELECT BillingCurrency, SUM(EffectiveCost), SUM(BilledCost), SUM(ListCost), COUNT(*) {WHERE}",
    f"SELECT ProviderName, BillingCurrency, SUM(EffectiveCost), SUM(BilledCost), SUM(ListCost), "
    f"COUNT(*), list(DISTINCT {CAT}) {WHERE}",
    f"SELECT {CAT}, BillingCurrency, SUM(EffectiveCost), COUNT(*) {WHERE}",
    f"SELECT ProviderName, ServiceName, ServiceCategory, {CAT}, BillingCurrency, "
    f"SUM(EffectiveCost), SUM(BilledCost), COUNT(*) {WHERE}",
    f"SELECT x_charge_date, BillingCurrency, SUM(EffectiveCost), SUM(BilledCost), COUNT(*) {WHERE}",
]


def rss_mb() -> float:
    """Peak resident set size of this process so far, MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn: Callable[[], object], repeat: int = 1) -> float:
    """Median wall time of ``fn`` in ms."""
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return statistics.median(out)


def one(n: int) -> None:
    """Benchmark one size in this process."""
    spec = DemoSpec(rows=n, start=dt.date(2025, 1, 1), days=365, currencies=("USD", "EUR"))
    wh = DuckDBWarehouse(":memory:")
    schemas = org_tables(ROOT / "configs")
    BootstrapService(wh, (), schemas).create_org_dataset(f"{ORG}_{SUFFIX}")
    t0 = time.perf_counter()
    # Loaded in charge-date order, as daily loads append them (DuckDB's zone maps then prune
    # a day range the way BigQuery's DAY partitions do).
    arrow = generate(spec).sort("x_charge_date").to_arrow()
    schema = next(s for s in schemas if s.name == TABLE)
    arrow = arrow.cast(values.arrow_schema(schema, arrow.column_names))
    gen_s = time.perf_counter() - t0
    cur = wh._cursor()  # bench-only bulk load: the port inserts row dicts
    cur.register("_bench", arrow)
    cur.execute(f'INSERT INTO "{ORG}_{SUFFIX}"."{TABLE}" BY NAME SELECT * FROM _bench')
    cur.unregister("_bench")
    del arrow
    cur.execute(f'CREATE VIEW t AS SELECT * FROM "{ORG}_{SUFFIX}"."{TABLE}"')
    base_rss = rss_mb()
    f = CostFilter(spec.start, spec.start + dt.timedelta(days=spec.days - 1))
    changes = CostChanges(CostRollup(wh), CostCache(), dataset_suffix=SUFFIX)
    svc = CostsService(wh, dataset_suffix=SUFFIX, changes=changes)
    mid = spec.start + dt.timedelta(days=spec.days // 2)

    def summary() -> object:
        return svc.summary(ORG, f, metric="effective", top_n=10)

    def sql() -> object:
        return [cur.execute(q, [f.start, f.end]).fetchall() for q in SQL]

    resets: dict[str, Callable[[], object]] = {
        "raw": lambda: changes.forget(ORG),
        "cold": lambda: changes.cache.invalidate(ORG),
        "one day": lambda: changes.forget(ORG, DayRange(mid, mid)),
    }
    # Alternate SQL and each state so background load hits all alike; medians of 3 each.
    runs: dict[str, list[float]] = {"sql": [], **{k: [] for k in resets}}
    for _ in range(3):
        for name, reset in resets.items():
            runs["sql"].append(timed(sql))
            reset()
            runs[name].append(timed(summary))
    ms = {k: statistics.median(v) for k, v in runs.items()}
    state_rss = rss_mb()
    warm_ms = timed(summary, 200)
    out = summary()
    total = out.totals  # type: ignore[attr-defined]
    rollup_rows = cur.execute(
        f'SELECT count(*) FROM "{ORG}_{SUFFIX}"."cost_daily_rollup"'
    ).fetchone()
    print(
        f"{n:>11,} rows | gen {gen_s:5.1f} s | DuckDB SQL {ms['sql']:8.1f} ms | "
        f"raw (rollup built) {ms['raw']:8.1f} ms | cold (rollup) {ms['cold']:7.1f} ms | "
        f"one day rebuilt {ms['one day']:7.1f} ms | warm {warm_ms:6.3f} ms | "
        f"rollup rows {rollup_rows[0] if rollup_rows else '?'} | "
        f"peak RSS {base_rss:7.0f} MB loaded, {state_rss:7.0f} MB after | "
        f"currencies {[t.currency for t in total]} | load {os.getloadavg()[0]:.2f}"
    )


def main(argv: list[str]) -> None:
    """Run every size in a child process."""
    if argv[:1] == ["--one"]:
        one(int(argv[1]))
        return
    for n in [int(a) for a in argv] or [1_000_000, 10_000_000]:
        subprocess.run([sys.executable, __file__, "--one", str(n)], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])

"""Backtest of the budget forecast against a seasonal-naive baseline on demo data, same run.

Daily series (one per provider and currency, plus the total per currency) come from the demo
FOCUS generator (``make demo``'s rows). From every 7th day after the first 120 the next 14 days
are forecast by

* ``weekday_profile``: the budget forecast (``services/budgets/forecast.py``), and
* seasonal naive (m = 7): the same weekday of the last observed week, with the 80% interval
  from the standard deviation of the last 56 days' week-over-week differences, widened by
  sqrt(k + 1) for the (k + 1)-th week ahead (statsforecast ``SeasonalNaive``'s form).

Reported per method: MAPE (mean |e|/|y| over days with y != 0, in percent), WAPE
(sum |e| / sum |y|), coverage of the 80% daily intervals, and the time per forecast.

    python bench/bench_forecast.py [rows]
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path[:0] = [
    str(Path(__file__).resolve().parents[1]),
    str(Path(__file__).resolve().parents[1] / "gen"),
]

import polars as pl  # noqa: E402

from cloudact_grpc.demo.focus import DemoSpec, generate  # noqa: E402
from cloudact_grpc.services.budgets import forecast as fc  # noqa: E402

HORIZON, STEP, WARMUP = 14, 7, 120
Z80 = Decimal("1.2816")
Series = dict[dt.date, Decimal]
Point = tuple[Decimal, Decimal, Decimal]
Method = Callable[[Series, dt.date, list[dt.date]], list[Point]]


def series(rows: int, *, weekends: Decimal = Decimal(1)) -> dict[str, Series]:
    """Daily EffectiveCost per provider and currency, and per currency (exact Decimals).

    ``weekends`` scales Saturday and Sunday costs (the demo rows have no weekly pattern).
    """
    frame = generate(DemoSpec(rows=rows, currencies=("USD", "EUR"), saas=True))
    if weekends != 1:
        weekend = pl.col("x_charge_date").dt.weekday() >= 6
        frame = frame.with_columns(
            pl.when(weekend)
            .then(pl.col("EffectiveCost") * pl.lit(weekends, pl.Decimal(38, 9)))
            .otherwise(pl.col("EffectiveCost"))
            .cast(pl.Decimal(38, 9))
            .alias("EffectiveCost")
        )
    per = frame.group_by("ProviderName", "BillingCurrency", "x_charge_date").agg(
        pl.col("EffectiveCost").sum()
    )
    total = frame.group_by("BillingCurrency", "x_charge_date").agg(pl.col("EffectiveCost").sum())
    out: dict[str, Series] = {}
    for prov, cur, day, cost in per.iter_rows():
        out.setdefault(f"{prov}/{cur}", {})[day] = Decimal(cost)
    for cur, day, cost in total.iter_rows():
        out.setdefault(f"total/{cur}", {})[day] = Decimal(cost)
    return out


def ours(daily: Series, as_of: dt.date, horizon: list[dt.date]) -> list[Point]:
    f = fc.forecast(daily, as_of, horizon)
    return [(d.mean, d.lower, d.upper) for d in f.days]


def seasonal_naive(daily: Series, as_of: dt.date, horizon: list[dt.date]) -> list[Point]:
    def y(day: dt.date) -> Decimal:
        return daily.get(day, Decimal(0))

    diffs = [
        y(as_of - dt.timedelta(days=i)) - y(as_of - dt.timedelta(days=i + 7)) for i in range(56)
    ]
    sd = Decimal(statistics.stdev(diffs))
    out: list[Point] = []
    for h, day in enumerate(horizon, start=1):
        k = (h - 1) // 7
        mean = y(day - dt.timedelta(days=7 * (k + 1)))
        width = Z80 * sd * Decimal(k + 1).sqrt()
        out.append((mean, max(mean - width, Decimal(0)), mean + width))
    return out


def backtest(all_series: dict[str, Series], method: Method) -> dict[str, float]:
    ape: list[Decimal] = []
    abs_err = abs_y = Decimal(0)
    inside = total = 0
    elapsed = 0.0
    fits = 0
    for daily in all_series.values():
        first, last = min(daily), max(daily)
        cutoff = first + dt.timedelta(days=WARMUP)
        while cutoff + dt.timedelta(days=HORIZON) <= last:
            horizon = [cutoff + dt.timedelta(days=i) for i in range(1, HORIZON + 1)]
            started = time.perf_counter()
            points = method(daily, cutoff, horizon)
            elapsed += time.perf_counter() - started
            fits += 1
            for day, (mean, lower, upper) in zip(horizon, points, strict=True):
                actual = daily.get(day, Decimal(0))
                err = abs(actual - mean)
                abs_err += err
                abs_y += abs(actual)
                if actual:
                    ape.append(err / abs(actual))
                inside += lower <= actual <= upper
                total += 1
            cutoff += dt.timedelta(days=STEP)
    return {
        "mape_pct": float(sum(ape, Decimal(0)) / len(ape) * 100),
        "wape_pct": float(abs_err / abs_y * 100),
        "coverage_pct": inside / total * 100,
        "ms_per_forecast": elapsed / fits * 1000,
        "forecasts": fits,
    }


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    header = f"{'method':<18}{'MAPE %':>9}{'WAPE %':>9}{'80% cov %':>11}{'ms/fcst':>9}{'fcsts':>7}"
    for label, weekends in (("demo rows", Decimal(1)), ("weekends at 40%", Decimal("0.4"))):
        data = series(rows, weekends=weekends)
        print(f"{label}: {len(data)} daily series from {rows:,} rows, horizon {HORIZON} days")
        print(header)
        for name, method in (("weekday_profile", ours), ("seasonal_naive_7", seasonal_naive)):
            r = backtest(data, method)
            print(
                f"{name:<18}{r['mape_pct']:>9.1f}{r['wape_pct']:>9.1f}{r['coverage_pct']:>11.1f}"
                f"{r['ms_per_forecast']:>9.2f}{r['forecasts']:>7.0f}"
            )


if __name__ == "__main__":
    main()

"""Import and fit time of statsforecast's AutoETS, for the choice of the budget forecast.

statsforecast is not a dependency; run this in a throwaway environment:

    python3 -m venv /tmp/sf && /tmp/sf/bin/pip install statsforecast==2.1.1
    /usr/bin/time -v /tmp/sf/bin/python bench/probe_statsforecast.py

Measured 2026-12-01 on the shared 2-core machine (load average about 6): import 3.74 s, first
AutoETS(season_length=7) fit of a 365-day series 0.27 s, 15 series 5.85 s (0.39 s each), peak
RSS 224 MB, 584 MB installed. The budget forecast takes 0.2-0.7 ms per series
(bench/bench_forecast.py).
"""

from __future__ import annotations

import time

started = time.perf_counter()
import numpy as np  # type: ignore[import-not-found]  # noqa: E402
import pandas as pd  # type: ignore[import-untyped]  # noqa: E402
from statsforecast import StatsForecast  # type: ignore[import-not-found]  # noqa: E402
from statsforecast.models import AutoETS  # type: ignore[import-not-found]  # noqa: E402

print(f"import {time.perf_counter() - started:.2f} s")
rng = np.random.default_rng(1)
days = pd.date_range("2025-01-01", periods=365, freq="D")
y = 100 + 10 * np.sin(np.arange(365) * 2 * np.pi / 7) + rng.normal(0, 5, 365)
frame = pd.DataFrame({"unique_id": "s", "ds": days, "y": y})
for label in ("first fit (numba JIT)", "second fit"):
    started = time.perf_counter()
    StatsForecast(models=[AutoETS(season_length=7)], freq="D").forecast(df=frame, h=14, level=[80])
    print(f"AutoETS {label}: {time.perf_counter() - started:.2f} s")
started = time.perf_counter()
model = StatsForecast(models=[AutoETS(season_length=7)], freq="D")
for i in range(15):
    model.forecast(df=frame.assign(unique_id=f"s{i}"), h=14, level=[80])
print(f"AutoETS 15 series: {time.perf_counter() - started:.2f} s")

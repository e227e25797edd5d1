"""Finding 2: one org saturating its allowance with heavy calls does not starve another org.

The bound: every read of the second org succeeds, none takes longer than 2 s, and their median
stays within 10x the unloaded median + 100 ms (measured in ``make bench`` too:
``bench/bench_fairness.py`` prints the unloaded and loaded figures of one run).
"""

from __future__ import annotations

import pytest

from cloudact_grpc.demo.__main__ import run as run_demo
from tests.reliability.conftest import Stack
from tests.support.fairness import light_reads, under_load

pytestmark = pytest.mark.slow


def test_heavy_calls_of_one_org_do_not_starve_another_orgs_reads(stack: Stack) -> None:
    report = run_demo(
        url=stack.url, grpc_target=f"127.0.0.1:{stack.grpc_port}", key=stack.root_key,
        org="heavy_org", rows=40_000, days=365,
    )  # fmt: skip
    heavy_key = stack.dev_key("heavy_org")
    light_key = stack.onboard("light_org")
    light_url = f"{stack.url}/api/v1/organizations/light_org"
    unloaded = light_reads(light_url, light_key, 30)

    light, heavy = under_load(
        light_url, light_key,
        f"{stack.url}/api/v1/costs/heavy_org/pivot",
        {"rows": "provider,service", "columns": "period", "metric": "billed",
         "start_date": report.start.isoformat(), "end_date": report.end.isoformat()},
        heavy_key,
    )  # fmt: skip

    assert dict(light.statuses) == {200: 30}
    assert set(heavy.statuses) <= {200, 429}, heavy.statuses
    assert heavy.statuses[200] > 0 and heavy.statuses[429] > 0
    assert max(light.seconds) < 2.0, light.seconds
    assert light.median <= 10 * unloaded.median + 0.1, (light.median, unloaded.median)

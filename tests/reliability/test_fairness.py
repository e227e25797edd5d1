"""Finding 2: one org saturating its allowance with heavy calls does not starve another org.

Org A runs 24 parallel year-long pivots over 100,000 raw rows (fresh windows, so never cached),
rate limits out of the way. The bound: every read of org B succeeds, none takes 2 s, and their
p95 stays within 10x the unloaded p95 + 250 ms (without the in-flight bound: median 2.1 s, max
4.5 s; with it: median 49 ms, max 95 ms, unloaded median 7 ms). ``make bench`` measures the same
scenario (``bench/bench_fairness.py``), unloaded and loaded in one run.
"""

from __future__ import annotations

from typing import Any

import pytest

from cloudact_grpc.demo.__main__ import run as run_demo
from tests.reliability.conftest import Stack
from tests.support.fairness import light_reads, pivot_params, under_load

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def stack_overrides() -> dict[str, Any]:
    """Rate limits out of the way: 24 heavy calls fit in the org's burst, as in the finding."""
    return {
        "rate_limit_org_per_minute": 100_000, "rate_limit_org_burst": 100_000,
        "rate_limit_global_per_minute": 100_000, "rate_limit_global_burst": 100_000,
    }  # fmt: skip


def test_heavy_calls_of_one_org_do_not_starve_another_orgs_reads(stack: Stack) -> None:
    report = run_demo(
        url=stack.url, grpc_target=f"127.0.0.1:{stack.grpc_port}", key=stack.root_key,
        org="heavy_org", rows=100_000, days=365,
    )  # fmt: skip
    heavy_key = stack.dev_key("heavy_org")
    light_key = stack.onboard("light_org")
    light_url = f"{stack.url}/api/v1/organizations/light_org"
    unloaded = light_reads(light_url, light_key, 30)

    light, heavy = under_load(
        light_url, light_key,
        f"{stack.url}/api/v1/costs/heavy_org/pivot",
        pivot_params(report.start, report.end),
        heavy_key,
    )  # fmt: skip

    assert dict(light.statuses) == {200: 30}
    assert set(heavy.statuses) <= {200, 429}, heavy.statuses
    assert heavy.statuses[200] > 0 and heavy.statuses[429] > 0
    assert max(light.seconds) < 2.0, light.seconds
    bound = 10 * unloaded.quantile(0.95) + 0.25
    assert light.quantile(0.95) <= bound, (light.seconds, unloaded.seconds)

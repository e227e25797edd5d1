"""Issue 17's acceptance: three replicas on the BigQuery emulator and Redis behind one Envoy.

An org's rate limit holds across replicas; a key rotated, a plan changed or an org suspended
through one replica reaches all within a second; a cost write through one replica is seen by
the others' next read; a replica killed with SIGKILL loses no acknowledged write and Envoy
routes around it; without Redis rate-limited calls are refused (UNAVAILABLE) and readiness
names Redis.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent import futures
from decimal import Decimal

import grpc
import httpx
import pytest
from cloudact.v1 import (
    costs_pb2,
    costs_pb2_grpc,
    organizations_pb2,
    organizations_pb2_grpc,
)
from cloudact_client import PipelineClient

from cloudact_grpc.demo import __main__ as demo
from tests.budgets.seed import Row, arrow_table
from tests.support import orgs
from tests.support.replicas import Replicas, running_replicas

pytestmark = [pytest.mark.bigquery, pytest.mark.slow]

ORG_BURST = 20  # the org bucket: 20 requests at once, then one a second


@pytest.fixture(scope="module")
def replicas(
    bq_endpoint: str, root_key: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Replicas]:
    workdir = tmp_path_factory.mktemp("replicas")
    with running_replicas(
        3, workdir, bq_endpoint, root_key,
        CLOUDACT_RATE_LIMIT_ORG_PER_MINUTE="60",
        CLOUDACT_RATE_LIMIT_ORG_BURST=str(ORG_BURST),
    ) as stack:  # fmt: skip
        with stack.channel(0) as channel:
            orgs.bootstrap(channel, stack.root_metadata)
        yield stack


def _onboard(stack: Replicas) -> tuple[str, str]:
    with stack.channel(0) as channel:
        return orgs.onboard(channel, stack.root_metadata, prefix="rep")


def _handled(stack: Replicas, n: int, method: str) -> float:
    """Replica ``n``'s count of completed ``method`` calls (its Prometheus endpoint)."""
    text = httpx.get(f"http://127.0.0.1:{stack.metrics_ports[n]}/metrics", timeout=5).text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith("grpc_server_handled_total{") and f'grpc_method="{method}"' in line
    )


def test_an_orgs_limit_holds_across_replicas(replicas: Replicas) -> None:
    slug, key = _onboard(replicas)
    before = [_handled(replicas, n, "GetSubscription") for n in range(3)]
    started = time.monotonic()
    codes = [
        httpx.get(
            f"{replicas.url}/api/v1/organizations/{slug}/subscription",
            headers={"X-API-Key": key}, timeout=10,
        ).status_code
        for _ in range(3 * ORG_BURST)
    ]  # fmt: skip
    elapsed = time.monotonic() - started
    spread = [_handled(replicas, n, "GetSubscription") - before[n] for n in range(3)]
    assert all(calls >= ORG_BURST // 2 for calls in spread), spread  # every replica served
    assert set(codes) == {200, 429}
    # The burst plus what refilled meanwhile (one a second) — not three bursts.
    assert ORG_BURST <= codes.count(200) <= ORG_BURST + int(elapsed) + 1, (codes, elapsed)


def _subscription(stack: Replicas, n: int, slug: str, key: str) -> grpc.StatusCode:
    with stack.channel(n) as channel:
        stub = organizations_pb2_grpc.OrganizationsServiceStub(channel)
        request = organizations_pb2.GetSubscriptionRequest(org_slug=slug)
        return orgs.code_of(lambda: stub.GetSubscription(request, metadata=(("x-api-key", key),)))


def _seconds_until_all(stack: Replicas, holds: Callable[[int], bool]) -> dict[int, float]:
    """Per replica, how long after now until ``holds(replica)`` (polled; at most 5 s)."""
    started = time.monotonic()
    after: dict[int, float] = {}
    while len(after) < 3 and time.monotonic() - started < 5:
        for n in set(range(3)) - set(after):
            if holds(n):
                after[n] = time.monotonic() - started
    assert sorted(after) == [0, 1, 2], after
    return after


def test_a_key_rotated_through_one_replica_is_refused_by_all_within_a_second(
    replicas: Replicas,
) -> None:
    slug, old = _onboard(replicas)
    assert [_subscription(replicas, n, slug, old) for n in range(3)] == [grpc.StatusCode.OK] * 3
    with replicas.channel(0) as channel:
        rotated = organizations_pb2_grpc.OrganizationsServiceStub(channel).RotateApiKey(
            organizations_pb2.RotateApiKeyRequest(org_slug=slug),
            metadata=replicas.root_metadata,
        )
    refused = _seconds_until_all(
        replicas,
        lambda n: _subscription(replicas, n, slug, old) is grpc.StatusCode.UNAUTHENTICATED,
    )
    assert max(refused.values()) <= 1.0, refused
    assert [_subscription(replicas, n, slug, rotated.api_key) for n in range(3)] == [
        grpc.StatusCode.OK
    ] * 3


def _daily_limit(stack: Replicas, n: int, slug: str, key: str) -> int:
    with stack.channel(n) as channel:
        return (
            organizations_pb2_grpc.OrganizationsServiceStub(channel)
            .GetSubscription(
                organizations_pb2.GetSubscriptionRequest(org_slug=slug),
                metadata=(("x-api-key", key),),
            )
            .daily_limit
        )


def test_a_plan_change_and_a_suspension_reach_every_replica_within_a_second(
    replicas: Replicas,
) -> None:
    slug, key = _onboard(replicas)
    before = [_daily_limit(replicas, n, slug, key) for n in range(3)]  # cached on every replica
    with replicas.channel(0) as channel:
        stub = organizations_pb2_grpc.OrganizationsServiceStub(channel)
        stub.UpdateSubscription(
            organizations_pb2.UpdateSubscriptionRequest(org_slug=slug, daily_limit=before[0] + 7),
            metadata=replicas.root_metadata,
        )
        changed = _seconds_until_all(
            replicas, lambda n: _daily_limit(replicas, n, slug, key) == before[0] + 7
        )
        stub.UpdateSubscription(
            organizations_pb2.UpdateSubscriptionRequest(org_slug=slug, status="SUSPENDED"),
            metadata=replicas.root_metadata,
        )
    suspended = _seconds_until_all(
        replicas,
        lambda n: _subscription(replicas, n, slug, key) is grpc.StatusCode.PERMISSION_DENIED,
    )
    assert max(changed.values()) <= 1.0 and max(suspended.values()) <= 1.0, (changed, suspended)


def _summary(stack: Replicas, n: int, slug: str, key: str) -> costs_pb2.GetCostSummaryResponse:
    with stack.channel(n) as channel:
        return costs_pb2_grpc.CostsServiceStub(channel).GetCostSummary(
            costs_pb2.GetCostSummaryRequest(
                org_slug=slug, start_date="2026-01-01", end_date="2026-01-31"
            ),
            metadata=(("x-api-key", key),),
        )


def test_a_cost_write_through_one_replica_is_seen_by_the_others_next_read(
    replicas: Replicas,
) -> None:
    slug, key = _onboard(replicas)
    assert [_summary(replicas, n, slug, key).record_count for n in range(3)] == [0, 0, 0]
    row = Row(
        dt.date(2026, 1, 15), "gcp", "Compute Engine", "Compute", "VM", "gcp_billing", "USD",
        "acct-1", "core", Decimal("12.3456"), Decimal("11.1111"),
    )  # fmt: skip
    with replicas.channel(0) as channel:
        for chunk in demo.ipc_chunks(arrow_table([row])):
            costs_pb2_grpc.CostsServiceStub(channel).IngestCostRows(
                costs_pb2.IngestCostRowsRequest(
                    org_slug=slug, arrow_ipc_stream=chunk, batch_id=uuid.uuid4().hex
                ),
                metadata=replicas.root_metadata,
            )
    for n in (1, 2, 0):
        summary = _summary(replicas, n, slug, key)
        assert (summary.record_count, summary.currency) == (1, "USD")
        assert Decimal(str(summary.total_cost)) == Decimal("11.11")  # cents on the wire


def test_a_pipelines_retries_on_two_replicas_reserve_and_release_once(replicas: Replicas) -> None:
    """The same reservation and completion sent at once to two replicas act once."""
    slug, _ = _onboard(replicas)  # FREE: one run at a time
    clients = [
        PipelineClient(f"127.0.0.1:{replicas.grpc_ports[n]}", replicas.root_key, timeout=60)
        for n in (0, 2)
    ]
    with futures.ThreadPoolExecutor(4) as pool:
        reserved = list(
            pool.map(lambda c: c.reserve_pipeline_run(slug, "p", request_id="same").run_id, clients)
        )
        assert reserved[0] == reserved[1]
        ended = [
            pool.submit(c.complete_pipeline_run, slug, reserved[0], succeeded=True, request_id=r)
            for c in clients
            for r in ("done", "done-again")
        ]
        assert {f.result().run_id for f in ended} == {reserved[0]}
    quota = clients[1].reserve_pipeline_run(slug, "p").quota  # the one slot is free again
    for c in clients:
        c.close()
    assert (quota.pipelines_run_today, quota.concurrent_running) == (2, 1)
    assert quota.pipelines_succeeded_today == 1


def test_a_killed_replica_loses_no_acknowledged_write_and_envoy_routes_around_it(
    replicas: Replicas,
) -> None:
    slug, key = _onboard(replicas)
    headers = {"X-API-Key": key}
    acknowledged: list[str] = []
    failed = 0
    # 12 writes, a listing and 6 reads stay inside the org's burst of 20 (no 429 however fast).
    for n in range(12):
        if n == 4:
            os.kill(replicas.replica_pid(1), signal.SIGKILL)
        made = httpx.post(
            f"{replicas.url}/api/v1/budgets/{slug}",
            json={"hierarchy_entity_id": f"TEAM-{n}", "budget_amount": 100 + n,
                  "currency": "USD", "period_type": "monthly", "period_start": "2026-01-01"},
            headers=headers, timeout=30,
        )  # fmt: skip
        if made.status_code == 200:
            acknowledged.append(made.json()["budget_id"])
        else:
            assert n >= 4 and made.status_code == 503, made.text  # cut off by the kill only
            failed += 1
        time.sleep(0.05)
    assert failed <= 1 and len(acknowledged) >= 11
    listed = httpx.get(f"{replicas.url}/api/v1/budgets/{slug}", headers=headers, timeout=30)
    assert listed.status_code == 200, listed.text
    stored = {b["budget_id"] for b in listed.json()["budgets"]}
    assert set(acknowledged) <= stored
    reads = [
        httpx.get(f"{replicas.url}/api/v1/organizations/{slug}", headers=headers, timeout=10)
        for _ in range(6)
    ]
    assert [r.status_code for r in reads] == [200] * 6  # the two live replicas serve them all


def test_without_redis_rate_limited_calls_are_refused_and_readiness_says_so(
    replicas: Replicas,
) -> None:
    slug, key = _onboard(replicas)
    replicas.stop_redis()
    ready = httpx.get(f"{replicas.url}/health/ready", timeout=10)
    assert ready.status_code == 503, ready.text
    assert "shared store (redis)" in ready.json()["message"]
    refused = httpx.get(
        f"{replicas.url}/api/v1/organizations/{slug}/subscription",
        headers={"X-API-Key": key}, timeout=10,
    )  # fmt: skip
    assert refused.status_code == 503, refused.text
    info = next(d for d in refused.json()["details"] if d["@type"].endswith("ErrorInfo"))
    assert (info["reason"], info["metadata"]["backend"]) == ("BACKEND_UNAVAILABLE", "redis")

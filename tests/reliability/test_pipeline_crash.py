"""Crash test: SIGKILL the server while pipelines reserve, ingest and complete runs.

Four pipelines (the typed client, the real server process on a DuckDB file) loop reserve →
ingest → complete. The server is killed mid-flight and restarted; each pipeline then retries
the call it had in flight with the same ids and finishes its run, as a restarted pipeline does.
Afterwards every run ended once, no slot is held, the quota counts equal the runs, and every
batch's rows are stored exactly once (count and exact Decimal total).
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
import grpc
import pytest
from cloudact.v1 import organizations_pb2, organizations_pb2_grpc
from cloudact_client import PipelineClient, RetryPolicy

from tests.support.cost_rows import focus_rows
from tests.support.orgs import Metadata, bootstrap, onboard
from tests.support.server_process import kill_under_load, serving

pytestmark = pytest.mark.slow
ROWS = focus_rows(dt.date(2026, 3, 2), n=3, billed="0.37")
# Write conflicts are retried; a dead server is not: the pipeline notes what was in flight.
CONFLICTS = RetryPolicy(
    attempts=8, initial_backoff=0.05, codes=frozenset({grpc.StatusCode.ABORTED})
)


@dataclass
class Pipeline:
    """One pipeline's runs: request ids tried, and the step in flight at the kill."""

    tried: list[str] = field(default_factory=list)
    in_flight: tuple[str, str, str] | None = None  # (step, request id, run id)
    done: int = 0


def _run(client: PipelineClient, org: str, rid: str, p: Pipeline, run_id: str = "") -> None:
    """Reserve (unless ``run_id``), ingest, complete: one run under request id ``rid``."""
    if not run_id:
        p.in_flight = ("reserve", rid, "")
        run_id = client.reserve_pipeline_run(org, "crash", request_id=rid, lease_seconds=300).run_id
    p.in_flight = ("ingest", rid, run_id)
    client.ingest_cost_rows(org, ROWS, batch_id=run_id)
    p.in_flight = ("complete", rid, run_id)
    ok = int(rid.rsplit("-", 1)[1]) % 3 != 0
    client.complete_pipeline_run(org, run_id, succeeded=ok, request_id=f"{rid}-done")
    p.in_flight = None
    p.done += 1


def _loop(target: str, key: str, org: str, w: int, p: Pipeline, stop: threading.Event) -> None:
    with PipelineClient(target, key, timeout=30, retry=CONFLICTS) as client:
        n = 0
        while not stop.is_set():
            rid = f"w{w}-{n}"
            n += 1
            p.tried.append(rid)
            try:
                _run(client, org, rid, p)
            except grpc.RpcError:
                return  # the server is gone: ``in_flight`` says where


def test_sigkill_during_pipeline_runs_counts_every_run_once(tmp_path: Path) -> None:
    data, log = tmp_path / "data", tmp_path / "server.log"
    key = secrets.token_urlsafe(32)
    root: Metadata = (("x-ca-root-key", key),)
    pipelines = [Pipeline() for _ in range(4)]
    with serving(data, key, log) as first:
        with grpc.insecure_channel(first.target) as chan:
            bootstrap(chan, root)
            org, _ = onboard(chan, root, "crashruns")
            organizations_pb2_grpc.OrganizationsServiceStub(chan).UpdateSubscription(
                organizations_pb2.UpdateSubscriptionRequest(
                    org_slug=org, daily_limit=10_000, monthly_limit=100_000, concurrent_limit=10
                ),
                metadata=root,
            )
        stop = threading.Event()
        workers = [
            threading.Thread(target=_loop, args=(first.target, key, org, w, p, stop))
            for w, p in enumerate(pipelines)
        ]
        kill_under_load(
            first, workers, stop, lambda: sum(p.done for p in pipelines) >= 12, within=90
        )
    assert sum(p.done for p in pipelines) >= 12, "the load never got going"
    cut = [p.in_flight for p in pipelines if p.in_flight]
    assert cut, "no call was in flight at the kill"

    tried = [rid for p in pipelines for rid in p.tried]
    with serving(data, key, log) as second:
        with PipelineClient(second.target, key, timeout=30, retry=CONFLICTS) as client:
            for p in pipelines:  # each pipeline, restarted, retries its step with the same ids
                if p.in_flight:
                    step, rid, run_id = p.in_flight
                    _run(client, org, rid, p, run_id if step != "reserve" else "")
        with grpc.insecure_channel(second.target) as chan:
            stub = organizations_pb2_grpc.OrganizationsServiceStub(chan)
            runs = stub.ListPipelineRuns(
                organizations_pb2.ListPipelineRunsRequest(org_slug=org, page_size=1000),
                metadata=root,
            ).runs
            quota = stub.GetQuota(organizations_pb2.GetQuotaRequest(org_slug=org), metadata=root)
    statuses = [r.status for r in runs]
    assert len(runs) == len(tried)  # one run per request id, however often it was sent
    assert set(statuses) <= {"SUCCESS", "FAILED"}
    succeeded, failed = statuses.count("SUCCESS"), statuses.count("FAILED")
    assert succeeded == sum(1 for rid in tried if int(rid.rsplit("-", 1)[1]) % 3 != 0)
    assert quota.concurrent_running == 0
    assert (quota.pipelines_run_today, quota.pipelines_run_month) == (succeeded, succeeded)
    assert (quota.pipelines_succeeded_today, quota.pipelines_failed_today) == (succeeded, failed)

    con = duckdb.connect(str(data / "cloudact.duckdb"), read_only=True)
    try:
        count, total, batches = con.execute(
            f'SELECT count(*), sum("BilledCost"), count(DISTINCT x_ingest_batch_id) '
            f"FROM {org}_local.cost_data_focus_1_2"
        ).fetchone() or (0, None, 0)
    finally:
        con.close()
    assert (count, batches) == (3 * len(runs), len(runs))
    assert Decimal(total) == Decimal("1.11") * len(runs)

"""The facade against the real server when an answer misses the caller's deadline.

A pass-through (``tests/support/late_answers.py``) holds the first answer of a method until
after the client's deadline: the server committed, the client saw DEADLINE_EXCEEDED. The
client retries with the same ``request_id`` / batch id, and the server acts once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import grpc
import pytest
from cloudact.v1 import organizations_pb2, organizations_pb2_grpc
from cloudact_client import PipelineClient, RetryPolicy

from cloudact_grpc.analytics import schema as s
from cloudact_grpc.ports.warehouse import Eq
from cloudact_grpc.services.cost_ingest import BATCH_COLUMN
from tests.conftest import RunningServer
from tests.support.cost_rows import focus_rows
from tests.support.late_answers import late_answers
from tests.support.orgs import Metadata, onboard

pytestmark = pytest.mark.slow  # waits out real deadlines
TIMEOUT = 3.0  # the client's deadline: the server answers well within it
LATE = 4.0  # how long the pass-through holds a first answer
FAST = RetryPolicy(attempts=4, initial_backoff=0.01, max_backoff=0.02)


def test_calls_whose_answers_missed_the_deadline_act_once(
    server: RunningServer,
    bootstrapped_channel: grpc.Channel,
    root_metadata: Metadata,
    root_key: str,
) -> None:
    assert server.app is not None
    slug, _ = onboard(bootstrapped_channel, root_metadata, "late")
    late = {"ReservePipelineRun", "IngestCostRows", "CompletePipelineRun"}
    table = focus_rows(dt.date(2026, 3, 2), n=5, billed="0.10")
    with (
        late_answers(server.target, late, LATE) as (target, proxy),
        PipelineClient(target, root_key, timeout=TIMEOUT, retry=FAST) as client,
    ):
        reserved = client.reserve_pipeline_run(slug, "gcp_billing", lease_seconds=60)
        inserted = client.ingest_cost_rows(slug, table, batch_id=f"{reserved.run_id}:file")
        renewed = client.renew_pipeline_run(slug, reserved.run_id, lease_seconds=120)
        client.complete_pipeline_run(slug, reserved.run_id, succeeded=True)
    assert sorted(m.rsplit("/", 1)[-1] for m in proxy.held) == sorted(late)
    assert inserted == 5
    assert renewed.lease_expires_at.ToDatetime() > reserved.lease_expires_at.ToDatetime()

    stub = organizations_pb2_grpc.OrganizationsServiceStub(bootstrapped_channel)
    quota = stub.GetQuota(organizations_pb2.GetQuotaRequest(org_slug=slug), metadata=root_metadata)
    assert (quota.pipelines_run_today, quota.pipelines_run_month) == (1, 1)
    assert (quota.concurrent_running, quota.pipelines_succeeded_today) == (0, 1)
    runs = stub.ListPipelineRuns(
        organizations_pb2.ListPipelineRunsRequest(org_slug=slug), metadata=root_metadata
    ).runs
    assert [(r.run_id, r.status) for r in runs] == [(reserved.run_id, "SUCCESS")]
    stored = server.app.warehouse.select(
        f"{slug}_test", s.TABLE, [Eq(BATCH_COLUMN, f"{reserved.run_id}:file:0")]
    )
    assert len(stored) == 5
    assert sum(Decimal(str(r[s.BILLED])) for r in stored) == Decimal("0.50")

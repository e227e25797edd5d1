"""A pipeline call retried while its first attempt is stalled mid-way (a replica that died).

The first attempt is held at the warehouse between its statements, so its idempotency claim
stays pending. The retry with the same ``request_id`` does not wait for it (the service acts
once per request id by itself): it answers at once, and when the stalled attempt goes on it
changes nothing further.
"""

from __future__ import annotations

import threading

import grpc
import pytest
from cloudact.v1 import organizations_pb2, organizations_pb2_grpc

from cloudact_grpc.services.quotas import QUOTAS, RUNS
from tests.conftest import RunningServer
from tests.support.faults import hold_once
from tests.support.orgs import Metadata, onboard


@pytest.mark.parametrize(("call", "held_at"), [("reserve", RUNS), ("complete", QUOTAS)])
def test_a_retry_beside_a_stalled_attempt_acts_once(
    server: RunningServer,
    bootstrapped_channel: grpc.Channel,
    root_metadata: Metadata,
    monkeypatch: pytest.MonkeyPatch,
    call: str,
    held_at: str,
) -> None:
    assert server.app is not None
    slug, _ = onboard(bootstrapped_channel, root_metadata, "stall")  # FREE: one run at a time
    stub = organizations_pb2_grpc.OrganizationsServiceStub(bootstrapped_channel)
    reserve = organizations_pb2.ReservePipelineRunRequest(
        org_slug=slug, pipeline_id="p", request_id=f"r-{slug}"
    )
    run = (
        "" if call == "reserve" else stub.ReservePipelineRun(reserve, metadata=root_metadata).run_id
    )
    complete = organizations_pb2.CompletePipelineRunRequest(
        org_slug=slug, run_id=run, succeeded=True, request_id=f"done-{slug}"
    )

    def send(timeout: float) -> str:
        """The call under test; the run id it answers."""
        if call == "reserve":
            return stub.ReservePipelineRun(reserve, metadata=root_metadata, timeout=timeout).run_id
        return stub.CompletePipelineRun(complete, metadata=root_metadata, timeout=timeout).run_id

    write = "insert_if_absent" if call == "reserve" else "compare_and_set"
    reached, release = hold_once(monkeypatch, server.app.warehouse, write, held_at)
    answers: list[str] = []
    first = threading.Thread(target=lambda: answers.append(send(60)))
    first.start()
    try:
        assert reached.wait(timeout=30), "the first attempt never reached the held statement"
        retried = send(30)  # at once, not ABORTED while the first attempt's claim is pending
    finally:
        release.set()
        first.join(timeout=60)
    assert answers == [retried]  # the stalled attempt went on and answered the same run
    quota = stub.GetQuota(organizations_pb2.GetQuotaRequest(org_slug=slug), metadata=root_metadata)
    runs = stub.ListPipelineRuns(
        organizations_pb2.ListPipelineRunsRequest(org_slug=slug), metadata=root_metadata
    ).runs
    assert len(runs) == 1
    if call == "reserve":
        assert (quota.pipelines_run_today, quota.concurrent_running) == (1, 1)
    else:
        assert (quota.pipelines_run_today, quota.concurrent_running) == (1, 0)
        assert quota.pipelines_succeeded_today == 1 and runs[0].status == "SUCCESS"

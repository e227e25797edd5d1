"""Calls 32-33 of frontend-calls.md section 2 (pipelines 2.9/3.10): the run history and a run's
steps, with the frontend's headers and query; the runs come from the pipeline service's calls."""

from __future__ import annotations

import grpc
from cloudact.v1 import organizations_pb2, organizations_pb2_grpc

from tests.frontend.client import Frontend, expect

TERMINAL = {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT"}  # where the frontend stops polling


def test_32_33_run_history_and_detail(fe: Frontend, org: tuple[str, str]) -> None:
    slug, key = org
    meta = fe.stack.root_metadata
    with grpc.insecure_channel(f"127.0.0.1:{fe.stack.grpc_port}") as channel:
        stub = organizations_pb2_grpc.OrganizationsServiceStub(channel)
        run = stub.ReservePipelineRun(
            organizations_pb2.ReservePipelineRunRequest(org_slug=slug, pipeline_id="gcp_billing"),
            metadata=meta,
        ).run_id
        stub.CompletePipelineRun(
            organizations_pb2.CompletePipelineRunRequest(
                org_slug=slug, run_id=run, succeeded=False, error_message="quota at GCP"
            ),
            metadata=meta,
        )
    reply = fe.send("GET", f"/api/v1/pipelines/{slug}/runs?limit=100", fe.client_org(key))
    assert reply.status_code == 200, reply.text
    body = reply.json()
    runs = body["runs"]
    mine = next(r for r in runs if r["pipeline_logging_id"] == run)
    expect(
        mine,
        {
            "pipeline_logging_id": str, "pipeline_id": str, "status": str, "start_time": str,
            "duration_ms": "number", "trigger_type": str, "error_message": str,
        },
    )  # fmt: skip
    assert len(mine["pipeline_logging_id"][:8]) == 8  # the list shows the first 8 characters
    assert (mine["status"], mine["error_message"]) == ("FAILED", "quota at GCP")
    assert mine["status"] in TERMINAL
    expect(body, {"total": int, "limit": int, "offset": int})

    detail = fe.send("GET", f"/api/v1/pipelines/{slug}/runs/{run}", fe.client_org(key))
    assert detail.status_code == 200, detail.text
    expect(detail.json(), {"steps": list})

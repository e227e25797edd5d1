"""The pipeline service's calls over gRPC and the frontend's run-history reads through Envoy.

The frontend (``getPipelineRuns``, ``getPipelineRunDetail``) reads ``runs[]`` with
``pipeline_logging_id``, ``pipeline_id``, ``status``, ``start_time``, ``duration_ms``,
``trigger_type``, ``error_message`` (and ``total``, ``limit``, ``offset``), and a run's
``steps[]`` with ``step_logging_id``, ``step_index``, ``step_name``, ``step_type``, ``status``,
``duration_ms``, ``rows_processed``, ``error_message``.
"""

from __future__ import annotations

import datetime as dt

import grpc
import pytest
from cloudact.v1 import organizations_pb2, organizations_pb2_grpc

from tests.e2e.conftest import Stack
from tests.support.errors import decode, decode_rest
from tests.support.http import HTTP

ORG = "runs_rest"
RUN_FIELDS = {
    "pipeline_logging_id", "pipeline_id", "status", "start_time", "duration_ms",
    "trigger_type", "error_message",
}  # fmt: skip
STEP_FIELDS = {
    "step_logging_id", "step_index", "step_name", "step_type", "status", "duration_ms",
    "rows_processed", "error_message",
}  # fmt: skip


@pytest.fixture(scope="module")
def org_key(stack: Stack) -> str:
    return stack.onboard(ORG, "Runs Co", "ops@runs.example")


def _orgs(stack: Stack) -> organizations_pb2_grpc.OrganizationsServiceStub:
    return organizations_pb2_grpc.OrganizationsServiceStub(stack.channel)


def test_the_pipeline_lifecycle_and_the_history_the_frontend_reads(
    stack: Stack, org_key: str
) -> None:
    orgs, meta = _orgs(stack), stack.root_metadata
    ok = orgs.ReservePipelineRun(
        organizations_pb2.ReservePipelineRunRequest(
            org_slug=ORG, pipeline_id="gcp_billing", lease_seconds=120
        ),
        metadata=meta,
    )
    assert ok.lease_expires_at.ToDatetime(dt.UTC) > dt.datetime.now(dt.UTC)
    renewed = orgs.RenewPipelineRun(
        organizations_pb2.RenewPipelineRunRequest(org_slug=ORG, run_id=ok.run_id),
        metadata=meta,
    )
    assert renewed.lease_expires_at.ToDatetime(dt.UTC) > ok.lease_expires_at.ToDatetime(dt.UTC)
    # The pipeline service logs its steps in the warehouse itself.
    now = dt.datetime.now(dt.UTC)
    stack.app.warehouse.insert_rows(
        "organizations",
        "org_meta_step_logs",
        [
            {
                "step_logging_id": f"{ok.run_id}-{i}", "org_slug": ORG,
                "pipeline_logging_id": ok.run_id, "step_name": name, "step_type": kind,
                "step_index": i, "status": status, "start_time": now,
                "duration_ms": duration, "rows_processed": rows,
            }
            for i, (name, kind, status, duration, rows) in enumerate(
                [("extract", "bq_query", "COMPLETED", 1500, 1200),
                 ("load", "bq_load", "RUNNING", None, None)]
            )
        ],
    )  # fmt: skip
    orgs.CompletePipelineRun(
        organizations_pb2.CompletePipelineRunRequest(
            org_slug=ORG, run_id=ok.run_id, succeeded=True
        ),
        metadata=meta,
    )
    bad = orgs.ReservePipelineRun(
        organizations_pb2.ReservePipelineRunRequest(org_slug=ORG, pipeline_id="openai_usage"),
        metadata=meta,
    )
    orgs.CompletePipelineRun(
        organizations_pb2.CompletePipelineRunRequest(
            org_slug=ORG, run_id=bad.run_id, succeeded=False, error_message="401 from OpenAI"
        ),
        metadata=meta,
    )
    stopped = orgs.ReservePipelineRun(
        organizations_pb2.ReservePipelineRunRequest(org_slug=ORG, pipeline_id="gcp_billing"),
        metadata=meta,
    )
    cancelled = orgs.CancelPipelineRun(
        organizations_pb2.CancelPipelineRunRequest(
            org_slug=ORG, run_id=stopped.run_id, reason="operator"
        ),
        metadata=meta,
    )
    assert (cancelled.run.status, cancelled.run.error_message) == ("CANCELLED", "operator")
    live = orgs.ReservePipelineRun(
        organizations_pb2.ReservePipelineRunRequest(org_slug=ORG, pipeline_id="anthropic"),
        metadata=meta,
    )

    # Quota: only the successful run and the one in progress count.
    quota = HTTP.get(
        f"{stack.url}/api/v1/organizations/{ORG}/quota", headers={"X-API-Key": org_key}
    ).json()
    assert (quota["pipelines_run_today"], quota["concurrent_running"]) == (2, 1)
    assert (quota["pipelines_succeeded_today"], quota["pipelines_failed_today"]) == (1, 1)

    # The frontend's list call, exactly as it sends it.
    response = HTTP.get(
        f"{stack.url}/api/v1/pipelines/{ORG}/runs",
        params={"limit": 100},
        headers={"X-API-Key": org_key},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["total"], body["limit"], body["offset"]) == (4, 100, 0)
    runs = body["runs"]
    assert [r["pipeline_logging_id"] for r in runs] == [
        live.run_id,
        stopped.run_id,
        bad.run_id,
        ok.run_id,
    ]
    assert [r["status"] for r in runs] == ["RUNNING", "CANCELLED", "FAILED", "COMPLETED"]
    assert set(runs[0]) == RUN_FIELDS - {"duration_ms"}  # no duration while running
    for run in runs[1:]:
        assert set(run) == RUN_FIELDS
        assert isinstance(run["duration_ms"], int)
        dt.datetime.fromisoformat(run["start_time"])
    assert runs[2]["error_message"] == "401 from OpenAI"
    assert runs[0]["trigger_type"] == "api"

    filtered = HTTP.get(
        f"{stack.url}/api/v1/pipelines/{ORG}/runs",
        params={"status_filter": "COMPLETED", "pipeline_id": "gcp_billing", "offset": 0},
        headers={"X-API-Key": org_key},
    ).json()
    assert [r["pipeline_logging_id"] for r in filtered["runs"]] == [ok.run_id]

    detail = HTTP.get(
        f"{stack.url}/api/v1/pipelines/{ORG}/runs/{ok.run_id}", headers={"X-API-Key": org_key}
    )
    assert detail.status_code == 200, detail.text
    steps = detail.json()["steps"]
    assert [s["step_name"] for s in steps] == ["extract", "load"]
    assert set(steps[0]) == STEP_FIELDS
    assert (steps[0]["rows_processed"], steps[0]["duration_ms"]) == (1200, 1500)
    assert set(steps[1]) == STEP_FIELDS - {"duration_ms", "rows_processed"}
    assert detail.json()["status"] == "COMPLETED"

    # Internal listing of the runs in progress (gRPC only), across orgs.
    listed = orgs.ListPipelineRuns(
        organizations_pb2.ListPipelineRunsRequest(status="RUNNING"), metadata=meta
    )
    assert live.run_id in [r.run_id for r in listed.runs]
    assert all(r.status == "RUNNING" for r in listed.runs)


def test_history_errors(stack: Stack, org_key: str) -> None:
    missing = HTTP.get(
        f"{stack.url}/api/v1/pipelines/{ORG}/runs/nope", headers={"X-API-Key": org_key}
    )
    assert missing.status_code == 404
    assert missing.json()["details"][0]["reason"] == "RESOURCE_NOT_FOUND"
    bad = HTTP.get(
        f"{stack.url}/api/v1/pipelines/{ORG}/runs",
        params={"start_date": "2026-13-01"},
        headers={"X-API-Key": org_key},
    )
    assert bad.status_code == 400
    assert decode_rest(bad).violated_fields == ["start_date"]
    with pytest.raises(grpc.RpcError) as caught:
        _orgs(stack).RenewPipelineRun(
            organizations_pb2.RenewPipelineRunRequest(org_slug=ORG, run_id="nope"),
            metadata=(("x-api-key", org_key),),
        )
    assert decode(caught.value).reason == "ROOT_KEY_MISSING"

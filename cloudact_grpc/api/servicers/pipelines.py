"""PipelinesService: the frontend's run history; converts and delegates to PipelineRunService."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import grpc
from cloudact.v1 import pipelines_pb2, pipelines_pb2_grpc

from cloudact_grpc.api.convert import timestamp
from cloudact_grpc.services.pipeline_runs import FRONTEND_STATUS, PipelineRunService, run_filter

_INT32_MAX = 2**31 - 1


def _status(row: Mapping[str, object]) -> str:
    stored = str(row.get("status") or "")
    return FRONTEND_STATUS.get(stored, stored)


def _int32(value: object) -> int | None:
    return min(value, _INT32_MAX) if isinstance(value, int) else None


def _start(row: Mapping[str, object]) -> dict[str, object]:
    start = row.get("start_time")
    return {"start_time": timestamp(start)} if isinstance(start, dt.datetime) else {}


def run_summary(row: Mapping[str, object]) -> pipelines_pb2.RunSummary:
    """A stored run row in the frontend's shape."""
    return pipelines_pb2.RunSummary(
        pipeline_logging_id=str(row["pipeline_logging_id"]),
        pipeline_id=str(row["pipeline_id"]),
        status=_status(row),
        duration_ms=_int32(row.get("duration_ms")),
        trigger_type=str(row.get("trigger_type") or ""),
        error_message=str(row.get("error_message") or ""),
        **_start(row),  # type: ignore[arg-type]
    )


def run_step(row: Mapping[str, object]) -> pipelines_pb2.RunStep:
    """A stored step row in the frontend's shape."""
    index = row.get("step_index")
    return pipelines_pb2.RunStep(
        step_logging_id=str(row["step_logging_id"]),
        step_index=index if isinstance(index, int) else 0,
        step_name=str(row.get("step_name") or ""),
        step_type=str(row.get("step_type") or ""),
        status=str(row.get("status") or ""),
        duration_ms=_int32(row.get("duration_ms")),
        rows_processed=_int32(row.get("rows_processed")),
        error_message=str(row.get("error_message") or ""),
    )


@dataclass(frozen=True, eq=False)
class PipelinesServicer(pipelines_pb2_grpc.PipelinesServiceServicer):
    """Converts and delegates."""

    runs: PipelineRunService

    def ListRuns(
        self, request: pipelines_pb2.ListRunsRequest, context: grpc.ServicerContext
    ) -> pipelines_pb2.ListRunsResponse:
        f = run_filter(
            status=request.status_filter,
            pipeline_id=request.pipeline_id,
            start_date=request.start_date,
            end_date=request.end_date,
            today=self.runs.today(),
        )
        page = self.runs.list_runs(
            request.org_slug,
            f,
            limit=request.limit or request.page_size,
            offset=request.offset,
            page_token=request.page_token,
            limit_field="limit" if request.limit else "page_size",
        )
        return pipelines_pb2.ListRunsResponse(
            runs=[run_summary(r) for r in page.runs],
            total=page.total,
            limit=page.limit,
            offset=page.offset,
            next_page_token=page.next_page_token,
        )

    def GetRun(
        self, request: pipelines_pb2.GetRunRequest, context: grpc.ServicerContext
    ) -> pipelines_pb2.GetRunResponse:
        run, steps = self.runs.get_run(request.org_slug, request.pipeline_logging_id)
        summary = run_summary(run)
        response = pipelines_pb2.GetRunResponse(
            pipeline_logging_id=summary.pipeline_logging_id,
            pipeline_id=summary.pipeline_id,
            status=summary.status,
            trigger_type=summary.trigger_type,
            error_message=summary.error_message,
            steps=[run_step(s) for s in steps],
        )
        if summary.HasField("start_time"):
            response.start_time.CopyFrom(summary.start_time)
        if summary.HasField("duration_ms"):
            response.duration_ms = summary.duration_ms
        return response

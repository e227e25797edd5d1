"""The facade's retries against a local gRPC stand-in: the same ``request_id`` on every attempt."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent import futures
from typing import Any

import grpc
import pytest
from cloudact.v1 import costs_pb2, costs_pb2_grpc, organizations_pb2, organizations_pb2_grpc
from cloudact_client import PipelineClient, RetryPolicy, ingest_requests


class StandIn(
    organizations_pb2_grpc.OrganizationsServiceServicer, costs_pb2_grpc.CostsServiceServicer
):
    """Fails the first ``failures`` calls with ``code``, then answers; records what it saw."""

    def __init__(self, failures: int, code: grpc.StatusCode) -> None:
        self.failures = failures
        self.code = code
        self.request_ids: list[str] = []
        self.keys: list[str] = []
        self.batch_ids: list[str] = []

    def ReservePipelineRun(self, request: Any, context: grpc.ServicerContext) -> Any:
        self.request_ids.append(request.request_id)
        self.keys.append(str(dict(context.invocation_metadata()).get("x-ca-root-key", "")))
        if len(self.request_ids) <= self.failures:
            context.abort(self.code, "try again")
        return organizations_pb2.ReservePipelineRunResponse(run_id=f"run-{request.request_id}")

    def IngestCostRows(self, request: Any, context: grpc.ServicerContext) -> Any:
        self.batch_ids.append(request.batch_id)
        context.abort(grpc.StatusCode.UNAVAILABLE, "down")


@pytest.fixture
def stand_in(request: pytest.FixtureRequest) -> Iterator[tuple[StandIn, str]]:
    failures, code = request.param
    servicer = StandIn(failures, code)  # type: ignore[abstract]  # other RPCs: UNIMPLEMENTED
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    organizations_pb2_grpc.add_OrganizationsServiceServicer_to_server(servicer, server)
    costs_pb2_grpc.add_CostsServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield servicer, f"127.0.0.1:{port}"
    server.stop(0)


FAST = RetryPolicy(attempts=4, initial_backoff=0.01, max_backoff=0.02)


@pytest.mark.parametrize("stand_in", [(2, grpc.StatusCode.UNAVAILABLE)], indirect=True)
def test_retries_reuse_one_request_id(stand_in: tuple[StandIn, str]) -> None:
    servicer, target = stand_in
    with PipelineClient(target, "root-key", timeout=5, retry=FAST) as client:
        answer = client.reserve_pipeline_run("acme", "gcp_billing")
    assert len(servicer.request_ids) == 3
    assert len(set(servicer.request_ids)) == 1
    assert servicer.request_ids[0]  # generated once, before the first attempt
    assert answer.run_id == f"run-{servicer.request_ids[0]}"
    assert servicer.keys == ["root-key"] * 3


@pytest.mark.parametrize("stand_in", [(9, grpc.StatusCode.ABORTED)], indirect=True)
def test_gives_up_after_the_attempts(stand_in: tuple[StandIn, str]) -> None:
    servicer, target = stand_in
    with (
        PipelineClient(target, "k", timeout=5, retry=FAST) as client,
        pytest.raises(grpc.RpcError) as raised,
    ):
        client.reserve_pipeline_run("acme", "p", request_id="mine")
    assert isinstance(raised.value, grpc.Call)
    assert raised.value.code() == grpc.StatusCode.ABORTED
    assert servicer.request_ids == ["mine"] * 4


@pytest.mark.parametrize("stand_in", [(1, grpc.StatusCode.RESOURCE_EXHAUSTED)], indirect=True)
def test_quota_denial_is_not_retried_and_ingest_retries_keep_the_batch_id(
    stand_in: tuple[StandIn, str],
) -> None:
    servicer, target = stand_in
    with PipelineClient(target, "k", timeout=5, retry=FAST) as client:
        with pytest.raises(grpc.RpcError):
            client.reserve_pipeline_run("acme", "p")
        with pytest.raises(grpc.RpcError):
            client.ingest_cost_rows("acme", _OneBatchTable(), batch_id="file-7")
    assert len(servicer.request_ids) == 1
    assert servicer.batch_ids == ["file-7:0"] * 4  # UNAVAILABLE: retried with the same id


class _OneBatchTable:
    def to_batches(self, max_chunksize: int | None = None) -> list[Any]:
        import pyarrow as pa

        batches: list[Any] = pa.table({"x": [1, 2]}).to_batches()
        return batches


def test_ingest_request_carries_an_arrow_stream() -> None:
    import pyarrow as pa

    table = pa.table({"x": list(range(10))})
    requests = list(ingest_requests("acme", table, batch_id="file-7", chunk_rows=4))
    assert [r.org_slug for r in requests] == ["acme"] * 3
    assert [r.batch_id for r in requests] == ["file-7:0", "file-7:1", "file-7:2"]
    assert isinstance(requests[0], costs_pb2.IngestCostRowsRequest)
    back = pa.concat_tables(pa.ipc.open_stream(r.arrow_ipc_stream).read_all() for r in requests)
    assert back.column("x").to_pylist() == list(range(10))

"""The pipeline service's door: the internal RPCs, on the gRPC listener, with the root key.

Every call has a deadline; mutations carry a ``request_id`` chosen once per logical call and
reused by every retry, so the server replays the first outcome instead of acting twice.
``IngestCostRows`` chunks carry batch ids instead, which the server stores once, so they are
retried the same way.
"""

from __future__ import annotations

import datetime as dt
import uuid
from types import TracebackType
from typing import TypeVar

import grpc
from cloudact.v1 import (
    costs_pb2,
    costs_pb2_grpc,
    integrations_pb2,
    integrations_pb2_grpc,
    organizations_pb2,
    organizations_pb2_grpc,
)

from cloudact_client.arrow import CHUNK_ROWS, ArrowTable, ingest_requests
from cloudact_client.retry import RetryPolicy

_Request = TypeVar("_Request")
_Response = TypeVar("_Response")


class PipelineClient:
    """Typed calls of the internal pipeline RPCs (root key, gRPC only)."""

    def __init__(
        self,
        target: str,
        root_key: str,
        *,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        channel: grpc.Channel | None = None,
    ) -> None:
        self._owned = channel is None
        self._channel = channel or grpc.insecure_channel(target)
        self._metadata = (("x-ca-root-key", root_key),)
        self._timeout = timeout
        self._retry = retry or RetryPolicy()
        self._orgs = organizations_pb2_grpc.OrganizationsServiceStub(self._channel)
        self._integrations = integrations_pb2_grpc.IntegrationsServiceStub(self._channel)
        self._costs = costs_pb2_grpc.CostsServiceStub(self._channel)

    def __enter__(self) -> PipelineClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the channel if this client opened it."""
        if self._owned:
            self._channel.close()

    def reserve_pipeline_run(
        self,
        org_slug: str,
        pipeline_id: str,
        *,
        request_id: str | None = None,
        lease_seconds: int = 0,
    ) -> organizations_pb2.ReservePipelineRunResponse:
        """Reserve a run against the org's daily, monthly and concurrent quota.

        The run is RUNNING until ``lease_expires_at`` (``lease_seconds``, 30 to 3600; 0: 600);
        renew it with ``renew_pipeline_run`` while the run works. Give a ``request_id`` that
        names the scheduled run (a pipeline restarted after a crash, or calling again after
        this call gave up, then gets the same run); without one, only this call's retries
        reserve once.
        """
        request = organizations_pb2.ReservePipelineRunRequest(
            org_slug=org_slug,
            pipeline_id=pipeline_id,
            request_id=request_id or _new_id(),
            lease_seconds=lease_seconds,
        )
        return self._call(self._orgs.ReservePipelineRun, request)

    def renew_pipeline_run(
        self, org_slug: str, run_id: str, *, lease_seconds: int = 0
    ) -> organizations_pb2.RenewPipelineRunResponse:
        """Extend a RUNNING run's lease to now + ``lease_seconds`` (a repeat only moves it on).

        FAILED_PRECONDITION once the run expired or was cancelled: the pipeline must stop.
        """
        request = organizations_pb2.RenewPipelineRunRequest(
            org_slug=org_slug, run_id=run_id, lease_seconds=lease_seconds
        )
        return self._call(self._orgs.RenewPipelineRun, request)

    def complete_pipeline_run(
        self,
        org_slug: str,
        run_id: str,
        *,
        succeeded: bool,
        error_message: str = "",
        request_id: str | None = None,
    ) -> organizations_pb2.CompletePipelineRunResponse:
        """Release the run's concurrency slot and record its outcome."""
        request = organizations_pb2.CompletePipelineRunRequest(
            org_slug=org_slug,
            run_id=run_id,
            succeeded=succeeded,
            error_message=error_message,
            request_id=request_id or _new_id(),
        )
        return self._call(self._orgs.CompletePipelineRun, request)

    def get_integration_credential(
        self, org_slug: str, provider: str, *, pipeline_run_id: str = ""
    ) -> integrations_pb2.GetIntegrationCredentialResponse:
        """The decrypted credential of a provider, for a pipeline run (a read: retried)."""
        request = integrations_pb2.GetIntegrationCredentialRequest(
            org_slug=org_slug, provider=provider, pipeline_run_id=pipeline_run_id
        )
        return self._call(self._integrations.GetIntegrationCredential, request)

    def ingest_cost_rows(
        self,
        org_slug: str,
        table: ArrowTable,
        *,
        batch_id: str | None = None,
        chunk_rows: int = CHUNK_ROWS,
    ) -> int:
        """Append an Arrow table to the org's cost table in chunks; the rows it holds.

        Give a ``batch_id`` that names the data (for example the source file and run) so that a
        pipeline restarted after a crash sends the same ids and nothing is stored twice; without
        one, a fresh id makes this call's retries safe.
        """
        inserted = 0
        chunks = ingest_requests(
            org_slug, table, batch_id=batch_id or _new_id(), chunk_rows=chunk_rows
        )
        for request in chunks:
            inserted += self._call(self._costs.IngestCostRows, request).inserted_rows
        return inserted

    def notify_costs_changed(
        self, org_slug: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> costs_pb2.NotifyCostsChangedResponse:
        """Tell the service a loader changed these charge days (none: every day)."""
        request = costs_pb2.NotifyCostsChangedRequest(
            org_slug=org_slug,
            start_date=start.isoformat() if start else "",
            end_date=end.isoformat() if end else "",
        )
        return self._call(self._costs.NotifyCostsChanged, request)

    def _call(
        self, method: grpc.UnaryUnaryMultiCallable[_Request, _Response], request: _Request
    ) -> _Response:
        """One call with the root key and the deadline, retried by the policy."""
        return self._retry.run(
            lambda: method(request, metadata=self._metadata, timeout=self._timeout)
        )


def _new_id() -> str:
    return str(uuid.uuid4())

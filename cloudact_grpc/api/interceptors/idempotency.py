"""Replays the first response of a mutation retried with the same ``request_id``.

The key comes from the request's ``request_id`` field or the ``Idempotency-Key`` header
(REST clients); the request's canonical bytes (the store keeps only their keyed hash) leave
the key itself out.
"""

from __future__ import annotations

from typing import Any

import grpc
import structlog
from google.protobuf import descriptor_pool, message_factory
from google.protobuf import message as pb_message

from cloudact_grpc.api import request_context
from cloudact_grpc.api.interceptors.admission import takes_writes
from cloudact_grpc.api.interceptors.chain import Call, Step
from cloudact_grpc.api.interceptors.errors import abort_with
from cloudact_grpc.domain import errors
from cloudact_grpc.services.idempotency import IdempotencyScope, IdempotencyStore, StoredResponse

HEADER = "idempotency-key"
SELF_IDEMPOTENT = frozenset(
    {
        "/cloudact.v1.OrganizationsService/ReservePipelineRun",
        "/cloudact.v1.OrganizationsService/CompletePipelineRun",
        "/cloudact.v1.OrganizationsService/CancelPipelineRun",
    }
)
"""Methods whose service acts once per ``request_id`` by itself (the run id is derived from it;
a run ends and frees its slot by compare-and-set), so a retry runs beside a claim still pending
(an attempt on a replica that died) instead of answering ABORTED until the claim expires."""
_log = structlog.get_logger("cloudact.idempotency")


def _key(request: pb_message.Message, context: grpc.ServicerContext) -> str:
    """The client's key, only for mutations (requests that carry ``request_id``)."""
    if "request_id" not in request.DESCRIPTOR.fields_by_name:
        return ""
    for name, value in context.invocation_metadata() or ():
        if name == HEADER and value:
            return str(value)
    return str(getattr(request, "request_id", "") or "")


def _canonical_bytes(request: pb_message.Message) -> bytes:
    """The request's deterministic serialization without its ``request_id``."""
    copy = type(request)()
    copy.CopyFrom(request)
    if "request_id" in copy.DESCRIPTOR.fields_by_name:
        copy.ClearField("request_id")
    return copy.SerializeToString(deterministic=True)


def _decode(stored: StoredResponse) -> pb_message.Message:
    descriptor = descriptor_pool.Default().FindMessageTypeByName(stored.type_name)
    message: pb_message.Message = message_factory.GetMessageClass(descriptor)()
    message.ParseFromString(stored.payload)
    return message


class IdempotencyStep(Step):
    """Unary mutations with a key: claim, run once, store, replay."""

    def __init__(self, store: IdempotencyStore) -> None:
        self._store = store

    def applies_to(self, method_name: str, handler: Any) -> bool:
        return takes_writes(handler)

    def run(self, call: Call) -> Any:
        request, context = call.request, call.context
        if not isinstance(request, pb_message.Message) or not (key := _key(request, context)):
            return call.proceed()
        state = request_context.current()
        principal = state.principal
        scope = IdempotencyScope(
            actor=principal.actor if principal else "anonymous",
            operation=call.method_name,
            key=key,
            org_slug=state.org_slug or "",
        )
        try:
            replay = self._store.begin(
                scope,
                _canonical_bytes(request),
                wait_for_pending=call.method_name not in SELF_IDEMPOTENT,
            )
        except errors.DomainError as exc:
            abort_with(context, exc)
        if replay is not None:
            state.response_headers["idempotent-replayed"] = "true"
            return _decode(replay)
        try:
            response = call.proceed()
        except BaseException:
            self._store.abandon(scope)
            raise
        try:
            self._store.complete(
                scope,
                StoredResponse(response.DESCRIPTOR.full_name, response.SerializeToString()),
            )
        except errors.DomainError as exc:
            # The mutation ran: answer it. The key is released (no replay, a retry runs again)
            # rather than left pending for 24 h when the key service cannot seal the response.
            _log.warning(
                "idempotency_store_failed", method=call.method_name, error=type(exc).__name__
            )
            self._store.abandon(scope)
        return response

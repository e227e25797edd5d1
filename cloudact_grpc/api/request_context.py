"""Per-RPC state shared by the interceptors and servicers (context variables).

The sync server runs each RPC on one worker thread, and the interceptors wrap the
handler on that thread, so values set here are scoped to one RPC.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from cloudact_grpc.domain.errors import Unauthenticated
from cloudact_grpc.domain.principal import Principal


@dataclass(slots=True)
class RpcState:
    """Mutable facts about the RPC in flight."""

    request_id: str
    method: str
    principal: Principal | None = None
    org_slug: str | None = None
    response_headers: dict[str, str] = field(default_factory=dict)
    # The ``ErrorReason`` the RPC was refused with and, for BACKEND_UNAVAILABLE, which backend
    # (warehouse, cloud_kms, redis): for its log line.
    reason: str | None = None
    backend: str | None = None
    # Fields read under the seed's name that the caller sent under the frontend's (seed → sent),
    # so an error about one names the field as sent.
    sent_names: dict[str, str] = field(default_factory=dict)


_state: ContextVar[RpcState | None] = ContextVar("cloudact_rpc_state", default=None)


def begin(state: RpcState) -> None:
    """Make ``state`` the current RPC's state."""
    _state.set(state)


def current() -> RpcState:
    """The current RPC's state; a programming error outside an RPC."""
    state = _state.get()
    if state is None:
        raise RuntimeError("no RPC in progress")
    return state


def sent_as(seed: str, alias: str) -> None:
    """Record that the caller sent the field ``seed`` under the name ``alias``.

    A no-op outside an RPC.
    """
    state = _state.get()
    if state is not None:
        state.sent_names[seed] = alias


def current_principal() -> Principal:
    """The authenticated caller of the current RPC."""
    principal = current().principal
    if principal is None:
        raise Unauthenticated(
            "this method requires authentication", metadata={"method": current().method}
        )
    return principal


def add_request_id(
    _logger: object, _method: str, event: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """Structlog processor: every line logged during an RPC carries its ``request_id``.

    grpc runs each RPC in a context of its own, so nothing is bound or unbound per call.
    """
    state = _state.get()
    if state is not None:
        event.setdefault("request_id", state.request_id)
    return event

"""Safe retries: the first successful response to an idempotency key is replayed for 24 h.

A key is scoped to the caller and the method. The first request claims the key atomically
(``insert_if_absent``) as *pending*; a concurrent duplicate gets ABORTED, a reuse with a
different request gets INVALID_ARGUMENT (``IDEMPOTENCY_KEY_REUSED``). The request is stored
only as a keyed hash (``RequestHasher``). The stored response is encrypted (it may hold a key
shown once) and bound to its scope as associated data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from cloudact_grpc.domain.clock import Clock, SystemClock
from cloudact_grpc.domain.errors import Aborted, InvalidArgument, Reason
from cloudact_grpc.ports.secret_box import SecretBox
from cloudact_grpc.ports.warehouse import Eq, Warehouse
from cloudact_grpc.services.orgs import tables
from cloudact_grpc.services.request_hash import RequestHasher

DATASET = "organizations"
TABLE = tables.IDEMPOTENCY_KEYS
TTL = dt.timedelta(hours=24)
PENDING_LEASE = dt.timedelta(minutes=10)
"""A claim still pending after this long belongs to a process that died (writes take seconds)."""
MAX_KEY_LENGTH = 128


@dataclass(frozen=True, slots=True)
class IdempotencyScope:
    """Who retries what: the caller, the method and the client's key."""

    actor: str
    operation: str
    key: str
    org_slug: str

    @property
    def row_key(self) -> str:
        """Stable storage key; the client's key never collides across callers or methods."""
        raw = f"{self.actor}\x1f{self.operation}\x1f{self.key}".encode()
        return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """A response to replay: its message type and serialized bytes."""

    type_name: str
    payload: bytes


class IdempotencyStore:
    """Claims keys, stores first responses, replays them."""

    def __init__(
        self,
        warehouse: Warehouse,
        box: SecretBox,
        hasher: RequestHasher,
        clock: Clock | None = None,
    ) -> None:
        self._warehouse = warehouse
        self._box = box
        self._hasher = hasher
        self._clock = clock or SystemClock()

    def begin(
        self, scope: IdempotencyScope, request: bytes, *, wait_for_pending: bool = True
    ) -> StoredResponse | None:
        """Claim the key; return the stored response when this is a replay.

        ``request``: the request's canonical bytes without its key (only their hash is stored).
        ``wait_for_pending=False``: a claim still pending does not make this call ABORTED; it
        runs (None) beside it, for operations that act once per key by themselves.
        """
        if not scope.key or len(scope.key) > MAX_KEY_LENGTH:
            raise InvalidArgument.field("request_id", f"must be 1 to {MAX_KEY_LENGTH} characters")
        now = self._clock.now()
        row = {
            "idempotency_key": scope.row_key,
            "org_slug": scope.org_slug or "-",
            "operation": scope.operation,
            "request_hash": self._hasher.digest(request),
            "response": {"state": "pending"},
            "created_at": now,
            "expires_at": now + TTL,
        }
        for _ in range(2):
            if self._warehouse.insert_if_absent(DATASET, TABLE, row, ["idempotency_key"]):
                return None
            existing = self._find(scope)
            if existing is None:
                continue
            expires = existing["expires_at"]
            if (isinstance(expires, dt.datetime) and expires <= now) or _dead_claim(
                existing, now - PENDING_LEASE
            ):
                self._forget(scope)
                continue
            return self._replay(scope, existing, request, wait_for_pending=wait_for_pending)
        raise Aborted(
            "idempotency_key", scope.key, "idempotency key is being reused concurrently; retry"
        )

    def complete(self, scope: IdempotencyScope, response: StoredResponse) -> None:
        """Store the successful response for replays."""
        sealed = self._box.encrypt(response.payload.hex(), scope.row_key)
        self._warehouse.update(
            DATASET,
            TABLE,
            {"response": {"state": "done", "type": response.type_name, "sealed": sealed}},
            [Eq("idempotency_key", scope.row_key)],
        )

    def release_dead_claims(self, lease: dt.timedelta = PENDING_LEASE) -> int:
        """Delete claims still pending after ``lease`` (their process died); how many.

        A retry with such a key then runs again instead of waiting for the 24 h expiry.
        """
        if not self._warehouse.table_exists(DATASET, TABLE):
            return 0
        before = self._clock.now() - lease
        dead = [
            str(r["idempotency_key"])
            for r in self._warehouse.select(
                DATASET, TABLE, columns=["idempotency_key", "response", "created_at"]
            )
            if _dead_claim(r, before)
        ]
        for key in dead:
            self._warehouse.delete(DATASET, TABLE, [Eq("idempotency_key", key)])
        return len(dead)

    def abandon(self, scope: IdempotencyScope) -> None:
        """Release the key after a failure, so a retry runs again."""
        self._forget(scope)

    def _find(self, scope: IdempotencyScope) -> dict[str, object] | None:
        rows = self._warehouse.select(
            DATASET, TABLE, [Eq("idempotency_key", scope.row_key)], limit=1
        )
        return rows[0] if rows else None

    def _forget(self, scope: IdempotencyScope) -> None:
        self._warehouse.delete(DATASET, TABLE, [Eq("idempotency_key", scope.row_key)])

    def _replay(
        self,
        scope: IdempotencyScope,
        row: dict[str, object],
        request: bytes,
        *,
        wait_for_pending: bool,
    ) -> StoredResponse | None:
        if not self._hasher.matches(str(row["request_hash"]), request):
            raise InvalidArgument(
                "this idempotency key was used for a different request",
                reason=Reason.IDEMPOTENCY_KEY_REUSED,
                metadata={"idempotency_key": scope.key},
            )
        stored = row["response"]
        if not isinstance(stored, dict) or stored.get("state") != "done":
            if not wait_for_pending:
                return None
            raise Aborted(
                "idempotency_key",
                scope.key,
                "a request with this idempotency key is still in progress; retry shortly",
            )
        payload = bytes.fromhex(self._box.decrypt(str(stored["sealed"]), scope.row_key))
        return StoredResponse(type_name=str(stored["type"]), payload=payload)


def _dead_claim(row: dict[str, object], before: dt.datetime) -> bool:
    stored, created = row.get("response"), row.get("created_at")
    pending = not isinstance(stored, dict) or stored.get("state") != "done"
    if not pending or not isinstance(created, dt.datetime):
        return False
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    return created <= before

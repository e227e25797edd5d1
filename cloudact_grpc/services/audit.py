"""Audit trail: one ``org_audit_logs`` row per mutation, and filtered, paginated reads."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from cloudact_grpc.domain import dates
from cloudact_grpc.domain.clock import Clock, SystemClock
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import DomainError
from cloudact_grpc.ports.warehouse import (
    Between,
    Eq,
    OrderBy,
    Predicate,
    Warehouse,
    WarehouseError,
)
from cloudact_grpc.services import paging
from cloudact_grpc.services.bootstrap import CENTRAL_DATASET
from cloudact_grpc.services.columns import ts_col
from cloudact_grpc.services.orgs import tables

TABLE = tables.AUDIT_LOGS
SUCCESS = "SUCCESS"
FAILURE = "FAILURE"
DENIED = "DENIED"

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One stored audit row."""

    audit_id: str
    org_slug: str
    actor: str
    action: str
    resource_type: str
    resource_id: str
    status: str
    request_id: str
    details: dict[str, object]
    error_message: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Filters of a listing; empty strings / None mean "any"."""

    action: str = ""
    resource_type: str = ""
    status: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class AuditPage:
    """A page of entries, newest first, and the token of the next page ('' on the last)."""

    entries: tuple[AuditEntry, ...]
    next_page_token: str


class AuditService:
    """Writes and reads audit rows; details must never hold secrets.

    ``on_lost(action)`` is told of every row the backend refused whose change or denial was
    answered anyway (the ``cloudact_audit_rows_lost_total`` metric, wired in ``app.py``).
    """

    def __init__(
        self,
        warehouse: Warehouse,
        *,
        dataset: str = CENTRAL_DATASET,
        clock: Clock | None = None,
        on_lost: Callable[[str], None] | None = None,
    ) -> None:
        self._warehouse = warehouse
        self._dataset = dataset
        self._clock = clock or SystemClock()
        self._on_lost = on_lost or (lambda action: None)

    def record(
        self,
        ctx: CallContext,
        *,
        org_slug: str,
        action: str,
        resource_type: str,
        resource_id: str,
        status: str = SUCCESS,
        details: Mapping[str, object] | None = None,
        error_message: str | None = None,
        committed: bool = False,
    ) -> str:
        """Write one row and return its id.

        ``committed``: the change is already committed (a secret may have been issued), so a
        failed write must not turn it into an error: it is logged at ERROR with the whole entry
        and the request id, and swallowed.
        """
        return self._write(
            org_slug=org_slug, actor=ctx.actor, action=action, resource_type=resource_type,
            resource_id=resource_id, details=dict(details or {}), request_id=ctx.request_id,
            status=status, error_message=error_message, committed=committed,
        )  # fmt: skip

    @contextlib.contextmanager
    def failures(
        self, ctx: CallContext, *, org_slug: str, action: str, resource_type: str
    ) -> Iterator[None]:
        """On an exception inside: a FAILURE row about ``org_slug`` (its first 500 characters)."""
        try:
            yield
        except Exception as exc:
            self.record(
                ctx, org_slug=org_slug, action=action, resource_type=resource_type,
                resource_id=org_slug, status=FAILURE, error_message=str(exc)[:500],
            )  # fmt: skip
            raise

    def record_denial(
        self,
        *,
        actor: str,
        org_slug: str,
        method: str,
        reason: str,
        request_id: str,
        suppressed: int = 0,
    ) -> None:
        """Audit a mutation refused before it ran (bad, foreign or revoked credentials).

        ``suppressed`` counts earlier denials of the kind that were not written one by one.
        A failed write is counted as lost and raised (the caller answers the denial anyway).
        """
        details: dict[str, object] = {"reason": reason}
        if suppressed:
            details["suppressed"] = suppressed
        try:
            self._write(
                org_slug=org_slug, actor=actor, action=DENIED, resource_type="rpc",
                resource_id=method, details=details, request_id=request_id, status=FAILURE,
                error_message=reason,
            )  # fmt: skip
        except (WarehouseError, DomainError):
            self.count_lost(DENIED)
            raise

    def count_lost(self, action: str) -> None:
        """Count one row of ``action`` that could not be written (``on_lost``)."""
        self._on_lost(action)

    def _write(
        self,
        *,
        org_slug: str,
        actor: str,
        action: str,
        resource_type: str,
        resource_id: str,
        details: dict[str, object],
        request_id: str,
        status: str,
        error_message: str | None,
        committed: bool = False,
    ) -> str:
        audit_id = uuid.uuid4().hex
        row = {
            "audit_id": audit_id,
            "org_slug": org_slug,
            "actor": actor,
            "action": action,
            "resource_type": resource_type,
            "resource_id": resource_id,
            "details": details,
            "request_id": request_id or None,
            "status": status,
            "error_message": error_message,
            "created_at": self._clock.now(),
        }
        try:
            self._warehouse.insert_rows(self._dataset, TABLE, [row])
        except (WarehouseError, DomainError):  # the backend failed; a bug still raises
            if not committed:
                raise
            self.count_lost(action)
            log.exception("audit row lost after a committed change (request_id=%s): %r",
                          request_id, row)  # fmt: skip
        return audit_id

    def parse_filter(
        self, *, action: str, resource_type: str, status: str, start_date: str, end_date: str
    ) -> AuditFilter:
        """A listing's filters from request text; dates follow the one date rule."""
        today = self._clock.now().date()
        return AuditFilter(
            action=action,
            resource_type=resource_type,
            status=status,
            start_date=dates.optional_date(start_date, "start_date", today=today),
            end_date=dates.optional_date(end_date, "end_date", today=today),
        )

    def list(
        self, org_slug: str, filters: AuditFilter, *, page_size: int = 0, page_token: str = ""
    ) -> AuditPage:
        """Entries of ``org_slug`` matching ``filters``, newest first."""
        at = paging.cursor(page_size, page_token, _filter_key(org_slug, filters))
        size, offset = at.size, at.offset
        where: list[Predicate] = [Eq("org_slug", org_slug)]
        for column in ("action", "resource_type", "status"):
            value = getattr(filters, column)
            if value:
                where.append(Eq(column, value.upper()))
        if filters.start_date or filters.end_date:
            low = _day_start(filters.start_date) if filters.start_date else None
            high = (
                _day_start(filters.end_date + dt.timedelta(days=1)) - dt.timedelta(microseconds=1)
                if filters.end_date
                else None
            )
            where.append(Between("created_at", low, high))
        rows = self._warehouse.select(
            self._dataset,
            TABLE,
            where,
            order_by=[OrderBy("created_at", descending=True), OrderBy("audit_id", descending=True)],
            limit=size + 1,
            offset=offset,
        )
        more = len(rows) > size
        entries = tuple(_entry(r) for r in rows[:size])
        return AuditPage(entries, at.next_token(more))


@dataclass(frozen=True, slots=True)
class ResourceAudit:
    """The audit trail of one resource type: each successful change of one such resource."""

    audit: AuditService
    resource_type: str

    def record(
        self,
        ctx: CallContext,
        org_slug: str,
        action: str,
        resource_id: str,
        details: Mapping[str, object] | None = None,
    ) -> None:
        """Write one SUCCESS row about ``resource_id`` (after its change: never raises)."""
        self.audit.record(
            ctx, org_slug=org_slug, action=action, resource_type=self.resource_type,
            resource_id=resource_id, details=details, committed=True,
        )  # fmt: skip


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _filter_key(org_slug: str, f: AuditFilter) -> str:
    return "|".join(
        [org_slug, f.action.upper(), f.resource_type.upper(), f.status.upper(),
         str(f.start_date or ""), str(f.end_date or "")]
    )  # fmt: skip


def _entry(row: Mapping[str, object]) -> AuditEntry:
    details = row.get("details")
    return AuditEntry(
        audit_id=str(row["audit_id"]),
        org_slug=str(row["org_slug"]),
        actor=str(row.get("actor") or ""),
        action=str(row["action"]),
        resource_type=str(row["resource_type"]),
        resource_id=str(row.get("resource_id") or ""),
        status=str(row["status"]),
        request_id=str(row.get("request_id") or ""),
        details=details if isinstance(details, dict) else {},
        error_message=str(row.get("error_message") or ""),
        created_at=ts_col(row, "created_at"),
    )

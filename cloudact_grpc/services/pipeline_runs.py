"""Pipeline runs: reservation with a lease, renewal, cancellation, expiry and history reads.

A reserved run is RUNNING with ``lease_expires_at``; the pipeline renews the lease while it
works. A RUNNING run past its lease (its pipeline died) is moved to EXPIRED by compare-and-set
on the lease it had, which frees its concurrency slot and gives back its daily and monthly
reservation; a renewal racing the expiry loses or wins as a whole. Expiry is lazy: it runs
before every reservation, renewal and run listing of the org, so no background job is needed
and every replica sees the same result. Only successful runs keep their place in the daily
and monthly counts (``QuotaService.finish``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import KW_ONLY, dataclass, field
from typing import Final

from cloudact_grpc.domain import dates
from cloudact_grpc.domain.clock import Clock, SystemClock, utc_today
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import (
    Aborted,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    ResourceExhausted,
)
from cloudact_grpc.ports.warehouse import Between, Eq, OrderBy, Predicate, Warehouse
from cloudact_grpc.services import paging
from cloudact_grpc.services.bootstrap import CENTRAL_DATASET
from cloudact_grpc.services.orgs import tables
from cloudact_grpc.services.quotas import (
    CANCELLED,
    EXPIRED,
    FAILED,
    RUNNING,
    RUNS,
    SUCCESS,
    QuotaService,
    QuotaView,
)

STEPS: Final = tables.STEP_LOGS
MIN_LEASE_SECONDS: Final = 30
MAX_LEASE_SECONDS: Final = 3600
DEFAULT_LEASE_SECONDS: Final = 600
STATUSES: Final = (RUNNING, SUCCESS, FAILED, CANCELLED, EXPIRED)
# The frontend's names of the stored statuses (its polling stops on COMPLETED, FAILED,
# CANCELLED and TIMEOUT).
FRONTEND_STATUS: Final[dict[str, str]] = {SUCCESS: "COMPLETED", EXPIRED: "TIMEOUT"}
FRONTEND_ALIASES: Final[dict[str, str]] = {v: k for k, v in FRONTEND_STATUS.items()}
DEFAULT_LIMIT: Final = 100
MAX_LIMIT: Final = 1000


@dataclass(frozen=True, slots=True)
class Reservation:
    """A reserved run, its lease and the usage after it."""

    run_id: str
    lease_expires_at: dt.datetime
    quota: QuotaView


@dataclass(frozen=True, slots=True)
class RunPage:
    """Runs newest first, the number matching and the window asked for."""

    runs: tuple[dict[str, object], ...]
    total: int
    limit: int
    offset: int
    next_page_token: str = ""


@dataclass(frozen=True, slots=True)
class RunFilter:
    """Which runs to list (all optional)."""

    status: str = ""
    pipeline_id: str = ""
    start: dt.date | None = None
    end: dt.date | None = None


def lease_of(seconds: int) -> dt.timedelta:
    """The lease for ``seconds`` (0: the default), else InvalidArgument on ``lease_seconds``."""
    if seconds == 0:
        return dt.timedelta(seconds=DEFAULT_LEASE_SECONDS)
    if not MIN_LEASE_SECONDS <= seconds <= MAX_LEASE_SECONDS:
        raise InvalidArgument.field(
            "lease_seconds", f"must be {MIN_LEASE_SECONDS} to {MAX_LEASE_SECONDS} (0: default)"
        )
    return dt.timedelta(seconds=seconds)


def run_filter(
    *,
    status: str,
    pipeline_id: str,
    start_date: str,
    end_date: str,
    today: dt.date,
    status_field: str = "status_filter",
) -> RunFilter:
    """A validated filter; the dates are UTC start days, both included.

    The status may be given in the frontend's words too (COMPLETED, TIMEOUT).
    """
    wanted = status.strip().upper()
    wanted = FRONTEND_ALIASES.get(wanted, wanted)
    if wanted and wanted not in STATUSES:
        raise InvalidArgument.field(status_field, f"must be one of {', '.join(STATUSES)}")
    start = dates.optional_date(start_date, "start_date", today=today)
    end = dates.optional_date(end_date, "end_date", today=today)
    if start and end and end < start:
        raise InvalidArgument.field("end_date", "must not be before start_date")
    return RunFilter(wanted, pipeline_id.strip(), start, end)


@dataclass(frozen=True, slots=True)
class PipelineRunService:
    """The life of a pipeline run, over ``org_meta_pipeline_runs`` and the org's quota row."""

    warehouse: Warehouse
    quotas: QuotaService
    _: KW_ONLY
    dataset: str = CENTRAL_DATASET
    clock: Clock = field(default_factory=SystemClock)

    def today(self) -> dt.date:
        """Today in UTC."""
        return utc_today(self.clock)

    # ---- the pipeline's calls ---------------------------------------------------------------

    def reserve(
        self,
        ctx: CallContext,
        org_slug: str,
        pipeline_id: str,
        request_id: str = "",
        *,
        lease_seconds: int = 0,
    ) -> Reservation:
        """Expire the org's dead runs, then reserve one run with a lease.

        A limit that refuses it is checked again after settling the org's slots (a release or
        reservation cut off earlier may hold one); settling costs reads, so only then.
        """
        lease = lease_of(lease_seconds)
        self.quotas.subscription(org_slug)  # NotFound before any write
        self.expire_stale(org_slug, settle=False)
        try:
            run_id, view = self.quotas.reserve(ctx, org_slug, pipeline_id, request_id, lease=lease)
        except ResourceExhausted:
            if not self.quotas.settle(org_slug):
                raise
            run_id, view = self.quotas.reserve(ctx, org_slug, pipeline_id, request_id, lease=lease)
        run = self.quotas.run(org_slug, run_id) or {}
        expires = run.get("lease_expires_at")
        if not isinstance(expires, dt.datetime):
            expires = self.clock.now() + lease
        return Reservation(run_id, expires, view)

    def renew(self, org_slug: str, run_id: str, *, lease_seconds: int = 0) -> dt.datetime:
        """Extend a RUNNING run's lease to now + lease; FAILED_PRECONDITION once it ended."""
        lease = lease_of(lease_seconds)
        run = self._get_run(org_slug, run_id)
        current = run.get("lease_expires_at")
        now = self.clock.now()
        if run["status"] == RUNNING and isinstance(current, dt.datetime) and current <= now:
            self._expire(org_slug, run_id, current)
            run = self._get_run(org_slug, run_id)
        if run["status"] != RUNNING:
            raise _ended(run_id, str(run["status"]))
        expires = now + lease
        if not self.warehouse.compare_and_set(
            self.dataset,
            RUNS,
            {"lease_expires_at": expires},
            [Eq("org_slug", org_slug), Eq("pipeline_logging_id", run_id)],
            {"status": RUNNING, "lease_expires_at": current},
        ):
            raise Aborted("pipeline_run", run_id)
        return expires

    def complete(
        self, org_slug: str, run_id: str, *, succeeded: bool, error_message: str = ""
    ) -> QuotaView:
        """Finish the run (see ``QuotaService.complete``)."""
        return self.quotas.complete(
            org_slug, run_id, succeeded=succeeded, error_message=error_message
        )

    def cancel(self, org_slug: str, run_id: str, reason: str = "") -> dict[str, object]:
        """Cancel a RUNNING run (frees its slot, uses no quota); again: no further effect.

        FAILED_PRECONDITION when the run already ended otherwise.
        """
        message = (reason.strip() or "cancelled")[:2000]
        if self.quotas.finish(org_slug, run_id, CANCELLED, error_message=message) is None:
            run = self._get_run(org_slug, run_id)
            if run["status"] != CANCELLED:
                raise _ended(run_id, str(run["status"]))
        return self._get_run(org_slug, run_id)

    # ---- expiry ----------------------------------------------------------------------------

    def expire_stale(self, org_slug: str = "", *, settle: bool = True) -> int:
        """Move RUNNING runs past their lease to EXPIRED (one org, or every org); how many.

        Then (``settle``) settle the slots: releases cut off earlier are finished, and
        reservations lost before their run row was written are recorded as EXPIRED once their
        lease passed.
        """
        where: list[Predicate] = [Eq("status", RUNNING)]
        if org_slug:
            where.append(Eq("org_slug", org_slug))
        where.append(Between("lease_expires_at", None, self.clock.now()))
        expired = 0
        for run in self.warehouse.select(self.dataset, RUNS, where):
            lease = run["lease_expires_at"]
            if isinstance(lease, dt.datetime) and self._expire(
                str(run["org_slug"]), str(run["pipeline_logging_id"]), lease
            ):
                expired += 1
        if settle:
            self.quotas.settle(org_slug)
        return expired

    def _expire(self, org_slug: str, run_id: str, lease: dt.datetime) -> bool:
        message = f"lease expired at {lease.astimezone(dt.UTC).isoformat()}"
        done = self.quotas.finish(
            org_slug, run_id, EXPIRED, error_message=message, expected={"lease_expires_at": lease}
        )
        return done is not None

    # ---- reads -----------------------------------------------------------------------------

    def list_runs(
        self,
        org_slug: str,
        f: RunFilter,
        *,
        limit: int = 0,
        offset: int = 0,
        page_token: str = "",
        limit_field: str = "limit",
    ) -> RunPage:
        """Runs newest first (dead runs expired first); ``org_slug`` "" means every org.

        ``page_token`` (from ``RunPage.next_page_token``) overrides ``offset``.
        """
        if limit < 0:
            raise InvalidArgument.field(limit_field, "must not be negative")
        if offset < 0:
            raise InvalidArgument.field("offset", "must not be negative")
        size = min(limit or DEFAULT_LIMIT, MAX_LIMIT)  # above the cap: the cap (AIP-158)
        key = paging.fingerprint(("pipeline_runs", org_slug, f))
        if page_token:
            offset = paging.decode_token(page_token, key)
        self.expire_stale(org_slug)
        where: list[Predicate] = []
        if org_slug:
            where.append(Eq("org_slug", org_slug))
        if f.status:
            where.append(Eq("status", f.status))
        if f.pipeline_id:
            where.append(Eq("pipeline_id", f.pipeline_id))
        if f.start or f.end:
            low = _midnight(f.start) if f.start else None
            high = _midnight(f.end + dt.timedelta(days=1)) - _TICK if f.end else None
            where.append(Between("start_time", low, high))
        total = len(self.warehouse.select(self.dataset, RUNS, where, ["pipeline_logging_id"]))
        rows = self.warehouse.select(
            self.dataset,
            RUNS,
            where,
            order_by=[OrderBy("start_time", descending=True), OrderBy("pipeline_logging_id")],
            limit=size,
            offset=offset,
        )
        more = offset + size < total
        token = paging.encode_token(offset + size, key) if more else ""
        return RunPage(tuple(rows), total, size, offset, token)

    def get_run(
        self, org_slug: str, run_id: str
    ) -> tuple[dict[str, object], list[dict[str, object]]]:
        """One run of the org and its steps (by step index)."""
        self.expire_stale(org_slug)
        run = self._get_run(org_slug, run_id)
        steps = self.warehouse.select(
            self.dataset,
            STEPS,
            [Eq("org_slug", org_slug), Eq("pipeline_logging_id", run_id)],
            order_by=[OrderBy("step_index"), OrderBy("step_logging_id")],
        )
        return run, steps

    def _get_run(self, org_slug: str, run_id: str) -> dict[str, object]:
        run = self.quotas.run(org_slug, run_id)
        if run is None:
            raise NotFound("pipeline_run", run_id)
        return run


_TICK: Final = dt.timedelta(microseconds=1)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), dt.UTC)


def _ended(run_id: str, status: str) -> FailedPrecondition:
    return FailedPrecondition(
        "pipeline_run", run_id, status, f"pipeline run '{run_id}' is {status}, not RUNNING"
    )

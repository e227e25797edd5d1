"""Pipeline quotas: atomic reservations against daily, monthly and concurrent limits.

One ``org_usage_quotas`` row per org per UTC day holds the day's counters plus the month-to-date
count and the running count carried over from the previous row, so a reservation is a single
compare-and-set on the open row (``version`` column), retried when a concurrent writer won.

At a day boundary the previous row is *sealed* (a compare-and-set that also bumps its version)
before the new row copies its counts: a reservation or completion still racing on the old row
then loses its compare-and-set and retries on the new row, so no slot is lost or counted twice.
Limits are always read from ``org_subscriptions``, so subscription changes apply at once.

The open row also names the runs that hold a concurrency slot (``runs_in_flight``: run id and
its reservation). A reservation adds its run in the compare-and-set that counts it, and the
release of a run removes it in the compare-and-set that gives its counts back, so however a
call is cut off and retried, a slot is taken once and given back once. The run row is written
after the reservation is counted: a reservation cut off in between is finished by the retry
(same ``request_id``, same run id), or, never retried, recorded as EXPIRED once its lease has
passed and given back (``settle``). A run that ended but whose release was cut off is released
by the retry of the call that ended it, or by ``settle``.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from cloudact_grpc.domain.clock import Clock, SystemClock, utc_today
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import (
    Aborted,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    QuotaViolation,
    ResourceExhausted,
)
from cloudact_grpc.domain.plans import Limits
from cloudact_grpc.ports.warehouse import (
    Between,
    Eq,
    In,
    IsNull,
    OrderBy,
    Predicate,
    Warehouse,
    WarehouseError,
)
from cloudact_grpc.services.bootstrap import CENTRAL_DATASET
from cloudact_grpc.services.columns import int_col
from cloudact_grpc.services.org_rows import RUNS_IN_FLIGHT, set_quota_row
from cloudact_grpc.services.orgs import tables

QUOTAS = tables.USAGE_QUOTAS
SUBSCRIPTIONS = tables.SUBSCRIPTIONS
RUNS = tables.PIPELINE_RUNS
RUNNING = "RUNNING"
SUCCESS = "SUCCESS"
FAILED = "FAILED"
CANCELLED = "CANCELLED"
EXPIRED = "EXPIRED"
DEFAULT_LEASE = dt.timedelta(minutes=10)
USABLE_SUBSCRIPTION = ("ACTIVE", "TRIAL")
CONCURRENT_RETRY_SECONDS = 30.0
HELD = RUNS_IN_FLIGHT
_RUN_NAMESPACE = uuid.UUID("6f1c1d7e-5a0b-4c1e-9a43-2f7b8d0c9e11")


@dataclass(frozen=True, slots=True)
class QuotaView:
    """Today's and this month's usage against the limits."""

    org_slug: str
    usage_date: dt.date
    pipelines_run_today: int
    pipelines_run_month: int
    concurrent_running: int
    pipelines_succeeded_today: int
    pipelines_failed_today: int
    daily_limit: int
    monthly_limit: int
    concurrent_limit: int

    @property
    def daily_usage_percent(self) -> float:
        return _percent(self.pipelines_run_today, self.daily_limit)

    @property
    def monthly_usage_percent(self) -> float:
        return _percent(self.pipelines_run_month, self.monthly_limit)


def _percent(used: int, limit: int) -> float:
    return round(used * 100 / limit, 2) if limit > 0 else 0.0


def _held(row: Mapping[str, object]) -> dict[str, dict[str, str]]:
    """The runs holding a slot on a quota row: run id -> its reservation."""
    value = row.get(HELD)
    if isinstance(value, str):
        value = json.loads(value)
    if not isinstance(value, dict):
        return {}
    return {
        str(k): {str(a): str(b) for a, b in v.items()} if isinstance(v, dict) else {}
        for k, v in value.items()
    }


def _when(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _reservation(pipeline_id: str, at: dt.datetime, lease: dt.timedelta) -> dict[str, str]:
    return {
        "pipeline_id": pipeline_id,
        "reserved_at": at.isoformat(),
        "lease_expires_at": (at + lease).isoformat(),
    }


def _date(row: Mapping[str, object]) -> dt.date:
    value = row["usage_date"]
    if not isinstance(value, dt.date):
        raise WarehouseError("org_usage_quotas.usage_date is not a date")
    return value


class QuotaService:
    """Reads and reserves pipeline quota for organisations."""

    def __init__(
        self,
        warehouse: Warehouse,
        *,
        dataset: str = CENTRAL_DATASET,
        clock: Clock | None = None,
        max_attempts: int = 200,
    ) -> None:
        self._warehouse = warehouse
        self._dataset = dataset
        self._clock = clock or SystemClock()
        self._max_attempts = max_attempts

    # ---- rows ------------------------------------------------------------------------------

    def _today(self) -> dt.date:
        return utc_today(self._clock)

    def subscription(self, org_slug: str) -> dict[str, object]:
        rows = self._warehouse.select(self._dataset, SUBSCRIPTIONS, [Eq("org_slug", org_slug)])
        if not rows:
            raise NotFound("organization", org_slug)
        return rows[0]

    def _row(self, org_slug: str, day: dt.date) -> dict[str, object] | None:
        rows = self._warehouse.select(
            self._dataset, QUOTAS, [Eq("org_slug", org_slug), Eq("usage_date", day)]
        )
        return rows[0] if rows else None

    def _carry(self, org_slug: str, day: dt.date) -> tuple[int, int]:
        """(month-to-date runs before ``day``, runs still in progress) from the latest row."""
        rows = self._warehouse.select(
            self._dataset,
            QUOTAS,
            [Eq("org_slug", org_slug), Between("usage_date", None, day - dt.timedelta(days=1))],
            order_by=[OrderBy("usage_date", descending=True)],
            limit=1,
        )
        if not rows:
            return 0, 0
        prev = rows[0]
        prev_day = prev["usage_date"]
        if not isinstance(prev_day, dt.date):
            raise WarehouseError("org_usage_quotas.usage_date is not a date")
        same_month = (prev_day.year, prev_day.month) == (day.year, day.month)
        month = int_col(prev, "pipelines_run_month", int_col(prev, "pipelines_run_today"))
        return (month if same_month else 0), int_col(prev, "concurrent_pipelines_running")

    def _latest(self, org_slug: str) -> dict[str, object] | None:
        rows = self._warehouse.select(
            self._dataset,
            QUOTAS,
            [Eq("org_slug", org_slug)],
            order_by=[OrderBy("usage_date", descending=True)],
            limit=1,
        )
        return rows[0] if rows else None

    def ensure_today(self, org_slug: str, limits: Limits) -> dict[str, object]:
        """The open row to count against.

        That is the latest row, or today's, created once after sealing its predecessor and
        starting from the predecessor's month-to-date and running counts.
        """
        day = self._today()
        for _ in range(self._max_attempts):
            latest = self._latest(org_slug)
            if latest is None:
                return self._create(org_slug, day, limits, month=0, held={})
            latest_day = _date(latest)
            if latest["sealed_at"] is None:
                if latest.get(HELD) is None:  # written before slots were tracked by run
                    self._adopt_running(org_slug, latest)
                    continue
                if latest_day >= day:  # today's row (or a replica ahead of our clock made it)
                    return latest
                if not self._seal(org_slug, latest):
                    continue  # it changed under us: read again
            target = max(day, latest_day + dt.timedelta(days=1))
            same_month = (latest_day.year, latest_day.month) == (target.year, target.month)
            month = int_col(latest, "pipelines_run_month", int_col(latest, "pipelines_run_today"))
            held = _held(latest) if latest.get(HELD) is not None else self._running(org_slug)
            return self._create(
                org_slug, target, limits, month=month if same_month else 0, held=held
            )
        raise Aborted("quota", org_slug, "too much contention on the quota row; retry")

    def _running(self, org_slug: str) -> dict[str, dict[str, str]]:
        """The org's RUNNING runs as slot holders (rows written before slots were tracked)."""
        held: dict[str, dict[str, str]] = {}
        for run in self._warehouse.select(
            self._dataset, RUNS, [Eq("org_slug", org_slug), Eq("status", RUNNING)]
        ):
            start, lease = _when(run.get("start_time")), _when(run.get("lease_expires_at"))
            if start is not None:
                entry = _reservation(str(run["pipeline_id"]), start, DEFAULT_LEASE)
                if lease is not None:
                    entry["lease_expires_at"] = lease.isoformat()
                held[str(run["pipeline_logging_id"])] = entry
        return held

    def _adopt_running(self, org_slug: str, row: Mapping[str, object]) -> bool:
        """Give a row written before slots were tracked the org's RUNNING runs as holders."""
        held = self._running(org_slug)
        return self._cas(org_slug, row, {HELD: held, "concurrent_pipelines_running": len(held)})

    def _seal(self, org_slug: str, row: Mapping[str, object]) -> bool:
        """Close ``row`` for writes; False when someone wrote it since it was read."""
        return self._cas(org_slug, row, {"sealed_at": self._clock.now()})

    def _cas(self, org_slug: str, row: Mapping[str, object], values: dict[str, object]) -> bool:
        """``set_quota_row`` on this service's dataset."""
        return set_quota_row(self._warehouse, self._dataset, org_slug, row, values)

    def _create(
        self,
        org_slug: str,
        day: dt.date,
        limits: Limits,
        *,
        month: int,
        held: Mapping[str, Mapping[str, str]],
    ) -> dict[str, object]:
        now = self._clock.now()
        self._warehouse.insert_if_absent(
            self._dataset,
            QUOTAS,
            {
                "org_slug": org_slug,
                "usage_date": day,
                "pipelines_run_today": 0,
                "pipelines_run_month": month,
                "pipelines_succeeded_today": 0,
                "pipelines_failed_today": 0,
                "concurrent_pipelines_running": len(held),
                "max_concurrent_reached": len(held),
                HELD: dict(held),
                "daily_limit": limits.daily_limit,
                "monthly_limit": limits.monthly_limit,
                "concurrent_limit": limits.concurrent_limit,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            },
            ["org_slug", "usage_date"],
        )
        row = self._row(org_slug, day)
        if row is None:  # deleted concurrently (offboarding): nothing to count against
            raise NotFound("organization", org_slug)
        return row

    def sync_today_limits(self, org_slug: str, limits: Limits) -> None:
        """Copy new limits into today's row (informational; enforcement reads the subscription)."""
        self.ensure_today(org_slug, limits)
        for _ in range(self._max_attempts):
            row = self.ensure_today(org_slug, limits)
            if self._cas(
                org_slug,
                row,
                {
                    "daily_limit": limits.daily_limit,
                    "monthly_limit": limits.monthly_limit,
                    "concurrent_limit": limits.concurrent_limit,
                    "updated_at": self._clock.now(),
                },
            ):
                return
        raise Aborted("quota", org_slug, "could not update today's quota row; retry")

    def delete_org_rows(self, org_slug: str) -> None:
        """Remove every quota row of the org (onboarding compensation / clean re-onboarding)."""
        self._warehouse.delete(self._dataset, QUOTAS, [Eq("org_slug", org_slug)])

    # ---- reads -----------------------------------------------------------------------------

    def get(self, org_slug: str) -> QuotaView:
        """Usage against the subscription's limits (no writes)."""
        return self._view(org_slug, self.subscription(org_slug))

    def _view(self, org_slug: str, sub: Mapping[str, object]) -> QuotaView:
        day = self._today()
        row = self._row(org_slug, day)
        if row is None:
            month, running = self._carry(org_slug, day)
            row = {"pipelines_run_month": month, "concurrent_pipelines_running": running}
        return QuotaView(
            org_slug=org_slug,
            usage_date=day,
            pipelines_run_today=int_col(row, "pipelines_run_today"),
            pipelines_run_month=int_col(row, "pipelines_run_month"),
            concurrent_running=int_col(row, "concurrent_pipelines_running"),
            pipelines_succeeded_today=int_col(row, "pipelines_succeeded_today"),
            pipelines_failed_today=int_col(row, "pipelines_failed_today"),
            daily_limit=int_col(sub, "daily_limit"),
            monthly_limit=int_col(sub, "monthly_limit"),
            concurrent_limit=int_col(sub, "concurrent_limit"),
        )

    # ---- reservations ----------------------------------------------------------------------

    def reserve(
        self,
        ctx: CallContext,
        org_slug: str,
        pipeline_id: str,
        request_id: str = "",
        *,
        lease: dt.timedelta = DEFAULT_LEASE,
    ) -> tuple[str, QuotaView]:
        """Reserve one run atomically; ResourceExhausted naming the limit when one is spent.

        The run holds its slot until it completes, is cancelled, or its lease (renewed by the
        pipeline) runs out (see ``PipelineRunService``).
        """
        if not pipeline_id.strip() or len(pipeline_id) > 200:
            raise InvalidArgument.field("pipeline_id", "must be 1 to 200 characters")
        run_id = (
            uuid.uuid5(_RUN_NAMESPACE, f"{org_slug}:{request_id}").hex
            if request_id
            else uuid.uuid4().hex
        )
        if request_id and self._run(org_slug, run_id) is not None:
            return run_id, self.get(org_slug)
        sub = self.subscription(org_slug)
        self._check_usable(org_slug, sub)
        limits = _limits(sub)
        entry = _reservation(pipeline_id, self._clock.now(), lease)
        for _ in range(self._max_attempts):
            row = self.ensure_today(org_slug, limits)
            held = _held(row)
            if run_id in held:  # counted by an attempt cut off before it wrote the run row
                entry = held[run_id]
                break
            today, month = int_col(row, "pipelines_run_today"), int_col(row, "pipelines_run_month")
            self._check_limits(org_slug, limits, today, month, len(held))
            held[run_id] = entry
            if self._cas(
                org_slug,
                row,
                {
                    "pipelines_run_today": today + 1,
                    "pipelines_run_month": month + 1,
                    "concurrent_pipelines_running": len(held),
                    "max_concurrent_reached": max(
                        int_col(row, "max_concurrent_reached"), len(held)
                    ),
                    HELD: held,
                    "updated_at": self._clock.now(),
                },
            ):
                break
        else:
            raise Aborted("quota", org_slug, "too much contention on the quota row; retry")
        self._record_run(org_slug, run_id, entry, actor=ctx.actor, key_id=ctx.principal.key_id)
        return run_id, self._view(org_slug, sub)

    def _record_run(
        self,
        org_slug: str,
        run_id: str,
        entry: Mapping[str, str],
        *,
        actor: str = "",
        key_id: str | None = None,
        lost: bool = False,
    ) -> None:
        """Write the run row of a counted reservation once (RUNNING; ``lost``: EXPIRED)."""
        start = _when(entry.get("reserved_at")) or self._clock.now()
        lease = _when(entry.get("lease_expires_at")) or start + DEFAULT_LEASE
        row: dict[str, object] = {
            "pipeline_logging_id": run_id,
            "org_slug": org_slug,
            "pipeline_id": entry.get("pipeline_id") or "unknown",
            "status": RUNNING,
            "trigger_type": "api",
            "trigger_by": actor or None,
            "org_api_key_id": key_id,
            "start_time": start,
            "run_date": start.astimezone(dt.UTC).date(),
            "lease_expires_at": lease,
        }
        if lost:
            now = self._clock.now()
            row |= {
                "status": EXPIRED,
                "end_time": now,
                "duration_ms": int((now - start).total_seconds() * 1000),
                "error_message": "reservation lost before its run was recorded; "
                f"lease expired at {lease.astimezone(dt.UTC).isoformat()}",
            }
        self._warehouse.insert_if_absent(
            self._dataset, RUNS, row, ["org_slug", "pipeline_logging_id"]
        )  # absent only once: a retry or ``settle`` that wrote it first wins

    def complete(
        self, org_slug: str, run_id: str, *, succeeded: bool, error_message: str = ""
    ) -> QuotaView:
        """Finish a reserved run once: free its slot and count success or failure.

        Completing again has no further effect; a run that was cancelled or whose lease
        expired is FAILED_PRECONDITION (its slot was freed then).
        """
        status = SUCCESS if succeeded else FAILED
        message = None if succeeded else (error_message[:2000] or None)
        if self.finish(org_slug, run_id, status, error_message=message) is None:
            run = self._run(org_slug, run_id)
            if run is not None and run["status"] in (CANCELLED, EXPIRED):
                raise FailedPrecondition("pipeline_run", run_id, str(run["status"]))
        return self.get(org_slug)

    def finish(
        self,
        org_slug: str,
        run_id: str,
        status: str,
        *,
        error_message: str | None = None,
        expected: Mapping[str, object] | None = None,
    ) -> dict[str, object] | None:
        """Move a RUNNING run to ``status`` once and free its slot; None when it was not running.

        Only a successful run keeps its place in the daily and monthly counts; any other end
        gives it back (on the row of the day it started, for the daily count) and counts it in
        ``pipelines_failed_today`` (a cancelled run in neither).
        """
        run = self._run(org_slug, run_id)
        if run is None:
            raise NotFound("pipeline_run", run_id)
        now = self._clock.now()
        start = run.get("start_time")
        duration = (
            int((now - start).total_seconds() * 1000) if isinstance(start, dt.datetime) else None
        )
        finished = self._warehouse.compare_and_set(
            self._dataset,
            RUNS,
            {"status": status, "end_time": now, "duration_ms": duration,
             "error_message": error_message},
            [Eq("org_slug", org_slug), Eq("pipeline_logging_id", run_id)],
            {"status": RUNNING, **(expected or {})},
        )  # fmt: skip
        if finished:
            self._release(org_slug, run, status, now)
            return run
        ended = self._run(org_slug, run_id)  # ended earlier: its release may have been cut off
        if ended is not None and ended["status"] != RUNNING:
            self._release(org_slug, ended, str(ended["status"]), now)
        return None

    def settle(self, org_slug: str = "") -> int:
        """Release the slots of runs that ended and of reservations lost before their run row.

        For one org, or every org: a run in ``runs_in_flight`` that is no longer RUNNING (its
        release was cut off) is released; one without a run row past its lease (the server
        stopped between counting it and writing it) is recorded as EXPIRED and released, while
        the org may run pipelines (a deleted org's run history stays empty). Returns how many
        were released.
        """
        of_org: list[Predicate] = [Eq("org_slug", org_slug)] if org_slug else []
        holders = {
            str(row["org_slug"]): held
            for row in self._warehouse.select(self._dataset, QUOTAS, [IsNull("sealed_at"), *of_org])
            if (held := _held(row))
        }
        if not holders:
            return 0
        ids = tuple(run_id for held in holders.values() for run_id in held)
        runs = {
            (str(r["org_slug"]), str(r["pipeline_logging_id"])): r
            for r in self._warehouse.select(
                self._dataset, RUNS, [*of_org, In("pipeline_logging_id", ids)]
            )
        }  # one read of the runs holding slots, for one org or every org
        now, released = self._clock.now(), 0
        for org, held in holders.items():
            for run_id, entry in held.items():
                run = runs.get((org, run_id))
                lease = _when(entry.get("lease_expires_at"))
                if run is None and lease is not None and lease <= now and self._usable(org):
                    self._record_run(org, run_id, entry, lost=True)
                    run = self._run(org, run_id)
                if run is not None and run["status"] != RUNNING:
                    released += self._release(org, run, str(run["status"]), now)
        return released

    def _release(
        self, org_slug: str, run: Mapping[str, object], status: str, now: dt.datetime
    ) -> bool:
        """Give the run's slot (and, unless it succeeded, its reservation) back once."""
        limits = _limits(self.subscription(org_slug))
        started = run.get("run_date")
        run_id = str(run["pipeline_logging_id"])
        for _ in range(self._max_attempts):
            row = self.ensure_today(org_slug, limits)
            day = _date(row)
            held = _held(row)
            if held.pop(run_id, None) is None:
                return False  # released already (a retry, or ``settle``)
            values: dict[str, object] = {
                "concurrent_pipelines_running": len(held),
                HELD: held,
                "last_pipeline_completed_at": now,
                "updated_at": now,
            }
            if status == SUCCESS:
                values["pipelines_succeeded_today"] = int_col(row, "pipelines_succeeded_today") + 1
            else:
                if status != CANCELLED:
                    values["pipelines_failed_today"] = int_col(row, "pipelines_failed_today") + 1
                if isinstance(started, dt.date):  # give the reservation back
                    if started == day:
                        values["pipelines_run_today"] = max(
                            0, int_col(row, "pipelines_run_today") - 1
                        )
                    if (started.year, started.month) == (day.year, day.month):
                        values["pipelines_run_month"] = max(
                            0, int_col(row, "pipelines_run_month") - 1
                        )
            if self._cas(org_slug, row, values):
                return True
        raise Aborted("quota", org_slug, "too much contention on the quota row; retry")

    def run(self, org_slug: str, run_id: str) -> dict[str, object] | None:
        """The run's row, or None."""
        return self._run(org_slug, run_id)

    def _run(self, org_slug: str, run_id: str) -> dict[str, object] | None:
        rows = self._warehouse.select(
            self._dataset, RUNS, [Eq("org_slug", org_slug), Eq("pipeline_logging_id", run_id)]
        )
        return rows[0] if rows else None

    def _usable(self, org_slug: str) -> bool:
        """Whether the org may run pipelines (not deleted, cancelled or suspended)."""
        rows = self._warehouse.select(self._dataset, SUBSCRIPTIONS, [Eq("org_slug", org_slug)])
        return bool(rows) and rows[0].get("status") in USABLE_SUBSCRIPTION

    def _check_usable(self, org_slug: str, sub: Mapping[str, object]) -> None:
        status = str(sub.get("status") or "")
        if status not in USABLE_SUBSCRIPTION:
            raise FailedPrecondition(
                "subscription", org_slug, status, f"subscription of '{org_slug}' is {status}"
            )
        trial_end = sub.get("trial_end_date")
        if status == "TRIAL" and isinstance(trial_end, dt.date) and trial_end < self._today():
            raise FailedPrecondition(
                "subscription",
                org_slug,
                "TRIAL_ENDED",
                f"the trial of '{org_slug}' ended on {trial_end}",
            )

    def _check_limits(
        self, org_slug: str, limits: Limits, today: int, month: int, running: int
    ) -> None:
        now = self._clock.now().astimezone(dt.UTC)
        if today >= limits.daily_limit:
            tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), dt.UTC)
            self._exhausted(org_slug, "daily_limit", limits.daily_limit, tomorrow - now)
        if month >= limits.monthly_limit:
            first = now.date().replace(day=1) + dt.timedelta(days=32)
            next_month = dt.datetime.combine(first.replace(day=1), dt.time(), dt.UTC)
            self._exhausted(org_slug, "monthly_limit", limits.monthly_limit, next_month - now)
        if running >= limits.concurrent_limit:
            self._exhausted(
                org_slug,
                "concurrent_limit",
                limits.concurrent_limit,
                dt.timedelta(seconds=CONCURRENT_RETRY_SECONDS),
            )

    @staticmethod
    def _exhausted(org_slug: str, limit: str, value: int, wait: dt.timedelta) -> None:
        raise ResourceExhausted(
            f"pipeline {limit} of {value} reached for '{org_slug}'",
            violations=[QuotaViolation(org_slug, limit, f"{limit} of {value} reached")],
            retry_after_seconds=max(1.0, round(wait.total_seconds())),
            metadata={"org_slug": org_slug, "limit": limit},
        )


def _limits(sub: Mapping[str, object]) -> Limits:
    return Limits(
        daily_limit=int_col(sub, "daily_limit"),
        monthly_limit=int_col(sub, "monthly_limit"),
        concurrent_limit=int_col(sub, "concurrent_limit"),
        seat_limit=int_col(sub, "seat_limit", 1),
        providers_limit=int_col(sub, "providers_limit", 1),
    )

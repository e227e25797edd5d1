"""Pipeline runs on both warehouses with a fake clock: leases, expiry, cancel, quota use, lists.

Both backends: expiry and renewal are compare-and-sets on a TIMESTAMP lease, whose equality
must hold on each warehouse.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cloudact_grpc.adapters.plans_file import load_plans
from cloudact_grpc.adapters.warehouse.schemas import central_tables, org_tables
from cloudact_grpc.app import OrgServices, org_services
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import FailedPrecondition, InvalidArgument, ResourceExhausted
from cloudact_grpc.domain.principal import ROOT
from cloudact_grpc.ports.warehouse import Eq, Warehouse, WarehouseError
from cloudact_grpc.services.api_keys import ApiKeyService
from cloudact_grpc.services.audit import AuditService
from cloudact_grpc.services.bootstrap import BootstrapService
from cloudact_grpc.services.columns import int_col
from cloudact_grpc.services.org_rows import delete_run_history, set_quota_row
from cloudact_grpc.services.org_subscriptions import SubscriptionUpdate
from cloudact_grpc.services.pipeline_runs import PipelineRunService, RunFilter, run_filter
from cloudact_grpc.services.quotas import HELD, QUOTAS, RUNS, QuotaService
from tests.support.backends import BOTH_BACKENDS
from tests.support.clocks import FixedClock
from tests.support.faults import ROW_WRITES, fail_once

BOTH = pytest.mark.parametrize("warehouse", BOTH_BACKENDS, indirect=True)

CONFIGS = Path(__file__).resolve().parents[2] / "configs"
CTX = CallContext(ROOT, "req-1")
NOON = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)


@dataclass
class Env:
    clock: FixedClock
    quotas: QuotaService
    runs: PipelineRunService
    org: str
    orgs: OrgServices

    def later(self, **delta: float) -> None:
        self.clock.at = self.clock.at + dt.timedelta(**delta)


@pytest.fixture
def env(warehouse: Warehouse) -> Iterator[Env]:
    tag = uuid.uuid4().hex[:8]
    central = f"organizations_{tag}"
    clock = FixedClock(NOON)
    bootstrap = BootstrapService(
        warehouse, central_tables(CONFIGS), org_tables(CONFIGS), central_dataset=central
    )
    bootstrap.bootstrap()
    keys = ApiKeyService(warehouse, b"s" * 32, dataset=central, clock=clock)
    quotas = QuotaService(warehouse, dataset=central, clock=clock)
    audit = AuditService(warehouse, dataset=central, clock=clock)
    orgs = org_services(
        warehouse, bootstrap, keys, quotas, audit, load_plans(CONFIGS), dataset_suffix=f"t{tag}",
        default_location="US", development=False, dataset=central, clock=clock,
    )  # fmt: skip
    org = f"runs_{tag}"
    orgs.onboarding.onboard(CTX, org, "Runs Inc", "ops@runs.io", "FREE")
    orgs.subscriptions.update(
        CTX, org, SubscriptionUpdate(daily_limit=3, monthly_limit=10, concurrent_limit=1)
    )
    yield Env(
        clock, quotas, PipelineRunService(warehouse, quotas, dataset=central, clock=clock), org,
        orgs,
    )  # fmt: skip
    warehouse.drop_dataset(f"{org}_t{tag}")
    warehouse.drop_dataset(central)


def _limit(env: Env) -> str:
    with pytest.raises(ResourceExhausted) as caught:
        env.runs.reserve(CTX, env.org, "p")
    return caught.value.violations[0].limit


@BOTH
def test_an_expired_lease_frees_the_slot_and_gives_the_quota_back(env: Env) -> None:
    first = env.runs.reserve(CTX, env.org, "gcp_billing", lease_seconds=60)
    assert first.lease_expires_at == NOON + dt.timedelta(seconds=60)
    assert _limit(env) == "concurrent_limit"  # the one slot is held
    env.later(seconds=59)
    assert _limit(env) == "concurrent_limit"  # still within the lease
    env.later(seconds=2)  # the pipeline died: no renewal
    second = env.runs.reserve(CTX, env.org, "gcp_billing")
    run = env.quotas.run(env.org, first.run_id)
    assert run is not None and run["status"] == "EXPIRED"
    assert "lease expired" in str(run["error_message"])
    view = second.quota
    # The expired run gave its reservation back: only the new one counts.
    assert (view.pipelines_run_today, view.pipelines_run_month) == (1, 1)
    assert (view.concurrent_running, view.pipelines_failed_today) == (1, 1)
    # The dead pipeline comes back: its renewal and completion are refused.
    with pytest.raises(FailedPrecondition) as caught:
        env.runs.renew(env.org, first.run_id)
    assert caught.value.metadata["state"] == "EXPIRED"
    with pytest.raises(FailedPrecondition):
        env.runs.complete(env.org, first.run_id, succeeded=True)


@BOTH
def test_renewing_keeps_a_run_alive(env: Env) -> None:
    reserved = env.runs.reserve(CTX, env.org, "p", lease_seconds=60)
    for _ in range(5):
        env.later(seconds=50)
        expires = env.runs.renew(env.org, reserved.run_id, lease_seconds=60)
        assert expires == env.clock.at + dt.timedelta(seconds=60)
    assert env.runs.expire_stale(env.org) == 0
    assert _limit(env) == "concurrent_limit"
    env.later(seconds=61)
    assert env.runs.expire_stale() == 1  # across orgs too
    with pytest.raises(FailedPrecondition):
        env.runs.renew(env.org, reserved.run_id)


@BOTH
def test_only_successful_runs_use_quota(env: Env) -> None:
    for _ in range(3):
        run = env.runs.reserve(CTX, env.org, "p").run_id
        view = env.runs.complete(env.org, run, succeeded=False, error_message="boom")
    assert (view.pipelines_run_today, view.pipelines_run_month) == (0, 0)
    assert (view.pipelines_failed_today, view.concurrent_running) == (3, 0)
    for _ in range(3):  # the daily limit of 3 is still whole
        run = env.runs.reserve(CTX, env.org, "p").run_id
        view = env.runs.complete(env.org, run, succeeded=True)
    assert (view.pipelines_run_today, view.pipelines_succeeded_today) == (3, 3)
    assert _limit(env) == "daily_limit"
    # Completing again changes nothing.
    again = env.runs.complete(env.org, run, succeeded=True)
    assert (again.pipelines_run_today, again.pipelines_succeeded_today) == (3, 3)


@BOTH
def test_a_failure_the_next_day_gives_back_only_the_month(env: Env) -> None:
    run = env.runs.reserve(CTX, env.org, "p", lease_seconds=3600).run_id
    env.clock.at = dt.datetime(2026, 3, 11, 0, 10, tzinfo=dt.UTC)
    view = env.runs.complete(env.org, run, succeeded=False)
    assert (view.pipelines_run_today, view.pipelines_run_month) == (0, 0)
    assert (view.concurrent_running, view.pipelines_failed_today) == (0, 1)


@BOTH
def test_cancel_frees_the_slot_and_stops_the_pipeline(env: Env) -> None:
    run = env.runs.reserve(CTX, env.org, "p").run_id
    cancelled = env.runs.cancel(env.org, run, "operator asked")
    assert (cancelled["status"], cancelled["error_message"]) == ("CANCELLED", "operator asked")
    assert env.runs.cancel(env.org, run)["status"] == "CANCELLED"  # again: no effect
    view = env.quotas.get(env.org)
    assert (view.concurrent_running, view.pipelines_run_today) == (0, 0)
    assert view.pipelines_failed_today == 0  # cancelled is not a failure
    with pytest.raises(FailedPrecondition) as caught:
        env.runs.renew(env.org, run)
    assert caught.value.metadata["state"] == "CANCELLED"
    with pytest.raises(FailedPrecondition):
        env.runs.complete(env.org, run, succeeded=True)
    done = env.runs.reserve(CTX, env.org, "p").run_id
    env.runs.complete(env.org, done, succeeded=True)
    with pytest.raises(FailedPrecondition) as caught:
        env.runs.cancel(env.org, done)
    assert caught.value.metadata["state"] == "SUCCESS"


@BOTH
def test_lists_are_newest_first_filtered_and_paged(env: Env) -> None:
    ids = []
    for i, ok in enumerate([True, False, True]):
        env.later(minutes=1)
        run = env.runs.reserve(CTX, env.org, f"pipe_{i % 2}").run_id
        env.later(seconds=2)
        env.runs.complete(env.org, run, succeeded=ok, error_message="" if ok else "bad creds")
        ids.append(run)
    env.later(minutes=1)
    running = env.runs.reserve(CTX, env.org, "pipe_0").run_id
    page = env.runs.list_runs(env.org, RunFilter(), limit=2)
    assert [r["pipeline_logging_id"] for r in page.runs] == [running, ids[2]]
    assert (page.total, page.limit, page.offset) == (4, 2, 0)
    rest = env.runs.list_runs(env.org, RunFilter(), limit=2, page_token=page.next_page_token)
    assert [r["pipeline_logging_id"] for r in rest.runs] == [ids[1], ids[0]]
    assert rest.next_page_token == ""
    failed = env.runs.list_runs(env.org, run_filter(
        status="failed", pipeline_id="", start_date="", end_date="", today=NOON.date()
    ))  # fmt: skip
    assert [(r["status"], r["error_message"], r["duration_ms"]) for r in failed.runs] == [
        ("FAILED", "bad creds", 2000)
    ]
    completed = run_filter(
        status="COMPLETED", pipeline_id="pipe_0", start_date="2026-03-10", end_date="2026-03-10",
        today=NOON.date(),
    )  # fmt: skip
    assert [r["pipeline_logging_id"] for r in env.runs.list_runs(env.org, completed).runs] == [
        ids[2],
        ids[0],
    ]
    other_day = run_filter(
        status="", pipeline_id="", start_date="2026-03-11", end_date="", today=NOON.date()
    )
    assert env.runs.list_runs(env.org, other_day).total == 0
    found, steps = env.runs.get_run(env.org, ids[1])
    assert (found["status"], steps) == ("FAILED", [])


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"status": "DONE"}, "status_filter"),
        ({"start_date": "2026-3-1"}, "start_date"),
        ({"start_date": "2026-03-05", "end_date": "2026-03-01"}, "end_date"),
    ],
)
def test_bad_filters_name_the_field(kwargs: dict[str, str], field: str) -> None:
    args = {"status": "", "pipeline_id": "", "start_date": "", "end_date": "", **kwargs}
    with pytest.raises(InvalidArgument) as caught:
        run_filter(**args, today=NOON.date())
    assert [v.field for v in caught.value.violations] == [field]


@BOTH
def test_bad_leases_and_pages_name_the_field(env: Env) -> None:
    assert env.runs.list_runs(env.org, RunFilter(), limit=5000).limit == 1000  # the cap
    with pytest.raises(InvalidArgument) as caught:
        env.runs.list_runs(env.org, RunFilter(), limit=-1)
    assert [v.field for v in caught.value.violations] == ["limit"]
    for seconds in (5, 3601, -1):
        with pytest.raises(InvalidArgument) as caught:
            env.runs.reserve(CTX, env.org, "p", lease_seconds=seconds)
        assert [v.field for v in caught.value.violations] == ["lease_seconds"]
    with pytest.raises(InvalidArgument) as caught:
        env.runs.list_runs(env.org, RunFilter(), page_token="nope")
    assert [v.field for v in caught.value.violations] == ["page_token"]


# ---- cut off between statements: a slot is taken and given back exactly once ----------------


def _usage(env: Env) -> tuple[int, int, int, int, int]:
    v = env.quotas.get(env.org)
    return (
        v.pipelines_run_today, v.pipelines_run_month, v.concurrent_running,
        v.pipelines_succeeded_today, v.pipelines_failed_today,
    )  # fmt: skip


@BOTH
def test_a_reservation_cut_off_before_its_run_row_counts_once_on_retry(
    env: Env, warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    cut = fail_once(monkeypatch, warehouse, ROW_WRITES, RUNS)
    with pytest.raises(WarehouseError):  # the quota row was counted, the run row not written
        env.runs.reserve(CTX, env.org, "p", "req-a")
    assert cut
    retried = env.runs.reserve(CTX, env.org, "p", "req-a")  # the client's retry, same id
    assert _usage(env) == (1, 1, 1, 0, 0)
    (run,) = env.runs.list_runs(env.org, RunFilter()).runs
    assert (run["pipeline_logging_id"], run["status"]) == (retried.run_id, "RUNNING")
    env.runs.complete(env.org, retried.run_id, succeeded=True)
    assert _usage(env) == (1, 1, 0, 1, 0)


@BOTH
def test_a_reservation_cut_off_and_never_retried_frees_its_slot_after_its_lease(
    env: Env, warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    cut = fail_once(monkeypatch, warehouse, ROW_WRITES, RUNS)
    with pytest.raises(WarehouseError):
        env.runs.reserve(CTX, env.org, "p", "lost", lease_seconds=60)
    assert cut
    assert _limit(env) == "concurrent_limit"  # held while its lease may still be in use
    env.later(seconds=61)
    env.runs.list_runs("", RunFilter())  # a listing of every org's runs settles it
    assert _usage(env) == (0, 0, 0, 0, 1)  # the lost one gave its quota back, as an expiry
    fresh = env.runs.reserve(CTX, env.org, "p")
    assert _usage(env) == (1, 1, 1, 0, 1)
    runs = {r["pipeline_logging_id"]: r for r in env.runs.list_runs(env.org, RunFilter()).runs}
    assert runs[fresh.run_id]["status"] == "RUNNING"
    (lost,) = [r for r in runs.values() if r["pipeline_logging_id"] != fresh.run_id]
    assert lost["status"] == "EXPIRED" and lost["pipeline_id"] == "p"
    # The client comes back with the lost request: the run it names has ended.
    again = env.runs.reserve(CTX, env.org, "p", "lost")
    assert again.run_id == lost["pipeline_logging_id"]
    assert _usage(env) == (1, 1, 1, 0, 1)


@BOTH
def test_an_end_cut_off_before_the_slot_is_freed_frees_it_once(
    env: Env, warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (how the run ends, the usage after it: today, month, running, succeeded, failed)
    ends = [
        ("fail", (0, 0, 0, 0, 1)),
        ("cancel", (0, 0, 0, 0, 1)),  # cancelled is not a failure
        ("expire", (0, 0, 0, 0, 2)),
        ("complete", (1, 1, 0, 1, 2)),
    ]
    for end, usage in ends:
        run = env.runs.reserve(CTX, env.org, "p", f"req-{end}", lease_seconds=60).run_id

        def call(end: str = end, run: str = run) -> None:
            if end in ("complete", "fail"):
                env.runs.complete(env.org, run, succeeded=end == "complete", error_message="x")
            elif end == "cancel":
                env.runs.cancel(env.org, run)
            else:
                env.runs.expire_stale(env.org)

        if end == "expire":
            env.later(seconds=61)
        cut = fail_once(monkeypatch, warehouse, "compare_and_set", QUOTAS)
        with pytest.raises(WarehouseError):  # the run row moved on, the quota row not yet
            call()
        assert cut, end
        call()  # the retry (for an expiry: the next call that expires runs)
        call()  # and once more: nothing further
        assert _usage(env) == usage, end  # and the one slot is free for the next run


@BOTH
def test_a_quota_row_from_before_slots_were_tracked_adopts_the_running_runs(
    env: Env, warehouse: Warehouse
) -> None:
    run = env.runs.reserve(CTX, env.org, "p").run_id
    central = env.runs.dataset
    warehouse.update(central, QUOTAS, {HELD: None}, [Eq("org_slug", env.org)])  # an old row
    assert _limit(env) == "concurrent_limit"  # the running run still holds the one slot
    env.runs.complete(env.org, run, succeeded=True)
    assert _usage(env) == (1, 1, 0, 1, 0)
    (row,) = warehouse.select(central, QUOTAS, [Eq("org_slug", env.org)])
    assert row[HELD] == {}


@BOTH
def test_a_deleted_orgs_runs_in_flight_leave_no_run_behind(env: Env) -> None:
    env.runs.reserve(CTX, env.org, "p", lease_seconds=60)
    env.orgs.orgs.delete(CTX, env.org, env.org, delete_dataset=False)
    (row,) = env.runs.warehouse.select(env.runs.dataset, QUOTAS, [Eq("org_slug", env.org)])
    assert (row[HELD], row["concurrent_pipelines_running"]) == ({}, 0)
    env.later(seconds=61)
    assert env.runs.list_runs("", RunFilter()).runs == ()  # every org's runs


def test_a_reservation_read_before_the_history_is_deleted_cannot_write_its_slots_back(
    env: Env, warehouse: Warehouse
) -> None:
    """Clearing the slots is a compare-and-set: a racing reservation's stale write loses."""
    env.runs.reserve(CTX, env.org, "p", lease_seconds=60)
    central, where = env.runs.dataset, [Eq("org_slug", env.org)]
    (stale,) = warehouse.select(central, QUOTAS, where)  # a reservation read the row ...
    delete_run_history(warehouse, central, env.org)  # ... the org is deleted meanwhile ...
    write_back = {HELD: stale[HELD], "concurrent_pipelines_running": 1}
    assert not set_quota_row(warehouse, central, env.org, stale, write_back)  # ... and it loses
    (row,) = warehouse.select(central, QUOTAS, where)
    assert (row[HELD], row["concurrent_pipelines_running"]) == ({}, 0)
    assert row["version"] == int_col(stale, "version") + 1


@BOTH
def test_a_reservation_refused_by_a_slot_left_held_settles_the_slots_first(
    env: Env, warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = env.runs.reserve(CTX, env.org, "p").run_id
    cut = fail_once(monkeypatch, warehouse, "compare_and_set", QUOTAS)
    with pytest.raises(WarehouseError):  # the run FAILED, its slot not yet given back
        env.runs.complete(env.org, run, succeeded=False)
    assert cut
    fresh = env.runs.reserve(CTX, env.org, "p")  # never retried: the next reservation frees it
    assert fresh.quota.concurrent_running == 1
    assert _usage(env) == (1, 1, 1, 0, 1)

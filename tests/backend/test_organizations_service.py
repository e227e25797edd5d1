"""Organisations, API keys, quotas and audit over both warehouses (DuckDB and the BQ emulator)."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import uuid
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from cloudact_grpc.adapters.plans_file import load_plans
from cloudact_grpc.adapters.warehouse.schemas import central_tables, org_tables
from cloudact_grpc.app import OrgServices, org_services
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import (
    AlreadyExists,
    DomainError,
    InvalidArgument,
    PermissionDenied,
    ResourceExhausted,
    Unauthenticated,
)
from cloudact_grpc.domain.principal import ROOT
from cloudact_grpc.ports.warehouse import Eq, TableSchema, Warehouse, WarehouseError
from cloudact_grpc.services.api_keys import ApiKeyService
from cloudact_grpc.services.audit import AuditFilter, AuditService
from cloudact_grpc.services.bootstrap import BootstrapService
from cloudact_grpc.services.org_subscriptions import SubscriptionUpdate
from cloudact_grpc.services.quotas import QuotaService

CONFIGS = Path(__file__).resolve().parents[2] / "configs"
PLANS = load_plans(CONFIGS)
CTX = CallContext(ROOT, "req-1")


class FakeClock:
    """A settable UTC clock."""

    def __init__(self, now: dt.datetime) -> None:
        self._now = now
        self._lock = threading.Lock()

    def now(self) -> dt.datetime:
        with self._lock:
            return self._now

    def set(self, now: dt.datetime) -> None:
        with self._lock:
            self._now = now


class FailingDatasetWarehouse:
    """A real warehouse whose table creation fails inside per-org datasets (fault injection)."""

    def __init__(self, inner: Warehouse, suffix: str) -> None:
        self._inner = inner
        self._suffix = suffix

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)

    def create_table(self, dataset: str, schema: TableSchema) -> None:
        if dataset.endswith(self._suffix):
            raise WarehouseError("injected failure")
        self._inner.create_table(dataset, schema)


@dataclass
class Stack:
    wh: Warehouse
    central: str
    suffix: str
    clock: FakeClock
    keys: ApiKeyService
    quotas: QuotaService
    audit: AuditService
    org: OrgServices
    bootstrap: BootstrapService

    def rows(self, table: str, slug: str) -> list[dict[str, object]]:
        return self.wh.select(self.central, table, [Eq("org_slug", slug)])


def build(wh: Warehouse, central: str, suffix: str, clock: FakeClock) -> Stack:
    bootstrap = BootstrapService(wh, central_tables(CONFIGS), org_tables(CONFIGS),
                                 central_dataset=central)  # fmt: skip
    keys = ApiKeyService(wh, b"s" * 32, dataset=central, clock=clock)
    quotas = QuotaService(wh, dataset=central, clock=clock)
    audit = AuditService(wh, dataset=central, clock=clock)
    org = org_services(
        wh, bootstrap, keys, quotas, audit, PLANS, dataset_suffix=suffix,
        default_location="US", development=False, dataset=central, clock=clock,
    )  # fmt: skip
    return Stack(wh, central, suffix, clock, keys, quotas, audit, org, bootstrap)


@pytest.fixture
def stack(warehouse: Warehouse) -> Iterator[Stack]:
    tag = uuid.uuid4().hex[:8]
    central = f"organizations_{tag}"
    s = build(warehouse, central, f"t{tag}", FakeClock(dt.datetime(2026, 3, 30, 12, tzinfo=dt.UTC)))
    s.bootstrap.bootstrap()
    yield s
    warehouse.drop_dataset(central)


def slug() -> str:
    return f"org_{uuid.uuid4().hex[:10]}"


def onboard(s: Stack, name: str, plan: str = "FREE") -> str:
    return s.org.onboarding.onboard(CTX, name, "Acme Inc", "ops@acme.io", plan).api_key


def test_onboarding_writes_everything_and_the_key_authenticates(stack: Stack) -> None:
    name = slug()
    with pytest.raises(InvalidArgument) as upper:
        stack.org.onboarding.onboard(CTX, name.upper(), "Acme Inc", "ops@acme.io", "professional")
    assert upper.value.violations[0].field == "org_slug"
    assert f"did you mean '{name}'" in upper.value.violations[0].description
    result = stack.org.onboarding.onboard(
        CTX, f" {name} ", "Acme Inc", "ops@acme.io", "professional"
    )
    assert result.org_slug == name and result.subscription_plan == "PRO"
    assert result.api_key.startswith(f"ca_{name}_") and len(result.api_key) >= len(name) + 4 + 43
    assert stack.wh.dataset_exists(f"{name}_{stack.suffix}")
    assert [r["status"] for r in stack.rows("org_profiles", name)] == ["ACTIVE"]
    (key_row,) = stack.rows("org_api_keys", name)
    assert result.api_key not in str(key_row.values())
    assert key_row["key_fingerprint"] == str(key_row["key_hash"])[:8]
    (sub,) = stack.rows("org_subscriptions", name)
    assert (sub["plan_name"], sub["daily_limit"], sub["monthly_limit"]) == ("PRO", 25, 750)
    assert len(stack.rows("org_usage_quotas", name)) == 1
    principal = stack.keys.authenticate(result.api_key)
    assert principal.org_slug == name and principal.key_id == key_row["org_api_key_id"]
    audit = stack.rows("org_audit_logs", name)
    assert [(a["action"], a["status"], a["actor"], a["request_id"]) for a in audit] == [
        ("CREATE", "SUCCESS", "root", "req-1")
    ]


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        ({"org_slug": "Bad-Slug!"}, "org_slug"),
        ({"org_slug": "x; DROP TABLE org_profiles"}, "org_slug"),
        ({"org_slug": "ab"}, "org_slug"),
        ({"company_name": "A"}, "company_name"),
        ({"company_name": "A" * 201}, "company_name"),
        ({"admin_email": "not-an-email"}, "admin_email"),
        ({"admin_email": "a@b"}, "admin_email"),
        ({"subscription_plan": "GOLD"}, "subscription_plan"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    stack: Stack, fields: Mapping[str, str], bad: str
) -> None:
    args = {"org_slug": slug(), "company_name": "Acme", "admin_email": "a@acme.io",
            "subscription_plan": "FREE", **fields}  # fmt: skip
    with pytest.raises(InvalidArgument) as caught:
        stack.org.onboarding.onboard(
            CTX,
            args["org_slug"],
            args["company_name"],
            args["admin_email"],
            args["subscription_plan"],
        )
    assert [v.field for v in caught.value.violations] == [bad]
    assert stack.wh.select(stack.central, "org_profiles") == []
    assert stack.wh.select(stack.central, "org_audit_logs") == []


def test_onboarding_is_all_or_nothing_and_names_the_step(warehouse: Warehouse) -> None:
    tag = uuid.uuid4().hex[:8]
    central, suffix = f"organizations_{tag}", f"t{tag}"
    clock = FakeClock(dt.datetime(2026, 3, 30, 12, tzinfo=dt.UTC))
    build(warehouse, central, suffix, clock).bootstrap.bootstrap()
    failing = build(FailingDatasetWarehouse(warehouse, suffix), central, suffix, clock)  # type: ignore[arg-type]
    name = slug()
    try:
        with pytest.raises(DomainError) as caught:
            onboard(failing, name)
        assert caught.value.metadata["failed_step"] == "dataset"
        for table in ("org_profiles", "org_api_keys", "org_subscriptions", "org_usage_quotas"):
            assert warehouse.select(central, table, [Eq("org_slug", name)]) == [], table
        assert not warehouse.dataset_exists(f"{name}_{suffix}")
        (audit,) = warehouse.select(central, "org_audit_logs", [Eq("org_slug", name)])
        assert audit["status"] == "FAILURE"
        # The slug is free again afterwards.
        ok = build(warehouse, central, suffix, clock)
        assert onboard(ok, name).startswith("ca_")
    finally:
        warehouse.drop_dataset(central)
        warehouse.drop_dataset(f"{name}_{suffix}")


def test_twenty_concurrent_onboardings_of_one_slug_have_one_winner(stack: Stack) -> None:
    name = slug()

    def attempt(_: int) -> str:
        try:
            return onboard(stack, name)
        except AlreadyExists:
            return "exists"

    with ThreadPoolExecutor(20) as pool:
        outcomes = list(pool.map(attempt, range(20)))
    assert sum(o != "exists" for o in outcomes) == 1
    assert len(stack.rows("org_profiles", name)) == 1
    assert len(stack.rows("org_api_keys", name)) == 1
    assert len(stack.rows("org_subscriptions", name)) == 1
    assert stack.wh.dataset_exists(f"{name}_{stack.suffix}")
    stack.wh.drop_dataset(f"{name}_{stack.suffix}")


def test_rotation_revocation_and_deletion_refuse_old_keys(stack: Stack) -> None:
    name = slug()
    first = onboard(stack, name)
    assert stack.keys.authenticate(first).org_slug == name  # cached now
    issued, revoked = stack.org.orgs.rotate_api_key(CTX, name)
    assert revoked == 1
    with pytest.raises(Unauthenticated) as caught:
        stack.keys.authenticate(first)
    assert caught.value.reason == "API_KEY_INVALID"
    assert stack.keys.authenticate(issued.api_key).org_slug == name
    assert stack.org.orgs.key_info(name).fingerprint == issued.fingerprint
    with pytest.raises(Unauthenticated):
        stack.keys.authenticate("ca_" + "x" * 50)
    result = stack.org.orgs.delete(CTX, name, name, delete_dataset=True)
    assert result.api_keys_revoked == 1 and result.dataset_deleted
    assert not stack.wh.dataset_exists(f"{name}_{stack.suffix}")
    with pytest.raises(Unauthenticated):
        stack.keys.authenticate(issued.api_key)
    with pytest.raises(InvalidArgument) as bad:
        stack.org.orgs.delete(CTX, name, "other", delete_dataset=False)
    assert bad.value.violations[0].field == "confirm_org_slug"
    # Re-onboarding a deleted slug starts clean.
    again = onboard(stack, name)
    assert stack.keys.authenticate(again).org_slug == name
    assert len([r for r in stack.rows("org_api_keys", name) if r["is_active"]]) == 1
    actions = sorted((a["action"], a["status"]) for a in stack.rows("org_audit_logs", name))
    assert actions == [("CREATE", "SUCCESS"), ("CREATE", "SUCCESS"), ("DELETE", "SUCCESS"),
                       ("ROTATE", "SUCCESS")]  # fmt: skip
    stack.wh.drop_dataset(f"{name}_{stack.suffix}")


def test_suspended_org_key_is_refused(stack: Stack) -> None:
    name = slug()
    key = onboard(stack, name)
    stack.keys.authenticate(key)
    stack.org.subscriptions.update(CTX, name, SubscriptionUpdate(status="SUSPENDED"))
    with pytest.raises(PermissionDenied) as caught:
        stack.keys.authenticate(key)
    assert caught.value.reason == "ORG_INACTIVE"
    stack.wh.drop_dataset(f"{name}_{stack.suffix}")


def test_subscription_update_validates_and_applies_to_quotas(stack: Stack) -> None:
    name = slug()
    onboard(stack, name)
    with pytest.raises(InvalidArgument) as caught:
        stack.org.subscriptions.update(
            CTX, name, SubscriptionUpdate(daily_limit=0, monthly_limit=400_000, status="NOPE")
        )
    assert sorted(v.field for v in caught.value.violations) == [
        "daily_limit", "monthly_limit", "status"]  # fmt: skip
    sub = stack.org.subscriptions.update(
        CTX, name, SubscriptionUpdate(plan_name="PRO", daily_limit=1000, monthly_limit=25000)
    )
    assert (sub.plan_name, sub.limits.daily_limit, sub.limits.monthly_limit) == ("PRO", 1000, 25000)
    assert stack.quotas.get(name).daily_limit == 1000
    assert stack.org.orgs.get_profile(name).subscription_plan == "PRO"
    stack.wh.drop_dataset(f"{name}_{stack.suffix}")


def _limited_org(s: Stack, limits: SubscriptionUpdate) -> str:
    """A fresh org on FREE with these pipeline ``limits``: its slug."""
    name = slug()
    onboard(s, name)
    s.org.subscriptions.update(CTX, name, limits)
    return name


def _reserve(s: Stack, name: str) -> str:
    """One reservation: its run id, or the limit that refused it."""
    try:
        return s.quotas.reserve(CTX, name, "p")[0]
    except ResourceExhausted as exc:
        return exc.violations[0].limit


def _reserve_all(s: Stack, name: str, n: int) -> list[str]:
    return [_reserve(s, name) for _ in range(n)]


def test_daily_limit_allows_exactly_n(stack: Stack) -> None:
    name = _limited_org(stack, SubscriptionUpdate(daily_limit=4, concurrent_limit=10))
    outcomes = _reserve_all(stack, name, 5)
    assert outcomes[4] == "daily_limit" and all(len(o) == 32 for o in outcomes[:4])
    with pytest.raises(ResourceExhausted) as caught:
        stack.quotas.reserve(CTX, name, "p")
    assert caught.value.violations[0].subject == name
    assert caught.value.retry_after_seconds == 12 * 3600
    view = stack.quotas.get(name)
    assert (view.pipelines_run_today, view.concurrent_running) == (4, 4)
    stack.wh.drop_dataset(f"{name}_{stack.suffix}")


def test_concurrent_limit_holds_under_twenty_parallel_reservations(stack: Stack) -> None:
    name = _limited_org(
        stack, SubscriptionUpdate(daily_limit=100, monthly_limit=3000, concurrent_limit=3)
    )
    with ThreadPoolExecutor(20) as pool:
        outcomes = list(pool.map(lambda _: _reserve(stack, name), range(20)))
    runs = [o for o in outcomes if o != "concurrent_limit"]
    assert len(runs) == 3
    assert stack.quotas.get(name).concurrent_running == 3
    view = stack.quotas.complete(name, runs[0], succeeded=True)
    assert (view.concurrent_running, view.pipelines_succeeded_today) == (2, 1)
    again = stack.quotas.complete(name, runs[0], succeeded=True)  # no double counting
    assert (again.concurrent_running, again.pipelines_succeeded_today) == (2, 1)
    assert stack.quotas.reserve(CTX, name, "p")[1].concurrent_running == 3
    stack.wh.drop_dataset(f"{name}_{stack.suffix}")


def test_monthly_count_spans_days_and_resets_next_month(stack: Stack) -> None:
    name = _limited_org(
        stack, SubscriptionUpdate(daily_limit=2, monthly_limit=3, concurrent_limit=10)
    )
    assert _reserve_all(stack, name, 3)[2] == "daily_limit"
    stack.clock.set(dt.datetime(2026, 3, 31, 8, tzinfo=dt.UTC))
    outcomes = _reserve_all(stack, name, 2)
    assert len(outcomes[0]) == 32 and outcomes[1] == "monthly_limit"
    assert stack.quotas.get(name).pipelines_run_month == 3
    stack.clock.set(dt.datetime(2026, 4, 1, 0, 5, tzinfo=dt.UTC))
    view = stack.quotas.get(name)
    assert (view.pipelines_run_month, view.pipelines_run_today, view.concurrent_running) == (
        0,
        0,
        3,
    )
    stack.wh.drop_dataset(f"{name}_{stack.suffix}")


def test_audit_listing_filters_and_pages(stack: Stack) -> None:
    name = slug()
    onboard(stack, name)
    for _ in range(3):
        stack.org.orgs.rotate_api_key(CallContext(ROOT, "rot"), name)
    page = stack.audit.list(name, AuditFilter(action="rotate"), page_size=2)
    assert [e.action for e in page.entries] == ["ROTATE", "ROTATE"] and page.next_page_token
    rest = stack.audit.list(name, AuditFilter(action="rotate"), page_size=2,
                            page_token=page.next_page_token)  # fmt: skip
    assert len(rest.entries) == 1 and rest.next_page_token == ""
    with pytest.raises(InvalidArgument):
        stack.audit.list(name, AuditFilter(action="CREATE"), page_token=page.next_page_token)
    day = stack.clock.now().date()
    everything = stack.audit.list(name, AuditFilter(start_date=day, end_date=day))
    assert len(everything.entries) == 4
    stack.wh.drop_dataset(f"{name}_{stack.suffix}")


def test_dry_run_checks_without_writing(stack: Stack) -> None:
    name = slug()
    ok = stack.org.onboarding.dry_run(name, "Acme", "a@acme.io", "FREE")
    assert ok.ready
    bad = stack.org.onboarding.dry_run("BAD!", "A", "x", "GOLD")
    failed = {c.name for c in bad.checks if not c.passed}
    assert {"org_slug_format", "company_name", "email_format", "subscription_plan"} <= failed
    assert stack.wh.select(stack.central, "org_profiles") == []


def test_day_boundary_seals_yesterday_so_no_slot_is_lost(stack: Stack) -> None:
    """A write racing on yesterday's row after today's row took over must fail and retry."""
    name = slug()
    stack.clock.set(dt.datetime(2026, 3, 30, 23, 59, tzinfo=dt.UTC))
    onboard(stack, name, "PRO")
    stack.quotas.reserve(CTX, name, "p")
    (yesterday,) = stack.rows("org_usage_quotas", name)
    stale_version = int(str(yesterday["version"]))  # what a racing writer read before midnight

    stack.clock.set(dt.datetime(2026, 3, 31, 0, 0, 1, tzinfo=dt.UTC))
    stack.quotas.reserve(CTX, name, "p")  # creates today's row, sealing yesterday's first

    racing_write = stack.wh.compare_and_set(
        stack.central, "org_usage_quotas",
        {"pipelines_run_today": 99, "version": stale_version + 1},
        [Eq("org_slug", name), Eq("usage_date", dt.date(2026, 3, 30))],
        {"version": stale_version},
    )  # fmt: skip
    assert racing_write is False
    rows = {r["usage_date"]: r for r in stack.rows("org_usage_quotas", name)}
    assert rows[dt.date(2026, 3, 30)]["sealed_at"] is not None
    today = rows[dt.date(2026, 3, 31)]
    assert today["sealed_at"] is None
    assert (today["pipelines_run_today"], today["pipelines_run_month"]) == (1, 2)
    assert today["concurrent_pipelines_running"] == 2


def test_reservations_across_midnight_count_every_slot(stack: Stack) -> None:
    name = slug()
    stack.clock.set(dt.datetime(2026, 3, 30, 23, 59, tzinfo=dt.UTC))
    onboard(stack, name, "PRO")
    ok: list[str] = []
    barrier = threading.Barrier(9)

    def reserve() -> None:
        barrier.wait()
        with contextlib.suppress(DomainError):
            ok.append(stack.quotas.reserve(CTX, name, "p")[0])

    threads = [threading.Thread(target=reserve) for _ in range(8)]
    for t in threads:
        t.start()
    barrier.wait()
    stack.clock.set(dt.datetime(2026, 3, 31, 0, 0, 1, tzinfo=dt.UTC))  # midnight, mid-flight
    for t in threads:
        t.join()
    rows = sorted(stack.rows("org_usage_quotas", name), key=lambda r: str(r["usage_date"]))
    latest = rows[-1]
    assert sum(int(str(r["pipelines_run_today"])) for r in rows) == len(ok)
    assert latest["pipelines_run_month"] == len(ok)
    assert latest["concurrent_pipelines_running"] == len(ok)
    assert all(r["sealed_at"] is not None for r in rows[:-1])

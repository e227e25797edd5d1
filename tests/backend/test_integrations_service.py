"""Integrations, LLM pricing and LLM subscriptions over both warehouses, against local providers."""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import pytest

from cloudact_grpc.adapters.keys.local_master_key import LocalKeyManager
from cloudact_grpc.adapters.pricing_seeds import load_seed_prices
from cloudact_grpc.adapters.providers.http_checks import HttpCredentialChecker
from cloudact_grpc.adapters.providers.registry_file import load_registry
from cloudact_grpc.adapters.warehouse.schemas import central_tables, org_tables
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import (
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    Unavailable,
)
from cloudact_grpc.domain.llm import LlmSubscription
from cloudact_grpc.domain.principal import ROOT
from cloudact_grpc.ports.warehouse import Eq, TableSchema, Warehouse, WarehouseError
from cloudact_grpc.services.audit import AuditService
from cloudact_grpc.services.bootstrap import BootstrapService
from cloudact_grpc.services.envelope import EnvelopeCipher
from cloudact_grpc.services.integrations import IntegrationService
from cloudact_grpc.services.llm_pricing import LlmPricingService, PriceInput
from cloudact_grpc.services.llm_rows import subscription_row
from cloudact_grpc.services.llm_subscriptions import LlmSubscriptionService, SubscriptionInput
from cloudact_grpc.services.llm_tables import LlmTables, Ref
from cloudact_grpc.services.org_upgrades import OrgTableUpgrades
from tests.support.backends import BOTH_BACKENDS
from tests.support.fake_providers import FakeProvider, Reply, running_fake_provider
from tests.support.faults import ROW_WRITES, fail_once

ROOT_DIR = Path(__file__).resolve().parents[2]
CONFIGS = ROOT_DIR / "configs"
CTX = CallContext(ROOT, "req-1")
KEY = "sk-live-secret-0123456789"


class FixedClock:
    def now(self) -> dt.datetime:
        return dt.datetime(2026, 3, 30, 12, tzinfo=dt.UTC)


@dataclass
class Stack:
    wh: Warehouse
    central: str
    suffix: str
    fake: FakeProvider
    keys: LocalKeyManager
    svc: IntegrationService
    pricing: LlmPricingService
    subs: LlmSubscriptionService

    def creds(self, slug: str) -> list[dict[str, object]]:
        return self.wh.select(self.central, "org_integration_credentials", [Eq("org_slug", slug)])

    def org(self) -> str:
        slug = f"org_{uuid.uuid4().hex[:8]}"
        now = FixedClock().now()
        self.wh.insert_rows(
            self.central,
            "org_profiles",
            [
                {
                    "org_slug": slug,
                    "company_name": "Acme",
                    "admin_email": "a@acme.io",
                    "org_dataset_id": f"{slug}_{self.suffix}",
                    "status": "ACTIVE",
                    "subscription_plan": "FREE",
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            ],
        )
        return slug


@pytest.fixture
def stack(warehouse: Warehouse, tmp_path: Path) -> Iterator[Stack]:
    tag = uuid.uuid4().hex[:8]
    central, suffix = f"organizations_{tag}", f"t{tag}"
    bootstrap = BootstrapService(
        warehouse, central_tables(CONFIGS), org_tables(CONFIGS), central_dataset=central
    )
    bootstrap.bootstrap()
    clock = FixedClock()
    audit = AuditService(warehouse, dataset=central, clock=clock)
    with running_fake_provider() as fake:
        registry = load_registry(
            CONFIGS,
            allow_private_hosts=True,
            base_url_overrides={"openai": fake.url, "gemini": fake.url},
        )
        keys = LocalKeyManager.from_file(tmp_path / "master.json")
        upgrades = OrgTableUpgrades(bootstrap.upgrade_org_table)
        tables = LlmTables(
            warehouse, audit, dataset_suffix=suffix, dataset=central, clock=clock, upgrades=upgrades
        )
        pricing = LlmPricingService(
            tables, load_seed_prices(ROOT_DIR / "seeds" / "llm_pricing.yaml")
        )
        subs = LlmSubscriptionService(tables)
        svc = IntegrationService(
            warehouse,
            registry,
            HttpCredentialChecker(registry),
            EnvelopeCipher(keys),
            audit,
            pricing,
            dataset=central,
            clock=clock,
        )
        s = Stack(warehouse, central, suffix, fake, keys, svc, pricing, subs)
        s.bootstrap = bootstrap  # type: ignore[attr-defined]
        yield s
    warehouse.drop_dataset(central)


def new_org(s: Stack) -> str:
    slug = s.org()
    s.bootstrap.create_org_dataset(f"{slug}_{s.suffix}")  # type: ignore[attr-defined]
    return slug


def test_setup_stores_only_ciphertext_and_internal_read_decrypts(stack: Stack) -> None:
    slug = new_org(stack)
    out = stack.svc.setup(CTX, slug, "openai", api_key=KEY)
    assert (out.success, out.status) == (True, "VALID") and "default prices" in out.message
    (row,) = stack.creds(slug)
    assert KEY not in str(row) and KEY not in base64.b64decode(str(row["ciphertext_b64"])).decode(
        "latin-1"
    )
    assert row["key_version"] == "1" and row["is_active"] is True
    cred = stack.svc.get_credential(CTX, slug, "openai", "run-1")
    assert cred.secret == KEY and KEY not in repr(cred)
    status = stack.svc.get(slug, "openai")
    assert status.status == "VALID" and KEY not in str(status)
    audits = stack.wh.select(stack.central, "org_audit_logs", [Eq("org_slug", slug)])
    assert {a["action"] for a in audits} >= {"CREATE", "READ_SECRET"}
    assert KEY not in str(audits)
    prices = stack.pricing.list_prices(slug, "openai")
    assert any(p.model_id == "gpt-4o" for p in prices.prices)


def test_invalid_never_replaces_working_and_unreachable_stores_nothing(stack: Stack) -> None:
    slug = new_org(stack)
    first = stack.svc.setup(CTX, slug, "openai", api_key=KEY)
    stack.fake.reply = Reply(401, {"error": {"message": "Incorrect API key"}})
    bad = stack.svc.setup(CTX, slug, "openai", api_key="sk-other-0123456789")
    assert (bad.success, bad.status, bad.credential_id) == (False, "INVALID", "")
    stack.fake.reply = Reply(503, {})
    with pytest.raises(Unavailable):
        stack.svc.setup(CTX, slug, "openai", api_key="sk-third-0123456789")
    (active,) = [r for r in stack.creds(slug) if r["is_active"]]
    assert active["credential_id"] == first.credential_id and len(stack.creds(slug)) == 1
    with pytest.raises(Unavailable):  # validate: status untouched when unreachable
        stack.svc.validate(CTX, slug, "openai")
    assert stack.svc.get(slug, "openai").status == "VALID"


def test_pending_can_become_valid_and_replacement_destroys_old_ciphertext(stack: Stack) -> None:
    slug = new_org(stack)
    pending = stack.svc.setup(
        CTX, slug, "gemini", api_key="AIzaPending012345", skip_validation=True
    )
    assert pending.status == "PENDING" and stack.fake.seen == []
    with pytest.raises(FailedPrecondition):
        stack.svc.get_credential(CTX, slug, "gemini")
    assert stack.svc.validate(CTX, slug, "gemini").status == "VALID"
    second = stack.svc.setup(CTX, slug, "gemini", api_key="AIzaSecond0123456")
    rows = {r["credential_id"]: r for r in stack.creds(slug)}
    old = rows[pending.credential_id]
    assert old["is_active"] is False and old["ciphertext_b64"] is None
    assert rows[second.credential_id]["is_active"] is True
    listing = stack.svc.list_all(slug)
    assert listing["gemini"].status == "VALID" and listing["openai"].status == "NOT_CONFIGURED"


def test_ciphertext_swapped_between_orgs_does_not_decrypt(stack: Stack) -> None:
    a, b = new_org(stack), new_org(stack)
    stack.svc.setup(CTX, a, "openai", api_key=KEY)
    stack.svc.setup(CTX, b, "openai", api_key="sk-bbbb-0123456789")
    (row_a,), (row_b,) = stack.creds(a), stack.creds(b)
    cols = ("ciphertext_b64", "wrapped_data_key_b64")
    stack.wh.update(
        stack.central,
        "org_integration_credentials",
        {c: row_a[c] for c in cols},
        [Eq("credential_id", row_b["credential_id"])],
    )
    with pytest.raises(FailedPrecondition):
        stack.svc.get_credential(CTX, b, "openai")


def test_rewrap_after_rotation_keeps_decryptability(stack: Stack) -> None:
    slug = new_org(stack)
    stack.svc.setup(CTX, slug, "openai", api_key=KEY)
    before = stack.creds(slug)[0]
    stack.keys.rotate()
    assert stack.svc.rewrap(CTX, slug, dry_run=True).rewrapped == 1
    result = stack.svc.rewrap(CTX, slug)
    assert (result.key_version, result.rewrapped, result.failed) == ("2", 1, 0)
    after = stack.creds(slug)[0]
    assert after["ciphertext_b64"] == before["ciphertext_b64"] and after["key_version"] == "2"
    assert stack.svc.rewrap(CTX, slug).skipped == 1
    assert stack.svc.get_credential(CTX, slug, "openai").secret == KEY


def test_delete_destroys_and_bad_input_is_invalid_argument(stack: Stack) -> None:
    slug = new_org(stack)
    with pytest.raises(InvalidArgument):
        stack.svc.setup(CTX, slug, "openai", api_key="pk-wrong-prefix-123")
    with pytest.raises(InvalidArgument):
        stack.svc.setup(CTX, slug, "aws", api_key=KEY)
    out = stack.svc.setup(CTX, slug, "openai", api_key=KEY)
    assert stack.svc.delete(CTX, slug, "openai") == out.credential_id
    (row,) = stack.creds(slug)
    assert row["is_active"] is False and row["ciphertext_b64"] is None
    assert stack.svc.delete(CTX, slug, "openai") == ""  # a retry: nothing stored, no error
    assert stack.creds(slug) == [row]
    assert stack.svc.get(slug, "openai").status == "NOT_CONFIGURED"
    audits = stack.wh.select(stack.central, "org_audit_logs", [Eq("org_slug", slug)])
    deletes = [a for a in audits if a["action"] == "DELETE"]
    assert sorted(a["details"]["deleted"] for a in deletes) == [False, True]  # type: ignore[index]
    with pytest.raises(InvalidArgument):
        stack.svc.delete(CTX, slug, "aws")


def _prices(input_price: str, output_price: str) -> PriceInput:
    return PriceInput(rates={"input": Decimal(input_price), "output": Decimal(output_price)})


def test_pricing_history_and_seed_never_overwrites(stack: Stack) -> None:
    slug = new_org(stack)
    p = stack.pricing
    gpt4o = Ref(slug, "openai", "gpt-4o")
    p.create(CTX, gpt4o, "2025-01-01", _prices("0.0025", "0.01"))
    p.create(CTX, gpt4o, "2026-01-01", _prices("0.002", "0.008"))
    with pytest.raises(AlreadyExists):
        p.create(CTX, gpt4o, "2026-01-01", _prices("1", "1"))
    old = p.get(gpt4o, "2025-06-30")
    assert old.rates["input"] == Decimal("0.0025") and old.end_date == dt.date(2025, 12, 31)
    assert p.get(gpt4o).rates["input"] == Decimal("0.002")
    with pytest.raises(NotFound):
        p.get(gpt4o, "2024-12-31")
    hist = p.list_prices(slug, "openai", include_history=True).prices
    assert [str(r.effective_date) for r in hist] == ["2026-01-01", "2025-01-01"]
    assert stack.pricing.seed_defaults(CTX, slug, "openai") > 0
    assert p.get(gpt4o).rates["input"] == Decimal("0.002")
    assert stack.pricing.seed_defaults(CTX, slug, "openai") == 0
    mini = Ref(slug, "openai", "gpt-4o-mini")
    assert p.update(CTX, mini, "", PriceInput(notes="negotiated")).is_custom is True
    assert p.delete(CTX, gpt4o, "2025-01-01") == 1
    with pytest.raises(InvalidArgument):
        p.create(CTX, Ref(slug, "openai", "bad model!"), "2026-01-01", _prices("1", "1"))


def test_llm_subscriptions_crud(stack: Stack) -> None:
    slug = new_org(stack)
    s = stack.subs
    team = Ref(slug, "openai", "team_plan")
    fields = SubscriptionInput(monthly_cost=Decimal("150"), start_date="2026-01-01", seats=5)
    assert s.create(CTX, team, fields).monthly_cost == Decimal("150.000000000")
    with pytest.raises(AlreadyExists):
        s.create(CTX, team, SubscriptionInput(monthly_cost=Decimal(1), start_date="2026-01-01"))
    assert s.update(CTX, team, SubscriptionInput(seats=7)).seats == 7
    subs, token = s.list_subscriptions(slug, "openai")
    assert [r.subscription_name for r in subs] == ["team_plan"] and token == ""
    ended = s.cancel(CTX, team, "")
    assert ended.status_on(dt.date(2026, 3, 30)) == "cancelled"
    assert ended.end_date == dt.date(2026, 3, 30)
    assert s.list_subscriptions(slug, "openai", enabled_only=True)[0] == []
    assert s.list_subscriptions(slug, "openai")[0] == []  # changed: the default is in force only
    assert s.list_subscriptions(slug, "openai", show_deleted=True)[0] == [ended]
    with pytest.raises(NotFound):
        s.get(Ref(slug, "anthropic", "team_plan"))


@pytest.mark.parametrize("warehouse", BOTH_BACKENDS, indirect=True)
def test_llm_money_is_stored_as_exact_numeric(stack: Stack) -> None:
    slug = new_org(stack)
    rates = {"input": Decimal("0.1"), "output": Decimal("0.0000123456785")}
    price = stack.pricing.create(
        CTX, Ref(slug, "custom", "m-exact"), "2026-01-01", PriceInput(rates=rates)
    )
    dimes = Ref(slug, "openai", "dimes")
    fields = SubscriptionInput(unit_price=Decimal("0.1"), seats=3, start_date="2026-01-01")
    sub = stack.subs.create(CTX, dimes, fields)
    ds = f"{slug}_{stack.suffix}"
    [row] = stack.wh.select(ds, "llm_model_pricing", [Eq("pricing_id", price.pricing_id)])
    assert (row["input_price_per_1k"], row["output_price_per_1k"]) == (
        Decimal("0.100000000"),
        Decimal("0.000012346"),  # stored at scale 9
    )
    assert row["cached_input_price_per_1k"] is None
    where = [Eq("subscription_id", sub.subscription_id)]
    [stored] = stack.wh.select(ds, "llm_subscriptions", where)
    assert stored["monthly_cost"] == Decimal("0.300000000") == sub.monthly_cost
    assert stack.subs.get(dimes) == sub


def test_llm_subscription_list_shows_what_is_in_force(stack: Stack) -> None:
    """Today is 2026-03-30: pending and active are listed; cancelled and expired only on ask."""
    slug = new_org(stack)
    s = stack.subs
    spans = {"later": ("2026-05-01", None), "now": ("2026-01-01", None),
             "over": ("2025-01-01", "2025-12-31"), "gone": ("2026-01-01", None)}  # fmt: skip
    for name, (start, end) in spans.items():
        fields = SubscriptionInput(monthly_cost=Decimal("10"), start_date=start, end_date=end)
        s.create(CTX, Ref(slug, "gemini", name), fields)
    s.reset(CTX, slug, "openai")  # another provider: untouched
    s.cancel(CTX, Ref(slug, "gemini", "gone"), "")

    def listed(*, show_deleted: bool = False, enabled_only: bool = False) -> dict[str, str]:
        subs, _ = s.list_subscriptions(
            slug, "gemini", show_deleted=show_deleted, enabled_only=enabled_only
        )
        return {r.subscription_name: r.status_on(dt.date(2026, 3, 30)) for r in subs}

    assert listed() == {"later": "pending", "now": "active"}
    assert listed(show_deleted=True) == {
        "gone": "cancelled", "later": "pending", "now": "active", "over": "expired"
    }  # fmt: skip
    assert listed(show_deleted=True, enabled_only=True) == listed()
    page, token = s.list_subscriptions(slug, "gemini", page_size=1)
    assert [r.subscription_name for r in page] == ["later"] and token
    with pytest.raises(InvalidArgument):  # a token of the default list is not one of history
        s.list_subscriptions(slug, "gemini", show_deleted=True, page_size=1, page_token=token)


def test_editing_a_cancelled_llm_subscription_is_refused_and_changes_nothing(
    stack: Stack,
) -> None:
    slug = new_org(stack)
    s = stack.subs
    team = Ref(slug, "anthropic", "team")
    s.create(
        CTX, team, SubscriptionInput(unit_price=Decimal("25"), seats=4, start_date="2026-01-01")
    )
    s.reset(CTX, slug, "anthropic")
    before = s.get(team)
    with pytest.raises(FailedPrecondition) as refused:
        s.update(CTX, team, SubscriptionInput(unit_price=Decimal("30"), seats=6))
    assert refused.value.metadata == {
        "resource_type": "llm_subscription", "resource_name": "anthropic/team", "state": "cancelled"
    }  # fmt: skip
    assert s.get(team) == before and before.monthly_cost == Decimal("100")
    expired = Ref(slug, "anthropic", "old")
    s.create(CTX, expired, SubscriptionInput(monthly_cost=Decimal("5"), start_date="2025-01-01",
                                             end_date="2025-06-30"))  # fmt: skip
    assert s.update(CTX, expired, SubscriptionInput(seats=2)).seats == 2  # expired, not cancelled


def test_a_plan_name_reaches_the_subscription_not_cancelled(stack: Stack) -> None:
    """The frontend PUTs by the ``plan_name`` it lists; cancelled rows sharing it are history."""
    slug = new_org(stack)
    s = stack.subs
    old, new = Ref(slug, "anthropic", "team_2025"), Ref(slug, "anthropic", "team_2026")
    for ref in (old, new):
        fields = SubscriptionInput(
            plan_name="team", monthly_cost=Decimal(50), start_date="2026-01-01"
        )
        s.create(CTX, ref, fields)
    with pytest.raises(NotFound):  # two in force share the plan: ambiguous
        s.update(CTX, Ref(slug, "anthropic", "team"), SubscriptionInput(seats=3))
    s.cancel(CTX, old, "")
    changed = s.update(CTX, Ref(slug, "anthropic", "team"), SubscriptionInput(seats=3))
    assert (changed.subscription_name, changed.seats) == ("team_2026", 3)
    assert s.get(old).seats == 0


def test_deleting_a_cancelled_llm_subscription_keeps_its_end_date(stack: Stack) -> None:
    slug = new_org(stack)
    s = stack.subs
    team = Ref(slug, "openai", "team")
    s.create(CTX, team, SubscriptionInput(monthly_cost=Decimal(9), start_date="2026-01-01"))
    ended = s.cancel(CTX, team, "2026-02-28")
    assert s.cancel(CTX, team, "") == ended == s.cancel(CTX, team, "2026-02-28")  # retries
    with pytest.raises(FailedPrecondition):
        s.cancel(CTX, team, "2026-03-15")
    assert s.get(team) == ended and ended.end_date == dt.date(2026, 2, 28)


def test_a_credential_read_is_refused_when_its_audit_row_cannot_be_written(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fail closed: no audit row, no secret; the retry reads it once, with one row."""
    slug = new_org(stack)
    stack.svc.setup(CTX, slug, "openai", api_key=KEY)

    def reads() -> list[dict[str, object]]:
        where = [Eq("org_slug", slug), Eq("action", "READ_SECRET")]
        return stack.wh.select(stack.central, "org_audit_logs", where)

    cut = fail_once(monkeypatch, stack.wh, ROW_WRITES, "org_audit_logs")
    with pytest.raises(WarehouseError):
        stack.svc.get_credential(CTX, slug, "openai", "run-7")
    assert cut and reads() == []
    assert stack.svc.get_credential(CTX, slug, "openai", "run-7").secret == KEY
    (row,) = reads()
    assert row["status"] == "SUCCESS"


@pytest.mark.parametrize(
    ("status", "lease_minutes", "state"),
    [("CANCELLED", 5, "CANCELLED"), ("SUCCESS", 5, "SUCCESS"), ("RUNNING", -1, "EXPIRED")],
)
def test_a_run_that_ended_or_outlived_its_lease_gets_no_credential(
    stack: Stack, status: str, lease_minutes: int, state: str
) -> None:
    """Fail closed: the pipeline of a cancelled, finished or expired run must stop."""
    slug = new_org(stack)
    stack.svc.setup(CTX, slug, "openai", api_key=KEY)
    now = FixedClock().now()
    run = {
        "org_slug": slug, "pipeline_id": "p", "start_time": now - dt.timedelta(hours=1),
        "lease_expires_at": now + dt.timedelta(minutes=lease_minutes),
    }  # fmt: skip
    stack.wh.insert_rows(
        stack.central,
        "org_meta_pipeline_runs",
        [
            run | {"pipeline_logging_id": "ended", "status": status},
            run | {"pipeline_logging_id": "alive", "status": "RUNNING", "lease_expires_at": now
                   + dt.timedelta(minutes=5)},
        ],
    )  # fmt: skip
    with pytest.raises(FailedPrecondition) as caught:
        stack.svc.get_credential(CTX, slug, "openai", "ended")
    assert caught.value.metadata["state"] == state
    assert stack.svc.get_credential(CTX, slug, "openai", "alive").secret == KEY
    assert stack.svc.get_credential(CTX, slug, "openai", "").secret == KEY  # no run named
    reads = stack.wh.select(
        stack.central, "org_audit_logs", [Eq("org_slug", slug), Eq("action", "READ_SECRET")]
    )
    assert sorted(str(r["status"]) for r in reads) == ["FAILURE", "SUCCESS", "SUCCESS"]


LIMITS = ("rpm_limit", "tpm_limit")


def _old_org(s: Stack) -> tuple[str, str]:
    """An org whose dataset was made by the schema before the rate limits: slug and dataset."""
    slug = s.org()
    old = [
        replace(t, columns=tuple(c for c in t.columns if c.name not in LIMITS))
        if t.name == "llm_subscriptions"
        else t
        for t in org_tables(CONFIGS)
    ]
    dataset = f"{slug}_{s.suffix}"
    BootstrapService(s.wh, (), old, central_dataset=s.central).create_org_dataset(dataset)
    return slug, dataset


def _columns(s: Stack, dataset: str) -> set[str]:
    table: TableSchema = s.wh.describe_table(dataset, "llm_subscriptions")
    return set(table.column_names)


def _older_row(slug: str) -> dict[str, object]:
    """A subscription row as the version before the rate limits wrote it."""
    now = FixedClock().now()
    sub = LlmSubscription(
        subscription_id="old_sub_1", provider="openai", subscription_name="old_plan",
        plan_name="old_plan", cancelled=False, billing_cycle="monthly", currency="USD", seats=2,
        monthly_cost=Decimal("40"), start_date=dt.date(2026, 1, 1), end_date=None, notes="",
        version=1, created_at=now, updated_at=now,
    )  # fmt: skip
    return {k: v for k, v in subscription_row(sub).items() if k not in LIMITS}


@pytest.mark.parametrize("warehouse", BOTH_BACKENDS, indirect=True)
def test_an_old_org_table_gains_the_rate_limits_on_its_first_write(stack: Stack) -> None:
    slug, dataset = _old_org(stack)
    stack.wh.insert_rows(dataset, "llm_subscriptions", [_older_row(slug)])
    assert not _columns(stack, dataset) & set(LIMITS)
    old = Ref(slug, "openai", "old_plan")
    assert stack.subs.get(old).rpm_limit is None  # reads need no upgrade
    assert not _columns(stack, dataset) & set(LIMITS)

    team = Ref(slug, "openai", "team_plan")
    fields = SubscriptionInput(
        monthly_cost=Decimal("150"), start_date="2026-01-01", rpm_limit=500, tpm_limit=30000
    )
    created = stack.subs.create(CTX, team, fields)
    assert (created.rpm_limit, created.tpm_limit) == (500, 30000)
    assert set(LIMITS) <= _columns(stack, dataset)
    where = [Eq("subscription_id", created.subscription_id)]
    [stored] = stack.wh.select(dataset, "llm_subscriptions", where)
    assert (stored["rpm_limit"], stored["tpm_limit"]) == (500, 30000)

    assert stack.subs.update(CTX, old, SubscriptionInput(tpm_limit=7)).tpm_limit == 7
    got = stack.subs.get(old)
    assert (got.rpm_limit, got.tpm_limit, got.seats) == (None, 7, 2)
    assert stack.subs.update(CTX, team, SubscriptionInput(rpm_limit=0)).rpm_limit is None
    assert stack.subs.get(team).rpm_limit is None


def test_an_org_table_is_checked_once_per_process(stack: Stack) -> None:
    slug, dataset = _old_org(stack)
    checks: list[tuple[str, str]] = []

    def upgrade(ds: str, table: str) -> bool:
        checks.append((ds, table))
        return bool(stack.bootstrap.upgrade_org_table(ds, table))  # type: ignore[attr-defined]

    subs = LlmSubscriptionService(replace(stack.subs._at, upgrades=OrgTableUpgrades(upgrade)))
    for name in ("a", "b", "c"):
        fields = SubscriptionInput(monthly_cost=Decimal(1), start_date="2026-01-01", rpm_limit=1)
        subs.create(CTX, Ref(slug, "gemini", name), fields)
        subs.update(CTX, Ref(slug, "gemini", name), SubscriptionInput(tpm_limit=2))
    assert checks == [(dataset, "llm_subscriptions")]
    assert [(s.rpm_limit, s.tpm_limit) for s in subs.list_subscriptions(slug, "gemini")[0]] == [
        (1, 2)
    ] * 3


def test_a_negative_rate_limit_is_refused_naming_it(stack: Stack) -> None:
    slug = new_org(stack)
    base = SubscriptionInput(monthly_cost=Decimal(1), start_date="2026-01-01")
    negative = (replace(base, rpm_limit=-1), replace(base, tpm_limit=-1))
    for name, fields in zip(LIMITS, negative, strict=True):
        with pytest.raises(InvalidArgument) as caught:
            stack.subs.create(CTX, Ref(slug, "openai", "neg"), fields)
        assert [v.field for v in caught.value.violations] == [name]
    assert stack.subs.list_subscriptions(slug, "openai")[0] == []


def test_a_failed_upgrade_fails_that_write_and_the_next_write_upgrades(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    slug, dataset = _old_org(stack)
    cut = fail_once(monkeypatch, stack.wh, "add_columns", "llm_subscriptions")
    team = Ref(slug, "openai", "team_plan")
    fields = SubscriptionInput(monthly_cost=Decimal(9), start_date="2026-01-01", rpm_limit=5)
    with pytest.raises(WarehouseError):
        stack.subs.create(CTX, team, fields)
    assert cut == ["llm_subscriptions"]
    assert stack.subs.list_subscriptions(slug, "openai")[0] == []
    assert stack.subs.create(CTX, team, fields).rpm_limit == 5
    assert set(LIMITS) <= _columns(stack, dataset)

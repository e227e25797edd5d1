"""Organisations: dry-run, all-or-nothing onboarding, profile, subscription, keys, deletion.

Onboarding first claims the slug atomically (``insert_if_absent`` of a PROVISIONING profile, or
a compare-and-set of a DELETED profile back to PROVISIONING), so concurrent onboardings of one
slug have exactly one winner. Every later step registers a compensation; on any failure they
run in reverse, the claim is released and the error names the failed step.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cloudact_grpc.domain import identifiers
from cloudact_grpc.domain.clock import Clock, SystemClock
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Reason,
)
from cloudact_grpc.domain.onboarding import (
    company_violation,
    email_violation,
    normalize_slug,
    plan_violation,
    slug_violation,
    validate_onboarding,
)
from cloudact_grpc.domain.plans import Limits, PlanCatalogue
from cloudact_grpc.ports.warehouse import Eq, Warehouse, WarehouseError
from cloudact_grpc.services.api_keys import ApiKeyService, IssuedKey, KeyInfo
from cloudact_grpc.services.audit import FAILURE, AuditService
from cloudact_grpc.services.bootstrap import CENTRAL_DATASET, BootstrapService
from cloudact_grpc.services.quotas import QuotaService
from cloudact_grpc.services.read_cache import ReadCache

log = logging.getLogger(__name__)

PROFILES = "org_profiles"
SUBSCRIPTIONS = "org_subscriptions"
CREDENTIALS = "org_integration_credentials"
ACTIVE, SUSPENDED, DELETED, PROVISIONING = "ACTIVE", "SUSPENDED", "DELETED", "PROVISIONING"
SUBSCRIPTION_STATUSES = ("ACTIVE", "TRIAL", "EXPIRED", "SUSPENDED", "CANCELLED")
REQUIRED_CENTRAL = (PROFILES, "org_api_keys", SUBSCRIPTIONS, "org_usage_quotas", "org_audit_logs")
TRIAL_DAYS = 14
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Check:
    """One dry-run check."""

    name: str
    passed: bool
    message: str


@dataclass(frozen=True, slots=True)
class DryRunResult:
    """Dry-run outcome; nothing was written."""

    org_slug: str
    company_name: str
    admin_email: str
    subscription_plan: str
    checks: tuple[Check, ...]

    @property
    def ready(self) -> bool:
        return all(c.passed for c in self.checks)


@dataclass(frozen=True, slots=True)
class OnboardResult:
    """Onboarding outcome; the only place the clear key appears."""

    org_slug: str
    api_key: str
    subscription_plan: str
    dataset_id: str
    dataset_location: str
    dataset_created: bool
    tables_created: tuple[str, ...]
    message: str


@dataclass(frozen=True, slots=True)
class Profile:
    """An organisation's profile."""

    org_slug: str
    company_name: str
    admin_email: str
    subscription_plan: str
    status: str
    dataset_id: str
    dataset_location: str
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Subscription:
    """An organisation's plan, status and limits."""

    org_slug: str
    subscription_id: str
    plan_name: str
    status: str
    limits: Limits
    trial_end_date: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class SubscriptionUpdate:
    """Fields to change; None keeps the current value (a new plan resets to its defaults)."""

    plan_name: str | None = None
    daily_limit: int | None = None
    monthly_limit: int | None = None
    concurrent_limit: int | None = None
    seat_limit: int | None = None
    providers_limit: int | None = None
    status: str | None = None
    trial_end_date: str | None = None


@dataclass(frozen=True, slots=True)
class DeleteResult:
    """Offboarding outcome."""

    org_slug: str
    api_keys_revoked: int
    credentials_deactivated: int
    dataset_deleted: bool


@dataclass(slots=True)
class _Saga:
    step: str = "claim"
    undo: list[tuple[str, Callable[[], object]]] = field(default_factory=list)


class OrganizationService:
    """Lifecycle of organisations over the central tables and per-org datasets."""

    def __init__(
        self,
        warehouse: Warehouse,
        bootstrap: BootstrapService,
        api_keys: ApiKeyService,
        quotas: QuotaService,
        audit: AuditService,
        plans: PlanCatalogue,
        *,
        dataset_suffix: str,
        default_location: str,
        development: bool,
        dataset: str = CENTRAL_DATASET,
        clock: Clock | None = None,
    ) -> None:
        self._wh = warehouse
        self._bootstrap = bootstrap
        self._keys = api_keys
        self._quotas = quotas
        self._audit = audit
        self._plans = plans
        self._suffix = dataset_suffix
        self._location = default_location
        self._development = development
        self._ds = dataset
        self._clock = clock or SystemClock()
        self._subscriptions: ReadCache[Subscription] = ReadCache()

    def org_dataset(self, org_slug: str) -> str:
        """Name of the org's dataset, ``{org_slug}_{suffix}``."""
        return identifiers.org_dataset_id(org_slug, self._suffix)

    # ---- dry run ---------------------------------------------------------------------------

    def dry_run(
        self, org_slug: str, company_name: str, admin_email: str, subscription_plan: str
    ) -> DryRunResult:
        """Run every onboarding check without writing anything."""
        slug = normalize_slug(org_slug)
        plan = self._plans.find(subscription_plan or self._plans.default_plan)
        checks: list[Check] = []

        def add(name: str, violation: FieldViolation | None, ok: str) -> None:
            checks.append(
                Check(name, violation is None, violation.description if violation else ok)
            )

        add("org_slug_format", slug_violation(org_slug), "slug is valid")
        add("company_name", company_violation(company_name), "company name is valid")
        add("email_format", email_violation(admin_email), "email is valid")
        add("subscription_plan", plan_violation(subscription_plan, self._plans), "plan is known")
        reachable = self._wh.ping()
        answer = "warehouse answers" if reachable else "warehouse does not answer"
        checks.append(Check("warehouse_connectivity", reachable, answer))
        missing = [
            t for t in REQUIRED_CENTRAL if reachable and not self._wh.table_exists(self._ds, t)
        ]
        central_ok = reachable and not missing
        checks.append(
            Check("central_tables", central_ok, "central tables exist" if central_ok
                  else f"missing central tables {missing}: run bootstrap")
        )  # fmt: skip
        if checks[0].passed and central_ok:
            profile = self._profile_row(slug)
            dataset_exists = self._wh.dataset_exists(self.org_dataset(slug))
            free = profile is None or profile["status"] == DELETED
            if profile is None and dataset_exists:
                free = False
            checks.append(
                Check("org_existence", free, "slug is available" if free
                      else f"organization '{slug}' or its dataset already exists")
            )  # fmt: skip
        else:
            checks.append(Check("org_existence", False, "not checked: slug or tables invalid"))
        return DryRunResult(
            org_slug=slug,
            company_name=company_name.strip(),
            admin_email=admin_email.strip(),
            subscription_plan=plan.name if plan else subscription_plan.strip().upper(),
            checks=tuple(checks),
        )

    # ---- onboarding ------------------------------------------------------------------------

    def onboard(  # noqa: PLR0915 - one saga, kept in one place on purpose
        self,
        ctx: CallContext,
        org_slug: str,
        company_name: str,
        admin_email: str,
        subscription_plan: str = "",
        *,
        dataset_location: str = "",
        regenerate_api_key_if_exists: bool = False,
    ) -> OnboardResult:
        """Create the org completely or not at all (see module docstring)."""
        data = validate_onboarding(
            org_slug, company_name, admin_email, subscription_plan, self._plans
        )
        location = dataset_location.strip() or self._location
        if len(location) > 64:
            raise InvalidArgument.field("dataset_location", "must be at most 64 characters")
        slug, dataset = data.org_slug, self.org_dataset(data.org_slug)
        self._subscriptions.invalidate(slug)
        now = self._clock.now()
        profile: dict[str, object] = {
            "org_slug": slug,
            "company_name": data.company_name,
            "admin_email": data.admin_email,
            "org_dataset_id": dataset,
            "dataset_location": location,
            "status": PROVISIONING,
            "subscription_plan": data.plan.name,
            "version": 1,
            "created_at": now,
            "updated_at": now,
            "deleted_at": None,
        }
        reclaimed = False
        if not self._wh.insert_if_absent(self._ds, PROFILES, profile, ["org_slug"]):
            existing = self._profile_row(slug)
            if existing is None:  # deleted between the two calls: let the caller retry
                raise AlreadyExists("organization", slug)
            status = str(existing["status"])
            if status == ACTIVE and regenerate_api_key_if_exists:
                return self._resync(ctx, existing, data.company_name, data.admin_email,
                                    data.plan.name, location)  # fmt: skip
            version = _int(existing, "version")
            if status != DELETED or not self._wh.compare_and_set(
                self._ds, PROFILES, {**profile, "version": version + 1},
                [Eq("org_slug", slug)], {"status": DELETED, "version": version},
            ):  # fmt: skip
                raise AlreadyExists(
                    "organization", slug, f"organization '{slug}' already exists ({status})"
                )
            profile["version"] = version + 1
            reclaimed = True

        saga = _Saga()
        try:
            if reclaimed:
                saga.step = "clean_previous"
                self._purge_previous(slug, dataset)
            elif self._wh.dataset_exists(dataset):
                saga.step = "dataset"
                raise AlreadyExists("dataset", dataset, f"dataset '{dataset}' already exists")
            saga.step = "api_key"
            issued = self._keys.issue(slug)
            saga.undo.append(("api_key", lambda: self._keys.delete_key_row(issued.key_id)))
            saga.step = "subscription"
            saga.undo.append(("subscription", lambda: self._delete_rows(SUBSCRIPTIONS, slug)))
            self._insert_subscription(slug, data.plan.name, data.plan.limits, now)
            saga.step = "quota"
            saga.undo.append(("quota", lambda: self._quotas.delete_org_rows(slug)))
            self._quotas.ensure_today(slug, data.plan.limits)
            saga.step = "dataset"
            saga.undo.append(("dataset", lambda: self._bootstrap.drop_org_dataset(dataset)))
            setup = self._bootstrap.create_org_dataset(
                dataset, description=f"CloudAct data of {slug}"
            )
            saga.step = "activate"
            if not self._wh.compare_and_set(
                self._ds, PROFILES, {"status": ACTIVE, "version": _int(profile, "version") + 1,
                                     "updated_at": self._clock.now()},
                [Eq("org_slug", slug)], {"status": PROVISIONING, "version": profile["version"]},
            ):  # fmt: skip
                raise FailedPrecondition(f"the claim on '{slug}' was lost during onboarding")
        except Exception as exc:
            self._compensate(saga, slug, reclaimed)
            self._audit.record(
                ctx, org_slug=slug, action="CREATE", resource_type="ORGANIZATION",
                resource_id=slug, status=FAILURE, details={"failed_step": saga.step},
                error_message=str(exc)[:500],
            )  # fmt: skip
            if isinstance(exc, DomainError):
                exc.metadata["failed_step"] = saga.step
                exc.message = f"onboarding failed at step '{saga.step}': {exc.message}"
                exc.args = (exc.message,)
                raise
            raise DomainError(
                f"onboarding failed at step '{saga.step}'", metadata={"failed_step": saga.step}
            ) from exc
        self._audit.record(
            ctx, org_slug=slug, action="CREATE", resource_type="ORGANIZATION", resource_id=slug,
            details={"company_name": data.company_name, "subscription_plan": data.plan.name,
                     "dataset_id": dataset, "dataset_location": location,
                     "api_key_fingerprint": issued.fingerprint,
                     "tables_created": len(setup.created_tables), "reclaimed": reclaimed},
        )  # fmt: skip
        return OnboardResult(
            org_slug=slug,
            api_key=issued.api_key,
            subscription_plan=data.plan.name,
            dataset_id=dataset,
            dataset_location=location,
            dataset_created=setup.dataset_created,
            tables_created=setup.created_tables,
            message=f"Organization '{slug}' onboarded; store the API key now, it is shown once.",
        )

    def _compensate(self, saga: _Saga, slug: str, reclaimed: bool) -> None:
        for name, undo in reversed(saga.undo):
            try:
                undo()
            except Exception:  # keep compensating; the log says what is left
                log.exception("onboarding compensation %s failed for %s", name, slug)
        try:
            if reclaimed:
                self._wh.update(
                    self._ds, PROFILES, {"status": DELETED, "deleted_at": self._clock.now()},
                    [Eq("org_slug", slug)],
                )  # fmt: skip
            else:
                self._wh.delete(
                    self._ds, PROFILES, [Eq("org_slug", slug), Eq("status", PROVISIONING)]
                )
        except Exception:
            log.exception("releasing the onboarding claim failed for %s", slug)
        self._keys.invalidate_org(slug)

    def _purge_previous(self, slug: str, dataset: str) -> None:
        """A re-claimed DELETED slug starts clean: no old keys, credentials, quotas or data."""
        self._keys.revoke_all(slug)
        self._delete_rows("org_api_keys", slug)
        self._delete_rows(SUBSCRIPTIONS, slug)
        self._quotas.delete_org_rows(slug)
        self._deactivate_credentials(slug)
        self._bootstrap.drop_org_dataset(dataset)

    def _resync(
        self,
        ctx: CallContext,
        existing: Mapping[str, object],
        company_name: str,
        admin_email: str,
        plan_name: str,
        location: str,
    ) -> OnboardResult:
        slug = str(existing["org_slug"])
        self._subscriptions.invalidate(slug)
        plan = self._plans.find(plan_name)
        if plan is None:
            raise InvalidArgument.field("subscription_plan", "unknown plan")
        self._wh.update(
            self._ds, PROFILES,
            {"company_name": company_name, "admin_email": admin_email,
             "subscription_plan": plan.name, "version": _int(existing, "version") + 1,
             "updated_at": self._clock.now()},
            [Eq("org_slug", slug)],
        )  # fmt: skip
        self._write_subscription(slug, {"plan_name": plan.name, **_limit_values(plan.limits)})
        self._quotas.sync_today_limits(slug, plan.limits)
        issued, revoked = self._keys.rotate(slug)
        self._audit.record(
            ctx, org_slug=slug, action="UPDATE", resource_type="ORGANIZATION", resource_id=slug,
            details={"resync": True, "subscription_plan": plan.name,
                     "api_key_fingerprint": issued.fingerprint, "previous_keys_revoked": revoked},
        )  # fmt: skip
        return OnboardResult(
            org_slug=slug,
            api_key=issued.api_key,
            subscription_plan=plan.name,
            dataset_id=str(existing["org_dataset_id"]),
            dataset_location=str(existing.get("dataset_location") or location),
            dataset_created=False,
            tables_created=(),
            message=f"Organization '{slug}' re-synced; a new API key was issued.",
        )

    # ---- reads -----------------------------------------------------------------------------

    def get_profile(self, org_slug: str) -> Profile:
        """The profile (NotFound for unknown or still-provisioning slugs)."""
        row = self._existing(org_slug)
        return Profile(
            org_slug=str(row["org_slug"]),
            company_name=str(row["company_name"]),
            admin_email=str(row["admin_email"]),
            subscription_plan=str(row["subscription_plan"]),
            status=str(row["status"]),
            dataset_id=str(row["org_dataset_id"]),
            dataset_location=str(row.get("dataset_location") or ""),
            created_at=_ts(row, "created_at"),
            updated_at=_ts(row, "updated_at"),
        )

    def get_subscription(self, org_slug: str) -> Subscription:
        """Plan, status and limits (cached; every write of them invalidates)."""
        return self._subscriptions.get_or_load(org_slug, lambda: self._load_subscription(org_slug))

    def _load_subscription(self, org_slug: str) -> Subscription:
        self._existing(org_slug)
        row = self._subscription_row(org_slug)
        trial = row.get("trial_end_date")
        return Subscription(
            org_slug=org_slug,
            subscription_id=str(row["subscription_id"]),
            plan_name=str(row["plan_name"]),
            status=str(row["status"]),
            limits=Limits(
                daily_limit=_int(row, "daily_limit"),
                monthly_limit=_int(row, "monthly_limit"),
                concurrent_limit=_int(row, "concurrent_limit"),
                seat_limit=_int(row, "seat_limit"),
                providers_limit=_int(row, "providers_limit"),
            ),
            trial_end_date=trial if isinstance(trial, dt.date) else None,
            created_at=_ts(row, "created_at"),
            updated_at=_ts(row, "updated_at"),
        )

    def key_info(self, org_slug: str) -> KeyInfo:
        """Active key metadata."""
        self._existing(org_slug)
        return self._keys.key_info(org_slug)

    def dev_api_key(self, org_slug: str) -> str:
        """The clear key; only in development."""
        if not self._development:
            raise PermissionDenied(
                "the clear API key is only available in development",
                reason=Reason.DEVELOPMENT_ONLY,
            )
        self._existing(org_slug)
        return self._keys.dev_key(org_slug)

    # ---- mutations -------------------------------------------------------------------------

    def update_subscription(
        self, ctx: CallContext, org_slug: str, change: SubscriptionUpdate
    ) -> Subscription:
        """Validate and apply plan, limits and status together; quotas see them at once."""
        profile = self._existing(org_slug)
        current = self.get_subscription(org_slug)
        violations: list[FieldViolation] = []
        plan = None
        if change.plan_name is not None:
            plan = self._plans.find(change.plan_name)
            if plan is None:
                violations.append(
                    FieldViolation("plan_name", f"must be one of {', '.join(self._plans.names)}")
                )
        base = plan.limits if plan is not None else current.limits
        limits = Limits(
            daily_limit=_pick(change.daily_limit, base.daily_limit),
            monthly_limit=_pick(change.monthly_limit, base.monthly_limit),
            concurrent_limit=_pick(change.concurrent_limit, base.concurrent_limit),
            seat_limit=_pick(change.seat_limit, base.seat_limit),
            providers_limit=_pick(change.providers_limit, base.providers_limit),
        )
        violations += limits.violations()
        status = change.status.strip().upper() if change.status is not None else current.status
        if status not in SUBSCRIPTION_STATUSES:
            violations.append(
                FieldViolation("status", f"must be one of {', '.join(SUBSCRIPTION_STATUSES)}")
            )
        trial: dt.date | None = current.trial_end_date
        if change.trial_end_date is not None:
            trial = _parse_date(change.trial_end_date, violations)
        if violations:
            raise InvalidArgument(
                "invalid subscription update: " + ", ".join(v.field for v in violations),
                violations=violations,
            )
        plan_name = plan.name if plan is not None else current.plan_name
        values: dict[str, object] = {
            "plan_name": plan_name, "status": status, "trial_end_date": trial,
            **_limit_values(limits),
        }  # fmt: skip
        try:
            self._write_subscription(org_slug, values)
            profile_status = str(profile["status"])
            if status == SUSPENDED and profile_status == ACTIVE:
                profile_status = SUSPENDED
            elif status in ("ACTIVE", "TRIAL") and profile_status == SUSPENDED:
                profile_status = ACTIVE
            self._wh.update(
                self._ds, PROFILES,
                {"subscription_plan": plan_name, "status": profile_status,
                 "updated_at": self._clock.now()},
                [Eq("org_slug", org_slug), Eq("status", str(profile["status"]))],
            )  # fmt: skip
            self._keys.invalidate_org(org_slug)
            self._quotas.sync_today_limits(org_slug, limits)
        except Exception as exc:
            self._audit.record(
                ctx, org_slug=org_slug, action="UPDATE", resource_type="SUBSCRIPTION",
                resource_id=org_slug, status=FAILURE, error_message=str(exc)[:500],
            )  # fmt: skip
            raise
        self._audit.record(
            ctx, org_slug=org_slug, action="UPDATE", resource_type="SUBSCRIPTION",
            resource_id=current.subscription_id,
            details={"plan_name": plan_name, "status": status, **_limit_values(limits)},
        )  # fmt: skip
        return self.get_subscription(org_slug)

    def rotate_api_key(self, ctx: CallContext, org_slug: str) -> tuple[IssuedKey, int]:
        """New key first, then every other key revoked; the new key is returned once."""
        row = self._existing(org_slug)
        if row["status"] != ACTIVE:
            raise FailedPrecondition(f"organization '{org_slug}' is {row['status']}")
        try:
            issued, revoked = self._keys.rotate(org_slug)
        except Exception as exc:
            self._audit.record(
                ctx, org_slug=org_slug, action="ROTATE", resource_type="API_KEY",
                resource_id=org_slug, status=FAILURE, error_message=str(exc)[:500],
            )  # fmt: skip
            raise
        self._audit.record(
            ctx, org_slug=org_slug, action="ROTATE", resource_type="API_KEY",
            resource_id=issued.key_id,
            details={"fingerprint": issued.fingerprint, "previous_keys_revoked": revoked},
        )  # fmt: skip
        return issued, revoked

    def delete(
        self, ctx: CallContext, org_slug: str, confirm_org_slug: str, *, delete_dataset: bool
    ) -> DeleteResult:
        """Soft delete: DELETED status, keys revoked, credentials deactivated, dataset optional."""
        if normalize_slug(confirm_org_slug) != org_slug:
            raise InvalidArgument.field("confirm_org_slug", "must equal org_slug")
        self._subscriptions.invalidate(org_slug)
        row = self._existing(org_slug)
        try:
            if row["status"] != DELETED:
                self._wh.update(
                    self._ds, PROFILES,
                    {"status": DELETED, "deleted_at": self._clock.now(),
                     "version": _int(row, "version") + 1, "updated_at": self._clock.now()},
                    [Eq("org_slug", org_slug)],
                )  # fmt: skip
            revoked = self._keys.revoke_all(org_slug)
            credentials = self._deactivate_credentials(org_slug)
            self._wh.update(
                self._ds, SUBSCRIPTIONS, {"status": "CANCELLED", "updated_at": self._clock.now()},
                [Eq("org_slug", org_slug)],
            )  # fmt: skip
            dropped = False
            if delete_dataset:
                self._bootstrap.drop_org_dataset(str(row["org_dataset_id"]))
                dropped = True
        except Exception as exc:
            self._audit.record(
                ctx, org_slug=org_slug, action="DELETE", resource_type="ORGANIZATION",
                resource_id=org_slug, status=FAILURE, error_message=str(exc)[:500],
            )  # fmt: skip
            raise
        self._audit.record(
            ctx, org_slug=org_slug, action="DELETE", resource_type="ORGANIZATION",
            resource_id=org_slug,
            details={"api_keys_revoked": revoked, "credentials_deactivated": credentials,
                     "dataset_deleted": dropped},
        )  # fmt: skip
        self._subscriptions.invalidate(org_slug)
        return DeleteResult(org_slug, revoked, credentials, dropped)

    # ---- helpers ---------------------------------------------------------------------------

    def _profile_row(self, org_slug: str) -> dict[str, object] | None:
        rows = self._wh.select(self._ds, PROFILES, [Eq("org_slug", org_slug)])
        return rows[0] if rows else None

    def _existing(self, org_slug: str) -> dict[str, object]:
        row = self._profile_row(org_slug)
        if row is None or row["status"] == PROVISIONING:
            raise NotFound("organization", org_slug)
        return row

    def _subscription_row(self, org_slug: str) -> dict[str, object]:
        rows = self._wh.select(self._ds, SUBSCRIPTIONS, [Eq("org_slug", org_slug)])
        if not rows:
            raise NotFound("subscription", org_slug)
        return rows[0]

    def _insert_subscription(self, slug: str, plan: str, limits: Limits, now: dt.datetime) -> None:
        self._subscriptions.invalidate(slug)
        self._wh.insert_rows(
            self._ds,
            SUBSCRIPTIONS,
            [
                {
                    "subscription_id": uuid.uuid4().hex,
                    "org_slug": slug,
                    "plan_name": plan,
                    "status": "ACTIVE",
                    **_limit_values(limits),
                    "trial_end_date": now.date() + dt.timedelta(days=TRIAL_DAYS),
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            ],
        )

    def _write_subscription(self, slug: str, values: Mapping[str, object]) -> None:
        self._subscriptions.invalidate(slug)
        for _ in range(50):
            row = self._subscription_row(slug)
            version = _int(row, "version")
            if self._wh.compare_and_set(
                self._ds, SUBSCRIPTIONS,
                {**values, "version": version + 1, "updated_at": self._clock.now()},
                [Eq("org_slug", slug)], {"version": version},
            ):  # fmt: skip
                self._subscriptions.invalidate(slug)  # again: a read may have raced the write
                return
        raise FailedPrecondition("the subscription changed concurrently; retry")

    def _deactivate_credentials(self, slug: str) -> int:
        if not self._wh.table_exists(self._ds, CREDENTIALS):
            return 0
        return self._wh.update(
            self._ds, CREDENTIALS, {"is_active": False, "updated_at": self._clock.now()},
            [Eq("org_slug", slug), Eq("is_active", True)],
        )  # fmt: skip

    def _delete_rows(self, table: str, slug: str) -> None:
        self._subscriptions.invalidate(slug)
        self._wh.delete(self._ds, table, [Eq("org_slug", slug)])


def _int(row: Mapping[str, object], column: str) -> int:
    value = row.get(column)
    return value if isinstance(value, int) else 0


def _ts(row: Mapping[str, object], column: str) -> dt.datetime:
    value = row[column]
    if not isinstance(value, dt.datetime):
        raise WarehouseError(f"{column} is not a timestamp")
    return value


def _pick(given: int | None, default: int) -> int:
    return default if given is None else given


def _limit_values(limits: Limits) -> dict[str, object]:
    return {
        "daily_limit": limits.daily_limit,
        "monthly_limit": limits.monthly_limit,
        "concurrent_limit": limits.concurrent_limit,
        "seat_limit": limits.seat_limit,
        "providers_limit": limits.providers_limit,
    }


def _parse_date(raw: str, violations: list[FieldViolation]) -> dt.date | None:
    value = raw.strip()
    if not value:
        return None
    if _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    violations.append(FieldViolation("trial_end_date", "must be a date YYYY-MM-DD"))
    return None

"""Onboarding: dry-run checks, the all-or-nothing onboarding saga and the re-sync of an org.

Onboarding first claims the slug atomically (``insert_if_absent`` of a PROVISIONING profile, or
a compare-and-set of a DELETED profile back to PROVISIONING), so concurrent onboardings of one
slug have exactly one winner. Every later step registers a compensation; on any failure they
run in reverse, the claim is released and the error names the failed step.

A crash (``kill -9``) runs no compensation: the profile stays PROVISIONING. Such an onboarding is
undone (``recover_unfinished``): at start-up, and when the slug is onboarded again once its claim is
older than ``ONBOARDING_LEASE``. Its key never worked (only ACTIVE orgs authenticate) and is
revoked first; the subscription, quota rows, credentials and dataset go; the claim is released
last, so a crash during the undo leaves it to the next one.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import KW_ONLY, dataclass, field

from cloudact_grpc.domain import identifiers
from cloudact_grpc.domain.clock import Clock
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import (
    Aborted,
    AlreadyExists,
    DomainError,
    FieldViolation,
    InvalidArgument,
)
from cloudact_grpc.domain.onboarding import (
    company_violation,
    email_violation,
    normalize_slug,
    plan_violation,
    slug_violation,
    validate_onboarding,
)
from cloudact_grpc.domain.plans import PlanCatalogue
from cloudact_grpc.ports.warehouse import Eq, Warehouse
from cloudact_grpc.services.api_keys import ApiKeyService
from cloudact_grpc.services.audit import FAILURE, AuditService
from cloudact_grpc.services.bootstrap import BootstrapService
from cloudact_grpc.services.columns import int_col
from cloudact_grpc.services.org_rows import deactivate_credentials, limit_values
from cloudact_grpc.services.org_subscriptions import OrgSubscriptionService
from cloudact_grpc.services.orgs.lifecycle import ACTIVE, DELETED, PROVISIONING, profile_row
from cloudact_grpc.services.orgs.tables import (
    API_KEYS,
    AUDIT_LOGS,
    PROFILES,
    SUBSCRIPTIONS,
    USAGE_QUOTAS,
)
from cloudact_grpc.services.quotas import QuotaService

log = logging.getLogger(__name__)

ONBOARDING_LEASE = dt.timedelta(minutes=10)
"""An onboarding still PROVISIONING after this long was cut off by a crash."""
# The frontend re-sends onboarding with regenerate_api_key_if_exists when a 409 says
# "already exists with status 'ACTIVE'" (its exact test); keep that phrase.
_REGENERATE_HINT = (
    " Use a different org_slug, or send regenerate_api_key_if_exists true to issue a new API key."
)
REQUIRED_CENTRAL = (PROFILES, API_KEYS, SUBSCRIPTIONS, USAGE_QUOTAS, AUDIT_LOGS)


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


@dataclass(slots=True)
class _Saga:
    step: str = "claim"
    undo: list[tuple[str, Callable[[], object]]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class OnboardingService:
    """Creates organisations over the central tables and per-org datasets."""

    warehouse: Warehouse
    bootstrap: BootstrapService
    api_keys: ApiKeyService
    quotas: QuotaService
    audit: AuditService
    plans: PlanCatalogue
    subscriptions: OrgSubscriptionService
    _: KW_ONLY
    dataset_suffix: str
    default_location: str
    dataset: str  # the central dataset; an org's own is ``org_dataset(slug)``
    clock: Clock

    def org_dataset(self, org_slug: str) -> str:
        """Name of the org's dataset, ``{org_slug}_{suffix}``."""
        return identifiers.org_dataset_id(org_slug, self.dataset_suffix)

    # ---- dry run ---------------------------------------------------------------------------

    def dry_run(
        self, org_slug: str, company_name: str, admin_email: str, subscription_plan: str
    ) -> DryRunResult:
        """Run every onboarding check without writing anything."""
        slug = normalize_slug(org_slug)
        plan = self.plans.find(subscription_plan or self.plans.default_plan)
        checks: list[Check] = []

        def add(name: str, violation: FieldViolation | None, ok: str) -> None:
            checks.append(
                Check(name, violation is None, violation.description if violation else ok)
            )

        add("org_slug_format", slug_violation(org_slug), "slug is valid")
        add("company_name", company_violation(company_name), "company name is valid")
        add("email_format", email_violation(admin_email), "email is valid")
        add("subscription_plan", plan_violation(subscription_plan, self.plans), "plan is known")
        reachable = self.warehouse.ping()
        answer = "warehouse answers" if reachable else "warehouse does not answer"
        checks.append(Check("warehouse_connectivity", reachable, answer))
        missing = [
            t
            for t in REQUIRED_CENTRAL
            if reachable and not self.warehouse.table_exists(self.dataset, t)
        ]
        central_ok = reachable and not missing
        checks.append(
            Check("central_tables", central_ok, "central tables exist" if central_ok
                  else f"missing central tables {missing}: run bootstrap")
        )  # fmt: skip
        if checks[0].passed and central_ok:
            profile = profile_row(self.warehouse, self.dataset, slug)
            dataset_exists = self.warehouse.dataset_exists(self.org_dataset(slug))
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
            org_slug, company_name, admin_email, subscription_plan, self.plans
        )
        location = dataset_location.strip() or self.default_location
        if len(location) > 64:
            raise InvalidArgument.field("dataset_location", "must be at most 64 characters")
        slug, dataset = data.org_slug, self.org_dataset(data.org_slug)
        self.subscriptions.invalidate(slug)
        now = self.clock.now()
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
        if not self.warehouse.insert_if_absent(self.dataset, PROFILES, profile, ["org_slug"]):
            existing = profile_row(self.warehouse, self.dataset, slug)
            if existing is None:  # deleted between the two calls: let the caller retry
                raise AlreadyExists("organization", slug)
            status = str(existing["status"])
            if status == PROVISIONING and self._stale(existing, now - ONBOARDING_LEASE):
                self._undo_unfinished(existing)
                return self.onboard(
                    ctx, org_slug, company_name, admin_email, subscription_plan,
                    dataset_location=dataset_location,
                    regenerate_api_key_if_exists=regenerate_api_key_if_exists,
                )  # fmt: skip
            if status == ACTIVE and regenerate_api_key_if_exists:
                return self._resync(ctx, existing, data.company_name, data.admin_email,
                                    data.plan.name, location)  # fmt: skip
            version = int_col(existing, "version")
            if status != DELETED or not self.warehouse.compare_and_set(
                self.dataset, PROFILES, {**profile, "version": version + 1},
                [Eq("org_slug", slug)], {"status": DELETED, "version": version},
            ):  # fmt: skip
                raise AlreadyExists(
                    "organization",
                    slug,
                    f"Organization '{slug}' already exists with status '{status}'."
                    + (_REGENERATE_HINT if status == ACTIVE else ""),
                )
            profile["version"] = version + 1
            reclaimed = True

        saga = _Saga()
        try:
            if reclaimed:
                saga.step = "clean_previous"
                self._purge_previous(slug, dataset)
            elif self.warehouse.dataset_exists(dataset):
                saga.step = "dataset"
                raise AlreadyExists("dataset", dataset, f"dataset '{dataset}' already exists")
            saga.step = "api_key"
            issued = self.api_keys.issue(slug)
            saga.undo.append(("api_key", lambda: self.api_keys.delete_key_row(issued.key_id)))
            saga.step = "subscription"
            saga.undo.append(("subscription", lambda: self._delete_rows(SUBSCRIPTIONS, slug)))
            self.subscriptions.insert(slug, data.plan.name, data.plan.limits, now)
            saga.step = "quota"
            saga.undo.append(("quota", lambda: self.quotas.delete_org_rows(slug)))
            self.quotas.ensure_today(slug, data.plan.limits)
            saga.step = "dataset"
            saga.undo.append(("dataset", lambda: self.bootstrap.drop_org_dataset(dataset)))
            setup = self.bootstrap.create_org_dataset(
                dataset, description=f"CloudAct data of {slug}"
            )
            saga.step = "activate"
            activated = {
                "status": ACTIVE,
                "version": int_col(profile, "version") + 1,
                "updated_at": self.clock.now(),
            }
            if not self.warehouse.compare_and_set(
                self.dataset, PROFILES, activated,
                [Eq("org_slug", slug)], {"status": PROVISIONING, "version": profile["version"]},
            ):  # fmt: skip
                raise Aborted(
                    "organization", slug, f"the claim on '{slug}' was lost during onboarding"
                )
        except Exception as exc:
            self._compensate(saga, slug, reclaimed)
            self.audit.record(
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
        self.audit.record(
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

    # ---- crash recovery --------------------------------------------------------------------

    def recover_unfinished(self, lease: dt.timedelta = ONBOARDING_LEASE) -> list[str]:
        """Undo every onboarding PROVISIONING for longer than ``lease``; the slugs undone."""
        if not self.warehouse.table_exists(self.dataset, PROFILES):
            return []
        stale_before = self.clock.now() - lease
        rows = self.warehouse.select(self.dataset, PROFILES, [Eq("status", PROVISIONING)])
        return [
            str(row["org_slug"])
            for row in rows
            if self._stale(row, stale_before) and self._undo_unfinished(row)
        ]

    @staticmethod
    def _stale(row: Mapping[str, object], stale_before: dt.datetime) -> bool:
        updated = row.get("updated_at")
        if not isinstance(updated, dt.datetime):
            return True
        if updated.tzinfo is None:
            updated = updated.replace(tzinfo=dt.UTC)
        return updated <= stale_before

    def _undo_unfinished(self, row: Mapping[str, object]) -> bool:
        """Undo one cut-off onboarding; False when another caller took it over first."""
        slug, version = str(row["org_slug"]), int_col(row, "version")
        # Bumping the version takes the claim over: an onboarding still running (another
        # replica) fails its activation, and two recoveries never undo the same claim twice.
        if not self.warehouse.compare_and_set(
            self.dataset, PROFILES, {"version": version + 1, "updated_at": self.clock.now()},
            [Eq("org_slug", slug)], {"status": PROVISIONING, "version": version},
        ):  # fmt: skip
            return False
        log.warning("undoing the unfinished onboarding of %s", slug)
        self._purge_previous(slug, self.org_dataset(slug))
        self.warehouse.delete(
            self.dataset, PROFILES, [Eq("org_slug", slug), Eq("status", PROVISIONING)]
        )
        self.api_keys.invalidate_org(slug)
        return True

    def _compensate(self, saga: _Saga, slug: str, reclaimed: bool) -> None:
        for name, undo in reversed(saga.undo):
            try:
                undo()
            except Exception:  # keep compensating; the log says what is left
                log.exception("onboarding compensation %s failed for %s", name, slug)
        try:
            if reclaimed:
                self.warehouse.update(
                    self.dataset, PROFILES, {"status": DELETED, "deleted_at": self.clock.now()},
                    [Eq("org_slug", slug)],
                )  # fmt: skip
            else:
                self.warehouse.delete(
                    self.dataset, PROFILES, [Eq("org_slug", slug), Eq("status", PROVISIONING)]
                )
        except Exception:
            log.exception("releasing the onboarding claim failed for %s", slug)
        self.api_keys.invalidate_org(slug)

    def _purge_previous(self, slug: str, dataset: str) -> None:
        """A re-claimed DELETED slug starts clean: no old keys, credentials, quotas or data."""
        self.api_keys.revoke_all(slug)
        self._delete_rows(API_KEYS, slug)
        self._delete_rows(SUBSCRIPTIONS, slug)
        self.quotas.delete_org_rows(slug)
        deactivate_credentials(self.warehouse, self.dataset, self.clock, slug)
        self.bootstrap.drop_org_dataset(dataset)

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
        self.subscriptions.invalidate(slug)
        plan = self.plans.find(plan_name)
        if plan is None:
            raise InvalidArgument.field("subscription_plan", "unknown plan")
        self.warehouse.update(
            self.dataset, PROFILES,
            {"company_name": company_name, "admin_email": admin_email,
             "subscription_plan": plan.name, "version": int_col(existing, "version") + 1,
             "updated_at": self.clock.now()},
            [Eq("org_slug", slug)],
        )  # fmt: skip
        self.subscriptions.write(slug, {"plan_name": plan.name, **limit_values(plan.limits)})
        self.quotas.sync_today_limits(slug, plan.limits)
        issued, revoked = self.api_keys.rotate(slug)
        self.audit.record(
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

    def _delete_rows(self, table: str, slug: str) -> None:
        self.subscriptions.invalidate(slug)
        self.warehouse.delete(self.dataset, table, [Eq("org_slug", slug)])

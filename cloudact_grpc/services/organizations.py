"""Organisations: the facade over onboarding and subscriptions; profile, keys, deletion.

Onboarding lives in ``onboarding.py``, subscriptions in ``org_subscriptions.py``; this module
reads profiles and offboards organisations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cloudact_grpc.domain.clock import Clock, SystemClock
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import (
    FailedPrecondition,
    InvalidArgument,
    PermissionDenied,
    Reason,
)
from cloudact_grpc.domain.onboarding import normalize_slug
from cloudact_grpc.domain.plans import PlanCatalogue
from cloudact_grpc.ports.warehouse import Eq, Warehouse
from cloudact_grpc.services.api_keys import ApiKeyService, IssuedKey, KeyInfo
from cloudact_grpc.services.audit import FAILURE, AuditService
from cloudact_grpc.services.bootstrap import CENTRAL_DATASET, BootstrapService
from cloudact_grpc.services.onboarding import (
    ONBOARDING_LEASE,
    DryRunResult,
    OnboardingService,
    OnboardResult,
)
from cloudact_grpc.services.org_rows import (
    ACTIVE,
    DELETED,
    PROFILES,
    deactivate_credentials,
    existing_profile,
    int_col,
    ts_col,
)
from cloudact_grpc.services.org_subscriptions import (
    OrgSubscriptionService,
    Subscription,
    SubscriptionUpdate,
)
from cloudact_grpc.services.quotas import QuotaService
from cloudact_grpc.services.read_cache import ReadCache


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
class DeleteResult:
    """Offboarding outcome."""

    org_slug: str
    api_keys_revoked: int
    credentials_deactivated: int
    dataset_deleted: bool


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
        subscription_cache: ReadCache[Subscription] | None = None,
    ) -> None:
        self._wh = warehouse
        self._bootstrap = bootstrap
        self._keys = api_keys
        self._audit = audit
        self._development = development
        self._ds = dataset
        self._clock = clock or SystemClock()
        self._subscriptions = OrgSubscriptionService(
            warehouse, api_keys, quotas, audit, plans, dataset=dataset, clock=self._clock,
            cache=subscription_cache,
        )  # fmt: skip
        self._onboarding = OnboardingService(
            warehouse, bootstrap, api_keys, quotas, audit, plans, self._subscriptions,
            dataset_suffix=dataset_suffix, default_location=default_location,
            dataset=dataset, clock=self._clock,
        )  # fmt: skip

    def org_dataset(self, org_slug: str) -> str:
        """Name of the org's dataset, ``{org_slug}_{suffix}``."""
        return self._onboarding.org_dataset(org_slug)

    # ---- onboarding ------------------------------------------------------------------------

    def dry_run(
        self, org_slug: str, company_name: str, admin_email: str, subscription_plan: str
    ) -> DryRunResult:
        """Run every onboarding check without writing anything."""
        return self._onboarding.dry_run(org_slug, company_name, admin_email, subscription_plan)

    def onboard(
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
        """Create the org completely or not at all (see ``onboarding.py``)."""
        return self._onboarding.onboard(
            ctx, org_slug, company_name, admin_email, subscription_plan,
            dataset_location=dataset_location,
            regenerate_api_key_if_exists=regenerate_api_key_if_exists,
        )  # fmt: skip

    def recover_unfinished_onboardings(self, *, single_owner: bool) -> list[str]:
        """Undo onboardings a crash cut off (see ``onboarding.py``); the slugs undone.

        ``single_owner``: this process alone writes the warehouse (the DuckDB file), so every
        PROVISIONING claim is a dead one; otherwise only claims older than the lease are.
        """
        lease = dt.timedelta(0) if single_owner else ONBOARDING_LEASE
        return self._onboarding.recover_unfinished(lease)

    # ---- reads -----------------------------------------------------------------------------

    def get_profile(self, org_slug: str) -> Profile:
        """The profile (NotFound for unknown or still-provisioning slugs)."""
        row = existing_profile(self._wh, self._ds, org_slug)
        return Profile(
            org_slug=str(row["org_slug"]),
            company_name=str(row["company_name"]),
            admin_email=str(row["admin_email"]),
            subscription_plan=str(row["subscription_plan"]),
            status=str(row["status"]),
            dataset_id=str(row["org_dataset_id"]),
            dataset_location=str(row.get("dataset_location") or ""),
            created_at=ts_col(row, "created_at"),
            updated_at=ts_col(row, "updated_at"),
        )

    def get_subscription(self, org_slug: str) -> Subscription:
        """Plan, status and limits (cached; every write of them invalidates)."""
        return self._subscriptions.get(org_slug)

    def key_info(self, org_slug: str) -> KeyInfo:
        """Active key metadata."""
        existing_profile(self._wh, self._ds, org_slug)
        return self._keys.key_info(org_slug)

    def dev_api_key(self, org_slug: str) -> str:
        """The clear key; only in development."""
        if not self._development:
            raise PermissionDenied(
                "the clear API key is only available in development",
                reason=Reason.DEVELOPMENT_ONLY,
                metadata={"environment": "development"},  # where the method exists
            )
        existing_profile(self._wh, self._ds, org_slug)
        return self._keys.dev_key(org_slug)

    # ---- mutations -------------------------------------------------------------------------

    def update_subscription(
        self, ctx: CallContext, org_slug: str, change: SubscriptionUpdate
    ) -> Subscription:
        """Validate and apply plan, limits and status together; quotas see them at once."""
        return self._subscriptions.update(ctx, org_slug, change)

    def rotate_api_key(self, ctx: CallContext, org_slug: str) -> tuple[IssuedKey, int]:
        """New key first, then every other key revoked; the new key is returned once."""
        row = existing_profile(self._wh, self._ds, org_slug)
        if row["status"] != ACTIVE:
            raise FailedPrecondition("organization", org_slug, str(row["status"]))
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
        row = existing_profile(self._wh, self._ds, org_slug)
        try:
            if row["status"] != DELETED:
                self._wh.update(
                    self._ds, PROFILES,
                    {"status": DELETED, "deleted_at": self._clock.now(),
                     "version": int_col(row, "version") + 1, "updated_at": self._clock.now()},
                    [Eq("org_slug", org_slug)],
                )  # fmt: skip
            revoked = self._keys.revoke_all(org_slug)
            credentials = deactivate_credentials(self._wh, self._ds, self._clock, org_slug)
            self._subscriptions.cancel(org_slug)
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

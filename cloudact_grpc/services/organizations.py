"""Organisations after onboarding: profile, API keys, offboarding.

Onboarding lives in ``onboarding.py``, subscriptions in ``org_subscriptions.py``, the lifecycle
rule in ``orgs/lifecycle.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import KW_ONLY, dataclass, field

from cloudact_grpc.domain.clock import Clock, SystemClock
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import (
    FailedPrecondition,
    InvalidArgument,
    PermissionDenied,
    Reason,
)
from cloudact_grpc.domain.onboarding import normalize_slug
from cloudact_grpc.ports.warehouse import Eq, Warehouse
from cloudact_grpc.services.api_keys import ApiKeyService, IssuedKey, KeyInfo
from cloudact_grpc.services.audit import AuditService
from cloudact_grpc.services.bootstrap import CENTRAL_DATASET, BootstrapService
from cloudact_grpc.services.columns import int_col, ts_col
from cloudact_grpc.services.org_rows import deactivate_credentials
from cloudact_grpc.services.org_subscriptions import OrgSubscriptionService
from cloudact_grpc.services.orgs.lifecycle import ACTIVE, DELETED, existing_profile
from cloudact_grpc.services.orgs.tables import PROFILES


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


@dataclass(frozen=True, slots=True)
class OrganizationService:
    """Profiles, API keys and offboarding of onboarded organisations."""

    warehouse: Warehouse
    bootstrap: BootstrapService
    api_keys: ApiKeyService
    audit: AuditService
    subscriptions: OrgSubscriptionService
    _: KW_ONLY
    development: bool
    dataset: str = CENTRAL_DATASET
    clock: Clock = field(default_factory=SystemClock)

    # ---- reads -----------------------------------------------------------------------------

    def get_profile(self, org_slug: str) -> Profile:
        """The profile (NotFound for unknown or still-provisioning slugs)."""
        row = existing_profile(self.warehouse, self.dataset, org_slug)
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

    def key_info(self, org_slug: str) -> KeyInfo:
        """Active key metadata."""
        existing_profile(self.warehouse, self.dataset, org_slug)
        return self.api_keys.key_info(org_slug)

    def dev_api_key(self, org_slug: str) -> str:
        """The clear key; only in development."""
        if not self.development:
            raise PermissionDenied(
                "the clear API key is only available in development",
                reason=Reason.DEVELOPMENT_ONLY,
                metadata={"environment": "development"},  # where the method exists
            )
        existing_profile(self.warehouse, self.dataset, org_slug)
        return self.api_keys.dev_key(org_slug)

    # ---- mutations -------------------------------------------------------------------------

    def rotate_api_key(self, ctx: CallContext, org_slug: str) -> tuple[IssuedKey, int]:
        """New key first, then every other key revoked; the new key is returned once."""
        row = existing_profile(self.warehouse, self.dataset, org_slug)
        if row["status"] != ACTIVE:
            raise FailedPrecondition("organization", org_slug, str(row["status"]))
        with self.audit.failures(ctx, org_slug=org_slug, action="ROTATE", resource_type="API_KEY"):
            issued, revoked = self.api_keys.rotate(org_slug)
        self.audit.record(
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
        self.subscriptions.invalidate(org_slug)
        row = existing_profile(self.warehouse, self.dataset, org_slug)
        with self.audit.failures(
            ctx, org_slug=org_slug, action="DELETE", resource_type="ORGANIZATION"
        ):
            if row["status"] != DELETED:
                self.warehouse.update(
                    self.dataset, PROFILES,
                    {"status": DELETED, "deleted_at": self.clock.now(),
                     "version": int_col(row, "version") + 1, "updated_at": self.clock.now()},
                    [Eq("org_slug", org_slug)],
                )  # fmt: skip
            revoked = self.api_keys.revoke_all(org_slug)
            credentials = deactivate_credentials(self.warehouse, self.dataset, self.clock, org_slug)
            self.subscriptions.cancel(org_slug)
            dropped = False
            if delete_dataset:
                self.bootstrap.drop_org_dataset(str(row["org_dataset_id"]))
                dropped = True
        self.audit.record(
            ctx, org_slug=org_slug, action="DELETE", resource_type="ORGANIZATION",
            resource_id=org_slug,
            details={"api_keys_revoked": revoked, "credentials_deactivated": credentials,
                     "dataset_deleted": dropped},
        )  # fmt: skip
        self.subscriptions.invalidate(org_slug)
        return DeleteResult(org_slug, revoked, credentials, dropped)

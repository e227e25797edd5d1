"""Organisation lifecycle: statuses, the one existence rule, and slug → dataset.

An org is claimed PROVISIONING, becomes ACTIVE when onboarding finishes, may be SUSPENDED and
resumed, and ends DELETED (its row stays, a tombstone; onboarding may claim the slug again).

The one existence rule: an org **exists** from the end of its onboarding until it is deleted
(ACTIVE or SUSPENDED). Feature services reach only existing orgs; writes need ACTIVE
(``PermissionDenied(ORG_INACTIVE)`` otherwise). The org-admin calls (profile, key info,
delete) read the **record**: an existing org or its DELETED tombstone.
"""

from __future__ import annotations

from cloudact_grpc.domain import identifiers
from cloudact_grpc.domain.errors import NotFound, PermissionDenied, Reason
from cloudact_grpc.ports.warehouse import Eq, Warehouse
from cloudact_grpc.services.orgs.tables import CENTRAL_DATASET, PROFILES

Row = dict[str, object]

ACTIVE, SUSPENDED, DELETED, PROVISIONING = "ACTIVE", "SUSPENDED", "DELETED", "PROVISIONING"
EXISTING = frozenset({ACTIVE, SUSPENDED})
"""Statuses of an org that exists (see the module docstring)."""


def exists(status: object) -> bool:
    """The existence rule: onboarding finished and not deleted."""
    return status in EXISTING


def profile_row(wh: Warehouse, central: str, org_slug: str) -> Row | None:
    """The profile row in any status (onboarding's claims included), or None."""
    rows = wh.select(central, PROFILES, [Eq("org_slug", org_slug)])
    return rows[0] if rows else None


def status_of(wh: Warehouse, central: str, org_slug: str) -> str:
    """The org's status; ``""`` when it has no profile row."""
    rows = wh.select(central, PROFILES, [Eq("org_slug", org_slug)], columns=["status"], limit=1)
    return str(rows[0]["status"]) if rows else ""


def existing_profile(wh: Warehouse, central: str, org_slug: str) -> Row:
    """The org's record: an existing org's profile or its DELETED tombstone; else NotFound."""
    row = profile_row(wh, central, org_slug)
    if row is None or not (exists(row["status"]) or row["status"] == DELETED):
        raise NotFound("organization", org_slug)
    return row


def require_org(wh: Warehouse, central: str, org_slug: str, *, active: bool) -> str:
    """The validated slug of an existing org; ``PermissionDenied(ORG_INACTIVE)`` if asked."""
    slug = identifiers.org_slug(org_slug.strip().lower())
    status = status_of(wh, central, slug)
    if not exists(status):
        raise NotFound("organization", slug)
    if active and status != ACTIVE:
        raise PermissionDenied(
            f"organization '{slug}' is not active",
            reason=Reason.ORG_INACTIVE,
            metadata={"org_slug": slug, "status": status},
        )
    return slug


def require_dataset(
    wh: Warehouse, central: str, suffix: str, org_slug: str, *, active: bool
) -> tuple[str, str]:
    """(slug, dataset) of an existing org (active when asked)."""
    slug = require_org(wh, central, org_slug, active=active)
    return slug, identifiers.org_dataset_id(slug, suffix)


class OrgDirectory:
    """Resolves slugs to existing orgs and their datasets ``{org_slug}_{suffix}``."""

    def __init__(
        self, warehouse: Warehouse, *, dataset_suffix: str, central: str = CENTRAL_DATASET
    ) -> None:
        self.wh = warehouse
        self.suffix = dataset_suffix
        self.central = central

    def dataset(self, org_slug: str) -> str:
        """The org's dataset name (no existence check)."""
        return identifiers.org_dataset_id(org_slug, self.suffix)

    def require(self, org_slug: str, *, active: bool) -> tuple[str, str]:
        """(slug, dataset) of an existing org (active when asked)."""
        return require_dataset(self.wh, self.central, self.suffix, org_slug, active=active)

    def known(self, org_slug: str) -> bool:
        """Whether the slug has a profile row in any status."""
        return bool(status_of(self.wh, self.central, org_slug))

    def active_slugs(self) -> list[str]:
        """Slugs of every ACTIVE org, sorted (none before the first bootstrap)."""
        try:
            rows = self.wh.select(
                self.central, PROFILES, [Eq("status", ACTIVE)], columns=["org_slug"]
            )
        except NotFound:  # not bootstrapped yet: no org exists
            return []
        return sorted(str(r["org_slug"]) for r in rows)

"""Reads an organisation's lifecycle state from ``org_profiles`` (shared by feature services)."""

from __future__ import annotations

from cloudact_grpc.domain import identifiers
from cloudact_grpc.domain.errors import NotFound, PermissionDenied, Reason
from cloudact_grpc.ports.warehouse import Eq, Warehouse

PROFILES = "org_profiles"


def require_org(warehouse: Warehouse, dataset: str, org_slug: str, *, active: bool) -> str:
    """The validated slug; ``NotFound`` if unknown, ``PermissionDenied(ORG_INACTIVE)`` if asked."""
    slug = identifiers.org_slug(org_slug.strip().lower())
    rows = warehouse.select(dataset, PROFILES, [Eq("org_slug", slug)], columns=["status"], limit=1)
    if not rows or rows[0]["status"] == "DELETED":
        raise NotFound("organization", slug)
    if active and rows[0]["status"] != "ACTIVE":
        raise PermissionDenied(
            f"organization '{slug}' is not active",
            reason=Reason.ORG_INACTIVE,
            metadata={"org_slug": slug, "status": str(rows[0]["status"])},
        )
    return slug

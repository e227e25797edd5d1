"""What every plan operation shares: the org's dataset, today's date and the audit trail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cloudact_grpc.domain import identifiers
from cloudact_grpc.domain.clock import Clock
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.services.audit import AuditService

RESOURCE = "saas_plan"


@dataclass(frozen=True, slots=True)
class OrgScope:
    """Plans of one organization live in ``{org_slug}_{suffix}``; changes are audited."""

    suffix: str
    clock: Clock
    audit: AuditService | None

    def today(self) -> dt.date:
        """The clock's current date."""
        return self.clock.now().date()

    def dataset(self, org_slug: str) -> str:
        """The organization's plans dataset."""
        return identifiers.org_dataset_id(org_slug, self.suffix)

    def record(
        self,
        ctx: CallContext,
        org_slug: str,
        action: str,
        resource_id: str,
        details: dict[str, object],
    ) -> None:
        """Write one ``saas_plan`` audit row (no-op without an audit service)."""
        if self.audit is not None:
            self.audit.record(
                ctx,
                org_slug=org_slug,
                action=action,
                resource_type=RESOURCE,
                resource_id=resource_id,
                details=details,
            )

"""What every plan operation shares: the org's dataset, today's date and the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cloudact_grpc.domain import identifiers
from cloudact_grpc.domain.clock import Clock, utc_today
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.services.audit import AuditService, ResourceAudit

RESOURCE = "saas_plan"


@dataclass(frozen=True, slots=True)
class OrgScope:
    """Plans of one organization live in ``{org_slug}_{suffix}``; changes are audited."""

    suffix: str
    clock: Clock
    audit: AuditService | None

    def today(self) -> dt.date:
        """Today (UTC) by the service clock."""
        return utc_today(self.clock)

    def dataset(self, org_slug: str) -> str:
        """The organization's plans dataset."""
        return identifiers.org_dataset_id(org_slug, self.suffix)

    @property
    def record(self) -> Callable[[CallContext, str, str, str, dict[str, object]], None]:
        """``ResourceAudit.record`` of ``saas_plan`` rows (a no-op without an audit service)."""
        if self.audit is None:
            return _no_record
        return ResourceAudit(self.audit, RESOURCE).record


def _no_record(*_: object) -> None:
    """What ``record`` is without an audit service."""

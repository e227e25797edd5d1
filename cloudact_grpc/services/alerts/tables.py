"""The org tables of alerting, created on first use in datasets onboarded before them."""

from __future__ import annotations

import json
from collections.abc import Mapping

from cloudact_grpc.domain.clock import Clock, SystemClock
from cloudact_grpc.ports.warehouse import TableSchema
from cloudact_grpc.services.audit import AuditService
from cloudact_grpc.services.orgs import tables
from cloudact_grpc.services.orgs.lifecycle import OrgDirectory

CHANNELS = tables.NOTIFICATION_CHANNELS
RULES = tables.NOTIFICATION_RULES
HISTORY = tables.NOTIFICATION_HISTORY
ALL = (CHANNELS, RULES, HISTORY)


class AlertTables:
    """Resolves an org to its dataset and makes sure the alert tables exist.

    It also carries what every alerting service shares: the audit trail and the clock.
    """

    def __init__(
        self,
        orgs: OrgDirectory,
        schemas: Mapping[str, TableSchema],
        audit: AuditService,
        *,
        clock: Clock | None = None,
    ) -> None:
        self.wh = orgs.wh
        self.audit = audit
        self.clock = clock or SystemClock()
        self._orgs = orgs
        self._schemas = schemas
        # Datasets whose alert tables were seen or created by this process. Onboarding creates
        # them with every org dataset; only datasets from before alerting need the check.
        self._ensured: set[str] = set()

    def org(self, org_slug: str, *, active: bool) -> tuple[str, str]:
        """(slug, dataset) of an existing org (active when asked), tables ensured."""
        slug, ds = self._orgs.require(org_slug, active=active)
        if ds not in self._ensured:
            for name in ALL:
                if not self.wh.table_exists(ds, name):
                    self.wh.create_table(ds, self._schemas[name])
            self._ensured.add(ds)
        return slug, ds

    def active_orgs(self) -> list[str]:
        """Slugs of every active org."""
        return self._orgs.active_slugs()


def loads(value: object) -> object:
    """A JSON column as Python (DuckDB may hand back text)."""
    return json.loads(value) if isinstance(value, str) else value


def mapping(value: object) -> dict[str, object]:
    """A JSON object column as a dict ({} when absent or not an object)."""
    data = loads(value)
    return data if isinstance(data, dict) else {}


def strings(value: object) -> tuple[str, ...]:
    """A JSON list column as strings."""
    data = loads(value)
    return tuple(str(v) for v in data) if isinstance(data, list) else ()

"""The org tables of alerting, created on first use in datasets onboarded before them."""

from __future__ import annotations

import json
from collections.abc import Mapping

from cloudact_grpc.domain import identifiers
from cloudact_grpc.ports.warehouse import TableSchema, Warehouse
from cloudact_grpc.services.bootstrap import CENTRAL_DATASET
from cloudact_grpc.services.org_state import require_org

CHANNELS = "notification_channels"
RULES = "notification_rules"
HISTORY = "notification_history"
ALL = (CHANNELS, RULES, HISTORY)


class AlertTables:
    """Resolves an org to its dataset and makes sure the alert tables exist."""

    def __init__(
        self,
        warehouse: Warehouse,
        schemas: Mapping[str, TableSchema],
        *,
        dataset_suffix: str,
        dataset: str = CENTRAL_DATASET,
    ) -> None:
        self.wh = warehouse
        self._schemas = schemas
        self._suffix = dataset_suffix
        self._central = dataset
        # Datasets whose alert tables were seen or created by this process. Onboarding creates
        # them with every org dataset; only datasets from before alerting need the check.
        self._ensured: set[str] = set()

    def org(self, org_slug: str, *, active: bool) -> tuple[str, str]:
        """(slug, dataset) of an existing org (active when asked), tables ensured."""
        slug = require_org(self.wh, self._central, org_slug, active=active)
        ds = identifiers.org_dataset_id(slug, self._suffix)
        if ds not in self._ensured:
            for name in ALL:
                if not self.wh.table_exists(ds, name):
                    self.wh.create_table(ds, self._schemas[name])
            self._ensured.add(ds)
        return slug, ds

    def active_orgs(self) -> list[str]:
        """Slugs of every active org."""
        rows = self.wh.select(self._central, "org_profiles", columns=["org_slug", "status"])
        return sorted(str(r["org_slug"]) for r in rows if r["status"] == "ACTIVE")


def loads(value: object) -> object:
    """A JSON column as Python (DuckDB may hand back text)."""
    return json.loads(value) if isinstance(value, str) else value


def strings(value: object) -> tuple[str, ...]:
    """A JSON list column as strings."""
    data = loads(value)
    return tuple(str(v) for v in data) if isinstance(data, list) else ()

"""An organisation's LLM pricing and subscription tables: where they are, versioned writes, audit.

Both LLM services address rows by (org, provider, name); this resolves the org and its dataset
once per call, applies a change only to the version read (``Aborted`` otherwise) and audits it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, NamedTuple

from cloudact_grpc.domain.clock import Clock, SystemClock, utc_today
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import Aborted, InvalidArgument
from cloudact_grpc.ports.warehouse import Eq, Warehouse
from cloudact_grpc.services.audit import AuditService
from cloudact_grpc.services.bootstrap import CENTRAL_DATASET
from cloudact_grpc.services.org_upgrades import OrgTableUpgrades, no_upgrades
from cloudact_grpc.services.orgs.lifecycle import require_dataset

PROVIDERS: Final = ("anthropic", "custom", "deepseek", "gemini", "openai")


def check_provider(provider: str) -> str:
    """A pricing/subscription provider value."""
    name = provider.strip().lower()
    if name not in PROVIDERS:
        raise InvalidArgument.field("provider", f"must be one of {', '.join(PROVIDERS)}")
    return name


class Ref(NamedTuple):
    """What a call names: the org, the provider and a model id or subscription name."""

    org_slug: str
    provider: str
    name: str


class Key(NamedTuple):
    """One row by its id column and id, and the version it was read at."""

    column: str
    record_id: str
    version: int


@dataclass(frozen=True, slots=True)
class Scope:
    """One call's organisation (validated slug), its dataset and the provider."""

    slug: str
    dataset: str
    provider: str


@dataclass(frozen=True)
class LlmTables:
    """The org datasets' LLM tables, the service clock and the audit trail."""

    warehouse: Warehouse
    audit: AuditService
    dataset_suffix: str
    dataset: str = CENTRAL_DATASET
    clock: Clock = field(default_factory=SystemClock)
    upgrades: OrgTableUpgrades = field(default_factory=no_upgrades)

    def today(self) -> dt.date:
        """Today (UTC) by the service clock."""
        return utc_today(self.clock)

    def scope(self, org_slug: str, provider: str, *, active: bool, check: bool = True) -> Scope:
        """The org (active when ``active``) and provider; NotFound/PermissionDenied otherwise."""
        name = check_provider(provider) if check else provider
        slug, ds = require_dataset(
            self.warehouse, self.dataset, self.dataset_suffix, org_slug, active=active
        )
        return Scope(slug, ds, name)

    def writable(self, at: Scope, table: str) -> None:
        """Give the org's ``table`` the columns a newer schema added (once per process)."""
        self.upgrades.ensure(at.dataset, table)

    def change(
        self, at: Scope, table: str, key: Key, changes: Mapping[str, object], *, resource: str
    ) -> None:
        """Write ``changes`` to the row ``key`` names if it is still at the version read.

        ``Aborted`` naming ``resource`` and the id when the row changed meanwhile.
        """
        self.writable(at, table)
        where, expect = [Eq(key.column, key.record_id)], {"version": key.version}
        if not self.warehouse.compare_and_set(at.dataset, table, changes, where, expect):
            raise Aborted(resource, key.record_id)

    def record(
        self,
        ctx: CallContext,
        at: Scope,
        resource_type: str,
        action: str,
        name: str,
        details: Mapping[str, object] | None = None,
    ) -> None:
        """Audit ``action`` on ``{provider}/{name}`` in the scope's org."""
        self.audit.record(
            ctx,
            org_slug=at.slug,
            action=action,
            resource_type=resource_type,
            resource_id=f"{at.provider}/{name}",
            details=details,
        )

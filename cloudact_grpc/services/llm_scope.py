"""Where an organisation's LLM pricing and subscription rows live, the clock and the audit trail.

Both LLM services address rows by (org, provider): this resolves the pair once per call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from cloudact_grpc.domain import identifiers
from cloudact_grpc.domain.clock import Clock, SystemClock
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import InvalidArgument
from cloudact_grpc.ports.warehouse import Warehouse
from cloudact_grpc.services.audit import AuditService
from cloudact_grpc.services.org_state import require_org

PROVIDERS: Final = ("anthropic", "custom", "deepseek", "gemini", "openai")


def check_provider(provider: str) -> str:
    """A pricing/subscription provider value."""
    name = provider.strip().lower()
    if name not in PROVIDERS:
        raise InvalidArgument.field("provider", f"must be one of {', '.join(PROVIDERS)}")
    return name


@dataclass(frozen=True, slots=True)
class Scope:
    """One call's organisation (validated slug), its dataset and the provider."""

    slug: str
    dataset: str
    provider: str


class LlmScopes:
    """Resolves (org, provider) to a ``Scope`` and audits changes of one resource type."""

    def __init__(
        self,
        warehouse: Warehouse,
        audit: AuditService,
        resource_type: str,
        *,
        dataset_suffix: str,
        dataset: str,
        clock: Clock | None,
    ) -> None:
        self._wh = warehouse
        self._audit = audit
        self._resource = resource_type
        self._suffix = dataset_suffix
        self._central = dataset
        self.clock: Clock = clock or SystemClock()

    def today(self) -> dt.date:
        """Today (UTC) by the service clock."""
        return self.clock.now().date()

    def scope(self, org_slug: str, provider: str, *, active: bool, check: bool = True) -> Scope:
        """The org (active when ``active``) and provider; NotFound/PermissionDenied otherwise."""
        name = check_provider(provider) if check else provider
        slug = require_org(self._wh, self._central, org_slug, active=active)
        return Scope(slug, identifiers.org_dataset_id(slug, self._suffix), name)

    def record(
        self,
        ctx: CallContext,
        at: Scope,
        action: str,
        name: str,
        details: Mapping[str, object] | None = None,
    ) -> None:
        """Audit ``action`` on ``{provider}/{name}`` in the scope's org."""
        self._audit.record(
            ctx,
            org_slug=at.slug,
            action=action,
            resource_type=self._resource,
            resource_id=f"{at.provider}/{name}",
            details=details,
        )

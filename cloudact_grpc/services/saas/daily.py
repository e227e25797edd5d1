"""The daily SaaS cost catch-up: every active org's open-ended plans costed through today.

Cost reads never write; plan writes catch up their own org. This step covers the date moving
on with no plan write: the app runs it at startup and hourly (each org is checked at most once
a day, so most runs only list the orgs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import structlog

from cloudact_grpc.domain.errors import DomainError
from cloudact_grpc.ports.warehouse import WarehouseError

_log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class DailyCatchUp:
    """Runs ``catch_up`` (plans recomputed for one org) for each org ``orgs`` lists."""

    catch_up: Callable[[str], int]
    orgs: Callable[[], Iterable[str]]

    def run(self) -> int:
        """Catch every org up; returns plans recomputed. One org's failure is logged only."""
        total = 0
        for org in self.orgs():
            try:
                total += self.catch_up(org)
            except (DomainError, WarehouseError):  # one org's bad row must not stop the others
                _log.warning("saas_catch_up_failed", org_slug=org, exc_info=True)
        return total

"""Who performs a service call and under which request id (for audit rows)."""

from __future__ import annotations

from dataclasses import dataclass

from cloudact_grpc.domain.principal import ROOT, Principal


@dataclass(frozen=True, slots=True)
class CallContext:
    """The caller and request id of one operation."""

    principal: Principal = ROOT
    request_id: str = ""

    @property
    def actor(self) -> str:
        """Audit name of the caller."""
        return self.principal.actor

"""Liveness and readiness of the service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from cloudact_grpc.domain.errors import Unavailable


class Pingable(Protocol):
    """A dependency that can say whether it answers."""

    def ping(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Health:
    """What ``/health`` reports."""

    status: str
    service: str
    version: str
    environment: str


@dataclass(frozen=True, slots=True)
class Readiness:
    """What ``/health/ready`` reports when ready."""

    status: str
    warehouse: str
    warehouse_ready: bool


class HealthService:
    """Answers liveness from the process and readiness from the warehouse."""

    def __init__(
        self,
        *,
        service: str,
        version: str,
        environment: str,
        warehouse_name: str,
        warehouse: Pingable,
        shared_state: Pingable | None = None,
        shared_state_name: str = "",
    ) -> None:
        self._shared = shared_state
        self._shared_name = shared_state_name
        self._health = Health("healthy", service, version, environment)
        self._warehouse_name = warehouse_name
        self._warehouse = warehouse

    def health(self) -> Health:
        """Liveness: the process answers."""
        return self._health

    def readiness(self) -> Readiness:
        """Readiness; ``Unavailable`` when the warehouse or shared store does not answer.

        Its metadata ``backend`` names which one.
        """
        if not self._warehouse.ping():
            raise Unavailable(
                f"warehouse ({self._warehouse_name}) is not reachable",
                retry_after_seconds=5,
                metadata={"backend": self._warehouse_name},
            )
        if self._shared is not None and not self._shared.ping():
            raise Unavailable(
                f"shared store ({self._shared_name}) is not reachable: rate-limited calls are "
                "refused until it answers",
                retry_after_seconds=5,
                metadata={"backend": self._shared_name},
            )
        return Readiness("ready", self._warehouse_name, True)

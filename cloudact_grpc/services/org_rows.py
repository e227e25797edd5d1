"""Rows of the organisation services: subscription and credential rows."""

from __future__ import annotations

from dataclasses import asdict

from cloudact_grpc.domain.clock import Clock
from cloudact_grpc.domain.errors import NotFound
from cloudact_grpc.domain.plans import Limits
from cloudact_grpc.ports.warehouse import Eq, Warehouse
from cloudact_grpc.services.orgs.tables import CREDENTIALS, SUBSCRIPTIONS


def subscription_row(wh: Warehouse, dataset: str, org_slug: str) -> dict[str, object]:
    """The subscription row; NotFound if there is none."""
    rows = wh.select(dataset, SUBSCRIPTIONS, [Eq("org_slug", org_slug)])
    if not rows:
        raise NotFound("subscription", org_slug)
    return rows[0]


def deactivate_credentials(wh: Warehouse, dataset: str, clock: Clock, org_slug: str) -> int:
    """Deactivate the org's integration credentials; the number deactivated."""
    if not wh.table_exists(dataset, CREDENTIALS):
        return 0
    return wh.update(
        dataset, CREDENTIALS, {"is_active": False, "updated_at": clock.now()},
        [Eq("org_slug", org_slug), Eq("is_active", True)],
    )  # fmt: skip


def pick(given: int | None, default: int) -> int:
    """``given`` unless it is None."""
    return default if given is None else given


def limit_values(limits: Limits) -> dict[str, object]:
    """The limit columns of a subscription row (named as the fields of ``Limits``)."""
    return asdict(limits)

"""Organizations for tests over gRPC: bootstrap, onboard, and the status code of a call."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import grpc
from cloudact.v1 import (
    admin_pb2,
    admin_pb2_grpc,
    organizations_pb2,
    organizations_pb2_grpc,
    subscriptions_pb2,
    subscriptions_pb2_grpc,
)

from tests.support.errors import decode

Metadata = tuple[tuple[str, str], ...]


def bootstrap(channel: grpc.Channel, root_metadata: Metadata, timeout: float = 60.0) -> None:
    """Create the central tables (idempotent); a server that does not answer in ``timeout``
    seconds fails the test instead of hanging it."""
    admin_pb2_grpc.AdminServiceStub(channel).Bootstrap(
        admin_pb2.BootstrapRequest(), metadata=root_metadata, timeout=timeout
    )


def onboard(channel: grpc.Channel, root_metadata: Metadata, prefix: str = "org") -> tuple[str, str]:
    """A fresh org on the FREE plan: its slug and its API key."""
    slug = f"{prefix}_{uuid.uuid4().hex[:10]}"
    reply = organizations_pb2_grpc.OrganizationsServiceStub(channel).OnboardOrganization(
        organizations_pb2.OnboardOrganizationRequest(
            org_slug=slug, company_name="Acme", admin_email="a@acme.io", subscription_plan="FREE"
        ),
        metadata=root_metadata,
    )
    return slug, reply.api_key


def slack_plan(channel: grpc.Channel, root_metadata: Metadata, slug: str) -> str:
    """A Slack PRO plan (3 users at 8.00 from 2026-01-01) for ``slug``: its subscription id."""
    reply = subscriptions_pb2_grpc.SubscriptionsServiceStub(channel).CreateSaasPlan(
        subscriptions_pb2.CreateSaasPlanRequest(
            org_slug=slug, provider="slack", plan_name="PRO", unit_price=8.0,
            number_of_users=3, effective_date="2026-01-01",
        ),
        metadata=root_metadata,
    )  # fmt: skip
    return str(reply.plan.subscription_id)


def code_of(call: Callable[[], object]) -> grpc.StatusCode:
    """The status code ``call`` ends with (OK when it returns)."""
    try:
        call()
    except grpc.RpcError as exc:
        return decode(exc).code
    return grpc.StatusCode.OK

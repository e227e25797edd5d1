"""Organizations for tests over gRPC: bootstrap, onboard, and the status code of a call."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import grpc
from cloudact.v1 import admin_pb2, admin_pb2_grpc, organizations_pb2, organizations_pb2_grpc

from tests.support.errors import decode

Metadata = tuple[tuple[str, str], ...]


def bootstrap(channel: grpc.Channel, root_metadata: Metadata) -> None:
    """Create the central tables (idempotent)."""
    admin_pb2_grpc.AdminServiceStub(channel).Bootstrap(
        admin_pb2.BootstrapRequest(), metadata=root_metadata
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


def code_of(call: Callable[[], object]) -> grpc.StatusCode:
    """The status code ``call`` ends with (OK when it returns)."""
    try:
        call()
    except grpc.RpcError as exc:
        return decode(exc).code
    return grpc.StatusCode.OK

"""Every org-scoped RPC of the contract, with every kind of key: the tenancy matrix.

Built from the descriptors, so a new RPC is covered the day it is added. Calls go to the
in-process server with an empty request carrying only ``org_slug``.
"""

from __future__ import annotations

import uuid

import grpc
import pytest
from cloudact.v1 import (
    admin_pb2,
    admin_pb2_grpc,
    organizations_pb2,
    organizations_pb2_grpc,
)
from google.protobuf import descriptor, message_factory

from cloudact_grpc.api.access import Access, access_for
from tests.support.descriptors import invoke, methods_where
from tests.support.errors import decode

Metadata = tuple[tuple[str, str], ...]
DENIED = {grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED}


def _org_methods() -> list[descriptor.MethodDescriptor]:
    methods = methods_where(
        lambda m: access_for(f"/{m.containing_service.full_name}/{m.name}") is Access.ORG
    )
    assert len(methods) > 30
    return methods


ORG_METHODS = _org_methods()


@pytest.fixture(scope="module")
def keys(channel: grpc.Channel, root_metadata: Metadata) -> dict[str, str]:
    """Org a and b with live keys, a rotated-out key, a deleted org's key, a suspended org's."""
    admin_pb2_grpc.AdminServiceStub(channel).Bootstrap(
        admin_pb2.BootstrapRequest(), metadata=root_metadata
    )
    orgs = organizations_pb2_grpc.OrganizationsServiceStub(channel)

    def onboard() -> tuple[str, str]:
        slug = f"iso_{uuid.uuid4().hex[:10]}"
        reply = orgs.OnboardOrganization(
            organizations_pb2.OnboardOrganizationRequest(
                org_slug=slug, company_name="Iso Co", admin_email="ops@iso.example"
            ),
            metadata=root_metadata,
        )
        return slug, reply.api_key

    a, key_a = onboard()
    b, key_b = onboard()
    c, rotated_out = onboard()
    orgs.RotateApiKey(organizations_pb2.RotateApiKeyRequest(org_slug=c), metadata=root_metadata)
    d, deleted = onboard()
    orgs.DeleteOrganization(
        organizations_pb2.DeleteOrganizationRequest(org_slug=d, confirm_org_slug=d),
        metadata=root_metadata,
    )
    e, suspended = onboard()
    orgs.UpdateSubscription(
        organizations_pb2.UpdateSubscriptionRequest(org_slug=e, status="SUSPENDED"),
        metadata=root_metadata,
    )
    return {
        "a": a,
        "b": b,
        "key_a": key_a,
        "key_b": key_b,
        "rotated_out": rotated_out,
        "deleted": deleted,
        "suspended": suspended,
    }


def _call(
    channel: grpc.Channel, method: descriptor.MethodDescriptor, org: str, metadata: Metadata
) -> tuple[grpc.StatusCode, bytes]:
    request = message_factory.GetMessageClass(method.input_type)(org_slug=org)
    try:
        replies = invoke(channel, method, request, metadata)
    except grpc.RpcError as exc:
        return decode(exc).code, b""
    return grpc.StatusCode.OK, b"".join(reply.SerializeToString() for reply in replies)


@pytest.mark.parametrize(
    "method", ORG_METHODS, ids=lambda m: m.full_name.removeprefix("cloudact.v1.")
)
def test_org_route_matrix(
    channel: grpc.Channel, keys: dict[str, str], method: descriptor.MethodDescriptor
) -> None:
    a = keys["a"]

    def code(key: str | None) -> grpc.StatusCode:
        metadata = (("x-api-key", key),) if key else ()
        return _call(channel, method, a, metadata)[0]

    assert code(None) is grpc.StatusCode.UNAUTHENTICATED
    assert code(keys["key_b"]) is grpc.StatusCode.PERMISSION_DENIED
    assert code(keys["rotated_out"]) is grpc.StatusCode.UNAUTHENTICATED
    assert code(keys["deleted"]) is grpc.StatusCode.UNAUTHENTICATED
    assert code(keys["suspended"]) in DENIED
    # An empty org is no org: never "every org" for an org key (ListRuns once read it so).
    empty_org = _call(channel, method, "", (("x-api-key", keys["key_a"]),))[0]
    assert empty_org in {grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.PERMISSION_DENIED}
    own, body = _call(channel, method, a, (("x-api-key", keys["key_a"]),))
    assert own not in DENIED
    assert keys["b"].encode() not in body
    if method.name == "RotateApiKey":  # the own key just rotated: later routes use the new one
        keys["key_a"] = organizations_pb2.RotateApiKeyResponse.FromString(body).api_key


def test_refused_mutations_are_audited(
    channel: grpc.Channel, keys: dict[str, str], root_metadata: Metadata
) -> None:
    a = keys["a"]
    orgs = organizations_pb2_grpc.OrganizationsServiceStub(channel)
    with pytest.raises(grpc.RpcError):
        orgs.RotateApiKey(
            organizations_pb2.RotateApiKeyRequest(org_slug=a),
            metadata=(("x-api-key", keys["key_b"]), ("x-request-id", "denied-rotate-1")),
        )
    logs = admin_pb2_grpc.AdminServiceStub(channel).ListAuditLogs(
        admin_pb2.ListAuditLogsRequest(org_slug=a, action="DENIED", page_size=5000),
        metadata=root_metadata,
    )
    entries = [e for e in logs.audit_logs if e.request_id == "denied-rotate-1"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry.status == "FAILURE"
    assert entry.resource_id == "/cloudact.v1.OrganizationsService/RotateApiKey"
    assert entry.actor.startswith("org_key:")
    assert "ORG_ACCESS_DENIED" in entry.details_json


def test_the_public_pipeline_catalogue_needs_no_key_and_names_no_org(
    channel: grpc.Channel, keys: dict[str, str]
) -> None:
    reply = admin_pb2_grpc.AdminServiceStub(channel).ListAvailablePipelines(
        admin_pb2.ListAvailablePipelinesRequest()
    )
    assert reply.success and reply.pipelines
    body = reply.SerializeToString()
    assert keys["a"].encode() not in body and keys["b"].encode() not in body

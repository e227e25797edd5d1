"""The one paging rule on every RPC that takes ``page_size``, found from the descriptors.

``page_size`` above the cap is lowered to the cap (the call succeeds), a negative one is refused
naming ``page_size``, and a token from another listing is refused naming ``page_token``.
"""

from __future__ import annotations

from typing import Any

import grpc
import pytest
from cloudact.v1 import (
    subscriptions_pb2,
    subscriptions_pb2_grpc,
)
from google.protobuf import descriptor, message_factory

from tests.support.descriptors import methods_where
from tests.support.errors import decode
from tests.support.orgs import bootstrap, onboard

Metadata = tuple[tuple[str, str], ...]


PAGED = methods_where(lambda m: "page_size" in m.input_type.fields_by_name)
# Per-method values for the fields a listing needs besides org_slug.
PROVIDER = {
    "ListModelPricing": "openai",
    "ListLlmSubscriptions": "openai",
    "ListAvailableSaasPlans": "slack",
    "ListSaasPlans": "slack",
    "ListSaasPlanVersions": "slack",
}


@pytest.fixture(scope="module")
def org(channel: grpc.Channel, root_metadata: Metadata) -> tuple[str, str]:
    """An onboarded org with one SaaS plan: its slug and the plan's subscription id."""
    bootstrap(channel, root_metadata)
    slug, _ = onboard(channel, root_metadata, "page")
    plan = subscriptions_pb2_grpc.SubscriptionsServiceStub(channel).CreateSaasPlan(
        subscriptions_pb2.CreateSaasPlanRequest(
            org_slug=slug, provider="slack", plan_name="PRO", unit_price=8.0,
            number_of_users=3, effective_date="2026-01-01",
        ),
        metadata=root_metadata,
    ).plan  # fmt: skip
    return slug, plan.subscription_id


def _call(
    channel: grpc.Channel,
    method: descriptor.MethodDescriptor,
    md: Metadata,
    org: tuple[str, str],
    **fields: Any,
) -> Any:
    request: Any = message_factory.GetMessageClass(method.input_type)(org_slug=org[0], **fields)
    if method.name in PROVIDER:
        request.provider = PROVIDER[method.name]
    if "subscription_id" in method.input_type.fields_by_name:
        request.subscription_id = org[1]
    if method.name == "GetCostPivot":
        request.rows.append("provider")
    response_class = message_factory.GetMessageClass(method.output_type)
    rpc: grpc.UnaryUnaryMultiCallable[Any, Any] = channel.unary_unary(
        f"/{method.containing_service.full_name}/{method.name}",
        request_serializer=lambda m: m.SerializeToString(),
        response_deserializer=response_class.FromString,
    )
    return rpc(request, metadata=md, timeout=30)


def test_every_paged_rpc_is_covered() -> None:
    assert len(PAGED) >= 12, [m.name for m in PAGED]


@pytest.mark.parametrize("method", PAGED, ids=lambda m: m.name)
def test_page_size_above_the_cap_is_capped(
    channel: grpc.Channel,
    root_metadata: Metadata,
    org: tuple[str, str],
    method: descriptor.MethodDescriptor,
) -> None:
    response = _call(channel, method, root_metadata, org, page_size=5000)
    assert response.next_page_token == ""


@pytest.mark.parametrize("method", PAGED, ids=lambda m: m.name)
def test_negative_page_size_is_refused(
    channel: grpc.Channel,
    root_metadata: Metadata,
    org: tuple[str, str],
    method: descriptor.MethodDescriptor,
) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        _call(channel, method, root_metadata, org, page_size=-1)
    err = decode(caught.value)
    assert err.code is grpc.StatusCode.INVALID_ARGUMENT
    assert err.violated_fields == ["page_size"]


@pytest.mark.parametrize("method", PAGED, ids=lambda m: m.name)
def test_foreign_page_token_is_refused(
    channel: grpc.Channel,
    root_metadata: Metadata,
    org: tuple[str, str],
    method: descriptor.MethodDescriptor,
) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        _call(channel, method, root_metadata, org, page_token="eyJvIjogMSwgImYiOiAieCJ9")
    err = decode(caught.value)
    assert err.code is grpc.StatusCode.INVALID_ARGUMENT
    assert err.violated_fields == ["page_token"]

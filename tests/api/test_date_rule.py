"""One date rule on every date field of every RPC, found from the descriptors.

Each request is otherwise acceptable (identifiers of an existing org and plan, other dates
valid); only the field under test carries a bad date, and the answer must be INVALID_ARGUMENT
naming that field.
"""

from __future__ import annotations

from typing import Any

import grpc
import pytest
from cloudact.v1 import (
    integrations_pb2,
    integrations_pb2_grpc,
)
from google.protobuf import descriptor, message_factory

from tests.support.descriptors import all_methods, invoke
from tests.support.errors import decode
from tests.support.orgs import Metadata, bootstrap, onboard, slack_plan

STRING = descriptor.FieldDescriptor.TYPE_STRING
BAD_DATES = [
    "20261001",  # basic ISO form
    "2026-W01-1",  # week date
    "2026-02-30",  # not a calendar day
    "0001-01-01",  # before the reporting epoch
    "9999-12-31",  # past the horizon
    "2026-10-01T00:00:00",  # a datetime without an offset
]
# Identifiers a request needs besides org_slug, by service.
PROVIDER = {
    "IntegrationsService": "openai",
    "SubscriptionsService": "slack",
}
FILLERS: dict[str, object] = {
    "model_id": "gpt-date-rule",
    "plan_name": "PRO",
    "subscription_name": "date_rule",
    "currency": "USD",
    "price_per_1k_input_tokens": 0.01,
    "price_per_1k_output_tokens": 0.03,
    "monthly_cost": 20.0,
    "unit_price": 8.0,
}


def _date_fields() -> list[tuple[descriptor.MethodDescriptor, str]]:
    return [
        (method, field.name)
        for method in all_methods()
        for field in method.input_type.fields
        if field.type == STRING and field.name.endswith("date")
    ]


CASES = _date_fields()


@pytest.fixture(scope="module")
def org(channel: grpc.Channel, root_metadata: Metadata) -> tuple[str, str]:
    """An org with a SaaS plan, a model price and an LLM subscription: slug and plan id."""
    bootstrap(channel, root_metadata)
    slug, _ = onboard(channel, root_metadata, "dates")
    llm = integrations_pb2_grpc.IntegrationsServiceStub(channel)
    llm.CreateModelPricing(
        integrations_pb2.CreateModelPricingRequest(
            org_slug=slug, provider="openai", model_id="gpt-date-rule",
            price_per_1k_input_tokens=0.01, price_per_1k_output_tokens=0.03,
            effective_date="2026-01-01",
        ),
        metadata=root_metadata,
    )  # fmt: skip
    llm.CreateLlmSubscription(
        integrations_pb2.CreateLlmSubscriptionRequest(
            org_slug=slug, provider="openai", subscription_name="date_rule",
            monthly_cost=20.0, start_date="2026-01-01",
        ),
        metadata=root_metadata,
    )  # fmt: skip
    return slug, slack_plan(channel, root_metadata, slug)


def _request(method: descriptor.MethodDescriptor, org: tuple[str, str], field: str) -> Any:
    request: Any = message_factory.GetMessageClass(method.input_type)()
    fields = method.input_type.fields_by_name
    request.org_slug = org[0]
    for name, value in FILLERS.items():
        if name in fields:
            setattr(request, name, value)
    if "provider" in fields:
        request.provider = PROVIDER.get(method.containing_service.name, "openai")
    if "subscription_id" in fields:
        request.subscription_id = org[1]
    for other in fields.values():
        if other.type == STRING and other.name.endswith("date") and other.name != field:
            setattr(request, other.name, "2026-12-31" if other.name == "end_date" else "2026-02-01")
    return request


def test_every_date_field_is_covered() -> None:
    assert len(CASES) >= 35, CASES


@pytest.mark.parametrize(("method", "field"), CASES, ids=[f"{m.name}.{f}" for m, f in CASES])
@pytest.mark.parametrize("bad", BAD_DATES)
def test_bad_dates_are_refused_naming_the_field(
    channel: grpc.Channel,
    root_metadata: Metadata,
    org: tuple[str, str],
    method: descriptor.MethodDescriptor,
    field: str,
    bad: str,
) -> None:
    request = _request(method, org, field)
    setattr(request, field, bad)
    with pytest.raises(grpc.RpcError) as caught:
        invoke(channel, method, request, root_metadata)
    err = decode(caught.value)
    assert err.code is grpc.StatusCode.INVALID_ARGUMENT, (err.code, err.message)
    assert field in err.violated_fields, err.message

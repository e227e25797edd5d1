"""LLM pricing and subscriptions over gRPC: Decimal money in, the wire rule out, bad amounts 400.

The amounts are chosen where float arithmetic would show: ``0.1`` times 3 seats is ``0.3`` (not
``0.30000000000000004``), a price with ten places is rounded half-up to nine, and NaN or
infinity is refused naming the field instead of failing inside the service.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import grpc
import pytest
from cloudact.v1 import integrations_pb2 as pb
from cloudact.v1 import integrations_pb2_grpc

from tests.support.errors import decode
from tests.support.orgs import Metadata, bootstrap, onboard

Stub = integrations_pb2_grpc.IntegrationsServiceStub


@pytest.fixture(scope="module")
def llm(channel: grpc.Channel, root_metadata: Metadata) -> tuple[Stub, str]:
    bootstrap(channel, root_metadata)
    org, _ = onboard(channel, root_metadata, prefix="llm_money")
    return Stub(channel), org


def test_prices_keep_nine_places_and_unset_optional_prices_stay_unset(
    llm: tuple[Stub, str], root_metadata: Metadata
) -> None:
    stub, org = llm
    created = stub.CreateModelPricing(
        pb.CreateModelPricingRequest(
            org_slug=org, provider="custom", model_id="m-money", effective_date="2026-01-01",
            input_price_per_1k=0.1, price_per_1k_output_tokens=0.0000123456785,
            price_per_1k_batch_input_tokens=0.0,
        ),
        metadata=root_metadata,
    ).pricing  # fmt: skip
    assert (created.price_per_1k_input_tokens, created.input_price_per_1k) == (0.1, 0.1)
    assert created.price_per_1k_output_tokens == 0.000012346
    assert created.HasField("price_per_1k_batch_input_tokens")
    assert created.price_per_1k_batch_input_tokens == 0.0
    assert not created.HasField("price_per_1k_cached_input_tokens")
    got = stub.GetModelPricing(
        pb.GetModelPricingRequest(org_slug=org, provider="custom", model_id="m-money"),
        metadata=root_metadata,
    ).pricing
    assert got.price_per_1k_output_tokens == 0.000012346 and got.is_custom


def test_seat_prices_multiply_in_decimal(llm: tuple[Stub, str], root_metadata: Metadata) -> None:
    stub, org = llm
    dimes = pb.CreateLlmSubscriptionRequest(
        org_slug=org, provider="openai", start_date="2026-01-01"
    )
    dimes.subscription_name, dimes.unit_price_usd, dimes.quantity = "dimes", 0.1, 3
    sub = stub.CreateLlmSubscription(dimes, metadata=root_metadata).subscription
    assert (sub.monthly_cost, sub.unit_price_usd, sub.seats) == (0.3, 0.1, 3)
    thirds = stub.UpdateLlmSubscription(
        pb.UpdateLlmSubscriptionRequest(
            org_slug=org, provider="openai", subscription_name="dimes", monthly_cost=100.0
        ),
        metadata=root_metadata,
    ).subscription
    assert (thirds.monthly_cost, thirds.unit_price_usd) == (100.0, 33.333333333)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -0.5])
def test_bad_amounts_are_400_naming_the_field(
    llm: tuple[Stub, str], root_metadata: Metadata, bad: float
) -> None:
    stub, org = llm
    calls: dict[str, Callable[[], object]] = {
        "price_per_1k_cached_input_tokens": lambda: stub.CreateModelPricing(
            pb.CreateModelPricingRequest(
                org_slug=org, provider="custom", model_id="m-bad", effective_date="2026-01-01",
                input_price_per_1k=1.0, output_price_per_1k=1.0,
                price_per_1k_cached_input_tokens=bad,
            ),
            metadata=root_metadata,
        ),
        "monthly_cost": lambda: stub.CreateLlmSubscription(
            pb.CreateLlmSubscriptionRequest(
                org_slug=org, provider="openai", subscription_name="bad", monthly_cost=bad,
                start_date="2026-01-01",
            ),
            metadata=root_metadata,
        ),
        "unit_price_usd": lambda: stub.UpdateLlmSubscription(
            pb.UpdateLlmSubscriptionRequest(
                org_slug=org, provider="openai", subscription_name="dimes", unit_price_usd=bad
            ),
            metadata=root_metadata,
        ),
    }  # fmt: skip
    for field, call in calls.items():
        with pytest.raises(grpc.RpcError) as caught:
            call()
        error = decode(caught.value)
        assert (error.code, error.violated_fields) == (grpc.StatusCode.INVALID_ARGUMENT, [field])

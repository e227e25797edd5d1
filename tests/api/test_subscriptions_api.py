"""SubscriptionsService through the in-process server: the seed quick reference and isolation."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import grpc
import pytest
from cloudact.v1 import (
    subscriptions_pb2,
    subscriptions_pb2_grpc,
)

from tests.support.orgs import Metadata, code_of, onboard

pb = subscriptions_pb2


@pytest.fixture(scope="module")
def subs(bootstrapped_channel: grpc.Channel) -> subscriptions_pb2_grpc.SubscriptionsServiceStub:
    return subscriptions_pb2_grpc.SubscriptionsServiceStub(bootstrapped_channel)


def test_quick_reference_with_root_key(
    subs: subscriptions_pb2_grpc.SubscriptionsServiceStub,
    channel: grpc.Channel,
    root_metadata: Metadata,
) -> None:
    org, _ = onboard(channel, root_metadata)
    md = root_metadata
    providers = subs.ListSaasProviders(pb.ListSaasProvidersRequest(org_slug=org), metadata=md)
    assert "chatgpt_plus" in {p.provider for p in providers.providers}
    enabled = subs.EnableSaasProvider(
        pb.EnableSaasProviderRequest(org_slug=org, provider="chatgpt_plus"), metadata=md
    )
    assert enabled.plans_seeded == 4
    plans = subs.ListSaasPlans(
        pb.ListSaasPlansRequest(org_slug=org, provider="chatgpt_plus"), metadata=md
    )
    team = next(p for p in plans.plans if p.plan_name == "TEAM")
    subs.DeleteSaasPlan(
        pb.DeleteSaasPlanRequest(
            org_slug=org, provider="chatgpt_plus", subscription_id=team.subscription_id,
            end_date=team.effective_date,
        ),
        metadata=md,
    )  # fmt: skip
    created = subs.CreateSaasPlan(
        pb.CreateSaasPlanRequest(
            org_slug=org, provider="chatgpt_plus", plan_name="TEAM", unit_price=25.0,
            number_of_users=10, effective_date="2025-01-01",
        ),
        metadata=md,
    ).plan  # fmt: skip
    assert (created.monthly_cost, created.annual_cost) == (250.0, 3000.0)
    edited = subs.EditSaasPlanVersion(
        pb.EditSaasPlanVersionRequest(
            org_slug=org, provider="chatgpt_plus", subscription_id=created.subscription_id,
            effective_date="2025-02-01", number_of_users=15,
        ),
        metadata=md,
    )  # fmt: skip
    assert (edited.new_plan.version, edited.old_plan.end_date) == (2, "2025-01-31")
    subs.DeleteSaasPlan(
        pb.DeleteSaasPlanRequest(
            org_slug=org, provider="chatgpt_plus", subscription_id=created.subscription_id,
            end_date="2025-03-31",
        ),
        metadata=md,
    )  # fmt: skip
    history = subs.ListSaasPlanVersions(
        pb.ListSaasPlanVersionsRequest(
            org_slug=org, provider="chatgpt_plus", subscription_id=created.subscription_id
        ),
        metadata=md,
    )
    assert [(v.version, v.effective_date, v.end_date, v.status) for v in history.versions] == [
        (2, "2025-02-01", "2025-03-31", "cancelled"),
        (1, "2025-01-01", "2025-01-31", "expired"),
    ]
    all_plans = subs.ListAllSaasPlans(pb.ListAllSaasPlansRequest(org_slug=org), metadata=md)
    assert all_plans.total_count == 4 + 1
    bad = code_of(
        partial(
            subs.CreateSaasPlan,
            pb.CreateSaasPlanRequest(org_slug=org, provider="slack", plan_name="PRO",
                                     unit_price=-1.0, effective_date="2025-01-01"),
            metadata=md,
        )
    )  # fmt: skip
    assert bad is grpc.StatusCode.INVALID_ARGUMENT


def test_org_keys_reach_only_their_org(
    subs: subscriptions_pb2_grpc.SubscriptionsServiceStub,
    channel: grpc.Channel,
    root_metadata: Metadata,
) -> None:
    a, key_a = onboard(channel, root_metadata)
    _, key_b = onboard(channel, root_metadata)
    own = subs.ListAllSaasPlans(
        pb.ListAllSaasPlansRequest(org_slug=a), metadata=(("x-api-key", key_a),)
    )
    assert own.total_count == 0
    p = "slack"
    routes: list[tuple[Callable[..., object], object]] = [
        (subs.ListSaasProviders, pb.ListSaasProvidersRequest(org_slug=a)),
        (subs.EnableSaasProvider, pb.EnableSaasProviderRequest(org_slug=a, provider=p)),
        (subs.DisableSaasProvider, pb.DisableSaasProviderRequest(org_slug=a, provider=p)),
        (subs.ListAvailableSaasPlans, pb.ListAvailableSaasPlansRequest(org_slug=a, provider=p)),
        (subs.ListSaasPlans, pb.ListSaasPlansRequest(org_slug=a, provider=p)),
        (
            subs.CreateSaasPlan,
            pb.CreateSaasPlanRequest(
                org_slug=a, provider=p, plan_name="X", unit_price=1.0, effective_date="2025-01-01"
            ),
        ),
        (
            subs.EditSaasPlanVersion,
            pb.EditSaasPlanVersionRequest(
                org_slug=a, provider=p, subscription_id="s", effective_date="2025-02-01"
            ),
        ),
        (
            subs.DeleteSaasPlan,
            pb.DeleteSaasPlanRequest(org_slug=a, provider=p, subscription_id="s"),
        ),
        (
            subs.ListSaasPlanVersions,
            pb.ListSaasPlanVersionsRequest(org_slug=a, provider=p, subscription_id="s"),
        ),
        (subs.ListAllSaasPlans, pb.ListAllSaasPlansRequest(org_slug=a)),
    ]
    for rpc, req in routes:
        assert code_of(partial(rpc, req)) is grpc.StatusCode.UNAUTHENTICATED
        denied = code_of(partial(rpc, req, metadata=(("x-api-key", key_b),)))
        assert denied is grpc.StatusCode.PERMISSION_DENIED


def test_plan_figures_are_shown_in_their_currencys_minor_unit(
    subs: subscriptions_pb2_grpc.SubscriptionsServiceStub,
    channel: grpc.Channel,
    root_metadata: Metadata,
) -> None:
    """¥1000 a quarter is ¥333 a month (whole yen, as the SaaS cost view shows it), not 333.33."""
    org, _ = onboard(channel, root_metadata)
    created = subs.CreateSaasPlan(
        pb.CreateSaasPlanRequest(
            org_slug=org, provider="slack", plan_name="YEN", unit_price=1000.0,
            number_of_users=1, currency="JPY", billing_cycle="quarterly",
            pricing_model="FLAT_FEE", effective_date="2025-01-01",
        ),
        metadata=root_metadata,
    ).plan  # fmt: skip
    assert (created.monthly_cost, created.annual_cost) == (333.0, 4000.0)
    listed = subs.ListSaasPlans(
        pb.ListSaasPlansRequest(org_slug=org, provider="slack"), metadata=root_metadata
    )
    assert (listed.currency, listed.total_monthly_cost, listed.total_annual_cost) == (
        "JPY", 333.0, 4000.0,
    )  # fmt: skip
    assert [(t.monthly_cost, t.annual_cost) for t in listed.totals] == [(333.0, 4000.0)]


def test_deleting_a_plan_that_already_ended_keeps_its_end(
    subs: subscriptions_pb2_grpc.SubscriptionsServiceStub,
    channel: grpc.Channel,
    root_metadata: Metadata,
) -> None:
    """A fixed-term plan that ended (not cancelled) is not brought back to today by a DELETE
    without end_date (the frontend's disable-provider loop): its end and its costs stay."""
    org, _ = onboard(channel, root_metadata)
    plan = subs.CreateSaasPlan(
        pb.CreateSaasPlanRequest(
            org_slug=org, provider="slack", plan_name="TERM", unit_price=10.0,
            number_of_users=1, effective_date="2025-01-01", end_date="2025-03-31",
        ),
        metadata=root_metadata,
    ).plan  # fmt: skip
    deleted = subs.DeleteSaasPlan(
        pb.DeleteSaasPlanRequest(
            org_slug=org, provider="slack", subscription_id=plan.subscription_id
        ),
        metadata=root_metadata,
    )
    assert deleted.plan.end_date == "2025-03-31"
    listed = subs.ListSaasPlans(
        pb.ListSaasPlansRequest(org_slug=org, provider="slack"), metadata=root_metadata
    )
    assert [(p.end_date, p.status) for p in listed.plans] == [("2025-03-31", "expired")]

"""Organisations through the in-process server: onboarding, isolation matrix, bad input."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial

import grpc
import pytest
from cloudact.v1 import organizations_pb2, organizations_pb2_grpc

from tests.support.errors import decode
from tests.support.orgs import Metadata, code_of, onboard

pb = organizations_pb2


@pytest.fixture(scope="module")
def orgs(bootstrapped_channel: grpc.Channel) -> organizations_pb2_grpc.OrganizationsServiceStub:
    return organizations_pb2_grpc.OrganizationsServiceStub(bootstrapped_channel)


def test_isolation_matrix(
    orgs: organizations_pb2_grpc.OrganizationsServiceStub,
    channel: grpc.Channel,
    root_metadata: Metadata,
) -> None:
    a, key_a = onboard(channel, root_metadata, "api")
    b, key_b = onboard(channel, root_metadata, "api")
    routes: list[tuple[Callable[..., object], Callable[..., object]]] = [
        (orgs.GetOrganization, pb.GetOrganizationRequest),
        (orgs.GetSubscription, pb.GetSubscriptionRequest),
        (orgs.GetApiKeyInfo, pb.GetApiKeyInfoRequest),
        (orgs.GetQuota, pb.GetQuotaRequest),
    ]
    for rpc, req in routes:
        assert code_of(partial(rpc, req(org_slug=a))) is grpc.StatusCode.UNAUTHENTICATED
        assert code_of(partial(rpc, req(org_slug=a), metadata=(("x-api-key", key_b),))) is (
            grpc.StatusCode.PERMISSION_DENIED
        )
        assert code_of(partial(rpc, req(org_slug=a), metadata=(("x-api-key", key_a),))) is (
            grpc.StatusCode.OK
        )
    rotated = orgs.RotateApiKey(
        pb.RotateApiKeyRequest(org_slug=a), metadata=(("x-api-key", key_a),)
    )
    old = (("x-api-key", key_a),)
    assert code_of(lambda: orgs.GetQuota(pb.GetQuotaRequest(org_slug=a), metadata=old)) is (
        grpc.StatusCode.UNAUTHENTICATED
    )
    new = (("x-api-key", rotated.api_key),)
    assert (
        orgs.GetSubscription(pb.GetSubscriptionRequest(org_slug=a), metadata=new).plan_name
        == "FREE"
    )
    orgs.DeleteOrganization(pb.DeleteOrganizationRequest(org_slug=b, confirm_org_slug=b),
                            metadata=root_metadata)  # fmt: skip
    with pytest.raises(grpc.RpcError) as caught:
        orgs.GetOrganization(
            pb.GetOrganizationRequest(org_slug=b), metadata=(("x-api-key", key_b),)
        )
    assert decode(caught.value).code is grpc.StatusCode.UNAUTHENTICATED
    assert decode(caught.value).reason == "API_KEY_INVALID"


@pytest.mark.parametrize(
    ("field", "value"),
    [("org_slug", "Bad;DROP"), ("org_slug", ""), ("org_slug", "AcmeCorp"),
     ("org_slug", "acme' OR '1'='1"), ("org_slug", "ac"), ("company_name", "x" * 201),
     ("company_name", " "), ("admin_email", "a@b"),
     ("admin_email", "nope"), ("subscription_plan", "GOLD")],
)  # fmt: skip
def test_bad_input_is_invalid_argument_and_writes_nothing(
    orgs: organizations_pb2_grpc.OrganizationsServiceStub,
    root_metadata: Metadata,
    field: str,
    value: str,
) -> None:
    slug = f"bad_{uuid.uuid4().hex[:10]}"
    fields: dict[str, str] = {"org_slug": slug, "company_name": "Acme", "admin_email": "a@acme.io",
              "subscription_plan": "FREE", field: value}  # fmt: skip
    with pytest.raises(grpc.RpcError) as caught:
        orgs.OnboardOrganization(pb.OnboardOrganizationRequest(**fields), metadata=root_metadata)  # type: ignore[arg-type]
    error = decode(caught.value)
    assert error.code is grpc.StatusCode.INVALID_ARGUMENT
    assert error.violated_fields == [field]
    with pytest.raises(grpc.RpcError) as missing:
        orgs.GetOrganization(pb.GetOrganizationRequest(org_slug=slug), metadata=root_metadata)
    assert decode(missing.value).code is grpc.StatusCode.NOT_FOUND


def test_quota_exhaustion_carries_quota_failure_and_retry_info(
    orgs: organizations_pb2_grpc.OrganizationsServiceStub,
    channel: grpc.Channel,
    root_metadata: Metadata,
) -> None:
    slug, _ = onboard(channel, root_metadata, "api")  # FREE: concurrent limit 1
    orgs.ReservePipelineRun(pb.ReservePipelineRunRequest(org_slug=slug, pipeline_id="p"),
                            metadata=root_metadata)  # fmt: skip
    with pytest.raises(grpc.RpcError) as caught:
        orgs.ReservePipelineRun(pb.ReservePipelineRunRequest(org_slug=slug, pipeline_id="p"),
                                metadata=root_metadata)  # fmt: skip
    error = decode(caught.value)
    assert error.code is grpc.StatusCode.RESOURCE_EXHAUSTED
    assert error.quota_failure is not None and error.retry_info is not None
    assert error.quota_failure.violations[0].subject == slug


def test_slugs_are_lower_case_everywhere(
    orgs: organizations_pb2_grpc.OrganizationsServiceStub,
    channel: grpc.Channel,
    root_metadata: Metadata,
) -> None:
    slug, key = onboard(channel, root_metadata, "api")
    own = (("x-api-key", key),)
    calls: list[tuple[Callable[..., object], object, Metadata]] = [
        (orgs.GetOrganization, pb.GetOrganizationRequest(org_slug=slug.upper()), root_metadata),
        (orgs.GetOrganization, pb.GetOrganizationRequest(org_slug=slug.upper()), own),
        (
            orgs.UpdateSubscription,
            pb.UpdateSubscriptionRequest(org_slug=slug.upper(), daily_limit=5),
            root_metadata,
        ),
        (orgs.GetQuota, pb.GetQuotaRequest(org_slug=f" {slug}"), root_metadata),
    ]
    for rpc, request, metadata in calls:
        with pytest.raises(grpc.RpcError) as caught:
            rpc(request, metadata=metadata)
        error = decode(caught.value)
        assert error.code is grpc.StatusCode.INVALID_ARGUMENT
        assert error.violated_fields == ["org_slug"]
    # nothing changed under the folded spelling
    sub = orgs.GetSubscription(pb.GetSubscriptionRequest(org_slug=slug), metadata=root_metadata)
    assert sub.daily_limit != 5
    dry = orgs.DryRunOnboarding(
        pb.DryRunOnboardingRequest(
            org_slug="NewCorp", company_name="New Corp", admin_email="it@new.example"
        ),
        metadata=root_metadata,
    )
    slug_check = next(r for r in dry.validation_results if r.check_name == "org_slug_format")
    assert (slug_check.passed, dry.ready_for_onboarding) == (False, False)
    assert "did you mean 'newcorp'" in slug_check.message

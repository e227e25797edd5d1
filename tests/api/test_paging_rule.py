"""The one paging rule on every RPC that takes ``page_size``, found from the descriptors.

``page_size`` above the cap is lowered to the cap (the call succeeds), a negative one is refused
naming ``page_size``, and a token from another listing is refused naming ``page_token``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
import pytest
from google.protobuf import descriptor, message_factory

from tests.support.descriptors import invoke, methods_where
from tests.support.errors import decode
from tests.support.orgs import Metadata, bootstrap, onboard, slack_plan

PAGED = methods_where(lambda m: "page_size" in m.input_type.fields_by_name)
# Per-method values for the fields a listing needs besides org_slug.
PROVIDER = {
    "ListModelPricing": "openai",
    "ListLlmSubscriptions": "openai",
    "ListAvailableSaasPlans": "slack",
    "ListSaasPlans": "slack",
    "ListSaasPlanVersions": "slack",
}


ListCall = Callable[..., Any]


@pytest.fixture(scope="module")
def list_call(channel: grpc.Channel, root_metadata: Metadata) -> ListCall:
    """Calls a paged method for an onboarded org with one SaaS plan, with the fields the listing
    needs and ``fields``: the reply."""
    bootstrap(channel, root_metadata)
    slug, _ = onboard(channel, root_metadata, "page")
    plan_id = slack_plan(channel, root_metadata, slug)

    def call(method: descriptor.MethodDescriptor, **fields: Any) -> Any:
        request: Any = message_factory.GetMessageClass(method.input_type)(org_slug=slug, **fields)
        if method.name in PROVIDER:
            request.provider = PROVIDER[method.name]
        if "subscription_id" in method.input_type.fields_by_name:
            request.subscription_id = plan_id
        if method.name == "GetCostPivot":
            request.rows.append("provider")
        return invoke(channel, method, request, root_metadata)[0]

    return call


def test_every_paged_rpc_is_covered() -> None:
    assert len(PAGED) >= 12, [m.name for m in PAGED]


@pytest.mark.parametrize("method", PAGED, ids=lambda m: m.name)
def test_page_size_above_the_cap_is_capped(
    list_call: ListCall, method: descriptor.MethodDescriptor
) -> None:
    assert list_call(method, page_size=5000).next_page_token == ""


@pytest.mark.parametrize(
    ("field", "value"), [("page_size", -1), ("page_token", "eyJvIjogMSwgImYiOiAieCJ9")]
)
@pytest.mark.parametrize("method", PAGED, ids=lambda m: m.name)
def test_a_negative_size_or_a_foreign_token_is_refused_naming_it(
    list_call: ListCall, method: descriptor.MethodDescriptor, field: str, value: object
) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        list_call(method, **{field: value})
    err = decode(caught.value)
    assert err.code is grpc.StatusCode.INVALID_ARGUMENT
    assert err.violated_fields == [field]

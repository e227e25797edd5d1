"""Finding 6: requests that do not decode are INVALID_ARGUMENT, logged and counted; nothing written.

Native gRPC callers send raw bytes (invalid UTF-8 in a string, a map entry whose value is not a
string, a truncated message); REST callers reach the same decoding through Envoy with invalid
UTF-8 in a path segment.
"""

from __future__ import annotations

import json
from typing import Any

import grpc
import pytest
from cloudact.v1 import subscriptions_pb2

from cloudact_grpc.ports.warehouse import Eq
from cloudact_grpc.services.saas.rows import PLANS_TABLE
from tests.reliability.conftest import Stack
from tests.support.errors import RestError, decode, decode_rest
from tests.support.http import HTTP

ORG = "malformed_org"
_CREATE = "/cloudact.v1.SubscriptionsService/CreateSaasPlan"


@pytest.fixture(scope="module")
def org_key(stack: Stack) -> str:
    return stack.onboard(ORG)


def _raw(stack: Stack, method: str, payload: bytes, key: str, request_id: str) -> grpc.RpcError:
    call = stack.channel.unary_unary(
        method, request_serializer=lambda b: b, response_deserializer=lambda b: b
    )
    with pytest.raises(grpc.RpcError) as caught:
        call(payload, metadata=(("x-api-key", key), ("x-request-id", request_id)), timeout=30)
    return caught.value


def _plan_bytes(plan_name: str) -> bytes:
    return subscriptions_pb2.CreateSaasPlanRequest(
        org_slug=ORG,
        provider="slack",
        plan_name=plan_name,
        unit_price=8.0,
        number_of_users=3,
        effective_date="2026-01-01",
    ).SerializeToString()


def _plans(stack: Stack) -> list[dict[str, object]]:
    return stack.app.warehouse.select(f"{ORG}_local", PLANS_TABLE, [Eq("provider", "slack")])


def test_invalid_utf8_in_a_string_is_invalid_argument_logged_counted_and_not_written(
    stack: Stack, org_key: str, capfd: pytest.CaptureFixture[str]
) -> None:
    before = stack.metric("CreateSaasPlan", "INVALID_ARGUMENT")
    payload = _plan_bytes("ZZZZ").replace(b"ZZZZ", b"\xff\xfe\xfd\xfc")

    error = decode(_raw(stack, _CREATE, payload, org_key, "malformed-utf8-1"))

    assert error.code is grpc.StatusCode.INVALID_ARGUMENT
    assert error.reason == "INVALID_REQUEST"
    assert error.violated_fields == ["plan_name"]
    assert error.error_info is not None
    assert error.error_info.metadata["message_type"] == "cloudact.v1.CreateSaasPlanRequest"
    assert stack.metric("CreateSaasPlan", "INVALID_ARGUMENT") == before + 1
    assert stack.metric("CreateSaasPlan", "INTERNAL") == 0
    err = capfd.readouterr().err
    assert "Exception deserializing" not in err
    lines = [json.loads(x) for x in err.splitlines() if '"malformed-utf8-1"' in x]
    assert [(x["method"], x["code"]) for x in lines if x.get("event") == "rpc"] == [
        (_CREATE, "INVALID_ARGUMENT")
    ]
    assert _plans(stack) == []


def _post_refused(stack: Stack, org_key: str, path: str, body: dict[str, Any]) -> RestError:
    """POST ``body`` to ``path`` as the org: a 400 INVALID_ARGUMENT, reason INVALID_REQUEST."""
    reply = HTTP.post(f"{stack.url}{path}", json=body, headers={"X-API-Key": org_key})
    assert reply.status_code == 400, reply.text
    error = decode_rest(reply)
    assert (error.code, error.reason) == (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_REQUEST")
    return error


def test_a_map_value_that_is_not_a_string_is_400_naming_the_field(
    stack: Stack, org_key: str
) -> None:
    # The transcoder writes the JSON object into the string map value as a message.
    error = _post_refused(
        stack, org_key, f"/api/v1/integrations/{ORG}/openai/setup",
        {"api_key": "sk-test-0123456789", "metadata": {"team": {"a": 1}}},
    )  # fmt: skip
    # The REST door names the map entry; past it, the decoding layer names the map's value.
    assert error.violated_fields in (["metadata[team]"], ["metadata.value"])
    assert stack.metric("SetupIntegration", "INTERNAL") == 0
    stored = stack.app.warehouse.select(
        "organizations", "org_integration_credentials", [Eq("org_slug", ORG)]
    )
    assert stored == []


@pytest.mark.parametrize(
    "payload",
    [b"\x0a\x40abc", b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", b"\x0b\x0c"],
    ids=["truncated", "overlong-varint", "group-wire-type"],
)
def test_bytes_that_are_no_message_are_invalid_argument(
    stack: Stack, org_key: str, payload: bytes
) -> None:
    error = decode(_raw(stack, _CREATE, payload, org_key, "malformed-bytes"))
    assert error.code is grpc.StatusCode.INVALID_ARGUMENT
    assert error.reason == "INVALID_REQUEST"
    assert _plans(stack) == []


def test_invalid_utf8_in_a_rest_path_is_400_with_the_json_error_shape(
    stack: Stack, org_key: str
) -> None:
    _post_refused(
        stack, org_key, f"/api/v1/subscriptions/{ORG}/providers/%FF%FE/plans",
        {"plan_name": "PRO", "unit_price": 8, "effective_date": "2026-01-01"},
    )  # fmt: skip
    assert _plans(stack) == []

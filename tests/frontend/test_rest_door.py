"""The strict REST door through real Envoy, over every REST route with a body (from the
descriptor set): an unknown field anywhere is a 400 naming it, malformed JSON a 400 in the JSON
error shape, a non-JSON Content-Type a 415, a string where a boolean goes a 400, and an update
naming no field a 400. A body with every known field passes the door."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from google.protobuf import descriptor_pb2

from cloudact_grpc.rest_door import RestRoute, body_message, load_descriptor, routes
from tests.e2e.conftest import Stack
from tests.support.http import HTTP

ROOT = Path(__file__).resolve().parents[2]
FDS = load_descriptor(ROOT / "build/cloudact.pb")
_F = descriptor_pb2.FieldDescriptorProto
MESSAGES = {f"{file.package}.{m.name}": m for file in FDS.file for m in file.message_type}
BODY_ROUTES = [r for r in routes(FDS) if r.body]
IDS = [f"{r.method} {r.template}" for r in BODY_ROUTES]


def _path(route: RestRoute) -> str:
    values = {"org_slug": "door_org", "provider": "openai"}
    return re.sub(r"{([^}=]+)[^}]*}", lambda m: values.get(m.group(1), "x_1"), route.template)


def _send(stack: Stack, route: RestRoute, body: bytes, content_type: str) -> httpx.Response:
    headers = {**stack.root_headers, "Content-Type": content_type}
    return HTTP.request(route.method, f"{stack.url}{_path(route)}", content=body, headers=headers)


def _violations(reply: httpx.Response) -> dict[str, str]:
    body: dict[str, Any] = reply.json()
    out = {}
    for detail in body["details"]:
        for v in detail.get("field_violations", []):
            out[v["field"]] = v["description"]
    return out


def _refused(reply: httpx.Response, status: int) -> dict[str, Any]:
    assert reply.status_code == status, reply.text
    assert reply.headers["content-type"].startswith("application/json")
    assert reply.headers["x-content-type-options"] == "nosniff"
    body: dict[str, Any] = reply.json()
    assert body["code"] == 3 and body["message"] and body["detail"]
    return body


def _fields(route: RestRoute) -> list[descriptor_pb2.FieldDescriptorProto]:
    message = MESSAGES[body_message(route, FDS)]
    return [f for f in message.field if f.name not in route.path_fields]


@pytest.mark.parametrize("route", BODY_ROUTES, ids=IDS)
def test_unknown_top_level_field_is_named(fe_stack: Stack, route: RestRoute) -> None:
    reply = _send(fe_stack, route, b'{"zz_not_a_field":1}', "application/json")
    body = _refused(reply, 400)
    assert _violations(reply) == {"zz_not_a_field": "unknown field"}
    assert "zz_not_a_field" in body["detail"]


@pytest.mark.parametrize("route", BODY_ROUTES, ids=IDS)
@pytest.mark.parametrize(
    "text",
    ["{'a': 1}", '{"a": 1,}', "{a: 1}", '{"a": NaN}', "{", "[1]"],
    ids=["single-quotes", "trailing-comma", "unquoted-key", "nan", "truncated", "not-object"],
)
def test_malformed_json_is_400_json(fe_stack: Stack, route: RestRoute, text: str) -> None:
    _refused(_send(fe_stack, route, text.encode(), "application/json"), 400)


@pytest.mark.parametrize("route", BODY_ROUTES, ids=IDS)
@pytest.mark.parametrize("content_type", ["text/plain", "multipart/form-data; boundary=x"])
def test_non_json_content_type_is_415(fe_stack: Stack, route: RestRoute, content_type: str) -> None:
    body = _refused(_send(fe_stack, route, b"{}", content_type), 415)
    assert body["details"][0]["reason"] == "UNSUPPORTED_MEDIA_TYPE"


def _nested_cases() -> list[tuple[RestRoute, str, str]]:
    """(route, body, violated field) for every map and message field of a body."""
    cases = []
    for route in BODY_ROUTES:
        for f in _fields(route):
            if (
                f.type == _F.TYPE_MESSAGE
                and f.label == _F.LABEL_REPEATED
                and not (f.type_name.endswith("Entry"))
            ):
                # A list of messages sent as one object: the list itself is the wrong type.
                cases.append((route, f'{{"{f.name}":{{"zz_inner":1}}}}', f.name))
            elif f.type == _F.TYPE_MESSAGE and f.type_name.endswith("Entry"):
                cases.append((route, f'{{"{f.name}":{{"k":5}}}}', f"{f.name}[k]"))
            elif f.type == _F.TYPE_MESSAGE and not f.type_name.startswith(".google."):
                cases.append((route, f'{{"{f.name}":{{"zz_inner":1}}}}', f"{f.name}.zz_inner"))
            elif f.type == _F.TYPE_BOOL:
                cases.append((route, f'{{"{f.name}":"true"}}', f.name))
    assert cases
    return cases


@pytest.mark.parametrize(
    ("route", "body", "field"),
    _nested_cases(),
    ids=[f"{r.method} {r.template} {f}" for r, _, f in _nested_cases()],
)
def test_nested_map_and_boolean_violations_are_named(
    fe_stack: Stack, route: RestRoute, body: str, field: str
) -> None:
    reply = _send(fe_stack, route, body.encode(), "application/json")
    _refused(reply, 400)
    assert list(_violations(reply)) == [field]


UPDATES = [r for r in BODY_ROUTES if r.method == "PUT"]


@pytest.mark.parametrize("route", UPDATES, ids=[f"PUT {r.template}" for r in UPDATES])
@pytest.mark.parametrize("text", ["{}", '{"request_id":"3f1c2a9e-0000-4000-8000-000000000001"}'])
def test_update_naming_no_field_is_400(fe_stack: Stack, route: RestRoute, text: str) -> None:
    body = _refused(_send(fe_stack, route, text.encode(), "application/json"), 400)
    assert "nothing to update" in body["detail"]


def _dummy(f: descriptor_pb2.FieldDescriptorProto) -> object:
    if f.label == _F.LABEL_REPEATED and not f.type_name.endswith("Entry"):
        return []
    if f.type == _F.TYPE_MESSAGE:
        return {}
    if f.type == _F.TYPE_BOOL:
        return False
    if f.type in (_F.TYPE_STRING, _F.TYPE_ENUM):
        return ""
    return 0


@pytest.mark.parametrize("route", BODY_ROUTES, ids=IDS)
def test_every_known_field_passes_the_door(fe_stack: Stack, route: RestRoute) -> None:
    body = {f.name: _dummy(f) for f in _fields(route)}
    reply = HTTP.request(
        route.method,
        f"{fe_stack.url}{_path(route)}",
        json=body,
        headers={**fe_stack.root_headers},
    )
    # Whatever the service answers, the door let every field through to it.
    if reply.status_code == 400:
        assert "unknown field" not in _violations(reply).values(), reply.text
        assert "nothing to update" not in reply.json()["detail"] or not body, reply.text
    assert reply.status_code != 415


PRICING = next(r for r in BODY_ROUTES if r.template.endswith("/{provider}/pricing"))


@pytest.mark.parametrize(
    ("text", "status", "field"),
    [
        ('{"model_id": "a", "model_id": "b"}', 400, "body"),  # duplicate key
        ("[" * 70 + "]" * 70, 400, "body"),  # nested too deeply
        ('{"modelId": "camel"}', 400, "modelId"),  # JSON names are the proto names
        ('{"input_price_per_1k": "abc"}', 400, "input_price_per_1k"),
        ('{"input_price_per_1k": true}', 400, "input_price_per_1k"),
        ('{"model_id": 5}', 400, "model_id"),
        ('{"\\u006dodel_id": 5}', 400, "model_id"),  # escapes are decoded before the check
    ],
)
def test_door_edge_cases(fe_stack: Stack, text: str, status: int, field: str) -> None:
    reply = _send(fe_stack, PRICING, text.encode(), "application/json; charset=utf-8")
    _refused(reply, status)
    assert field in _violations(reply)


def test_numeric_strings_and_escaped_names_pass_the_door(fe_stack: Stack) -> None:
    text = '{"\\u006dodel_id": "x", "input_price_per_1k": "0.0025", "output_price_per_1k": 1e-2}'
    reply = _send(fe_stack, PRICING, text.encode(), "application/json")
    # The door lets it through; the service then refuses the unknown org, not the body.
    assert reply.status_code == 404, reply.text


@pytest.mark.parametrize(
    ("scope", "field", "description"),
    [
        ({"providers": "gcp"}, "scope.providers", "must be an array"),
        ({"providers": ["gcp", 5]}, "scope.providers[1]", "must be a string"),
        ({"tags": ["team"]}, "scope.tags", "must be an object"),
        ({"tags": {"team": "data", "cost": 7}}, "scope.tags[cost]", "must be a string"),
    ],
    ids=["list-not-array", "list-element", "map-not-object", "map-value"],
)
def test_list_and_map_elements_are_named_by_index_and_key(
    fe_stack: Stack, scope: dict[str, object], field: str, description: str
) -> None:
    reply = HTTP.post(
        f"{fe_stack.url}/api/v1/budgets/door_org",
        json={"budget_amount": 1, "currency": "USD", "scope": scope},
        headers=fe_stack.root_headers,
    )
    _refused(reply, 400)
    assert _violations(reply) == {field: description}

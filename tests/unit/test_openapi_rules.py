"""The OpenAPI generator's mapping rules on a small synthetic descriptor (every branch we use)."""

from __future__ import annotations

from typing import Any

from google.api import annotations_pb2, field_behavior_pb2
from google.protobuf import descriptor_pb2
from openapi_spec_validator import validate

from cloudact_grpc.openapi.document import build_document

FDP = descriptor_pb2.FieldDescriptorProto


def _field(message: descriptor_pb2.DescriptorProto, name: str, number: int, kind: int,
           *, type_name: str = "", repeated: bool = False, behavior: int = 0,
           oneof: int | None = None, proto3_optional: bool = False) -> None:  # fmt: skip
    field = message.field.add(name=name, number=number, type=kind, type_name=type_name)
    field.label = FDP.LABEL_REPEATED if repeated else FDP.LABEL_OPTIONAL
    if behavior:
        field.options.Extensions[field_behavior_pb2.field_behavior].append(behavior)
    if oneof is not None:
        field.oneof_index = oneof
    field.proto3_optional = proto3_optional


def _descriptor() -> descriptor_pb2.FileDescriptorSet:
    file = descriptor_pb2.FileDescriptorProto(name="demo/v1/demo.proto", package="demo.v1")
    file.syntax = "proto3"
    kind = file.enum_type.add(name="Kind")
    kind.value.add(name="KIND_UNSPECIFIED", number=0)
    kind.value.add(name="BIG", number=1)

    thing = file.message_type.add(name="Thing")
    _field(thing, "thing_id", 1, FDP.TYPE_STRING, behavior=field_behavior_pb2.OUTPUT_ONLY)
    _field(thing, "count", 2, FDP.TYPE_INT64)
    _field(thing, "kind", 3, FDP.TYPE_ENUM, type_name=".demo.v1.Kind")
    _field(thing, "price", 4, FDP.TYPE_DOUBLE, oneof=0, proto3_optional=True)
    thing.oneof_decl.add(name="_price")
    _field(thing, "create_time", 5, FDP.TYPE_MESSAGE, type_name=".google.protobuf.Timestamp")
    _field(thing, "note", 6, FDP.TYPE_MESSAGE, type_name=".google.protobuf.StringValue")
    entry = thing.nested_type.add(name="LabelsEntry")
    entry.options.map_entry = True
    _field(entry, "key", 1, FDP.TYPE_STRING)
    _field(entry, "value", 2, FDP.TYPE_STRING)
    _field(thing, "labels", 7, FDP.TYPE_MESSAGE, type_name=".demo.v1.Thing.LabelsEntry",
           repeated=True)  # fmt: skip
    _field(thing, "children", 8, FDP.TYPE_MESSAGE, type_name=".demo.v1.Thing", repeated=True)

    get = file.message_type.add(name="GetThingRequest")
    _field(get, "thing_id", 1, FDP.TYPE_STRING, behavior=field_behavior_pb2.REQUIRED)
    _field(get, "tags", 2, FDP.TYPE_STRING, repeated=True)
    _field(get, "filter", 3, FDP.TYPE_MESSAGE, type_name=".demo.v1.Thing")
    create = file.message_type.add(name="CreateThingRequest")
    _field(create, "parent_id", 1, FDP.TYPE_STRING, behavior=field_behavior_pb2.REQUIRED)
    _field(create, "name", 2, FDP.TYPE_STRING, behavior=field_behavior_pb2.REQUIRED)
    _field(create, "request_id", 3, FDP.TYPE_STRING)

    service = file.service.add(name="ThingService")
    method = service.method.add(name="GetThing", input_type=".demo.v1.GetThingRequest",
                                output_type=".demo.v1.Thing")  # fmt: skip
    method.options.Extensions[annotations_pb2.http].get = "/v1/things/{thing_id}"
    method = service.method.add(name="CreateThing", input_type=".demo.v1.CreateThingRequest",
                                output_type=".demo.v1.Thing")  # fmt: skip
    rule = method.options.Extensions[annotations_pb2.http]
    rule.post = "/v1/parents/{parent_id=*}/things"
    rule.body = "*"
    service.method.add(
        name="Internal", input_type=".demo.v1.GetThingRequest", output_type=".demo.v1.Thing"
    )  # fmt: skip  (no HTTP rule: left out)

    location = file.source_code_info.location.add(path=[4, 0], span=[0, 0, 0])
    location.leading_comments = " A thing.\n Second line.\n"
    location = file.source_code_info.location.add(path=[6, 0, 2, 0], span=[0, 0, 0])
    location.leading_comments = " Gets one thing. By id.\n"
    return descriptor_pb2.FileDescriptorSet(file=[file])


def _doc() -> dict[str, Any]:
    return build_document(_descriptor(), package="demo.v1", version="t")


def test_the_document_is_valid_and_leaves_unrouted_methods_out() -> None:
    doc = _doc()
    validate(doc)
    assert set(doc["paths"]) == {"/v1/things/{thing_id}", "/v1/parents/{parent_id}/things"}


def test_response_schema_follows_the_transcoders_json() -> None:
    thing = _doc()["components"]["schemas"]["demo.v1.Thing"]
    props = thing["properties"]
    assert thing["description"] == "A thing. Second line."
    assert props["count"] == {"type": "string", "format": "int64"}
    assert props["kind"] == {"$ref": "#/components/schemas/demo.v1.Kind"}
    assert props["create_time"] == {"type": "string", "format": "date-time"}
    assert props["note"] == {"type": "string", "nullable": True}
    assert props["labels"] == {"type": "object", "additionalProperties": {"type": "string"}}
    assert props["children"]["items"] == {"$ref": "#/components/schemas/demo.v1.Thing"}
    assert props["thing_id"]["readOnly"] is True
    # Always printed: scalars, enums, repeated, maps. Not: optional, messages, wrappers.
    assert thing["required"] == ["thing_id", "count", "kind", "labels", "children"]
    assert _doc()["components"]["schemas"]["demo.v1.Kind"]["enum"] == ["KIND_UNSPECIFIED", "BIG"]


def test_get_maps_path_and_query_parameters() -> None:
    op = _doc()["paths"]["/v1/things/{thing_id}"]["get"]
    params = {p.get("name", p.get("$ref")): p for p in op["parameters"]}
    assert params["thing_id"]["in"] == "path"
    assert params["thing_id"]["required"] is True
    assert params["tags"]["schema"] == {"type": "array", "items": {"type": "string"}}
    assert params["tags"]["explode"] is True
    assert "filter" not in params  # messages are not query parameters
    assert "Idempotency-Key" not in params  # no request_id: not a mutation
    assert op["summary"] == "Gets one thing"
    assert op["security"] == [{"RootKey": []}]
    assert op["responses"]["404"] == {"$ref": "#/components/responses/Error404"}


def test_body_star_leaves_path_fields_out_and_requires_required_ones() -> None:
    doc = _doc()
    op = doc["paths"]["/v1/parents/{parent_id}/things"]["post"]
    ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    body = doc["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert ref.endswith("demo.v1.CreateThingRequest.Body")
    assert set(body["properties"]) == {"name", "request_id"}
    assert body["required"] == ["name"]
    assert body["additionalProperties"] is False  # the REST door refuses unknown fields
    assert "additionalProperties" not in doc["components"]["schemas"]["demo.v1.Thing"]
    assert any(p.get("name") == "Idempotency-Key" for p in op["parameters"])

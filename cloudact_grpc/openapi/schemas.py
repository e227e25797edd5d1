"""Proto messages as OpenAPI 3.0 schemas, following the JSON Envoy's transcoder prints.

The transcoder runs with ``preserve_proto_field_names`` and ``always_print_primitive_fields``:
keys are the proto field names, scalars, enums, repeated fields and maps are always printed,
message fields and proto3 ``optional`` fields only when set. int64 values print as strings,
enums by name, Timestamps as RFC 3339. Comments from the descriptor's source info become
descriptions; ``field_behavior`` becomes ``readOnly`` (OUTPUT_ONLY) and request ``required``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from google.api import field_behavior_pb2
from google.protobuf import descriptor_pb2

from cloudact_grpc.domain.identifiers import ORG_SLUG_PATTERN

FDP = descriptor_pb2.FieldDescriptorProto
JsonSchema = dict[str, Any]
# A type the book indexes, and its members whose comments it keeps: values and fields.
_Type = descriptor_pb2.EnumDescriptorProto | descriptor_pb2.DescriptorProto
_Member = descriptor_pb2.EnumValueDescriptorProto | descriptor_pb2.FieldDescriptorProto

_SCALARS: dict[int, JsonSchema] = {
    FDP.TYPE_DOUBLE: {"type": "number", "format": "double"},
    FDP.TYPE_FLOAT: {"type": "number", "format": "float"},
    FDP.TYPE_INT32: {"type": "integer", "format": "int32"},
    FDP.TYPE_SINT32: {"type": "integer", "format": "int32"},
    FDP.TYPE_SFIXED32: {"type": "integer", "format": "int32"},
    FDP.TYPE_UINT32: {"type": "integer", "format": "int64", "minimum": 0},
    FDP.TYPE_FIXED32: {"type": "integer", "format": "int64", "minimum": 0},
    FDP.TYPE_INT64: {"type": "string", "format": "int64"},
    FDP.TYPE_SINT64: {"type": "string", "format": "int64"},
    FDP.TYPE_SFIXED64: {"type": "string", "format": "int64"},
    FDP.TYPE_UINT64: {"type": "string", "format": "uint64"},
    FDP.TYPE_FIXED64: {"type": "string", "format": "uint64"},
    FDP.TYPE_BOOL: {"type": "boolean"},
    FDP.TYPE_STRING: {"type": "string"},
    FDP.TYPE_BYTES: {"type": "string", "format": "byte"},
}

_WRAPPERS = {
    "google.protobuf.DoubleValue": FDP.TYPE_DOUBLE,
    "google.protobuf.FloatValue": FDP.TYPE_FLOAT,
    "google.protobuf.Int64Value": FDP.TYPE_INT64,
    "google.protobuf.UInt64Value": FDP.TYPE_UINT64,
    "google.protobuf.Int32Value": FDP.TYPE_INT32,
    "google.protobuf.UInt32Value": FDP.TYPE_UINT32,
    "google.protobuf.BoolValue": FDP.TYPE_BOOL,
    "google.protobuf.StringValue": FDP.TYPE_STRING,
    "google.protobuf.BytesValue": FDP.TYPE_BYTES,
}

_WELL_KNOWN: dict[str, JsonSchema] = {
    "google.protobuf.Timestamp": {"type": "string", "format": "date-time"},
    "google.protobuf.Duration": {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?s$"},
    "google.protobuf.FieldMask": {"type": "string"},
    "google.protobuf.Empty": {"type": "object"},
    "google.protobuf.Struct": {"type": "object", "additionalProperties": True},
    "google.protobuf.Value": {},
    "google.protobuf.ListValue": {"type": "array", "items": {}},
    "google.protobuf.Any": {
        "type": "object",
        "properties": {"@type": {"type": "string"}},
        "required": ["@type"],
        "additionalProperties": True,
    },
}


def _ref(component: str) -> JsonSchema:
    return {"$ref": f"#/components/schemas/{component}"}


def _by_name(field: descriptor_pb2.FieldDescriptorProto) -> JsonSchema:
    """What the service checks on well-known request fields (the slug rule, the one date rule).

    Requests only: responses echo what was stored or sent (an empty end date, a dry run's slug).
    """
    if field.type != FDP.TYPE_STRING:
        return {}
    if field.name == "org_slug":
        return {"pattern": f"^{ORG_SLUG_PATTERN.pattern}$"}
    if field.name.endswith("_date"):  # "" is proto3's "not given": the default applies
        return {"anyOf": [{"format": "date"}, {"maxLength": 0}]}
    return {}


def _nullable(schema: JsonSchema) -> JsonSchema:
    if "$ref" in schema:
        return {"allOf": [schema], "nullable": True}
    return {**schema, "nullable": True}


def _behaviors(field: descriptor_pb2.FieldDescriptorProto) -> set[int]:
    return set(field.options.Extensions[field_behavior_pb2.field_behavior])


class SchemaBook:
    """Every message and enum of a descriptor set, their comments, and the schemas built so far."""

    def __init__(self, files: list[descriptor_pb2.FileDescriptorProto]) -> None:
        self.messages: dict[str, descriptor_pb2.DescriptorProto] = {}
        self.enums: dict[str, descriptor_pb2.EnumDescriptorProto] = {}
        self.comments: dict[str, str] = {}
        self.schemas: dict[str, JsonSchema] = {}
        self._response_names: set[str] = set()
        # While set, request schemas carry no checks: a method that reports bad input as its
        # answer (the onboarding dry run) rather than refusing it.
        self.lenient = False
        for file in files:
            self._index(file)

    def _index(self, file: descriptor_pb2.FileDescriptorProto) -> None:
        comments = {
            tuple(loc.path): loc.leading_comments.strip()
            for loc in file.source_code_info.location
            if loc.leading_comments.strip()
        }
        package = file.package

        def indexed(
            table: dict[str, Any],
            prefix: str,
            path: tuple[int, ...],
            item: _Type,
            members: Iterable[_Member],
        ) -> str:
            """File ``item`` in ``table`` under its full name, with its and its members' comments.

            An enum's values and a message's fields both sit at ``path`` + (2, index).
            """
            name = f"{prefix}.{item.name}"
            table[name] = item
            self._comment(name, comments, path)
            for i, member in enumerate(members):
                self._comment(f"{name}#{member.name}", comments, (*path, 2, i))
            return name

        def message(
            prefix: str, path: tuple[int, ...], item: descriptor_pb2.DescriptorProto
        ) -> None:
            name = indexed(self.messages, prefix, path, item, item.field)
            for i, nested in enumerate(item.nested_type):
                message(name, (*path, 3, i), nested)
            for i, nested_enum in enumerate(item.enum_type):
                indexed(self.enums, name, (*path, 4, i), nested_enum, nested_enum.value)

        for i, item in enumerate(file.message_type):
            message(package, (4, i), item)
        for i, item_enum in enumerate(file.enum_type):
            indexed(self.enums, package, (5, i), item_enum, item_enum.value)
        for i, service in enumerate(file.service):
            self._comment(f"{package}.{service.name}", comments, (6, i))
            for j, method in enumerate(service.method):
                self._comment(f"{package}.{service.name}.{method.name}", comments, (6, i, 2, j))

    def _comment(
        self, key: str, comments: dict[tuple[int, ...], str], path: tuple[int, ...]
    ) -> None:
        if path in comments:
            self.comments[key] = " ".join(comments[path].split())

    def field_schema(
        self, owner: str, field: descriptor_pb2.FieldDescriptorProto, *, request: bool
    ) -> JsonSchema:
        """The JSON schema of one field's value (arrays and maps included)."""
        type_name = field.type_name.lstrip(".")
        if field.type == FDP.TYPE_MESSAGE and self._is_map(type_name):
            value_field = self.messages[type_name].field[1]
            schema: JsonSchema = {
                "type": "object",
                "additionalProperties": self._single(value_field, request=request),
            }
        elif field.label == FDP.LABEL_REPEATED:
            schema = {"type": "array", "items": self._single(field, request=request)}
        else:
            checked = _by_name(field) if request and not self.lenient else {}
            schema = {**self._single(field, request=request), **checked}
        extra: JsonSchema = {}
        if description := self.comments.get(f"{owner}#{field.name}"):
            extra["description"] = description
        behaviors = _behaviors(field)
        if field_behavior_pb2.OUTPUT_ONLY in behaviors:
            extra["readOnly"] = True
        if field_behavior_pb2.INPUT_ONLY in behaviors:
            extra["writeOnly"] = True
        if field.options.deprecated:
            extra["deprecated"] = True
        if not extra:
            return schema
        if "$ref" in schema:
            return {"allOf": [schema], **extra}
        return {**schema, **extra}

    def field_by_path(self, message: str, path: str) -> descriptor_pb2.FieldDescriptorProto:
        """The field a dotted path (``a.b``) names, from ``message``."""
        *parents, last = path.split(".")
        for part in parents:
            message = next(f for f in self.messages[message].field if f.name == part).type_name
            message = message.lstrip(".")
        return next(f for f in self.messages[message].field if f.name == last)

    def _is_map(self, type_name: str) -> bool:
        message = self.messages.get(type_name)
        return bool(message and message.options.map_entry)

    def _single(self, field: descriptor_pb2.FieldDescriptorProto, *, request: bool) -> JsonSchema:
        type_name = field.type_name.lstrip(".")
        if field.type == FDP.TYPE_ENUM:
            self.add_enum(type_name)
            return _ref(type_name)
        if field.type != FDP.TYPE_MESSAGE:
            return dict(_SCALARS[field.type])
        if type_name in _WRAPPERS:
            return {**_SCALARS[_WRAPPERS[type_name]], "nullable": True}
        if type_name in _WELL_KNOWN:
            return dict(_WELL_KNOWN[type_name])
        return _ref(self.add_message(type_name, request=request))

    def add_enum(self, name: str) -> None:
        """Register an enum schema: its value names, their comments in the description."""
        if name in self.schemas:
            return
        enum = self.enums[name]
        lines = [self.comments.get(name, "")]
        lines += [
            f"- `{v.name}`: {self.comments[f'{name}#{v.name}']}"
            for v in enum.value
            if f"{name}#{v.name}" in self.comments
        ]
        self.schemas[name] = {
            "type": "string",
            "enum": [v.name for v in enum.value],
            "description": "\n".join(line for line in lines if line),
        }

    def add_message(
        self, name: str, *, request: bool, exclude: frozenset[str] = frozenset()
    ) -> str:
        """Register a message schema (and what it refers to); returns its component name.

        Response schemas list as ``required`` what the transcoder always prints; request
        schemas (component name suffixed ``Input`` when the message also appears in responses,
        ``Body`` when path fields are left out) require the fields marked REQUIRED.
        """
        key = name
        if request and (name in self._response_names or exclude or self.lenient):
            key = f"{name}.{'Body' if exclude or self.lenient else 'Input'}"
        if key in self.schemas:
            return key
        if not request:
            self._response_names.add(name)
        message = self.messages[name]
        self.schemas[key] = {}  # placeholder: recursive messages refer to themselves
        properties: JsonSchema = {}
        required: list[str] = []
        for field in message.field:
            if field.name in exclude:
                continue
            prop = self.field_schema(name, field, request=request)
            # Proto JSON reads null as the field's default, so requests may send it.
            properties[field.name] = _nullable(prop) if request else prop
            if request:
                if field_behavior_pb2.REQUIRED in _behaviors(field) and not self.lenient:
                    required.append(field.name)
            elif self.always_present(field):
                required.append(field.name)
        schema: JsonSchema = {"type": "object", "properties": properties}
        if request:  # the REST door refuses a field the message does not have, at any depth
            schema["additionalProperties"] = False
        if required:
            schema["required"] = required
        if description := self.comments.get(name):
            schema["description"] = description
        self.schemas[key] = schema
        return key

    def always_present(self, field: descriptor_pb2.FieldDescriptorProto) -> bool:
        """Printed in every response (repeated, maps, scalars outside a oneof or ``optional``)."""
        if field.HasField("oneof_index"):
            return False
        if field.label == FDP.LABEL_REPEATED:  # lists and maps print as [] and {}
            return True
        if field.type == FDP.TYPE_MESSAGE:
            return self._is_map(field.type_name.lstrip("."))
        return True

"""The strict REST door's field lists, generated from the descriptor set.

Envoy's transcoder drops unknown JSON body fields, so ``envoy/rest_door.lua`` (a Lua filter in
front of it) checks every body against the request message of its route. This module reads the
``google.api.http`` rules and the message fields from the descriptor set and writes them as Lua
tables (``ROUTES``, ``MESSAGES``) ahead of the filter's code; ``devstack.py`` renders the result
into ``envoy.yaml``. Each route names its body message and its request message (what query
parameters bind to: a field marked ``repeated`` may be given more than once, others may not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from google.api import annotations_pb2, http_pb2
from google.protobuf import descriptor_pb2

from cloudact_grpc.config import ConfigError

ROOT = Path(__file__).resolve().parent.parent
LUA_SOURCE = ROOT / "envoy" / "rest_door.lua"
_PACKAGE = "cloudact.v1"
_F = descriptor_pb2.FieldDescriptorProto
_NUMBERS = {
    _F.TYPE_DOUBLE,
    _F.TYPE_FLOAT,
    _F.TYPE_INT64,
    _F.TYPE_UINT64,
    _F.TYPE_FIXED64,
    _F.TYPE_SFIXED64,
    _F.TYPE_SINT64,
}
# 32-bit integers: the door checks they are whole and in range (the transcoder's own refusal
# names no field).
_INT32 = {_F.TYPE_INT32, _F.TYPE_SFIXED32, _F.TYPE_SINT32}
_UINT32 = {_F.TYPE_UINT32, _F.TYPE_FIXED32}
# Fields of an update request that are not themselves a change.
_NOT_CHANGES = frozenset({"request_id", "update_mask"})


@dataclass(frozen=True, slots=True)
class RestRoute:
    """One HTTP rule: verb, path template, request message and body field."""

    method: str
    template: str
    message: str
    body: str

    @property
    def path_fields(self) -> tuple[str, ...]:
        """The request fields bound from the path."""
        return tuple(m.split("=")[0] for m in re.findall(r"{([^}]+)}", self.template))

    @property
    def pattern(self) -> str:
        """A Lua pattern matching the whole path."""
        lua = ""
        for part in re.split(r"({[^}]+})", self.template):
            if part.startswith("{"):
                lua += ".+" if "**" in part else "[^/]+"
            else:
                lua += re.sub(r"([%^$().\[\]*+\-?])", r"%\1", part)
        return f"^{lua}$"


def _rules(rule: http_pb2.HttpRule) -> list[http_pb2.HttpRule]:
    return [rule, *rule.additional_bindings]


def load_descriptor(path: Path) -> descriptor_pb2.FileDescriptorSet:
    """The descriptor set ``make descriptor`` writes; ``ConfigError`` when it is missing."""
    try:
        return descriptor_pb2.FileDescriptorSet.FromString(path.read_bytes())
    except OSError as exc:
        raise ConfigError(f"descriptor set {path}: {exc}; run `make descriptor`") from exc


def routes(fds: descriptor_pb2.FileDescriptorSet) -> list[RestRoute]:
    """Every REST route of our services, the most literal templates first."""
    found = []
    for file in fds.file:
        if file.package != _PACKAGE:
            continue
        for service in file.service:
            for method in service.method:
                if not method.options.HasExtension(annotations_pb2.http):
                    continue
                for rule in _rules(method.options.Extensions[annotations_pb2.http]):
                    verb = rule.WhichOneof("pattern")
                    if verb is None or verb == "custom":
                        continue
                    found.append(
                        RestRoute(
                            verb.upper(),
                            getattr(rule, verb),
                            method.input_type.lstrip("."),
                            rule.body,
                        )
                    )
    return sorted(found, key=lambda r: (r.template.count("{"), -len(r.template)))


def _messages(fds: descriptor_pb2.FileDescriptorSet) -> dict[str, descriptor_pb2.DescriptorProto]:
    out: dict[str, descriptor_pb2.DescriptorProto] = {}

    def walk(prefix: str, message: descriptor_pb2.DescriptorProto) -> None:
        name = f"{prefix}.{message.name}"
        out[name] = message
        for nested in message.nested_type:
            walk(name, nested)

    for file in fds.file:
        for message in file.message_type:
            walk(file.package, message)
    return out


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _lua_bool(value: bool) -> str:
    return "true" if value else "false"


_SCALAR_KINDS = {
    **dict.fromkeys(_NUMBERS, "number"),
    **dict.fromkeys(_INT32, "int32"),
    **dict.fromkeys(_UINT32, "uint32"),
    _F.TYPE_BOOL: "bool",
    _F.TYPE_ENUM: "enum",
}


def _field_type(field: descriptor_pb2.FieldDescriptorProto) -> str:
    if field.type == _F.TYPE_MESSAGE:
        return f"message = {_lua_string(field.type_name.lstrip('.'))}"
    return f"kind = {_lua_string(_SCALAR_KINDS.get(field.type, 'string'))}"


def _field_lua(
    field: descriptor_pb2.FieldDescriptorProto, messages: dict[str, descriptor_pb2.DescriptorProto]
) -> str:
    if field.type == _F.TYPE_MESSAGE:
        entry = messages.get(field.type_name.lstrip("."))
        if entry is not None and entry.options.map_entry:
            value = next(f for f in entry.field if f.name == "value")
            return f"{{ map = {{ {_field_type(value)} }} }}"
    repeated = ", repeated = true" if field.label == _F.LABEL_REPEATED else ""
    return f"{{ {_field_type(field)}{repeated} }}"


def _reachable(roots: list[str], messages: dict[str, descriptor_pb2.DescriptorProto]) -> list[str]:
    """Our messages reachable from the request messages (well-known types excluded)."""
    seen: list[str] = []
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name not in messages or name.startswith("google."):
            continue
        seen.append(name)
        for field in messages[name].field:
            if field.type == _F.TYPE_MESSAGE:
                todo.append(field.type_name.lstrip("."))
    return sorted(seen)


def body_message(route: RestRoute, fds: descriptor_pb2.FileDescriptorSet) -> str:
    """The message the JSON body is read as: the request, or the field named by ``body``."""
    if route.body in ("", "*"):
        return route.message
    message = _messages(fds)[route.message]
    field = next(f for f in message.field if f.name == route.body)
    return field.type_name.lstrip(".")


def schema_lua(fds: descriptor_pb2.FileDescriptorSet) -> str:
    """The ``ROUTES`` and ``MESSAGES`` Lua tables for these services."""
    messages = _messages(fds)
    lines = ["-- Generated by cloudact_grpc/rest_door.py from the descriptor set.", "ROUTES = {"]
    roots = []
    for route in routes(fds):
        body = body_message(route, fds) if route.body else ""
        roots += [body or route.message, route.message]
        update = route.method in ("PUT", "PATCH") and route.body == "*"
        not_updates = ", ".join(
            f"[{_lua_string(n)}] = true" for n in sorted(_NOT_CHANGES | set(route.path_fields))
        )
        lines.append(
            f"  {{ method = {_lua_string(route.method)}, pattern = {_lua_string(route.pattern)},"
            f" message = {_lua_string(body or route.message)},"
            f" request = {_lua_string(route.message)},"
            f" body = {_lua_bool(bool(route.body))}, update = {_lua_bool(update)},"
            f" not_updates = {{ {not_updates} }} }},"
        )
    lines.append("}")
    lines.append("MESSAGES = {")
    for name in _reachable(roots, messages):
        fields = ", ".join(
            f"[{_lua_string(f.name)}] = {_field_lua(f, messages)}" for f in messages[name].field
        )
        lines.append(f"  [{_lua_string(name)}] = {{ {fields} }},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def door_lua(descriptor: Path) -> str:
    """The whole Lua filter source: generated tables, then ``envoy/rest_door.lua``."""
    return schema_lua(load_descriptor(descriptor)) + LUA_SOURCE.read_text()


def response_side(door: str) -> str:
    """The filter ``door`` without its request side, for requests with nothing to check."""
    return door + "\nenvoy_on_request = nil\n"

"""The OpenAPI 3.0 document of the REST door, built from the descriptor set's HTTP rules.

Our own small generator rather than grpc-gateway's ``protoc-gen-swagger`` (Debian
``golang-grpc-gateway`` 1.x): that plugin refuses proto3 ``optional`` fields, which our protos
use, writes Swagger 2.0, and describes grpc-gateway's JSON (camelCase keys, its own error body),
not the JSON Envoy's transcoder prints with our print options, nor our auth headers.
"""

from __future__ import annotations

import re
from typing import Any

from google.api import annotations_pb2, http_pb2
from google.protobuf import descriptor_pb2

from cloudact_grpc.api.access import INTERNAL_METHODS, Access, access_for
from cloudact_grpc.openapi.schemas import FDP, JsonSchema, SchemaBook

OPENAPI_VERSION = "3.0.3"
_VARIABLE = re.compile(r"\{([a-zA-Z0-9_.]+)(?:=[^}]*)?\}")
_EXPORT_TYPES = ("text/csv", "application/x-ndjson", "application/vnd.apache.parquet")
_HTTP_BODY = "google.api.HttpBody"
# Methods that answer bad input with a report (200) instead of refusing it: no checks in their
# request schema, or a client would think the server must refuse what it reports.
_REPORTING = frozenset({"/cloudact.v1.OrganizationsService/DryRunOnboarding"})

# The gRPC codes a REST caller meets, by HTTP status (what convert_grpc_status maps them to).
ERROR_STATUSES: dict[str, str] = {
    "400": "INVALID_ARGUMENT, FAILED_PRECONDITION or OUT_OF_RANGE; also the REST door's own "
    "rejections (a body field the request does not have, malformed JSON, an unknown query "
    "parameter) with reason INVALID_REQUEST.",
    "401": "UNAUTHENTICATED: no key, or a key that is not valid.",
    "403": "PERMISSION_DENIED: the key may not reach this organization or method.",
    "404": "NOT_FOUND; also an unknown path (reason UNKNOWN_ROUTE).",
    "409": "ALREADY_EXISTS or ABORTED (a concurrent duplicate; retry).",
    "415": "A request body whose Content-Type is not JSON (reason UNSUPPORTED_MEDIA_TYPE).",
    "429": "RESOURCE_EXHAUSTED: rate limit or quota, with QuotaFailure and RetryInfo.",
    "500": "INTERNAL.",
    "501": "UNIMPLEMENTED: not built yet (reason NOT_IMPLEMENTED).",
    "503": "UNAVAILABLE: a backend does not answer (RetryInfo when worth retrying).",
}

ERROR_SCHEMA: JsonSchema = {
    "type": "object",
    "description": "A google.rpc.Status as JSON: every error of the REST door has this shape.",
    "required": ["code", "message", "details"],
    "properties": {
        "code": {
            "type": "integer",
            "format": "int32",
            "description": "The gRPC status code (3 INVALID_ARGUMENT, 5 NOT_FOUND, ...).",
        },
        "message": {"type": "string", "description": "What went wrong, for the developer."},
        "details": {
            "type": "array",
            "description": "google.rpc.ErrorInfo (reason: a value of cloudact.v1.ErrorReason), "
            "BadRequest (field violations), QuotaFailure, RetryInfo, ...",
            "items": {
                "type": "object",
                "required": ["@type"],
                "properties": {"@type": {"type": "string"}},
                "additionalProperties": True,
            },
        },
        "detail": {
            "type": "string",
            "description": "The sentence a person reads (the frontend shows only this field).",
        },
    },
}

_SECURITY: dict[Access, list[dict[str, list[str]]]] = {
    Access.PUBLIC: [],
    Access.ROOT: [{"RootKey": []}],
    Access.ORG: [{"ApiKey": []}, {"RootKey": []}],
}


def _rules(rule: http_pb2.HttpRule) -> list[http_pb2.HttpRule]:
    return [rule, *rule.additional_bindings]


def _verb_path(rule: http_pb2.HttpRule) -> tuple[str, str]:
    kind = rule.WhichOneof("pattern")
    if kind == "custom":
        return rule.custom.kind.lower(), rule.custom.path
    return str(kind), str(getattr(rule, str(kind)))


def _summary(text: str) -> str:
    first = re.split(r"(?<=[.:;])\s", text, maxsplit=1)[0]
    return first.rstrip(".:;")


class _Builder:
    def __init__(self, files: list[descriptor_pb2.FileDescriptorProto], package: str) -> None:
        self.book = SchemaBook(files)
        self.methods: list[tuple[str, descriptor_pb2.MethodDescriptorProto]] = [
            (f"{file.package}.{service.name}", method)
            for file in files
            if file.package == package
            for service in file.service
            for method in service.method
        ]

    def http_methods(self) -> list[tuple[str, descriptor_pb2.MethodDescriptorProto]]:
        return [
            (service, method)
            for service, method in self.methods
            if method.options.HasExtension(annotations_pb2.http)
            and f"/{service}/{method.name}" not in INTERNAL_METHODS
        ]

    def response(self, method: descriptor_pb2.MethodDescriptorProto) -> JsonSchema:
        output = method.output_type.lstrip(".")
        if output == _HTTP_BODY:
            binary = {"schema": {"type": "string", "format": "binary"}}
            return {
                "description": "The file, streamed; its content type follows `format`.",
                "content": dict.fromkeys(_EXPORT_TYPES, binary),
            }
        key = self.book.add_message(output, request=False)
        return {
            "description": self.book.comments.get(output, "OK"),
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{key}"}}},
        }

    def operation(
        self, service: str, method: descriptor_pb2.MethodDescriptorProto, rule: http_pb2.HttpRule
    ) -> tuple[str, str, JsonSchema]:
        verb, template = _verb_path(rule)
        request = method.input_type.lstrip(".")
        path_fields = _VARIABLE.findall(template)
        path = _VARIABLE.sub(lambda m: "{" + m.group(1) + "}", template)
        full = f"/{service}/{method.name}"
        comment = self.book.comments.get(f"{service}.{method.name}", "")
        operation: JsonSchema = {
            "operationId": f"{service.rsplit('.', 1)[-1]}_{method.name}",
            "tags": [service.rsplit(".", 1)[-1]],
            "summary": _summary(comment) or method.name,
            "description": f"{comment}\n\ngRPC: `{full}`".strip(),
            "security": _SECURITY[access_for(full)],
        }
        parameters: list[JsonSchema] = [
            {
                "name": name,
                "in": "path",
                "required": True,
                "schema": self.book.field_schema(
                    request, self.book.field_by_path(request, name), request=True
                ),
            }
            for name in path_fields
        ]
        if rule.body == "*":
            self.book.lenient = full in _REPORTING
            key = self.book.add_message(request, request=True, exclude=frozenset(path_fields))
            self.book.lenient = False
            operation["requestBody"] = self._body(key)
        elif rule.body:
            body_field = self.book.field_by_path(request, rule.body)
            key = self.book.add_message(body_field.type_name.lstrip("."), request=True)
            operation["requestBody"] = self._body(key)
            parameters += self._query(request, {*path_fields, rule.body})
        else:
            parameters += self._query(request, set(path_fields))
        if "request_id" in {f.name for f in self.book.messages[request].field}:
            parameters.append(
                {
                    "name": "Idempotency-Key",
                    "in": "header",
                    "required": False,
                    "description": "Replays the first successful response for 24 h (scoped to "
                    "the caller and method); the same key with another request is a 400 "
                    "IDEMPOTENCY_KEY_REUSED. Same as the body's `request_id`.",
                    "schema": {"type": "string"},
                }
            )
        parameters.append({"$ref": "#/components/parameters/RequestId"})
        operation["parameters"] = parameters
        responses: JsonSchema = {"200": self.response(method)}
        for status in ERROR_STATUSES:
            responses[status] = {"$ref": f"#/components/responses/Error{status}"}
        operation["responses"] = responses
        return path, verb, operation

    @staticmethod
    def _body(key: str) -> JsonSchema:
        return {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{key}"}}},
        }

    def _query(self, request: str, taken: set[str]) -> list[JsonSchema]:
        """Every field not in the path or body, as a query parameter (messages one level deep)."""
        parameters: list[JsonSchema] = []
        for field in self.book.messages[request].field:
            if field.name in taken:
                continue
            schema = self.book.field_schema(request, field, request=True)
            if field.type == FDP.TYPE_MESSAGE and (
                "$ref" in str(schema) or schema.get("type") == "object"
            ):
                continue  # messages and maps are not sent as query parameters here
            parameter: JsonSchema = {"name": field.name, "in": "query", "required": False}
            if "description" in schema:
                parameter["description"] = schema.pop("description")
            schema.pop("readOnly", None)
            parameter["schema"] = schema
            if schema.get("type") == "array":
                parameter.update(style="form", explode=True)
            parameters.append(parameter)
        return parameters


def build_document(
    descriptor_set: descriptor_pb2.FileDescriptorSet, *, package: str, version: str
) -> dict[str, Any]:
    """The OpenAPI document of every HTTP rule in ``package`` (internal methods left out)."""
    builder = _Builder(list(descriptor_set.file), package)
    methods = builder.http_methods()
    for _service, method in methods:  # responses first: their schemas keep the plain names
        builder.response(method)
    paths: dict[str, dict[str, Any]] = {}
    for service, method in methods:
        rule = method.options.Extensions[annotations_pb2.http]
        for binding in _rules(rule):
            path, verb, operation = builder.operation(service, method, binding)
            paths.setdefault(path, {})[verb] = operation
    responses = {
        f"Error{status}": {
            "description": text,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for status, text in ERROR_STATUSES.items()
    }
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "CloudAct API",
            "version": version,
            "description": "The REST/JSON door of the CloudAct API service (Envoy's gRPC-JSON "
            "transcoder in front of the gRPC services). JSON keys are the proto field names; "
            "zero values are printed; int64 values are strings. Generated from the protos by "
            "`make gen`.",
        },
        "servers": [{"url": "/"}],
        "tags": [
            {"name": s.rsplit(".", 1)[-1], "description": builder.book.comments.get(s, "")}
            for s in sorted({service for service, _ in methods})
        ],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": {"Error": ERROR_SCHEMA, **dict(sorted(builder.book.schemas.items()))},
            "responses": responses,
            "parameters": {
                "RequestId": {
                    "name": "X-Request-Id",
                    "in": "header",
                    "required": False,
                    "description": "Correlation id, logged and echoed back.",
                    "schema": {"type": "string"},
                }
            },
            "securitySchemes": {
                "RootKey": {"type": "apiKey", "in": "header", "name": "X-CA-Root-Key"},
                "ApiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            },
        },
    }

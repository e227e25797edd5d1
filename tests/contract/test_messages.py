"""Descriptor-wide conventions: field_behavior everywhere, pagination, request ids, reasons."""

from __future__ import annotations

from pathlib import Path

from cloudact.v1 import error_reason_pb2
from google.api import annotations_pb2, field_behavior_pb2
from google.protobuf import descriptor_pb2

from cloudact_grpc.domain.errors import Reason

ROOT = Path(__file__).resolve().parents[2]


def _files() -> list[descriptor_pb2.FileDescriptorProto]:
    fds = descriptor_pb2.FileDescriptorSet.FromString((ROOT / "build/cloudact.pb").read_bytes())
    return [f for f in fds.file if f.package == "cloudact.v1"]


def _messages() -> dict[str, descriptor_pb2.DescriptorProto]:
    found: dict[str, descriptor_pb2.DescriptorProto] = {}

    def walk(prefix: str, messages: list[descriptor_pb2.DescriptorProto]) -> None:
        for message in messages:
            if message.options.map_entry:
                continue
            found[f"{prefix}{message.name}"] = message
            walk(f"{prefix}{message.name}.", list(message.nested_type))

    for file in _files():
        walk("", list(file.message_type))
    return found


def test_every_field_has_field_behavior() -> None:
    missing = [
        f"{name}.{field.name}"
        for name, message in _messages().items()
        for field in message.field
        if not field.options.Extensions[field_behavior_pb2.field_behavior]
    ]
    assert missing == []


# Lists bounded by configuration, not by data: one entry per registry provider or pipeline.
UNPAGED_LISTS = {"ListIntegrationsRequest", "ListAvailablePipelinesRequest"}


def test_list_requests_paginate() -> None:
    messages = _messages()
    for name, message in messages.items():
        if name.startswith("List") and name.endswith("Request") and name not in UNPAGED_LISTS:
            fields = {f.name for f in message.field}
            assert {"page_size", "page_token"} <= fields, name
            response = messages[name.removesuffix("Request") + "Response"]
            assert "next_page_token" in {f.name for f in response.field}, name


def test_mutations_take_a_request_id() -> None:
    messages = _messages()
    for file in _files():
        for service in file.service:
            for method in service.method:
                rule = method.options.Extensions[annotations_pb2.http]
                mutating = rule.WhichOneof("pattern") in {"post", "put", "delete", "patch"}
                if mutating and method.name != "DryRunOnboarding":
                    request = messages[method.input_type.rsplit(".", 1)[-1]]
                    assert "request_id" in {f.name for f in request.field}, method.name


def test_int64_is_not_used_for_json_numbers() -> None:
    int64 = {
        descriptor_pb2.FieldDescriptorProto.TYPE_INT64,
        descriptor_pb2.FieldDescriptorProto.TYPE_UINT64,
    }
    offenders = [
        f"{name}.{field.name}"
        for name, message in _messages().items()
        for field in message.field
        if field.type in int64
    ]
    assert offenders == []


def test_domain_reasons_mirror_the_proto_enum() -> None:
    proto = {v.name for v in error_reason_pb2.ErrorReason.DESCRIPTOR.values} - {
        "ERROR_REASON_UNSPECIFIED"
    }
    assert proto == {r.value for r in Reason}

"""Every RPC of the public contract, found from the generated descriptors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import grpc
from cloudact.v1 import (
    admin_pb2,
    budgets_pb2,
    costs_pb2,
    integrations_pb2,
    notifications_pb2,
    organizations_pb2,
    pipelines_pb2,
    subscriptions_pb2,
)
from google.protobuf import descriptor, message_factory

Metadata = tuple[tuple[str, str], ...]

MODULES = (
    admin_pb2, organizations_pb2, integrations_pb2, subscriptions_pb2, costs_pb2, budgets_pb2,
    notifications_pb2, pipelines_pb2,
)  # fmt: skip


def all_methods() -> Iterator[descriptor.MethodDescriptor]:
    """Every method of every service, in file and declaration order."""
    for module in MODULES:
        for service in module.DESCRIPTOR.services_by_name.values():
            yield from service.methods


def methods_where(
    keep: Callable[[descriptor.MethodDescriptor], bool],
) -> list[descriptor.MethodDescriptor]:
    """The methods ``keep`` accepts."""
    return [method for method in all_methods() if keep(method)]


def invoke(
    channel: grpc.Channel,
    method: descriptor.MethodDescriptor,
    request: Any,
    metadata: Metadata,
    timeout: float = 30,
) -> list[Any]:
    """Call ``method`` with ``request``: its replies (one, or every message of a stream)."""
    path = f"/{method.containing_service.full_name}/{method.name}"
    decode_reply = message_factory.GetMessageClass(method.output_type).FromString
    if method.server_streaming:
        stream: grpc.UnaryStreamMultiCallable[Any, Any] = channel.unary_stream(
            path, request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=decode_reply,
        )  # fmt: skip
        return list(stream(request, metadata=metadata, timeout=timeout))
    unary: grpc.UnaryUnaryMultiCallable[Any, Any] = channel.unary_unary(
        path, request_serializer=lambda m: m.SerializeToString(), response_deserializer=decode_reply
    )
    return [unary(request, metadata=metadata, timeout=timeout)]

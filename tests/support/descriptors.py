"""Every RPC of the public contract, found from the generated descriptors."""

from __future__ import annotations

from collections.abc import Callable, Iterator

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
from google.protobuf import descriptor

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

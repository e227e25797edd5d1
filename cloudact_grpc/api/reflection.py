"""Server reflection that serves our descriptor set with its source info (proto comments).

grpcio-reflection serves descriptors copied out of the generated modules, which carry no
comments and no index of method symbols, so ``grpcurl describe`` showed no comments and
``describe Service.Method`` failed. This servicer answers from the FileDescriptorSet that
``make gen`` writes next to the generated code (built with ``--include_source_info``), indexes
every symbol (messages, fields, enums and values, services, methods, extensions) and falls back to
the generated descriptor pool for files outside the set (health, reflection).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

SERVICE_NAME = "grpc.reflection.v1alpha.ServerReflection"


def default_descriptor_set() -> Path | None:
    """The descriptor set shipped next to the generated code (``gen/cloudact/v1``), if built."""
    from cloudact.v1 import admin_pb2  # noqa: PLC0415 - generated code, located at run time

    path = Path(admin_pb2.__file__).with_name("cloudact.binpb")
    return path if path.exists() else None


class _Index:
    """File descriptors by file name and by every symbol they define."""

    def __init__(self) -> None:
        self.files: dict[str, descriptor_pb2.FileDescriptorProto] = {}
        self.symbols: dict[str, str] = {}
        self.extensions: dict[tuple[str, int], str] = {}

    def add(self, file: descriptor_pb2.FileDescriptorProto) -> None:
        if file.name in self.files:
            return
        self.files[file.name] = file
        prefix = f"{file.package}." if file.package else ""
        for message in file.message_type:
            self._message(file.name, prefix, message)
        for enum in file.enum_type:
            self._enum(file.name, prefix, enum)
        for service in file.service:
            self.symbols[prefix + service.name] = file.name
            for method in service.method:
                self.symbols[f"{prefix}{service.name}.{method.name}"] = file.name
        self._extensions(file.name, prefix, file.extension)

    def _message(self, file: str, prefix: str, message: descriptor_pb2.DescriptorProto) -> None:
        name = prefix + message.name
        self.symbols[name] = file
        for field in message.field:
            self.symbols[f"{name}.{field.name}"] = file
        for oneof in message.oneof_decl:
            self.symbols[f"{name}.{oneof.name}"] = file
        for nested in message.nested_type:
            self._message(file, f"{name}.", nested)
        for enum in message.enum_type:
            self._enum(file, f"{name}.", enum)
        self._extensions(file, f"{name}.", message.extension)

    def _enum(self, file: str, prefix: str, enum: descriptor_pb2.EnumDescriptorProto) -> None:
        self.symbols[prefix + enum.name] = file
        for value in enum.value:
            # Enum values are siblings of their enum in protobuf's scoping.
            self.symbols[prefix + value.name] = file

    def _extensions(
        self, file: str, prefix: str, fields: Iterable[descriptor_pb2.FieldDescriptorProto]
    ) -> None:
        for field in fields:
            self.symbols[prefix + field.name] = file
            self.extensions[(field.extendee.lstrip("."), field.number)] = file


class SourceInfoReflectionServicer(reflection_pb2_grpc.ServerReflectionServicer):  # type: ignore[misc]
    """``grpc.reflection.v1alpha.ServerReflection`` over a descriptor set with source info."""

    def __init__(self, service_names: Iterable[str], descriptor_set: Path | None) -> None:
        self._service_names = tuple(sorted(service_names))
        self._index = _Index()
        if descriptor_set is not None:
            parsed = descriptor_pb2.FileDescriptorSet.FromString(descriptor_set.read_bytes())
            for file in parsed.file:
                self._index.add(file)
        pool = descriptor_pool.Default()
        for service in self._service_names:
            if service not in self._index.symbols:
                self._add_from_pool(pool.FindFileContainingSymbol(service))

    def _add_from_pool(self, descriptor: Any) -> None:
        for dependency in descriptor.dependencies:
            self._add_from_pool(dependency)
        proto = descriptor_pb2.FileDescriptorProto()
        descriptor.CopyToProto(proto)
        self._index.add(proto)

    def ServerReflectionInfo(
        self,
        request_iterator: Iterator[reflection_pb2.ServerReflectionRequest],
        context: grpc.ServicerContext,
    ) -> Iterator[reflection_pb2.ServerReflectionResponse]:
        for request in request_iterator:
            yield self._answer(request)

    def _answer(
        self, request: reflection_pb2.ServerReflectionRequest
    ) -> reflection_pb2.ServerReflectionResponse:
        kind = request.WhichOneof("message_request")
        file: str | None = None
        if kind == "list_services":
            return reflection_pb2.ServerReflectionResponse(
                original_request=request,
                list_services_response=reflection_pb2.ListServiceResponse(
                    service=[reflection_pb2.ServiceResponse(name=n) for n in self._service_names]
                ),
            )
        if kind == "file_by_filename":
            file = (
                request.file_by_filename if request.file_by_filename in self._index.files else None
            )
        elif kind == "file_containing_symbol":
            file = self._index.symbols.get(request.file_containing_symbol.lstrip("."))
        elif kind == "file_containing_extension":
            wanted = request.file_containing_extension
            file = self._index.extensions.get((wanted.containing_type, wanted.extension_number))
        elif kind == "all_extension_numbers_of_type":
            base = request.all_extension_numbers_of_type
            if base in self._index.symbols:
                numbers = sorted(n for (t, n) in self._index.extensions if t == base)
                return reflection_pb2.ServerReflectionResponse(
                    original_request=request,
                    all_extension_numbers_response=reflection_pb2.ExtensionNumberResponse(
                        base_type_name=base, extension_number=numbers
                    ),
                )
        if file is None:
            return reflection_pb2.ServerReflectionResponse(
                original_request=request,
                error_response=reflection_pb2.ErrorResponse(
                    error_code=grpc.StatusCode.NOT_FOUND.value[0],
                    error_message=f"not found: {kind}",
                ),
            )
        return reflection_pb2.ServerReflectionResponse(
            original_request=request,
            file_descriptor_response=reflection_pb2.FileDescriptorResponse(
                file_descriptor_proto=[f.SerializeToString() for f in self._with_deps(file)]
            ),
        )

    def _with_deps(self, name: str) -> list[descriptor_pb2.FileDescriptorProto]:
        """The file first, then its transitive dependencies that we know."""
        ordered: list[descriptor_pb2.FileDescriptorProto] = []
        seen: set[str] = set()
        pending = [name]
        while pending:
            current = pending.pop(0)
            if current in seen or current not in self._index.files:
                continue
            seen.add(current)
            ordered.append(self._index.files[current])
            pending.extend(self._index.files[current].dependency)
        return ordered

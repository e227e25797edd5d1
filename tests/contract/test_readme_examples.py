"""Every example in README.md names something that exists, as written.

A reader on a fresh clone copies these lines: each ``curl`` against port 8000 must be a route
of the OpenAPI document (method, path and query parameters), each gRPC method ``grpcurl``
names must be in the descriptor set, and each ``cloudact`` command line must parse.
"""

from __future__ import annotations

import json
import re
import shlex
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import descriptor_pb2

from cloudact_grpc.cli.__main__ import parser

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
OPENAPI = json.loads((ROOT / "gen" / "openapi.json").read_text())
# Served by Envoy itself, not by a transcoded RPC.
ENVOY_ROUTES = {("GET", "/openapi.json"), ("GET", "/docs")}


def _commands(tool: str) -> list[str]:
    """Each README line running ``tool``, with its backslash continuations joined."""
    joined = re.sub(r"\\\n\s*", " ", README)
    return [line.strip() for line in joined.splitlines() if re.search(rf"(^|[\s(/]){tool} ", line)]


def _curl_calls() -> list[tuple[str, str, str]]:
    """(method, path, query) of every curl against localhost:8000."""
    calls = []
    for line in _commands("curl"):
        url = re.search(r"localhost:8000(/[^\s\"']*)", line)
        if url is None:
            continue
        method = re.search(r"-X (\w+)", line)
        body = re.search(r"\s-d\s", line)
        verb = method.group(1) if method else ("POST" if body else "GET")
        path, _, query = url.group(1).partition("?")
        calls.append((verb, path, query))
    return calls


@cache
def _templates() -> list[tuple[re.Pattern[str], str]]:
    return [
        (re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"), template)
        for template in OPENAPI["paths"]
    ]


def _operation(verb: str, path: str) -> dict[str, Any]:
    for pattern, template in _templates():
        if pattern.match(path) and verb.lower() in OPENAPI["paths"][template]:
            return dict(OPENAPI["paths"][template][verb.lower()])
    raise AssertionError(f"README: {verb} {path} is not a route of gen/openapi.json")


def _query_names(operation: dict[str, Any]) -> set[str]:
    shared = OPENAPI.get("components", {}).get("parameters", {})
    names = set()
    for given in operation.get("parameters", []):
        parameter = shared[given["$ref"].rsplit("/", 1)[1]] if "$ref" in given else given
        if parameter["in"] == "query":
            names.add(parameter["name"])
    return names


CURLS = _curl_calls()


def test_the_readme_has_the_examples_this_checks() -> None:
    assert len(CURLS) >= 10
    assert len(_commands("cloudact")) >= 9


@pytest.mark.parametrize(("verb", "path", "query"), CURLS, ids=[f"{v} {p}" for v, p, _ in CURLS])
def test_each_curl_is_a_route_with_its_query_parameters(verb: str, path: str, query: str) -> None:
    if (verb, path) in ENVOY_ROUTES:
        return
    operation = _operation(verb, path)
    sent = {pair.split("=", 1)[0] for pair in query.split("&") if pair}
    unknown = sent - _query_names(operation)
    assert not unknown, f"README: {verb} {path} sends unknown query parameters {unknown}"


def _grpc_methods() -> set[str]:
    descriptors = descriptor_pb2.FileDescriptorSet.FromString(
        (ROOT / "gen" / "cloudact" / "v1" / "cloudact.binpb").read_bytes()
    )
    return {
        f"{file.package}.{service.name}/{method.name}"
        for file in descriptors.file
        for service in file.service
        for method in service.method
    }


def test_each_grpc_service_and_method_named_is_real() -> None:
    methods = _grpc_methods()
    services = {m.split("/")[0] for m in methods}
    named = re.findall(r"\b(cloudact\.v1\.\w+Service)([/.]\w+)?", README) + [
        (f"cloudact.v1.{service}", method)
        for service, method in re.findall(r"(?<![.\w])(\w+Service)(/\w+)", README)
    ]
    assert len(named) >= 6
    for service, method in named:
        assert service in services, f"README: unknown service {service}"
        if method:
            assert f"{service}/{method[1:]}" in methods, f"README: unknown {service}{method}"


def test_each_cloudact_command_line_parses() -> None:
    cli = parser(50051)
    for line in _commands("cloudact"):
        words = shlex.split(line.split("#", 1)[0], posix=True)
        words = words[next(i for i, w in enumerate(words) if w.endswith("cloudact")) + 1 :]
        if not words or words[0].startswith("-"):
            continue
        # Placeholders as the README writes them: alternatives and optional parts.
        words = [w.strip("[]").split("|", 1)[0] for w in words]
        try:
            cli.parse_args(words)
        except SystemExit as exc:
            raise AssertionError(f"README: `cloudact {' '.join(words)}` does not parse") from exc


def test_each_make_target_named_exists() -> None:
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([\w-]+):", makefile, flags=re.MULTILINE))
    named = set(re.findall(r"`make ([\w-]+)", README))
    assert len(named) >= 12
    assert named <= targets, f"README names make targets the Makefile lacks: {named - targets}"

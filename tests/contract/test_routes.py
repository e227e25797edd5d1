"""The descriptor set against API.md: every route is exactly one RPC, internal RPCs have none."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from google.api import annotations_pb2, http_pb2
from google.protobuf import descriptor_pb2

from cloudact_grpc.api.access import INTERNAL_METHODS, METHOD_ACCESS, Access, access_for

ROOT = Path(__file__).resolve().parents[2]
ROUTES_FILE = Path(__file__).with_name("routes.txt")
VERBS = ("get", "put", "post", "delete", "patch")


def _api_routes() -> list[tuple[str, str]]:
    routes = []
    for line in ROUTES_FILE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            verb, path = line.split()
            routes.append((verb, path))
    return routes


def _rpcs() -> dict[str, tuple[tuple[str, str], ...]]:
    """Full method name -> (verb, path) bindings from our protos in the descriptor set."""
    fds = descriptor_pb2.FileDescriptorSet.FromString((ROOT / "build/cloudact.pb").read_bytes())
    rpcs: dict[str, tuple[tuple[str, str], ...]] = {}
    for file in fds.file:
        if file.package != "cloudact.v1":
            continue
        for service in file.service:
            for method in service.method:
                rule: http_pb2.HttpRule = method.options.Extensions[annotations_pb2.http]
                bindings = [rule, *rule.additional_bindings]
                pairs = tuple(
                    (verb.upper(), getattr(b, verb))
                    for b in bindings
                    for verb in VERBS
                    if b.WhichOneof("pattern") == verb
                )
                rpcs[f"/cloudact.v1.{service.name}/{method.name}"] = pairs
    return rpcs


RPCS = _rpcs()


@pytest.mark.parametrize(("verb", "path"), _api_routes(), ids=" ".join)
def test_every_api_route_maps_to_exactly_one_rpc(verb: str, path: str) -> None:
    matches = [name for name, pairs in RPCS.items() if (verb, path) in pairs]
    assert len(matches) == 1, f"{verb} {path} -> {matches}"


def test_no_rpc_has_a_route_outside_api_md() -> None:
    documented = set(_api_routes())
    extra = [
        (name, pair) for name, pairs in RPCS.items() for pair in pairs if pair not in documented
    ]
    assert extra == []


def test_public_rpcs_have_exactly_one_rule_and_internal_ones_none() -> None:
    for name, pairs in RPCS.items():
        if name in INTERNAL_METHODS:
            assert pairs == (), name
        else:
            assert len(pairs) == 1, name


def test_internal_methods_exist_and_are_root_only() -> None:
    assert set(RPCS) >= INTERNAL_METHODS
    assert {access_for(m) for m in INTERNAL_METHODS} == {Access.ROOT}
    assert {
        "/cloudact.v1.OrganizationsService/ReservePipelineRun",
        "/cloudact.v1.OrganizationsService/CompletePipelineRun",
        "/cloudact.v1.IntegrationsService/GetIntegrationCredential",
    } <= INTERNAL_METHODS


def test_access_table_names_only_real_methods() -> None:
    assert set(METHOD_ACCESS) <= set(RPCS)


def test_only_health_and_the_pipeline_catalogue_are_public() -> None:
    public = {name for name in RPCS if access_for(name) is Access.PUBLIC}
    assert public == {
        "/cloudact.v1.AdminService/GetHealth",
        "/cloudact.v1.AdminService/GetReadiness",
        "/cloudact.v1.AdminService/ListAvailablePipelines",
    }


def test_no_route_is_bound_twice() -> None:
    counts = Counter(pair for pairs in RPCS.values() for pair in pairs)
    assert [pair for pair, n in counts.items() if n > 1] == []

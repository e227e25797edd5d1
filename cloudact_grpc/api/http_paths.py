"""The organization a REST call's path names, from the ``google.api.http`` rules.

Envoy's transcoder fills a request from its path, query and body, in that order, so a query or
body ``org_slug`` would silently replace the path's. It passes the path it transcoded in
``x-envoy-original-path``; the auth layer compares the two and refuses a mismatch.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from urllib.parse import unquote

from cloudact.v1 import admin_pb2, costs_pb2, integrations_pb2, organizations_pb2, subscriptions_pb2
from google.api import annotations_pb2, http_pb2

_MODULES = (admin_pb2, organizations_pb2, integrations_pb2, subscriptions_pb2, costs_pb2)
_SLUG = "{org_slug}"


def _patterns(rule: http_pb2.HttpRule) -> Iterator[str]:
    kind = rule.WhichOneof("pattern")
    if kind == "custom":
        yield rule.custom.path
    elif kind:
        yield str(getattr(rule, kind))
    for extra in rule.additional_bindings:
        yield from _patterns(extra)


@functools.cache
def _templates() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Method full name (``/pkg.Service/Method``) → its path templates naming ``org_slug``."""
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for module in _MODULES:
        for service in module.DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                options = method.GetOptions()
                if not options.HasExtension(annotations_pb2.http):
                    continue
                rule = options.Extensions[annotations_pb2.http]
                found = tuple(tuple(p.split("/")) for p in _patterns(rule) if _SLUG in p.split("/"))
                if found:
                    out[f"/{service.full_name}/{method.name}"] = found
    return out


def path_org_slug(method_name: str, original_path: str) -> str | None:
    """The ``org_slug`` segment of ``original_path`` under one of the method's rules, or None."""
    return _slug_in_path(method_name, original_path.split("?", 1)[0])


@functools.lru_cache(maxsize=4096)
def _slug_in_path(method_name: str, path: str) -> str | None:
    """``path_org_slug`` of a path without its query, cached.

    Asked on every REST call with an org; keyed without the query (page tokens, dates), which
    would make every call a new entry.
    """
    segments = path.split("/")
    for template in _templates().get(method_name, ()):
        if len(template) != len(segments):
            continue
        if all(t == s or t.startswith("{") for t, s in zip(template, segments, strict=True)):
            return unquote(segments[template.index(_SLUG)])
    return None

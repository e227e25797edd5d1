"""The path's org for the auth step: read from the REST rule, cached without the query."""

from __future__ import annotations

from cloudact_grpc.api import http_paths

GET_SUBSCRIPTION = "/cloudact.v1.OrganizationsService/GetSubscription"


def test_the_org_is_read_from_the_rule_and_unquoted() -> None:
    path = "/api/v1/organizations/acme%5Fco/subscription"
    assert http_paths.path_org_slug(GET_SUBSCRIPTION, path) == "acme_co"
    assert http_paths.path_org_slug(GET_SUBSCRIPTION, "/api/v1/organizations") is None
    assert http_paths.path_org_slug("/cloudact.v1.AdminService/Bootstrap", path) is None


def test_queries_do_not_grow_the_cache() -> None:
    """Every distinct query string (page tokens, dates) would otherwise be its own entry."""
    path = "/api/v1/organizations/acme/subscription"
    http_paths.path_org_slug(GET_SUBSCRIPTION, path)
    before = http_paths._slug_in_path.cache_info().currsize
    for i in range(100):
        assert http_paths.path_org_slug(GET_SUBSCRIPTION, f"{path}?page_token=t{i}") == "acme"
    assert http_paths._slug_in_path.cache_info().currsize == before

"""The one existence rule (services/orgs/lifecycle.py) over real profile rows, one per status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from cloudact_grpc.adapters.warehouse.schemas import central_tables
from cloudact_grpc.domain.errors import InvalidArgument, NotFound, PermissionDenied
from cloudact_grpc.ports.warehouse import Warehouse
from cloudact_grpc.services.orgs import lifecycle, tables
from cloudact_grpc.services.orgs.lifecycle import OrgDirectory

CONFIGS = Path(__file__).resolve().parents[2] / "configs"
STATUSES = ("ACTIVE", "SUSPENDED", "DELETED", "PROVISIONING")
NOW = dt.datetime(2026, 3, 30, 12, tzinfo=dt.UTC)


@pytest.fixture
def directory(warehouse: Warehouse) -> Iterator[OrgDirectory]:
    """A central dataset holding one org per status, slug = the status in lower case."""
    central = "organizations_lifecycle"
    warehouse.create_dataset(central)
    warehouse.create_table(
        central, next(t for t in central_tables(CONFIGS) if t.name == tables.PROFILES)
    )
    warehouse.insert_rows(central, tables.PROFILES, [
        {"org_slug": s.lower(), "company_name": s, "admin_email": "a@b.io",
         "org_dataset_id": f"{s.lower()}_test", "status": s, "subscription_plan": "FREE",
         "version": 1, "created_at": NOW, "updated_at": NOW}
        for s in STATUSES
    ])  # fmt: skip
    yield OrgDirectory(warehouse, dataset_suffix="test", central=central)
    warehouse.drop_dataset(central)


def _outcome(directory: OrgDirectory, slug: str, *, active: bool) -> str:
    try:
        return directory.require(slug, active=active)[1]
    except NotFound:
        return "NOT_FOUND"
    except PermissionDenied as denied:
        return f"{denied.reason}:{denied.metadata['status']}"


def test_feature_calls_reach_only_orgs_that_exist(directory: OrgDirectory) -> None:
    reads = {s: _outcome(directory, s.lower(), active=False) for s in STATUSES}
    writes = {s: _outcome(directory, s.lower(), active=True) for s in STATUSES}
    assert reads == {"ACTIVE": "active_test", "SUSPENDED": "suspended_test",
                     "DELETED": "NOT_FOUND", "PROVISIONING": "NOT_FOUND"}  # fmt: skip
    assert writes == {"ACTIVE": "active_test", "SUSPENDED": "ORG_INACTIVE:SUSPENDED",
                      "DELETED": "NOT_FOUND", "PROVISIONING": "NOT_FOUND"}  # fmt: skip
    assert _outcome(directory, "never_onboarded", active=False) == "NOT_FOUND"
    assert directory.require(" Active ", active=True) == ("active", "active_test")
    with pytest.raises(InvalidArgument):
        directory.require("no spaces allowed", active=False)


def test_the_record_keeps_deleted_orgs_and_hides_unfinished_ones(
    directory: OrgDirectory,
) -> None:
    def record(slug: str) -> str:
        try:
            return str(lifecycle.existing_profile(directory.wh, directory.central, slug)["status"])
        except NotFound:
            return "NOT_FOUND"

    assert [record(s.lower()) for s in STATUSES] == ["ACTIVE", "SUSPENDED", "DELETED", "NOT_FOUND"]
    assert [directory.known(s.lower()) for s in STATUSES] == [True] * 4
    assert not directory.known("never_onboarded")
    assert directory.active_slugs() == ["active"]


def test_before_the_first_bootstrap_no_org_is_active(warehouse: Warehouse) -> None:
    """The start-up catch-up lists active orgs before any bootstrap: none, not an error."""
    never = OrgDirectory(warehouse, dataset_suffix="test", central="organizations_never")
    assert never.active_slugs() == []
    with pytest.raises(NotFound):
        never.require("acme", active=False)

"""``AuditService.failures``: an exception inside leaves one FAILURE row and still propagates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cloudact_grpc.adapters.warehouse.schemas import central_tables
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.principal import ROOT
from cloudact_grpc.ports.warehouse import Warehouse
from cloudact_grpc.services.audit import AuditService
from cloudact_grpc.services.orgs import tables
from tests.support.clocks import FixedClock

CONFIGS = Path(__file__).resolve().parents[2] / "configs"
CTX = CallContext(ROOT, "req-1")


def test_failures_records_the_error_and_reraises(warehouse: Warehouse) -> None:
    central = "organizations_audit_failures"
    warehouse.create_dataset(central)
    schema = next(t for t in central_tables(CONFIGS) if t.name == tables.AUDIT_LOGS)
    warehouse.create_table(central, schema)
    clock = FixedClock(dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    audit = AuditService(warehouse, dataset=central, clock=clock)
    failing = audit.failures(CTX, org_slug="acme", action="ROTATE", resource_type="API_KEY")
    with pytest.raises(RuntimeError, match="boom"), failing:
        raise RuntimeError("boom " + "x" * 600)
    with audit.failures(CTX, org_slug="acme", action="ROTATE", resource_type="API_KEY"):
        pass  # no exception: no row
    (row,) = warehouse.select(central, tables.AUDIT_LOGS)
    assert (row["org_slug"], row["action"], row["resource_type"], row["resource_id"],
            row["status"], row["request_id"]) == (
        "acme", "ROTATE", "API_KEY", "acme", "FAILURE", "req-1")  # fmt: skip
    assert str(row["error_message"]).startswith("boom x") and len(str(row["error_message"])) == 500
    warehouse.drop_dataset(central)

"""``AuditService``: ``failures`` leaves one FAILURE row and re-raises; a failed row after a
committed change is logged, not raised."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from cloudact_grpc.adapters.warehouse.schemas import central_tables
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.principal import ROOT
from cloudact_grpc.ports.warehouse import Warehouse, WarehouseError
from cloudact_grpc.services.audit import AuditService, ResourceAudit
from cloudact_grpc.services.orgs import tables
from tests.support.clocks import FixedClock
from tests.support.faults import fail_once

CONFIGS = Path(__file__).resolve().parents[2] / "configs"
CTX = CallContext(ROOT, "req-1")


def _audit(warehouse: Warehouse, central: str, lost: list[str] | None = None) -> AuditService:
    warehouse.create_dataset(central)
    schema = next(t for t in central_tables(CONFIGS) if t.name == tables.AUDIT_LOGS)
    warehouse.create_table(central, schema)
    clock = FixedClock(dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    on_lost = lost.append if lost is not None else None
    return AuditService(warehouse, dataset=central, clock=clock, on_lost=on_lost)


def test_failures_records_the_error_and_reraises(warehouse: Warehouse) -> None:
    central = "organizations_audit_failures"
    audit = _audit(warehouse, central)
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


def test_a_row_after_a_committed_change_is_logged_not_raised(
    warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    central = "organizations_audit_committed"
    lost: list[str] = []
    audit = _audit(warehouse, central, lost)
    fired = fail_once(monkeypatch, warehouse, "insert_rows", tables.AUDIT_LOGS)
    with pytest.raises(WarehouseError):  # not committed: the caller sees the failure
        audit.record(CTX, org_slug="acme", action="ROTATE", resource_type="API_KEY",
                     resource_id="k1")  # fmt: skip
    assert fired == [tables.AUDIT_LOGS]
    assert lost == []  # raised, so not lost: the caller's change fails with it
    channels = ResourceAudit(audit, "NOTIFICATION_CHANNEL")  # records changes already made
    fired = fail_once(monkeypatch, warehouse, "insert_rows", tables.AUDIT_LOGS)
    with caplog.at_level(logging.ERROR, logger="cloudact_grpc.services.audit"):
        channels.record(CTX, "acme", "CREATE", "ch1", {"channel_type": "webhook"})
    assert fired == [tables.AUDIT_LOGS]
    (message,) = [r.getMessage() for r in caplog.records if "audit row lost" in r.getMessage()]
    assert "request_id=req-1" in message and "'ch1'" in message and "webhook" in message
    assert lost == ["CREATE"]  # counted for the metric
    assert warehouse.select(central, tables.AUDIT_LOGS) == []
    warehouse.drop_dataset(central)

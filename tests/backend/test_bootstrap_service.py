"""Bootstrap on both backends: 15 central tables, idempotence, force flags, per-org datasets."""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
import time
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from cloudact_grpc.adapters.warehouse.bigquery_warehouse import BigQueryWarehouse
from cloudact_grpc.adapters.warehouse.schemas import central_tables, org_tables
from cloudact_grpc.domain.errors import Unavailable
from cloudact_grpc.ports.warehouse import Warehouse
from cloudact_grpc.services.bootstrap import BootstrapService
from tests.support.backends import BOTH_BACKENDS

CONFIGS = Path(__file__).resolve().parents[2] / "configs"
CENTRAL = central_tables(CONFIGS)
ORG = org_tables(CONFIGS)
SEED_TABLES = {
    "org_profiles", "org_api_keys", "org_subscriptions", "org_usage_quotas",
    "org_integration_credentials", "org_meta_pipeline_runs", "org_meta_step_logs",
    "org_meta_dq_results", "org_pipeline_configs", "org_scheduled_pipeline_runs",
    "org_pipeline_execution_queue", "org_cost_tracking", "org_audit_logs", "org_kms_keys",
    "org_idempotency_keys",
}  # fmt: skip


@pytest.fixture
def service(warehouse: Warehouse) -> Iterator[BootstrapService]:
    name = f"organizations_{uuid.uuid4().hex[:8]}"
    yield BootstrapService(warehouse, CENTRAL, ORG, central_dataset=name)
    warehouse.drop_dataset(name)


def _dataset(service: BootstrapService) -> str:
    return service._dataset


def test_schema_files_hold_the_seed_tables() -> None:
    assert {t.name for t in CENTRAL} == SEED_TABLES
    assert len(CENTRAL) == 15
    assert {t.name for t in ORG} >= {
        "cost_data_focus_1_2",
        "saas_subscription_plans",
        "llm_model_pricing",
    }


def test_first_bootstrap_creates_everything(
    warehouse: Warehouse, service: BootstrapService
) -> None:
    result = service.bootstrap()
    assert result.status == "SUCCESS"
    assert result.dataset_created is True
    assert result.total_tables == 15
    assert set(result.created_tables) == SEED_TABLES
    assert result.existing_tables == ()
    ds = _dataset(service)
    assert set(warehouse.list_tables(ds)) == SEED_TABLES
    for schema in CENTRAL:
        got = warehouse.describe_table(ds, schema.name)
        assert [(c.name, c.type, c.mode) for c in got.columns] == [
            (c.name, c.type, c.mode) for c in schema.columns
        ]
        assert got.partition_field == schema.partition_field
        assert got.clustering_fields == schema.clustering_fields


def test_second_bootstrap_creates_nothing(warehouse: Warehouse, service: BootstrapService) -> None:
    service.bootstrap()
    ds = _dataset(service)
    warehouse.insert_rows(ds, "org_kms_keys", [_kms_row()])
    again = service.bootstrap()
    assert again.dataset_created is False
    assert again.created_tables == ()
    assert set(again.existing_tables) == SEED_TABLES
    assert again.total_tables == 15
    assert len(warehouse.select(ds, "org_kms_keys")) == 1


def test_force_recreate_tables(warehouse: Warehouse, service: BootstrapService) -> None:
    service.bootstrap()
    ds = _dataset(service)
    warehouse.insert_rows(ds, "org_kms_keys", [_kms_row()])
    result = service.bootstrap(force_recreate_tables=True)
    assert result.dataset_created is False
    assert set(result.created_tables) == SEED_TABLES
    assert warehouse.select(ds, "org_kms_keys") == []


def test_force_recreate_dataset(warehouse: Warehouse, service: BootstrapService) -> None:
    service.bootstrap()
    ds = _dataset(service)
    warehouse.create_table(ds, ORG[1])  # a stray table: gone after the dataset is recreated
    result = service.bootstrap(force_recreate_dataset=True)
    assert result.dataset_created is True
    assert set(result.created_tables) == SEED_TABLES
    assert set(warehouse.list_tables(ds)) == SEED_TABLES


def test_org_dataset_and_focus_table(warehouse: Warehouse, service: BootstrapService) -> None:
    ds = f"acme_{uuid.uuid4().hex[:6]}_test"
    try:
        first = service.create_org_dataset(ds)
        assert first.dataset_created
        assert set(first.created_tables) == {t.name for t in ORG}
        second = service.create_org_dataset(ds)
        assert second.created_tables == ()
        assert set(second.existing_tables) == {t.name for t in ORG}
        focus = warehouse.describe_table(ds, "cost_data_focus_1_2")
        assert focus.partition_field == "x_charge_date"
        assert focus.clustering_fields == ("ProviderName", "ServiceCategory")
        start = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
        row = {
            "BilledCost": Decimal("10.123456789"), "EffectiveCost": Decimal("10.123456789"),
            "ListCost": Decimal("12"), "BillingCurrency": "USD", "BillingPeriodStart": start,
            "ChargePeriodStart": start, "ChargePeriodEnd": start + dt.timedelta(days=1),
            "ChargeCategory": "Usage", "ProviderName": "OpenAI", "ServiceName": "GPT-4o",
            "ServiceCategory": "AI and Machine Learning", "Tags": {"team": "ml"},
            "x_charge_date": start.date(), "x_source": "llm_usage", "x_ingested_at": start,
        }  # fmt: skip
        assert warehouse.insert_rows(ds, "cost_data_focus_1_2", [row]) == 1
        (got,) = warehouse.select(ds, "cost_data_focus_1_2", columns=["BilledCost", "Tags"])
        assert got == {"BilledCost": Decimal("10.123456789"), "Tags": {"team": "ml"}}
    finally:
        warehouse.drop_dataset(ds)


def test_ready(service: BootstrapService) -> None:
    assert service.ready() is True


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_bigquery_unreachable_is_unavailable_quickly() -> None:
    wh = BigQueryWarehouse("cloudact-test", "US", f"http://127.0.0.1:{_closed_port()}")
    started = time.monotonic()
    with pytest.raises(Unavailable) as err:
        wh.dataset_exists("organizations")
    assert time.monotonic() - started < 15
    assert err.value.retry_after_seconds >= 1
    assert wh.ping() is False


def _kms_row() -> dict[str, object]:
    return {
        "kms_key_id": "k1", "org_slug": "acme", "key_type": "credentials",
        "kms_key_name": "local/k1", "is_active": True,
        "created_at": dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    }  # fmt: skip


@pytest.mark.parametrize("warehouse", BOTH_BACKENDS, indirect=True)
def test_existing_tables_gain_only_the_nullable_columns_a_newer_schema_added(
    warehouse: Warehouse, service: BootstrapService
) -> None:
    """A data directory of an older version: its tables lack columns added since."""
    service.bootstrap()
    ds = _dataset(service)
    kms = next(t for t in CENTRAL if t.name == "org_kms_keys")
    gone = ("rotation_schedule", "last_rotated_at")
    warehouse.drop_table(ds, kms.name)
    warehouse.create_table(
        ds, dataclasses.replace(kms, columns=tuple(c for c in kms.columns if c.name not in gone))
    )
    warehouse.insert_rows(ds, kms.name, [_kms_row()])
    assert service.upgrade_central_tables() == [kms.name]
    assert set(warehouse.describe_table(ds, kms.name).column_names) == set(kms.column_names)
    (row,) = warehouse.select(ds, kms.name)
    assert row["kms_key_id"] == "k1" and row["last_rotated_at"] is None
    assert service.upgrade_central_tables() == []  # nothing left to add
    assert service.bootstrap().created_tables == ()

"""Build the configured ``Warehouse`` adapter from settings."""

from __future__ import annotations

from cloudact_grpc.config import Settings, WarehouseKind
from cloudact_grpc.ports.warehouse import Warehouse


def build_warehouse(settings: Settings) -> Warehouse:
    """DuckDB (default, embedded file) or BigQuery (``CLOUDACT_WAREHOUSE=bigquery``)."""
    if settings.warehouse is WarehouseKind.BIGQUERY:
        from cloudact_grpc.adapters.warehouse.bigquery_warehouse import BigQueryWarehouse  # noqa: PLC0415

        return BigQueryWarehouse(
            settings.gcp_project_id,
            settings.bigquery_location,
            settings.bigquery_endpoint,
        )
    from cloudact_grpc.adapters.warehouse.duckdb_warehouse import DuckDBWarehouse  # noqa: PLC0415

    return DuckDBWarehouse(settings.duckdb_path, memory_limit=settings.duckdb_memory_limit)

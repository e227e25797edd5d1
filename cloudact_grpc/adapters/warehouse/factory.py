"""Build the configured ``Warehouse`` adapter from settings."""

from __future__ import annotations

from google.auth.exceptions import DefaultCredentialsError

from cloudact_grpc.config import ConfigError, Settings, WarehouseKind
from cloudact_grpc.domain.errors import Unavailable
from cloudact_grpc.ports.warehouse import Warehouse


def build_warehouse(settings: Settings) -> Warehouse:
    """DuckDB (default, embedded file) or BigQuery (``CLOUDACT_WAREHOUSE=bigquery``).

    A warehouse that cannot be opened at all is a ``ConfigError`` saying what to change.
    """
    if settings.warehouse is WarehouseKind.BIGQUERY:
        from cloudact_grpc.adapters.warehouse.bigquery_warehouse import BigQueryWarehouse  # noqa: PLC0415

        try:
            return BigQueryWarehouse(
                settings.gcp_project_id,
                settings.bigquery_location,
                settings.bigquery_endpoint,
            )
        except DefaultCredentialsError as exc:
            raise ConfigError(
                f"CLOUDACT_WAREHOUSE=bigquery but no Google credentials were found ({exc}): set "
                "GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, run where "
                "Application Default Credentials exist, or set CLOUDACT_BIGQUERY_ENDPOINT "
                "for the emulator"
            ) from None
    from cloudact_grpc.adapters.warehouse.duckdb_warehouse import DuckDBWarehouse  # noqa: PLC0415

    try:
        return DuckDBWarehouse(settings.duckdb_path, memory_limit=settings.duckdb_memory_limit)
    except Unavailable as exc:
        raise ConfigError(
            f"cannot open the DuckDB file {settings.duckdb_path} (CLOUDACT_DUCKDB_PATH): "
            f"{exc.__cause__ or exc.message}; if another server uses it, stop that one or give "
            "this one its own CLOUDACT_DATA_DIR"
        ) from None

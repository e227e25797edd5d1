"""Bootstrap: create the central dataset and its tables idempotently; per-org datasets too.

Domain code: depends only on the warehouse port and the schemas it is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cloudact_grpc.domain import identifiers
from cloudact_grpc.domain.errors import AlreadyExists
from cloudact_grpc.ports.warehouse import Mode, TableSchema, Warehouse
from cloudact_grpc.services.orgs import tables

CENTRAL_DATASET = tables.CENTRAL_DATASET
SUCCESS = "SUCCESS"


@dataclass(frozen=True, slots=True)
class BootstrapResult:
    """Outcome of a bootstrap call (the REST response of ``POST /api/v1/admin/bootstrap``)."""

    status: str
    dataset_created: bool
    total_tables: int
    created_tables: tuple[str, ...]
    existing_tables: tuple[str, ...]
    message: str


@dataclass(frozen=True, slots=True)
class DatasetSetup:
    """Outcome of ensuring one dataset and its tables."""

    dataset: str
    dataset_created: bool
    created_tables: tuple[str, ...]
    existing_tables: tuple[str, ...]


class BootstrapService:
    """Creates the central ``organizations`` dataset and the per-org datasets."""

    def __init__(
        self,
        warehouse: Warehouse,
        central_tables: Sequence[TableSchema],
        org_tables: Sequence[TableSchema] = (),
        *,
        central_dataset: str = CENTRAL_DATASET,
    ) -> None:
        self._warehouse = warehouse
        self._central = tuple(central_tables)
        self._org = tuple(org_tables)
        self._dataset = identifiers.dataset_id(central_dataset)

    def ready(self) -> bool:
        """Return True if the warehouse answers now."""
        return self._warehouse.ping()

    def bootstrap(
        self, *, force_recreate_tables: bool = False, force_recreate_dataset: bool = False
    ) -> BootstrapResult:
        """Create the central dataset and tables; existing tables gain only missing columns.

        An existing table is given the NULLABLE columns its schema file has and it lacks (a
        schema upgrade: its rows read NULL there); nothing else of it changes.

        ``force_recreate_dataset`` drops the whole dataset first; ``force_recreate_tables`` drops
        and recreates each configured table.
        """
        if force_recreate_dataset:
            self._warehouse.drop_dataset(self._dataset)
        setup = self._ensure(self._dataset, self._central, recreate_tables=force_recreate_tables)
        created, existing = len(setup.created_tables), len(setup.existing_tables)
        return BootstrapResult(
            status=SUCCESS,
            dataset_created=setup.dataset_created,
            total_tables=len(self._central),
            created_tables=setup.created_tables,
            existing_tables=setup.existing_tables,
            message=(
                f"Bootstrap complete: dataset '{self._dataset}' "
                f"{'created' if setup.dataset_created else 'already existed'}; "
                f"{created} tables created, {existing} already existed."
            ),
        )

    def create_org_dataset(self, dataset: str, *, description: str = "") -> DatasetSetup:
        """Ensure a per-org dataset with every per-org table (idempotent)."""
        return self._ensure(identifiers.dataset_id(dataset), self._org, description=description)

    def upgrade_central_tables(self) -> list[str]:
        """Give the existing central tables the NULLABLE columns they lack; the tables changed.

        Run at start-up, so a data directory made by an older version works at once.
        """
        if not self._warehouse.dataset_exists(self._dataset):
            return []
        return [
            schema.name
            for schema in self._central
            if self._warehouse.table_exists(self._dataset, schema.name)
            and self._add_missing_columns(self._dataset, schema)
        ]

    def upgrade_org_table(self, dataset: str, table: str) -> bool:
        """Give an existing org table the NULLABLE columns it lacks; whether any were added.

        A table that does not exist (or is not a per-org table) is left alone.
        """
        schema = next((s for s in self._org if s.name == table), None)
        if schema is None or not self._warehouse.table_exists(dataset, table):
            return False
        return self._add_missing_columns(dataset, schema)

    def _add_missing_columns(self, dataset: str, schema: TableSchema) -> bool:
        have = set(self._warehouse.describe_table(dataset, schema.name).column_names)
        missing = [c for c in schema.columns if c.name not in have and c.mode is not Mode.REQUIRED]
        if missing:
            self._warehouse.add_columns(dataset, schema.name, missing)
        return bool(missing)

    def drop_org_dataset(self, dataset: str) -> None:
        """Drop a per-org dataset and its tables (offboarding with ``delete_dataset``)."""
        if identifiers.dataset_id(dataset) == self._dataset:
            raise ValueError("refusing to drop the central dataset as an org dataset")
        self._warehouse.drop_dataset(dataset)

    def _ensure(
        self,
        dataset: str,
        tables: Sequence[TableSchema],
        *,
        recreate_tables: bool = False,
        description: str = "",
    ) -> DatasetSetup:
        dataset_created = False
        if not self._warehouse.dataset_exists(dataset):
            try:
                self._warehouse.create_dataset(dataset, description=description)
                dataset_created = True
            except AlreadyExists:  # a concurrent call won the race
                pass
        created: list[str] = []
        existing: list[str] = []
        for schema in tables:
            if recreate_tables:
                self._warehouse.drop_table(dataset, schema.name)
            elif self._warehouse.table_exists(dataset, schema.name):
                existing.append(schema.name)
                self._add_missing_columns(dataset, schema)
                continue
            try:
                self._warehouse.create_table(dataset, schema)
                created.append(schema.name)
            except AlreadyExists:
                existing.append(schema.name)
        return DatasetSetup(dataset, dataset_created, tuple(created), tuple(existing))

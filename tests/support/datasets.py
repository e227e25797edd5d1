"""Fresh datasets for service tests: central tables bootstrapped, an org's dataset created."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cloudact_grpc.adapters.warehouse.schemas import central_tables, org_tables
from cloudact_grpc.ports.warehouse import Warehouse
from cloudact_grpc.services.bootstrap import BootstrapService

CONFIGS = Path(__file__).resolve().parents[2] / "configs"


def bootstrapped(warehouse: Warehouse, central: str) -> BootstrapService:
    """The bootstrap service over the repository's table configs, its central tables created in
    ``central``."""
    boot = BootstrapService(
        warehouse, central_tables(CONFIGS), org_tables(CONFIGS), central_dataset=central
    )
    boot.bootstrap()
    return boot


@dataclass(frozen=True)
class OrgDatasets:
    """An org slug, its dataset and the central dataset."""

    org: str
    dataset: str
    central: str


@contextlib.contextmanager
def org_datasets(warehouse: Warehouse, prefix: str, suffix: str) -> Iterator[OrgDatasets]:
    """Central tables in a fresh ``organizations_…`` dataset and the org tables in the dataset
    ``{org}_{suffix}`` of a fresh org ``{prefix}_…``; both datasets dropped on exit."""
    org = f"{prefix}_{uuid.uuid4().hex[:8]}"
    central = f"organizations_{uuid.uuid4().hex[:8]}"
    dataset = f"{org}_{suffix}"
    bootstrapped(warehouse, central).create_org_dataset(dataset)
    try:
        yield OrgDatasets(org, dataset, central)
    finally:
        warehouse.drop_dataset(dataset)
        warehouse.drop_dataset(central)


@contextlib.contextmanager
def org_dataset(warehouse: Warehouse, prefix: str, suffix: str) -> Iterator[str]:
    """A fresh org ``{prefix}_…`` with only its dataset ``{org}_{suffix}`` (no central tables);
    its slug. The dataset is dropped on exit."""
    slug = f"{prefix}_{uuid.uuid4().hex[:10]}"
    BootstrapService(warehouse, (), org_tables(CONFIGS)).create_org_dataset(f"{slug}_{suffix}")
    try:
        yield slug
    finally:
        warehouse.drop_dataset(f"{slug}_{suffix}")

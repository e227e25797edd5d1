"""SaaS plan services for the backend tests: the service over the seed catalog, plan specs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from cloudact_grpc.adapters.saas_catalog_file import load_saas_catalog
from cloudact_grpc.app import SaasPlans, saas_plans
from cloudact_grpc.domain.clock import Clock
from cloudact_grpc.domain.cost_events import CostsChanged
from cloudact_grpc.ports.warehouse import Warehouse
from cloudact_grpc.services.audit import AuditService
from cloudact_grpc.services.saas.inputs import PlanSpec

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def plan_service(
    warehouse: Warehouse,
    central: str,
    clock: Clock,
    dataset_suffix: str,
    costs_changed: CostsChanged | None = None,
) -> SaasPlans:
    """SaaS plans over the seed catalog, audited in ``central``, on ``clock``."""
    return saas_plans(
        warehouse,
        load_saas_catalog(SEEDS),
        dataset_suffix=dataset_suffix,
        audit=AuditService(warehouse, dataset=central, clock=clock),
        clock=clock,
        costs_changed=costs_changed,
    )


def team_spec(**overrides: object) -> PlanSpec:
    """TEAM at 25.00 a seat, 10 seats, monthly from 2025-01-01 (``overrides`` on top)."""
    base: dict[str, object] = {
        "plan_name": "TEAM",
        "effective_date": "2025-01-01",
        "unit_price": Decimal("25.00"),
        "number_of_users": 10,
        "pricing_model": "per_seat",
        "billing_cycle": "monthly",
    }
    return PlanSpec(**(base | overrides))  # type: ignore[arg-type]

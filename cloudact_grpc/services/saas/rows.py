"""``saas_subscription_plans`` rows to and from plan versions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from cloudact_grpc.domain.saas.plans import RECORDED_ACTIVE, RECORDED_CANCELLED, PlanVersion
from cloudact_grpc.domain.saas.terms import BillingCycle, PricingModel, PricingTerms
from cloudact_grpc.ports.warehouse import WarehouseError
from cloudact_grpc.services.columns import ts_col
from cloudact_grpc.services.orgs import tables

PLANS_TABLE = tables.SAAS_PLANS


def to_row(v: PlanVersion, *, is_current: bool) -> dict[str, object]:
    """The stored row of ``v``."""
    t = v.terms
    return {
        "subscription_id": v.subscription_id,
        "version": v.version,
        "is_current": is_current,
        "provider": v.provider,
        "plan_name": v.plan_name,
        "plan_type": v.plan_type or None,
        "display_name": v.display_name,
        "category": v.category,
        "status": RECORDED_CANCELLED if v.cancelled else RECORDED_ACTIVE,
        "start_date": v.start_date,
        "end_date": v.end_date,
        "billing_cycle": t.billing_cycle.value,
        "currency": t.currency,
        "seats": t.seats,
        "pricing_model": t.pricing_model.stored,
        "unit_price": t.unit_price,
        "yearly_price": None,
        "discount_type": "percent" if t.discount_percent else None,
        "discount_value": t.discount_percent if t.discount_percent else None,
        "auto_renew": True,
        "owner_email": v.owner_email or None,
        "department": v.department or None,
        "renewal_date": v.renewal_date,
        "notes": v.notes or None,
        "etag": v.etag,
        "created_at": v.created_at,
        "updated_at": v.updated_at,
    }


def _date(value: object, column: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    raise WarehouseError(f"{PLANS_TABLE}.{column} is not a date")


def _decimal(value: object) -> Decimal:
    if value is None:
        return Decimal(0)
    if isinstance(value, Decimal):
        return value
    raise WarehouseError(f"{PLANS_TABLE}: expected NUMERIC, got {type(value).__name__}")


def from_row(row: Mapping[str, object]) -> PlanVersion:
    """The plan version a stored row holds."""
    cycle = BillingCycle.parse(str(row["billing_cycle"]), "billing_cycle")
    model = PricingModel.parse(str(row["pricing_model"]), "pricing_model")
    if not isinstance(cycle, BillingCycle) or not isinstance(model, PricingModel):
        raise WarehouseError(f"{PLANS_TABLE}: bad billing_cycle or pricing_model")
    discount = _decimal(row.get("discount_value")) if row.get("discount_type") else Decimal(0)
    start = _date(row["start_date"], "start_date")
    if start is None:
        raise WarehouseError(f"{PLANS_TABLE}.start_date is NULL")
    seats = row["seats"]
    version = row["version"]
    if not isinstance(seats, int) or not isinstance(version, int):
        raise WarehouseError(f"{PLANS_TABLE}: seats and version must be integers")
    return PlanVersion(
        subscription_id=str(row["subscription_id"]),
        version=version,
        provider=str(row["provider"]),
        plan_name=str(row["plan_name"]),
        plan_type=str(row.get("plan_type") or ""),
        display_name=str(row.get("display_name") or row["plan_name"]),
        category=str(row["category"]),
        terms=PricingTerms(
            billing_cycle=cycle,
            pricing_model=model,
            unit_price=_decimal(row["unit_price"]),
            seats=seats,
            discount_percent=discount,
            currency=str(row["currency"]),
        ),
        start_date=start,
        end_date=_date(row.get("end_date"), "end_date"),
        cancelled=row["status"] == RECORDED_CANCELLED,
        owner_email=str(row.get("owner_email") or ""),
        department=str(row.get("department") or ""),
        renewal_date=_date(row.get("renewal_date"), "renewal_date"),
        notes=str(row.get("notes") or ""),
        etag=str(row["etag"]),
        created_at=ts_col(row, "created_at"),
        updated_at=ts_col(row, "updated_at"),
    )

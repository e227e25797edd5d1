"""Raw FOCUS rows as CostRow-shaped frames (snake_case names, in the proto's field order)."""

from __future__ import annotations

from typing import Final

import polars as pl

from cloudact_grpc.analytics import schema as s

# CostRow field → source column (``x_category`` is derived; see ``schema.category_expr``).
FIELDS: Final[dict[str, str]] = {
    "charge_date": s.DAY,
    "charge_period_start": "ChargePeriodStart",
    "charge_period_end": "ChargePeriodEnd",
    "billing_period_start": "BillingPeriodStart",
    "billing_period_end": "BillingPeriodEnd",
    "billed_cost": s.BILLED,
    "effective_cost": s.EFFECTIVE,
    "list_cost": s.LIST,
    "contracted_cost": "ContractedCost",
    "billing_currency": s.CURRENCY,
    "provider_name": s.PROVIDER,
    "publisher_name": "PublisherName",
    "invoice_issuer_name": "InvoiceIssuerName",
    "service_name": s.SERVICE,
    "service_category": s.SERVICE_CATEGORY,
    "service_subcategory": s.SERVICE_SUBCATEGORY,
    "charge_category": "ChargeCategory",
    "charge_class": "ChargeClass",
    "charge_frequency": "ChargeFrequency",
    "charge_description": "ChargeDescription",
    "billing_account_id": "BillingAccountId",
    "sub_account_id": "SubAccountId",
    "sub_account_name": "SubAccountName",
    "region_id": "RegionId",
    "region_name": "RegionName",
    "resource_id": "ResourceId",
    "resource_name": "ResourceName",
    "resource_type": "ResourceType",
    "sku_id": "SkuId",
    "sku_price_id": "SkuPriceId",
    "sku_meter": "SkuMeter",
    "pricing_quantity": "PricingQuantity",
    "pricing_unit": "PricingUnit",
    "consumed_quantity": "ConsumedQuantity",
    "consumed_unit": "ConsumedUnit",
    "list_unit_price": "ListUnitPrice",
    "contracted_unit_price": "ContractedUnitPrice",
    "pricing_category": "PricingCategory",
    "invoice_id": "InvoiceId",
    "tags": s.TAGS,
    "x_category": s.CATEGORY,
    "x_source_system": s.SOURCE,
    "x_source_record_id": "x_source_record_id",
    "update_time": "x_ingested_at",
}
SOURCE_COLUMNS: Final = tuple(
    dict.fromkeys([*s.BASE_COLUMNS, *(c for c in FIELDS.values() if c != s.CATEGORY)])
)
# Newest charge first; the remaining keys make the order total for distinguishable rows.
_SORT_DESC: Final = (s.DAY, "ChargePeriodStart")
_SORT_ASC: Final = (
    s.PROVIDER, s.SERVICE, "SkuId", "SkuPriceId", "ResourceId", s.SOURCE, "x_source_record_id",
    s.CURRENCY, s.BILLED, s.EFFECTIVE, s.LIST, "ChargeCategory", "SubAccountId", "RegionId",
    s.TAGS, "x_ingested_at",
)  # fmt: skip


def canonical_order(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Sort rows newest charge first, with deterministic tie-breaks (nulls last)."""
    keys = [*_SORT_DESC, *_SORT_ASC]
    return frame.sort(
        keys,
        descending=[True] * len(_SORT_DESC) + [False] * len(_SORT_ASC),
        nulls_last=True,
        maintain_order=True,
    )


def as_cost_rows(frame: pl.LazyFrame, fields: tuple[str, ...] | None = None) -> pl.LazyFrame:
    """Project to CostRow field names (all fields, or ``fields`` in that order)."""
    names = fields or tuple(FIELDS)
    return frame.select(pl.col(FIELDS[f]).alias(f) for f in names)

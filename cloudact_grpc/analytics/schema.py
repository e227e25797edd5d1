"""Column names, metrics, the cloud/llm/saas category rule and pivot dimensions."""

from __future__ import annotations

from typing import Final

import polars as pl

from cloudact_grpc.services.orgs import tables

TABLE: Final = tables.FOCUS_COSTS
DAY: Final = "x_charge_date"  # the UTC day of CHARGE_START
CHARGE_START: Final = "ChargePeriodStart"
PROVIDER: Final = "ProviderName"
SERVICE: Final = "ServiceName"
SERVICE_CATEGORY: Final = "ServiceCategory"
SERVICE_SUBCATEGORY: Final = "ServiceSubcategory"
SOURCE: Final = "x_source"
CURRENCY: Final = "BillingCurrency"
TAGS: Final = "Tags"
SUB_ACCOUNT: Final = "SubAccountId"
BILLED: Final = "BilledCost"
EFFECTIVE: Final = "EffectiveCost"
LIST: Final = "ListCost"
CATEGORY: Final = "_category"  # derived column (see ``category_expr``)
METRIC_COLUMNS: Final = (BILLED, EFFECTIVE, LIST)

METRICS: Final[dict[str, str]] = {"billed": BILLED, "effective": EFFECTIVE, "list": LIST}
CATEGORIES: Final = ("cloud", "llm", "saas")
GRANULARITIES: Final = ("daily", "weekly", "monthly")

# Columns every aggregate needs (filters, category rule, the three metrics).
BASE_COLUMNS: Final = (
    DAY, PROVIDER, SERVICE, SERVICE_CATEGORY, SERVICE_SUBCATEGORY, SOURCE, CURRENCY,
    BILLED, EFFECTIVE, LIST,
)  # fmt: skip

# Pivot dimension → source column ("category", "period" and "tag:<key>" are derived).
DIMENSION_COLUMNS: Final[dict[str, str]] = {
    "provider": PROVIDER,
    "service": SERVICE,
    "service_category": SERVICE_CATEGORY,
    "sub_account": "SubAccountId",
    "region": "RegionId",
    "charge_category": "ChargeCategory",
    "charge_frequency": "ChargeFrequency",
    "sku": "SkuId",
}
DERIVED_DIMENSIONS: Final = ("category", "period")
TAG_PREFIX: Final = "tag:"
NONE_LABEL: Final = "(none)"
OTHER_LABEL: Final = "(other)"

SAAS_SOURCES: Final = ("saas_subscription",)
LLM_SOURCES: Final = ("llm_usage",)
SAAS_SERVICE_CATEGORY: Final = "Business Applications"
LLM_SERVICE_SUBCATEGORY: Final = "Generative AI"


def category_expr() -> pl.Expr:
    """The CloudAct cost category of a FOCUS row.

    ``saas``  when ``x_source`` is ``saas_subscription`` or ServiceCategory is
              "Business Applications" (FOCUS puts SaaS such as Slack or Canva there);
    ``llm``   else when ``x_source`` is ``llm_usage`` or ServiceSubcategory is "Generative AI"
              (OpenAI, Anthropic, Vertex AI Gemini token usage);
    ``cloud`` otherwise.
    """
    return (
        pl.when(
            pl.col(SOURCE).is_in(SAAS_SOURCES).fill_null(False)
            | (pl.col(SERVICE_CATEGORY) == SAAS_SERVICE_CATEGORY).fill_null(False)
        )
        .then(pl.lit("saas"))
        .when(
            pl.col(SOURCE).is_in(LLM_SOURCES).fill_null(False)
            | (pl.col(SERVICE_SUBCATEGORY) == LLM_SERVICE_SUBCATEGORY).fill_null(False)
        )
        .then(pl.lit("llm"))
        .otherwise(pl.lit("cloud"))
    )


def period_expr(granularity: str, column: str = DAY) -> pl.Expr:
    """First day of the period holding ``column`` (weeks start on Monday, ISO 8601)."""
    col = pl.col(column)
    if granularity == "daily":
        return col
    if granularity == "weekly":
        return col.dt.truncate("1w")
    if granularity == "monthly":
        return col.dt.truncate("1mo")
    raise ValueError(f"unknown granularity {granularity!r}")

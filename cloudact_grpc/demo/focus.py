"""Seeded, deterministic FOCUS 1.2 rows for ``cost_data_focus_1_2``, any size, vectorized.

A seeded ``random.Random`` draws a few hundred row *templates* (a GCP service in a project and
region, an LLM model's input or output tokens, a SaaS plan's daily amortized cost; optional
dimensions sometimes null; a currency); row ``i`` then takes template ``t(i)``, day
``i mod days`` and a deterministic jitter, all in Polars integer arithmetic. Amounts are integer
nano-units turned into ``Decimal(38, 9)``, so they are exact.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from cloudact_grpc.demo import catalog as c

NANO = 10**9
TEMPLATES = 256


@dataclass(frozen=True, slots=True)
class DemoSpec:
    """What to generate: ``rows`` rows over ``days`` days from ``start``."""

    rows: int
    start: dt.date = dt.date(2025, 1, 1)
    days: int = 365
    seed: int = 42
    currencies: Sequence[str] = ("USD",)
    null_rate: float = 0.15
    org_slug: str = "demo_org"
    # False: cloud and LLM rows only (``make demo`` creates SaaS costs through the API).
    saas: bool = True


def _nanos(text: str) -> int:
    return int(Decimal(text) * NANO)


def _maybe(rng: random.Random, rate: float, value: str | None) -> str | None:
    return None if rng.random() < rate else value


def _common(rng: random.Random, spec: DemoSpec) -> dict[str, object]:
    cur = spec.currencies[0] if rng.random() < 0.8 else rng.choice(list(spec.currencies))
    tags: dict[str, str] = {}
    if rng.random() >= spec.null_rate:
        tags["team"] = rng.choice(c.TEAMS)
    if rng.random() < 0.6:
        tags["env"] = rng.choice(c.ENVS)
    return {
        "BillingCurrency": cur,
        "Tags": json.dumps(tags, sort_keys=True, separators=(",", ":")) if tags else None,
        "BillingAccountId": f"{spec.org_slug}-billing",
        "ChargeCategory": "Usage",
        "ChargeFrequency": _maybe(rng, spec.null_rate, "Usage-Based"),
        "jitter": True,
        "unit_price_nanos": None,
        "uplift_pct": 0,
    }


def _cloud(rng: random.Random, spec: DemoSpec) -> dict[str, object]:
    svc = rng.choice(c.GCP)
    credit = rng.random() < 0.04
    region = _maybe(rng, spec.null_rate, rng.choice(c.REGIONS))
    daily = _nanos(svc.daily_cost)
    base = -daily // 10 if credit else daily * rng.randint(40, 160) // 100
    return _common(rng, spec) | {
        "ProviderName": "gcp", "PublisherName": "Google", "InvoiceIssuerName": "Google",
        "ServiceName": svc.name, "ServiceCategory": svc.category,
        "ServiceSubcategory": svc.subcategory, "SkuId": svc.sku, "SkuMeter": svc.unit,
        "ConsumedUnit": svc.unit, "PricingUnit": svc.unit,
        "SubAccountId": _maybe(rng, spec.null_rate, rng.choice(c.PROJECTS)),
        "RegionId": region, "RegionName": region,
        "ChargeCategory": "Credit" if credit else "Usage",
        "base": base,
        "uplift_pct": svc.uplift_pct, "x_source": "cloud_billing", "tokens": None,
    }  # fmt: skip


def _llm(rng: random.Random, spec: DemoSpec) -> dict[str, object]:
    model = rng.choice(c.LLM)
    output = rng.random() < 0.4
    price = _nanos(model.output_per_1k if output else model.input_per_1k)
    return _common(rng, spec) | {
        "ProviderName": model.provider, "PublisherName": model.publisher,
        "InvoiceIssuerName": model.publisher, "ServiceName": model.service,
        "ServiceCategory": "AI and Machine Learning", "ServiceSubcategory": "Generative AI",
        "SkuId": model.model, "SkuMeter": "Output Tokens" if output else "Input Tokens",
        "ConsumedUnit": "Tokens", "PricingUnit": "1K Tokens",
        "SubAccountId": _maybe(rng, spec.null_rate, f"{spec.org_slug}-{model.provider}"),
        "RegionId": _maybe(rng, spec.null_rate, "global"), "RegionName": None,
        "base": None, "tokens": model.daily_tokens * rng.randint(5, 100) // 100 // 8,
        "unit_price_nanos": price, "x_source": "llm_usage",
    }  # fmt: skip


def _saas(rng: random.Random, spec: DemoSpec) -> dict[str, object]:
    plan = rng.choice(c.SAAS)
    yearly = _nanos(plan.seat_price) * plan.seats * 12
    return _common(rng, spec) | {
        "ProviderName": plan.provider, "PublisherName": plan.service,
        "InvoiceIssuerName": plan.service, "ServiceName": plan.service,
        "ServiceCategory": "Business Applications",
        "ServiceSubcategory": "Productivity and Collaboration", "SkuId": plan.plan,
        "SkuMeter": "Seats", "ConsumedUnit": "Seats", "PricingUnit": "seat",
        "SubAccountId": None, "RegionId": None, "RegionName": None,
        "ChargeFrequency": "Recurring", "base": yearly // 365, "jitter": False,
        "tokens": None, "x_source": "saas_subscription",
    }  # fmt: skip


def templates(spec: DemoSpec) -> pl.DataFrame:
    """The seeded row templates (one per ``t``)."""
    rng = random.Random(spec.seed)  # noqa: S311 - demo data, not security
    out = []
    for t in range(TEMPLATES):
        roll = rng.random()
        if not spec.saas:
            roll *= 0.85
        make = _cloud if roll < 0.55 else _llm if roll < 0.85 else _saas
        out.append({"t": t} | make(rng, spec))
    return pl.DataFrame(out, infer_schema_length=None)


def _dec(nanos: pl.Expr) -> pl.Expr:
    return nanos.cast(pl.Decimal(38, 9)) / NANO


def generate(spec: DemoSpec) -> pl.DataFrame:
    """``spec.rows`` FOCUS rows (columns of ``cost_data_focus_1_2``; Tags as JSON text)."""
    i = pl.col("i")
    start = pl.lit(spec.start)
    frame = (
        pl.select(pl.int_range(0, spec.rows, dtype=pl.Int64).alias("i"))
        .with_columns(
            t=((i * 2654435761 + spec.seed * 97) % 2**32) % TEMPLATES,
            day=start + pl.duration(days=i % spec.days),
            mult=500 + (i * 40503 + spec.seed * 7919) % 1000,
        )
        .join(templates(spec), on="t", how="left", maintain_order="left")
    )
    mult = pl.when(pl.col("jitter")).then(pl.col("mult")).otherwise(1000)
    tokens = pl.col("tokens") * mult // 1000
    cost = (
        pl.when(pl.col("tokens").is_not_null())
        .then(tokens * pl.col("unit_price_nanos") // 1000)
        .otherwise(pl.col("base") * mult // 1000)
    )
    ts = pl.Datetime("us", "UTC")
    month = pl.col("day").dt.truncate("1mo")
    frame = frame.with_columns(cost=cost, tokens=tokens)
    return frame.select(
        "BillingAccountId",
        pl.lit(None, pl.String).alias("BillingAccountName"),
        "SubAccountId",
        pl.col("SubAccountId").alias("SubAccountName"),
        _dec(pl.col("cost")).alias("BilledCost"),
        _dec(pl.col("cost")).alias("EffectiveCost"),
        _dec(pl.col("cost") * (100 + pl.col("uplift_pct")) // 100).alias("ListCost"),
        _dec(pl.col("cost")).alias("ContractedCost"),
        "BillingCurrency",
        month.cast(ts).alias("BillingPeriodStart"),
        month.dt.offset_by("1mo").cast(ts).alias("BillingPeriodEnd"),
        pl.col("day").cast(ts).alias("ChargePeriodStart"),
        pl.col("day").dt.offset_by("1d").cast(ts).alias("ChargePeriodEnd"),
        "ChargeCategory",
        pl.lit(None, pl.String).alias("ChargeClass"),
        "ChargeFrequency",
        pl.format("{} {}", pl.col("ServiceName"), pl.col("SkuMeter")).alias("ChargeDescription"),
        "ProviderName",
        "PublisherName",
        "InvoiceIssuerName",
        pl.format("INV-{}", month.dt.strftime("%Y%m")).alias("InvoiceId"),
        "ServiceName",
        "ServiceCategory",
        "ServiceSubcategory",
        "RegionId",
        "RegionName",
        pl.lit(None, pl.String).alias("ResourceId"),
        pl.lit(None, pl.String).alias("ResourceName"),
        pl.lit(None, pl.String).alias("ResourceType"),
        "SkuId",
        "SkuMeter",
        pl.lit(None, pl.String).alias("SkuPriceId"),
        _dec(pl.col("unit_price_nanos")).alias("ListUnitPrice"),
        _dec(pl.col("unit_price_nanos")).alias("ContractedUnitPrice"),
        _dec(pl.col("tokens") * NANO).alias("ConsumedQuantity"),
        "ConsumedUnit",
        _dec(pl.col("tokens") * (NANO // 1000)).alias("PricingQuantity"),
        "PricingUnit",
        pl.lit("Standard").alias("PricingCategory"),
        pl.lit(None, pl.String).alias("CommitmentDiscountId"),
        pl.lit(None, pl.String).alias("CommitmentDiscountStatus"),
        "Tags",
        pl.col("day").alias("x_charge_date"),
        "x_source",
        pl.format("demo-{}-{}", pl.lit(spec.seed), i).alias("x_source_record_id"),
        pl.lit(None, pl.String).alias("x_plan_id"),
        pl.lit(None, pl.Int64).alias("x_plan_version"),
        pl.lit(dt.datetime.combine(spec.start, dt.time(), dt.UTC)).cast(ts).alias("x_ingested_at"),
    )


def as_port_rows(frame: pl.DataFrame) -> list[dict[str, object]]:
    """Rows for ``Warehouse.insert_rows`` (Tags parsed back to an object)."""
    out = frame.to_dicts()
    for row in out:
        tags = row.get("Tags")
        row["Tags"] = json.loads(tags) if isinstance(tags, str) else None
    return out

"""Seeded FOCUS rows for budget tests and an independent spend computation over them.

The expected figures are plain Python over the seeded rows (Decimal sums with the FOCUS
category rule written out again here), never through the service's code.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pyarrow as pa

UTC = dt.UTC
FIRST, LAST = dt.date(2026, 1, 1), dt.date(2026, 3, 31)


@dataclass(frozen=True)
class Row:
    """One seeded cost row (the columns the scope rules look at)."""

    day: dt.date
    provider: str
    service: str
    service_category: str
    subcategory: str | None
    source: str
    currency: str
    sub_account: str
    team: str
    billed: Decimal
    effective: Decimal

    @property
    def category(self) -> str:
        """cloud, llm or saas, by the documented rule."""
        if self.source == "saas_subscription" or self.service_category == "Business Applications":
            return "saas"
        if self.source == "llm_usage" or self.subcategory == "Generative AI":
            return "llm"
        return "cloud"


# (provider, service, service category, subcategory, source, currency, sub-account, team)
SHAPES = [
    ("gcp", "Compute Engine", "Compute", None, "cloud_billing", "USD", "acct-a", "data"),
    ("gcp", "Compute Engine", "Compute", None, "cloud_billing", "USD", "acct-b", "web"),
    ("gcp", "Cloud Storage", "Storage", None, "cloud_billing", "EUR", "acct-a", "data"),
    ("openai", "OpenAI API", "AI and Machine Learning", "Generative AI", "llm_usage", "USD",
     "org-1", "data"),
    ("anthropic", "Claude API", "AI and Machine Learning", "Generative AI", "llm_usage", "USD",
     "org-1", "web"),
    ("slack", "Slack", "Business Applications", None, "saas_subscription", "USD", "ws", "web"),
    ("gcp", "BigQuery", "Analytics", None, "cloud_billing", "JPY", "acct-c", "data"),
]  # fmt: skip


def seeded_rows(seed: int = 16) -> list[Row]:
    """About 8 rows a day from 2026-01-01 to 2026-03-31, weekday-shaped, exact to 1e-4."""
    rnd = random.Random(seed)  # noqa: S311 - reproducible test data
    rows: list[Row] = []
    day = FIRST
    while day <= LAST:
        weekend = day.weekday() >= 5
        for prov, svc, cat, sub, src, cur, acct, team in SHAPES:
            if rnd.random() < 0.1:
                continue  # some days without a row for this shape
            base = (
                Decimal(rnd.randint(1_000, 90_000)) / Decimal(10_000) * (3 if cur == "JPY" else 1)
            )
            if weekend:
                base = base / 2
            billed = base.quantize(Decimal("0.0001")) if cur != "JPY" else base.quantize(Decimal(1))
            effective = (billed * Decimal("0.9")).quantize(Decimal("0.0001"))
            rows.append(Row(day, prov, svc, cat, sub, src, cur, acct, team, billed, effective))
        day += dt.timedelta(days=1)
    return rows


def arrow_table(rows: list[Row]) -> pa.Table:
    """The rows as an IngestCostRows table."""

    def ts(day: dt.date, plus: int = 0) -> dt.datetime:
        return dt.datetime.combine(day + dt.timedelta(days=plus), dt.time(), UTC)

    return pa.Table.from_pylist(
        [
            {
                "x_charge_date": r.day, "ProviderName": r.provider, "ServiceName": r.service,
                "ServiceCategory": r.service_category, "ServiceSubcategory": r.subcategory,
                "x_source": r.source, "BilledCost": r.billed, "EffectiveCost": r.effective,
                "ListCost": r.billed, "BillingCurrency": r.currency, "ChargeCategory": "Usage",
                "BillingPeriodStart": ts(r.day.replace(day=1)), "ChargePeriodStart": ts(r.day),
                "ChargePeriodEnd": ts(r.day, 1), "x_ingested_at": ts(r.day, 1),
                "x_source_record_id": f"b{i}", "SubAccountId": r.sub_account,
                "Tags": json.dumps({"team": r.team}),
            }
            for i, r in enumerate(rows)
        ]
    )  # fmt: skip


def expected_spend(
    rows: list[Row],
    *,
    first: dt.date,
    last: dt.date,
    currency: str,
    metric: str = "effective",
    providers: tuple[str, ...] = (),
    categories: tuple[str, ...] = (),
    services: tuple[str, ...] = (),
    sub_accounts: tuple[str, ...] = (),
    team: str = "",
) -> Decimal:
    """Exact sum of ``metric`` over the rows in scope."""
    total = Decimal(0)
    for r in rows:
        if not first <= r.day <= last or r.currency != currency:
            continue
        if providers and r.provider not in providers:
            continue
        if categories and r.category not in categories:
            continue
        if services and r.service not in services:
            continue
        if sub_accounts and r.sub_account not in sub_accounts:
            continue
        if team and r.team != team:
            continue
        total += r.billed if metric == "billed" else r.effective
    return total


def cents(value: Decimal, unit: str = "0.01") -> float:
    """As the API rounds money: half-up to the minor unit."""
    return float(value.quantize(Decimal(unit), ROUND_HALF_UP))

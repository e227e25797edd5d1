"""Hand-made cost rows at the edges of a range and of the amounts (shared by the backend and
REST consistency tests).

The range ends on ``LAST``: a charge starting at 23:59:59 UTC that day counts, one at midnight
the day after does not (nor one on the day before the range). Amounts carry nine decimal places,
credits and refunds, and currencies with 0 (JPY) and 3 (KWD) minor digits.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pyarrow as pa

UTC = dt.UTC
LAST = dt.date(2026, 1, 31)
MONEY = pa.decimal128(38, 9)


def at(day: dt.date, hour: int = 0, minute: int = 0, second: int = 0) -> dt.datetime:
    """``day`` at that UTC time."""
    return dt.datetime.combine(day, dt.time(hour, minute, second), UTC)


def row(start: dt.datetime, currency: str, amount: str, n: int) -> dict[str, object]:
    """A cost row charged from ``start`` (its UTC day is ``x_charge_date``); odd ``n`` is GCP
    compute, even ``n`` OpenAI tokens."""
    day = start.date()
    month = dt.datetime(day.year, day.month, 1, tzinfo=UTC)
    return {
        "x_charge_date": day, "ChargePeriodStart": start,
        "ChargePeriodEnd": start + dt.timedelta(seconds=1), "BillingPeriodStart": month,
        "ProviderName": "gcp" if n % 2 else "openai",
        "ServiceName": "Compute Engine" if n % 2 else "OpenAI API",
        "ServiceCategory": "Compute" if n % 2 else "AI and Machine Learning",
        "ServiceSubcategory": None if n % 2 else "Generative AI",
        "x_source": "cloud_billing" if n % 2 else "llm_usage",
        "BilledCost": Decimal(amount), "EffectiveCost": Decimal(amount),
        "ListCost": Decimal(amount), "BillingCurrency": currency,
        "ChargeCategory": "Credit" if amount.startswith("-") else "Usage",
        "x_ingested_at": start, "x_source_record_id": f"edge-{n}",
        "Tags": json.dumps({"team": "edge"}),
    }  # fmt: skip


EDGE_ROWS = [
    (at(LAST, 23, 59, 59), "USD", "0.333333333"),  # last second of the range: in
    (at(LAST + dt.timedelta(days=1)), "USD", "1000.000000001"),  # the day after: out
    (at(LAST), "USD", "0.333333333"),
    (at(LAST, 12), "USD", "-0.166666667"),  # a credit
    (at(LAST - dt.timedelta(days=1), 6), "USD", "0.000000001"),
    (at(LAST, 23, 59, 59), "JPY", "1234.5"),
    (at(LAST, 1), "JPY", "-0.4"),  # a refund in yen
    (at(LAST, 9), "KWD", "1.2345"),
    (at(LAST - dt.timedelta(days=1)), "KWD", "-0.0005"),
    (at(LAST - dt.timedelta(days=2), 23, 59, 59), "USD", "500"),  # the day before: out
]
# Exact sums per currency: of ``LAST`` alone, and of the two days ending on it.
ONE_DAY = {"USD": Decimal("0.499999999"), "JPY": Decimal("1234.1"), "KWD": Decimal("1.2345")}
TWO_DAYS = {"USD": Decimal("0.500000000"), "JPY": Decimal("1234.1"), "KWD": Decimal("1.2340")}


def with_money_types(table: pa.Table) -> pa.Table:
    """``table`` with its cost columns as ``decimal128(38, 9)`` (the table's NUMERIC)."""
    money = {"BilledCost", "EffectiveCost", "ListCost"}
    schema = pa.schema(
        [pa.field(f.name, MONEY if f.name in money else f.type) for f in table.schema]
    )
    return table.cast(schema)


def edge_table() -> pa.Table:
    """``EDGE_ROWS`` as an ingestable Arrow table."""
    rows = [row(start, cur, amount, n) for n, (start, cur, amount) in enumerate(EDGE_ROWS)]
    return with_money_types(pa.Table.from_pylist(rows))

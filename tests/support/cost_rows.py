"""FOCUS cost rows as an Arrow table, in the canonical types ``IngestCostRows`` takes."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pyarrow as pa


def focus_rows(day: dt.date, n: int = 3, billed: str = "1.25") -> pa.Table:
    """``n`` GCP Compute rows of ``billed`` each on ``day`` (source record ids r0, r1, ...)."""
    start = dt.datetime.combine(day, dt.time(), dt.UTC)
    rows = [
        {
            "x_charge_date": day, "ProviderName": "gcp", "ServiceName": "Compute Engine",
            "ServiceCategory": "Compute", "x_source": "cloud_billing",
            "BilledCost": Decimal(billed), "EffectiveCost": Decimal(billed),
            "ListCost": Decimal(billed), "BillingCurrency": "USD", "ChargeCategory": "Usage",
            "BillingPeriodStart": start, "ChargePeriodStart": start,
            "ChargePeriodEnd": start + dt.timedelta(days=1), "x_ingested_at": start,
            "x_source_record_id": f"r{i}", "Tags": json.dumps({"team": "data"}),
        }
        for i in range(n)
    ]  # fmt: skip
    return pa.Table.from_pylist(rows)


def ipc(table: pa.Table) -> bytes:
    """``table`` as one Arrow IPC stream (what ``arrow_ipc_stream`` carries)."""
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()

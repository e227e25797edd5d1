"""A year of demo costs exported through real Envoy (CSV, JSON lines, Parquet, FOCUS layout)
and through gRPC with default message limits; each parses back to exactly the warehouse's rows.

The expected figures are read from the warehouse itself (row count and Decimal sums of the
three metrics per currency over the range), never from the export code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

import grpc
import h11
import httpx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from cloudact.v1 import costs_pb2, costs_pb2_grpc

from cloudact_grpc.analytics import schema as s
from cloudact_grpc.ports.warehouse import Between
from cloudact_grpc.services.cost_export import MESSAGE_BYTES
from tests.e2e.conftest import Stack, demo_org
from tests.support.http import HTTP

pytestmark = pytest.mark.slow

ORG = "export_year"
END = dt.date(2026, 10, 31)
DAYS = 365
START = END - dt.timedelta(days=DAYS - 1)
# (currency) -> [rows, billed, effective, list]
Sums = dict[str, list[Decimal | int]]
METRICS = {"billed_cost": s.BILLED, "effective_cost": s.EFFECTIVE, "list_cost": s.LIST}


def _demo_org(stack: Stack, org: str) -> str:
    """``org`` loaded with the demo's year of cost rows (60,000); its API key."""
    return demo_org(stack, org, days=DAYS, end=END)


@pytest.fixture(scope="module")
def org_key(stack: Stack) -> str:
    return _demo_org(stack, ORG)


@pytest.fixture(scope="module")
def expected(stack: Stack, org_key: str) -> Sums:
    """Row count and Decimal sums per currency, straight from the warehouse."""
    # A summary first: SaaS plan rows are derived lazily on the first read.
    summary = HTTP.get(
        f"{stack.url}/api/v1/costs/{ORG}/summary", params=_range(), headers=_key(org_key)
    )
    assert summary.status_code == 200, summary.text
    table = stack.app.warehouse.read_arrow(
        f"{ORG}_local", s.TABLE, [s.CURRENCY, *METRICS.values()], [Between(s.DAY, START, END)]
    )
    out: Sums = {}
    for row in table.to_pylist():
        acc = out.setdefault(row[s.CURRENCY], [0, Decimal(0), Decimal(0), Decimal(0)])
        acc[0] = int(acc[0]) + 1
        for i, column in enumerate(METRICS.values(), start=1):
            acc[i] = Decimal(acc[i]) + row[column]
    assert sum(int(v[0]) for v in out.values()) > 60_000  # cloud and LLM rows plus SaaS days
    return out


def _range() -> dict[str, str]:
    return {"start_date": START.isoformat(), "end_date": END.isoformat()}


def _key(org_key: str) -> dict[str, str]:
    return {"X-API-Key": org_key}


def _sums(rows: Iterable[dict[str, object]], names: tuple[str, str, str, str]) -> Sums:
    """Sums of (currency, billed, effective, list) columns named ``names``."""
    out: Sums = {}
    currency, *metrics = names
    for row in rows:
        acc = out.setdefault(str(row[currency]), [0, Decimal(0), Decimal(0), Decimal(0)])
        acc[0] = int(acc[0]) + 1
        for i, name in enumerate(metrics, start=1):
            acc[i] = Decimal(acc[i]) + Decimal(str(row[name]))
    return out


def _parse(fmt: str, data: bytes) -> Iterator[dict[str, object]]:
    if fmt == "csv":
        yield from csv.DictReader(io.StringIO(data.decode()))
    elif fmt == "parquet":
        yield from pq.read_table(pa.BufferReader(data)).to_pylist()
    else:
        for line in data.splitlines():
            yield json.loads(line)


COST_ROW = ("billing_currency", "billed_cost", "effective_cost", "list_cost")
FOCUS = (s.CURRENCY, s.BILLED, s.EFFECTIVE, s.LIST)


@pytest.mark.parametrize(
    ("fmt", "layout", "content_type"),
    [
        ("csv", "", "text/csv"),
        ("json", "", "application/x-ndjson"),
        ("jsonl", "", "application/x-ndjson"),
        ("ndjson", "cloudact", "application/x-ndjson"),
        ("parquet", "", "application/vnd.apache.parquet"),
        ("parquet", "focus", "application/vnd.apache.parquet"),
        ("csv", "focus", "text/csv"),
    ],
)
def test_a_year_through_envoy_parses_back_to_the_warehouse_rows(
    stack: Stack, org_key: str, expected: Sums, fmt: str, layout: str, content_type: str
) -> None:
    params = {**_range(), "format": fmt, **({"layout": layout} if layout else {})}
    response = HTTP.get(
        f"{stack.url}/api/v1/costs/{ORG}/export", params=params, headers=_key(org_key)
    )
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].split(";")[0] == content_type
    assert len(response.content) > 4 * MESSAGE_BYTES  # many messages, not one
    rows = list(_parse(fmt, response.content))
    names = FOCUS if layout == "focus" else COST_ROW
    assert _sums(rows, names) == expected
    if layout == "focus":
        assert {"ChargePeriodStart", "BilledCost", "ServiceName", "x_charge_date"} <= set(rows[0])
    if fmt == "parquet":
        schema = pq.read_schema(pa.BufferReader(response.content))
        assert schema.field(names[1]).type == pa.decimal128(38, 9)
        start = "ChargePeriodStart" if layout == "focus" else "charge_period_start"
        assert schema.field(start).type == pa.timestamp("us", tz="UTC")


def test_a_year_through_grpc_with_default_message_limits(
    stack: Stack, org_key: str, expected: Sums
) -> None:
    # A fresh channel with grpc's defaults (4 MiB receive limit).
    with grpc.insecure_channel(f"127.0.0.1:{stack.grpc_port}") as channel:
        stub = costs_pb2_grpc.CostsServiceStub(channel)
        request = costs_pb2.ExportCostsRequest(
            org_slug=ORG, start_date=START.isoformat(), end_date=END.isoformat(), format="csv"
        )
        messages = list(stub.ExportCosts(request, metadata=(("x-api-key", org_key),)))
    assert len(messages) > 4
    assert all(len(m.data) <= MESSAGE_BYTES for m in messages)
    assert messages[0].content_type.startswith("text/csv")
    data = b"".join(m.data for m in messages)
    assert _sums(_parse("csv", data), COST_ROW) == expected


def _handled(stack: Stack, code: str) -> float:
    # The metrics port (loopback), as Prometheus scrapes it.
    text = httpx.get(f"http://127.0.0.1:{stack.app.server.metrics_port}/metrics", timeout=10).text
    labels = f'grpc_code="{code}",grpc_method="ExportCosts",grpc_service="cloudact.v1.CostsService"'
    pattern = r"grpc_server_handled_total\{" + re.escape(labels) + r"\} ([0-9.e+]+)"
    found = re.search(pattern, text)
    return float(found.group(1)) if found else 0.0


def _get_with_trailers(
    port: int, target: str, headers: dict[str, str], *, on_first_byte: Callable[[], None]
) -> tuple[int, int, dict[str, str]]:
    """GET over HTTP/1.1 (h11): status, body bytes received, trailers after the last chunk."""
    conn = h11.Connection(h11.CLIENT)
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        request = h11.Request(
            method="GET",
            target=target,
            headers=[("host", f"127.0.0.1:{port}"), ("te", "trailers"), *headers.items()],
        )
        sock.sendall(conn.send(request) + conn.send(h11.EndOfMessage()))
        status, received = 0, 0
        while True:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                conn.receive_data(sock.recv(1 << 16))
            elif isinstance(event, h11.Response):
                status = event.status_code
            elif isinstance(event, h11.Data):
                if received == 0:
                    on_first_byte()
                received += len(event.data)
            elif isinstance(event, h11.EndOfMessage):
                trailers = {k.decode(): v.decode() for k, v in event.headers}
                return status, received, trailers


def test_an_error_after_the_first_byte_reaches_the_client_and_the_metrics(
    stack: Stack, org_key: str, expected: Sums
) -> None:
    # Fault: the org's cost table disappears while the export streams (read by day windows).
    # A copy of the org is exported so the year's data stays for the other tests.
    copy = "export_fault"
    headers = _key(_demo_org(stack, copy))
    before_ok, before_bad = _handled(stack, "OK"), _handled(stack, "NOT_FOUND")
    query = httpx.QueryParams({**_range(), "format": "csv"})
    status, received, trailers = _get_with_trailers(
        stack.envoy.port,
        f"/api/v1/costs/{copy}/export?{query}",
        headers,
        on_first_byte=lambda: stack.app.warehouse.drop_table(f"{copy}_local", s.TABLE),
    )
    assert status == 200
    assert trailers.get("grpc-status") == str(grpc.StatusCode.NOT_FOUND.value[0]), trailers
    assert "cost_data_focus_1_2" in trailers.get("grpc-message", "")
    assert received > 0
    assert _handled(stack, "OK") == before_ok  # never counted as a success
    assert _handled(stack, "NOT_FOUND") == before_bad + 1


def test_a_client_that_goes_away_is_counted_as_cancelled(
    stack: Stack, org_key: str, expected: Sums
) -> None:
    before_ok, before_cancelled = _handled(stack, "OK"), _handled(stack, "CANCELLED")
    with grpc.insecure_channel(f"127.0.0.1:{stack.grpc_port}") as channel:
        stub = costs_pb2_grpc.CostsServiceStub(channel)
        request = costs_pb2.ExportCostsRequest(
            org_slug=ORG, start_date=START.isoformat(), end_date=END.isoformat(), format="csv"
        )
        call = stub.ExportCosts(request, metadata=(("x-api-key", org_key),))
        first = next(call)
        assert first.content_type.startswith("text/csv")
        call.cancel()
    deadline = time.monotonic() + 10
    while _handled(stack, "CANCELLED") == before_cancelled and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _handled(stack, "CANCELLED") == before_cancelled + 1
    assert _handled(stack, "OK") == before_ok

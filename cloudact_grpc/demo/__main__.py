"""``make demo``: a demo org with a year of realistic costs on the running ``make run`` stack.

Every step goes through the API and is idempotent (run it again and nothing is duplicated):

1. ``POST /api/v1/admin/bootstrap`` (root key).
2. ``POST /api/v1/organizations/onboard`` for ``demo_org``; when it already exists, its key
   comes from the development route ``GET /api/v1/admin/dev/api-key/{org}``.
3. SaaS plans (``catalog.SAAS``) through the subscriptions API, skipped when the org already
   has the plan; the server amortizes them into daily FOCUS rows itself.
4. Unless the org already has cloud or LLM costs in the range: seeded FOCUS rows for GCP
   services and OpenAI/Anthropic token usage (priced per 1K tokens from ``catalog.LLM``) sent
   in Arrow IPC chunks to the internal ``CostsService/IngestCostRows`` RPC.

Why an internal RPC: the server process owns the embedded DuckDB file (no other process may
open it, even read-only), so a bulk load must go through the server. ``IngestCostRows`` is
root-only, has no REST route and Envoy refuses it (``access.INTERNAL_METHODS``), so it is
called on the gRPC listener (``CLOUDACT_GRPC_PORT``, default 50051) like the other internal
methods; the server checks the rows against the table's schema and drops the org's cached
cost results.

Usage: ``python -m cloudact_grpc.demo [--url URL] [--grpc HOST:PORT] [--rows N] [--days N]``.
The root key is ``CA_ROOT_API_KEY`` or the file ``data/root-key`` (``CLOUDACT_ROOT_KEY_FILE``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import grpc
import httpx
import pyarrow as pa
from cloudact.v1 import costs_pb2, costs_pb2_grpc

from cloudact_grpc.cli.progress import count_progress, spinner
from cloudact_grpc.config import ConfigError, Settings, load_settings
from cloudact_grpc.demo import catalog
from cloudact_grpc.demo.focus import DemoSpec, generate

ORG = "demo_org"
CHUNK_ROWS = 4000


@dataclass(frozen=True, slots=True)
class Report:
    """What a run did."""

    org_slug: str
    onboarded: bool
    plans_created: int
    rows_loaded: int
    start: dt.date
    end: dt.date


class DemoError(RuntimeError):
    """A step failed (the message names it and carries the response)."""


def root_key(settings: Settings) -> str:
    """``CA_ROOT_API_KEY`` or the development key file (``data/root-key``)."""
    if settings.root_api_key:
        return settings.root_api_key
    path = settings.root_key_file
    if not path.exists():
        raise DemoError(f"no CA_ROOT_API_KEY and no {path}: start the stack with `make run`")
    return path.read_text().strip()


def _ok(step: str, response: httpx.Response) -> dict[str, object]:
    if response.status_code != 200:
        raise DemoError(f"{step}: HTTP {response.status_code}: {response.text}")
    body = response.json()
    if not isinstance(body, dict):
        raise DemoError(f"{step}: unexpected body {body!r}")
    return body


def _org_key(http: httpx.Client, url: str, root: dict[str, str], org: str) -> tuple[str, bool]:
    onboard = http.post(
        f"{url}/api/v1/organizations/onboard",
        json={"org_slug": org, "company_name": "Demo Co", "admin_email": "finops@demo.example"},
        headers=root,
    )
    if onboard.status_code == 200:
        return str(_ok("onboard", onboard)["api_key"]), True
    if onboard.status_code != 409:
        raise DemoError(f"onboard: HTTP {onboard.status_code}: {onboard.text}")
    body = _ok("dev api key", http.get(f"{url}/api/v1/admin/dev/api-key/{org}", headers=root))
    return str(body["api_key"]), False


def _plans(http: httpx.Client, url: str, key: dict[str, str], org: str, start: dt.date) -> int:
    created = 0
    for plan in catalog.SAAS:
        base = f"{url}/api/v1/subscriptions/{org}/providers/{plan.provider}/plans"
        listed = _ok(f"list {plan.provider} plans", http.get(base, headers=key))
        existing = listed.get("plans")
        mine = [
            p
            for p in (existing if isinstance(existing, list) else [])
            if isinstance(p, dict)
            and p.get("plan_name") == plan.plan
            and int(p.get("number_of_users") or 0) == plan.seats
        ]
        if mine:
            continue
        body = {
            "plan_name": plan.plan,
            "unit_price": float(Decimal(plan.seat_price)),
            "number_of_users": plan.seats,
            "effective_date": start.isoformat(),
            "billing_cycle": "monthly",
        }
        _ok(f"create {plan.provider} plan", http.post(base, json=body, headers=key))
        created += 1
    return created


def _has_costs(
    http: httpx.Client, url: str, key: dict[str, str], org: str, start: dt.date, end: dt.date
) -> bool:
    params = {
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "categories": "cloud,llm",
    }
    summary = _ok(
        "cost summary", http.get(f"{url}/api/v1/costs/{org}/summary", params=params, headers=key)
    )
    return int(str(summary.get("record_count") or 0)) > 0


def ipc_chunks(table: pa.Table, rows: int = CHUNK_ROWS) -> list[bytes]:
    """``table`` as Arrow IPC streams of at most ``rows`` rows each."""
    out = []
    for batch in table.to_batches(max_chunksize=rows):
        sink = io.BytesIO()
        with pa.ipc.new_stream(sink, batch.schema) as writer:
            writer.write_batch(batch)
        out.append(sink.getvalue())
    return out


def load_rows(target: str, key: str, org: str, table: pa.Table) -> int:
    """Send ``table`` through IngestCostRows on the gRPC listener; rows inserted."""
    inserted = 0
    with grpc.insecure_channel(target) as channel, count_progress() as progress:
        stub = costs_pb2_grpc.CostsServiceStub(channel)
        task = progress.add_task(f"loading cost rows into {org}", total=table.num_rows)
        for number, chunk in enumerate(ipc_chunks(table)):
            batch = f"demo:{hashlib.sha256(chunk).hexdigest()[:16]}:{number}"
            response = stub.IngestCostRows(
                costs_pb2.IngestCostRowsRequest(
                    org_slug=org, arrow_ipc_stream=chunk, batch_id=batch
                ),
                metadata=(("x-ca-root-key", key),),
                timeout=300,
            )
            inserted += response.inserted_rows
            progress.update(task, completed=inserted)
    return inserted


def run(
    *,
    url: str,
    grpc_target: str,
    key: str,
    org: str = ORG,
    rows: int = 60_000,
    days: int = 365,
    end: dt.date | None = None,
    seed: int = 42,
    currencies: Sequence[str] = ("USD",),
) -> Report:
    """Bootstrap, onboard, SaaS plans and cost rows (see the module docstring).

    Cloud and LLM rows bill in ``currencies[0]`` (about 80 %) or any of ``currencies``.
    """
    end = end or dt.datetime.now(dt.UTC).date()
    start = end - dt.timedelta(days=days - 1)
    root = {"X-CA-Root-Key": key}
    with httpx.Client(timeout=300.0) as http:
        with spinner("bootstrap and onboarding"):
            _ok("bootstrap", http.post(f"{url}/api/v1/admin/bootstrap", json={}, headers=root))
            org_key, onboarded = _org_key(http, url, root, org)
        headers = {"X-API-Key": org_key}
        with spinner("SaaS plans (the server spreads them over daily cost rows)"):
            plans = _plans(http, url, headers, org, start)
        loaded = 0
        with spinner("checking existing costs"):
            has_costs = _has_costs(http, url, headers, org, start, end)
        if not has_costs:
            spec = DemoSpec(rows, start, days, seed, currencies, org_slug=org, saas=False)
            with spinner(f"generating {rows:,} cost rows"):
                table = generate(spec).to_arrow()
            loaded = load_rows(grpc_target, key, org, table)
    return Report(org, onboarded, plans, loaded, start, end)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m cloudact_grpc.demo", description=__doc__)
    settings = load_settings()
    parser.add_argument(
        "--url", default=f"http://127.0.0.1:{settings.http_port}", help="REST base URL"
    )
    parser.add_argument("--grpc", default=f"127.0.0.1:{settings.grpc_port}", help="gRPC listener")
    parser.add_argument("--org", default=ORG)
    parser.add_argument("--rows", type=int, default=60_000, help="cloud + LLM rows")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--end", type=dt.date.fromisoformat, default=None, help="last day")
    args = parser.parse_args(argv)
    try:
        report = run(
            url=args.url.rstrip("/"),
            grpc_target=args.grpc,
            key=root_key(settings),
            org=args.org,
            rows=args.rows,
            days=args.days,
            end=args.end,
        )
    except httpx.TransportError as exc:
        print(
            f"make demo failed: no answer from {args.url} ({exc}); start `make run` first "
            "(or pass --url and --grpc for a stack on other ports)",
            file=sys.stderr,
        )
        return 1
    except (DemoError, httpx.HTTPError, grpc.RpcError, ConfigError) as exc:
        print(f"make demo failed: {exc}", file=sys.stderr)
        return 1
    print(
        f"{report.org_slug}: {'onboarded' if report.onboarded else 'already onboarded'}, "
        f"{report.plans_created} SaaS plans created, {report.rows_loaded} cost rows loaded "
        f"({report.start} .. {report.end}); try GET {args.url}/api/v1/costs/{report.org_slug}"
        "/summary with the org's key"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

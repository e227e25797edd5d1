"""A pipeline run with the typed client; checked with ``mypy --strict`` by the client test.

Usage: ``python pipeline_run.py TARGET ROOT_KEY ORG_SLUG ROWS.arrow`` (an Arrow IPC file of
``cost_data_focus_1_2`` rows). Prints what happened as JSON.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import sys
import uuid

from cloudact.v1 import organizations_pb2
from cloudact_client import PipelineClient, RetryPolicy


def main(argv: list[str]) -> int:
    """Reserve (twice with one request_id: one run), ingest, complete, notify."""
    target, root_key, org, rows_path = argv
    table = importlib.import_module("pyarrow.ipc").open_file(rows_path).read_all()
    policy = RetryPolicy(attempts=3, initial_backoff=0.1)
    with PipelineClient(target, root_key, timeout=60.0, retry=policy) as client:
        request_id = str(uuid.uuid4())
        first: organizations_pb2.ReservePipelineRunResponse = client.reserve_pipeline_run(
            org, "gcp_billing", request_id=request_id
        )
        again = client.reserve_pipeline_run(org, "gcp_billing", request_id=request_id)
        inserted: int = client.ingest_cost_rows(org, table, chunk_rows=25)
        done = client.complete_pipeline_run(org, first.run_id, succeeded=True)
        changed = client.notify_costs_changed(org, dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    report = {
        "run_id": first.run_id,
        "replayed_run_id": again.run_id,
        "completed_run_id": done.run_id,
        "inserted": inserted,
        "forgotten_days": changed.forgotten_days,
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

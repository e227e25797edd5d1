"""A data directory made by an older version: the server adds the columns added since at start.

The DuckDB file loses the quota table's newest column (``runs_in_flight``), as a file made
before it existed; the next server on the file reserves and completes runs as usual.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from cloudact.v1 import organizations_pb2, organizations_pb2_grpc

from cloudact_grpc.config import Settings
from tests.support.orgs import Metadata, bootstrap, onboard
from tests.support.stack import app_on_file

pytestmark = pytest.mark.slow  # two servers on one file, one after the other


def test_a_server_on_an_older_data_directory_reserves_runs(
    settings: Settings, root_key: str, root_metadata: Metadata, tmp_path: Path
) -> None:
    path = tmp_path / "cloudact.duckdb"
    with app_on_file(settings, path) as (channel, _app):
        bootstrap(channel, root_metadata)
        slug, _ = onboard(channel, root_metadata, "olddir")
    con = duckdb.connect(str(path))
    try:
        con.execute("ALTER TABLE organizations.org_usage_quotas DROP COLUMN runs_in_flight")
    finally:
        con.close()

    with app_on_file(settings, path) as (channel, _app):
        stub = organizations_pb2_grpc.OrganizationsServiceStub(channel)
        run = stub.ReservePipelineRun(
            organizations_pb2.ReservePipelineRunRequest(
                org_slug=slug, pipeline_id="p", request_id="r-1"
            ),
            metadata=root_metadata,
        ).run_id
        done = stub.CompletePipelineRun(
            organizations_pb2.CompletePipelineRunRequest(org_slug=slug, run_id=run, succeeded=True),
            metadata=root_metadata,
        ).quota
    assert (done.pipelines_run_today, done.concurrent_running) == (1, 0)
    assert done.pipelines_succeeded_today == 1

"""A data directory made by an older version: the server adds the columns added since.

The DuckDB file loses a table's newest columns, as a file made before they existed: the quota
table's ``runs_in_flight`` (central: added at start), an org's ``llm_subscriptions`` rate limits
(per org: added on the org's first write to the table). The next server on the file works as usual.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from cloudact.v1 import (
    integrations_pb2,
    integrations_pb2_grpc,
    organizations_pb2,
    organizations_pb2_grpc,
)

from cloudact_grpc.config import Settings
from tests.support.orgs import Metadata, bootstrap, onboard
from tests.support.stack import app_on_file

pytestmark = pytest.mark.slow  # two servers on one file, one after the other


def _older_directory(
    settings: Settings, root_metadata: Metadata, path: Path, table: str, columns: tuple[str, ...]
) -> str:
    """A DuckDB file with one org whose ``table`` lacks ``columns`` (``schema.table`` for a
    central table, else the org's own): its slug."""
    with app_on_file(settings, path) as (channel, _app):
        bootstrap(channel, root_metadata)
        slug, _ = onboard(channel, root_metadata, "olddir")
    con = duckdb.connect(str(path))
    try:
        if "." not in table:
            [(schema,)] = con.execute(
                "SELECT schema_name FROM duckdb_schemas() WHERE starts_with(schema_name, ?)",
                [slug],
            ).fetchall()
            table = f'"{schema}".{table}'
        for column in columns:
            con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    finally:
        con.close()
    return slug


def test_a_server_on_an_older_data_directory_reserves_runs(
    settings: Settings, root_key: str, root_metadata: Metadata, tmp_path: Path
) -> None:
    path = tmp_path / "cloudact.duckdb"
    quotas = "organizations.org_usage_quotas"
    slug = _older_directory(settings, root_metadata, path, quotas, ("runs_in_flight",))

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


def test_an_old_org_table_keeps_llm_rate_limits_after_its_first_write(
    settings: Settings, root_key: str, root_metadata: Metadata, tmp_path: Path
) -> None:
    path = tmp_path / "cloudact.duckdb"
    limits = ("rpm_limit", "tpm_limit")
    slug = _older_directory(settings, root_metadata, path, "llm_subscriptions", limits)

    with app_on_file(settings, path) as (channel, _app):
        stub = integrations_pb2_grpc.IntegrationsServiceStub(channel)
        stub.CreateLlmSubscription(
            integrations_pb2.CreateLlmSubscriptionRequest(
                org_slug=slug, provider="openai", plan_name="TEAM", monthly_cost=100.0,
                start_date="2026-01-01", rpm_limit=500, tpm_limit=30000,
            ),
            metadata=root_metadata,
        )  # fmt: skip
        [sub] = stub.ListLlmSubscriptions(
            integrations_pb2.ListLlmSubscriptionsRequest(org_slug=slug, provider="openai"),
            metadata=root_metadata,
        ).subscriptions
    assert (sub.rpm_limit, sub.tpm_limit) == (500, 30000)

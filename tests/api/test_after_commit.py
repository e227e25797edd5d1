"""A committed change stays committed: audit faults after it, deleted and re-claimed orgs."""

from __future__ import annotations

import logging

import grpc
import pytest
from cloudact.v1 import (
    integrations_pb2,
    integrations_pb2_grpc,
    organizations_pb2,
    organizations_pb2_grpc,
    pipelines_pb2,
    pipelines_pb2_grpc,
)

from cloudact_grpc.ports.warehouse import Eq, Predicate, Warehouse
from cloudact_grpc.services.orgs import tables
from tests.conftest import RunningServer
from tests.support.faults import fail_once
from tests.support.metrics import sample
from tests.support.orgs import Metadata, code_of, onboard

pb = organizations_pb2


def test_rotate_returns_the_new_key_when_its_audit_row_fails(
    bootstrapped_channel: grpc.Channel,
    root_metadata: Metadata,
    server: RunningServer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    orgs = organizations_pb2_grpc.OrganizationsServiceStub(bootstrapped_channel)
    slug, old_key = onboard(bootstrapped_channel, root_metadata, "rot")
    assert server.app is not None
    old = (("x-api-key", old_key),)
    lost_before = _lost(server, "ROTATE")
    fired = fail_once(monkeypatch, server.app.warehouse, "insert_rows", tables.AUDIT_LOGS)
    with caplog.at_level(logging.ERROR, logger="cloudact_grpc.services.audit"):
        reply = orgs.RotateApiKey(
            pb.RotateApiKeyRequest(org_slug=slug, request_id="rot-1"),
            metadata=(*old, ("x-request-id", "call-rot-1")),
        )
    assert fired == [tables.AUDIT_LOGS]
    assert _lost(server, "ROTATE") == lost_before + 1  # an operator can alert on it
    new = (("x-api-key", reply.api_key),)
    assert (
        orgs.GetOrganization(pb.GetOrganizationRequest(org_slug=slug), metadata=new).org_slug
        == slug
    )
    assert (
        code_of(
            lambda: orgs.GetOrganization(pb.GetOrganizationRequest(org_slug=slug), metadata=old)
        )
        is grpc.StatusCode.UNAUTHENTICATED
    )
    lost = [r for r in caplog.records if "audit row lost" in r.getMessage()]
    assert len(lost) == 1
    message = lost[0].getMessage()
    assert "request_id=call-rot-1" in message and "ROTATE" in message and slug in message
    assert reply.api_key not in message


@pytest.mark.parametrize(
    ("method", "table"),
    [("insert_rows", tables.AUDIT_LOGS), ("select", tables.PROFILES)],
    ids=["row-insert-fails", "org-lookup-fails"],
)
def test_a_denial_whose_audit_row_fails_is_still_denied_and_counted(
    bootstrapped_channel: grpc.Channel,
    root_metadata: Metadata,
    server: RunningServer,
    monkeypatch: pytest.MonkeyPatch,
    method: str,
    table: str,
) -> None:
    orgs = organizations_pb2_grpc.OrganizationsServiceStub(bootstrapped_channel)
    victim, _ = onboard(bootstrapped_channel, root_metadata, "den")
    other, other_key = onboard(bootstrapped_channel, root_metadata, "den")
    own = pb.GetOrganizationRequest(org_slug=other)
    orgs.GetOrganization(own, metadata=(("x-api-key", other_key),))  # its key is known now
    assert server.app is not None
    lost_before = _lost(server, "DENIED")
    fired = fail_once(monkeypatch, server.app.warehouse, method, table)
    refused = code_of(
        lambda: orgs.RotateApiKey(
            pb.RotateApiKeyRequest(org_slug=victim, request_id="den-1"),
            metadata=(("x-api-key", other_key),),
        )
    )
    assert refused is grpc.StatusCode.PERMISSION_DENIED
    assert fired == [table]
    assert _lost(server, "DENIED") == lost_before + 1
    where = [Eq("org_slug", victim), Eq("action", "DENIED")]
    assert server.app.warehouse.select(tables.CENTRAL_DATASET, tables.AUDIT_LOGS, where) == []


def _lost(server: RunningServer, action: str) -> float:
    return sample(server.metrics_port, "cloudact_audit_rows_lost_total", action=action)


def test_a_reclaimed_slug_starts_without_the_previous_run_history(
    bootstrapped_channel: grpc.Channel, root_metadata: Metadata, server: RunningServer
) -> None:
    orgs = organizations_pb2_grpc.OrganizationsServiceStub(bootstrapped_channel)
    slug, _ = onboard(bootstrapped_channel, root_metadata, "recl")
    run = orgs.ReservePipelineRun(
        pb.ReservePipelineRunRequest(org_slug=slug, pipeline_id="old_pipe"), metadata=root_metadata
    )
    orgs.CompletePipelineRun(
        pb.CompletePipelineRunRequest(
            org_slug=slug, run_id=run.run_id, succeeded=False, error_message="old tenant detail"
        ),
        metadata=root_metadata,
    )
    orgs.DeleteOrganization(
        pb.DeleteOrganizationRequest(org_slug=slug, confirm_org_slug=slug, delete_dataset=True),
        metadata=root_metadata,
    )
    assert server.app is not None
    wh = server.app.warehouse
    for table in (tables.PIPELINE_RUNS, tables.STEP_LOGS, tables.DQ_RESULTS):
        assert wh.select(tables.CENTRAL_DATASET, table, [Eq("org_slug", slug)]) == []
    audit = wh.select(tables.CENTRAL_DATASET, tables.AUDIT_LOGS, [Eq("org_slug", slug)])
    assert {"CREATE", "DELETE"} <= {row["action"] for row in audit}  # the audit trail is kept
    new = orgs.OnboardOrganization(
        pb.OnboardOrganizationRequest(
            org_slug=slug, company_name="New Owner", admin_email="n@new.example"
        ),
        metadata=root_metadata,
    )
    runs = pipelines_pb2_grpc.PipelinesServiceStub(bootstrapped_channel).ListRuns(
        pipelines_pb2.ListRunsRequest(org_slug=slug), metadata=(("x-api-key", new.api_key),)
    )
    assert list(runs.runs) == []


def _org_with_a_credential(
    channel: grpc.Channel, root_metadata: Metadata, server: RunningServer, prefix: str
) -> tuple[str, Warehouse, list[Predicate]]:
    """A fresh org with a stored OpenAI credential: its slug, the warehouse, its credential rows."""
    slug, key = onboard(channel, root_metadata, prefix)
    integrations_pb2_grpc.IntegrationsServiceStub(channel).SetupIntegration(
        integrations_pb2.SetupIntegrationRequest(
            org_slug=slug, provider="openai", api_key="sk-" + "x" * 40, skip_validation=True
        ),
        metadata=(("x-api-key", key),),
    )
    assert server.app is not None
    return slug, server.app.warehouse, [Eq("org_slug", slug)]


def _delete(
    channel: grpc.Channel, root_metadata: Metadata, slug: str
) -> pb.DeleteOrganizationResponse:
    request = pb.DeleteOrganizationRequest(org_slug=slug, confirm_org_slug=slug)
    return organizations_pb2_grpc.OrganizationsServiceStub(channel).DeleteOrganization(
        request, metadata=root_metadata
    )


def test_delete_organization_clears_stored_provider_secrets(
    bootstrapped_channel: grpc.Channel, root_metadata: Metadata, server: RunningServer
) -> None:
    slug, wh, where = _org_with_a_credential(bootstrapped_channel, root_metadata, server, "cred")
    (before,) = wh.select(tables.CENTRAL_DATASET, tables.CREDENTIALS, where)
    assert before["ciphertext_b64"] and before["wrapped_data_key_b64"]
    assert _delete(bootstrapped_channel, root_metadata, slug).credentials_deactivated == 1
    (after,) = wh.select(tables.CENTRAL_DATASET, tables.CREDENTIALS, where)
    assert after["is_active"] is False
    assert after["ciphertext_b64"] is None and after["wrapped_data_key_b64"] is None


def test_deleting_an_org_again_clears_secrets_an_earlier_delete_left(
    bootstrapped_channel: grpc.Channel, root_metadata: Metadata, server: RunningServer
) -> None:
    """Credentials retired before retiring cleared them keep a ciphertext until the org's
    delete runs again (the clean-up for orgs deleted before 2026-12-02)."""
    slug, wh, where = _org_with_a_credential(bootstrapped_channel, root_metadata, server, "cred2")
    _delete(bootstrapped_channel, root_metadata, slug)
    # As an earlier version left it: inactive, its secret still stored.
    wh.update(tables.CENTRAL_DATASET, tables.CREDENTIALS,
              {"ciphertext_b64": "c2VhbGVk", "wrapped_data_key_b64": "a2V5"}, where)  # fmt: skip
    assert _delete(bootstrapped_channel, root_metadata, slug).credentials_deactivated == 0
    (after,) = wh.select(tables.CENTRAL_DATASET, tables.CREDENTIALS, where)
    assert after["is_active"] is False
    assert after["ciphertext_b64"] is None and after["wrapped_data_key_b64"] is None

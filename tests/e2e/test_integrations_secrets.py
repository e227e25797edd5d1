"""No plaintext secret in any table, log line or response after setup (both backends).

Credentials are set up through Envoy with distinctive secrets; the provider fake echoes the key
back in its error body to tempt a leak. Then every row of every table in the central and the
org dataset (read through the warehouse port), everything the server and Envoy logged, and
every response body and header are scanned for the secrets, in clear and base64/hex encoded.
The internal ``GetIntegrationCredential`` is the one place a secret comes out: native gRPC,
root key only, VALID only, audited.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import secrets

import grpc
import httpx
import pytest
from cloudact.v1 import integrations_pb2, integrations_pb2_grpc

from cloudact_grpc.ports.warehouse import Eq
from tests.e2e.conftest import Stack
from tests.support.errors import decode
from tests.support.fake_providers import Reply, Seen
from tests.support.http import HTTP

ORG = "secret_scan"
OPENAI = "sk-scan-" + secrets.token_hex(24)
GEMINI = "AIzaScan" + secrets.token_hex(20)  # sent in the x-goog-api-key header
REJECTED = "sk-rejected-" + secrets.token_hex(24)


def encodings(secret: str) -> list[str]:
    """The secret in clear, and its base64 (std, url-safe) and hex forms at any byte alignment."""
    raw = secret.encode()
    found = [secret, raw.hex()]
    for pad in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            text = encode(b"\0" * pad + raw).decode()
            found.append(text[4 if pad else 0 : -4])  # only the characters the secret decides
    return found


def assert_absent(haystack: str, where: str) -> None:
    for secret in (OPENAI, GEMINI, REJECTED):
        for needle in encodings(secret):
            assert needle not in haystack, f"secret {secret[:8]}… found in {where}"


def echo_key_back(seen: Seen) -> Reply:
    """Accept the two good keys; reject others with the key echoed in the error body."""
    auth = seen.headers.get("Authorization", "")
    gemini = {k.lower(): v for k, v in seen.headers.items()}.get("x-goog-api-key")
    if auth == f"Bearer {OPENAI}" or gemini == GEMINI:
        return Reply(200, {"data": [{"id": "m"}]})
    return Reply(401, {"error": {"message": f"Incorrect API key provided: {auth[7:]}"}})


@pytest.fixture(scope="module")
def org_key(stack: Stack) -> str:
    return stack.onboard(ORG, "Scan Co", "sec@scan.example")


def test_no_plaintext_secret_in_tables_logs_or_responses(
    stack: Stack,
    org_key: str,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # stricter than production (INFO): no level may leak
    base = f"{stack.url}/api/v1/integrations/{ORG}"
    key = {"X-API-Key": org_key}
    stack.providers.responder = echo_key_back
    responses: list[httpx.Response] = []
    try:
        responses += [
            HTTP.post(
                f"{base}/openai/setup",
                json={"api_key": OPENAI, "request_id": "scan-setup-1"},
                headers=key,
            ),
            HTTP.post(f"{base}/gemini/setup", json={"credential": GEMINI}, headers=key),
            HTTP.post(f"{base}/openai/setup", json={"api_key": REJECTED}, headers=key),
            HTTP.post(
                f"{base}/anthropic/setup",
                json={"api_key": "sk-ant-" + REJECTED, "skip_validation": True},
                headers=key,
            ),
            HTTP.post(f"{base}/openai/validate", json={}, headers=key),
            HTTP.post(f"{base}/gemini/validate", json={}, headers=key),
            HTTP.get(base, headers=key),
            HTTP.get(f"{base}/openai", headers=key),
            HTTP.get(f"{base}/gemini", headers=key),
            HTTP.get(f"{base}/openai/pricing", headers=key),
            HTTP.get(f"{stack.url}/api/v1/admin/audit-logs/{ORG}", headers=stack.root_headers),
        ]
    finally:
        stack.providers.responder = None
    statuses = [r.json().get("validation_status") for r in responses[:4]]
    assert statuses == ["VALID", "VALID", "INVALID", "PENDING"], [r.text for r in responses]
    assert "Incorrect API key provided" in responses[2].json()["validation_error"]
    assert all(r.status_code in (200, 404) for r in responses), [r.text for r in responses]

    for response in responses:
        assert_absent(response.text, f"response {response.request.url}")
        assert_absent(json.dumps(dict(response.headers)), f"headers {response.request.url}")

    central = "organizations"
    org_dataset = f"{ORG}_local"  # development settings
    scanned = 0
    for dataset in (central, org_dataset):
        tables = stack.app.warehouse.list_tables(dataset)
        assert tables, dataset
        for table in tables:
            rows = stack.app.warehouse.select(dataset, table, [])
            scanned += len(rows)
            dump = json.dumps(rows, default=repr)
            assert_absent(dump, f"{dataset}.{table}")
            for row in rows:
                for value in row.values():
                    if isinstance(value, bytes):
                        assert_absent(value.decode("latin-1"), f"{dataset}.{table} bytes")
    stored = stack.app.warehouse.select(
        central, "org_integration_credentials", [Eq("org_slug", ORG), Eq("is_active", True)]
    )
    assert {r["provider"] for r in stored} == {"openai", "gemini", "anthropic"}
    assert all(r["ciphertext_b64"] and r["wrapped_data_key_b64"] for r in stored)
    assert scanned > 20  # seeded prices, audit rows, keys, credentials: the scan saw real data

    captured = capfd.readouterr()
    assert '"event":"rpc"' in captured.err  # the server's structlog lines were captured
    assert_absent(captured.out + captured.err, "process output")
    records = "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in caplog.records)
    assert_absent(records, "log records")
    assert_absent(stack.envoy.log_path.read_text(errors="replace"), "envoy log")


def test_internal_credential_rpc_returns_secret_only_to_root_and_is_audited(
    stack: Stack, org_key: str
) -> None:
    stub = integrations_pb2_grpc.IntegrationsServiceStub(stack.channel)
    request = integrations_pb2.GetIntegrationCredentialRequest(
        org_slug=ORG, provider="openai", pipeline_run_id="run-scan-1"
    )
    got = stub.GetIntegrationCredential(request, metadata=stack.root_metadata)
    assert got.credential == OPENAI and got.validation_status == "VALID"
    assert got.credential_type == "API_KEY" and got.credential_id

    audit = stack.app.warehouse.select(
        "organizations",
        "org_audit_logs",
        [Eq("org_slug", ORG), Eq("action", "READ_SECRET"), Eq("resource_id", got.credential_id)],
    )
    assert len(audit) == 1
    row = audit[0]
    assert row["status"] == "SUCCESS" and row["actor"] == "root"
    details = (
        row["details"] if isinstance(row["details"], dict) else json.loads(str(row["details"]))
    )
    assert details == {"provider": "openai", "pipeline_run_id": "run-scan-1"}
    assert_absent(json.dumps(row, default=repr), "READ_SECRET audit row")

    # Not VALID (stored with skip_validation): refused, and the refusal is audited too.
    with pytest.raises(grpc.RpcError) as pending:
        stub.GetIntegrationCredential(
            integrations_pb2.GetIntegrationCredentialRequest(org_slug=ORG, provider="anthropic"),
            metadata=stack.root_metadata,
        )
    assert decode(pending.value).code is grpc.StatusCode.FAILED_PRECONDITION
    refused = stack.app.warehouse.select(
        "organizations",
        "org_audit_logs",
        [Eq("org_slug", ORG), Eq("action", "READ_SECRET"), Eq("status", "FAILURE")],
    )
    assert len(refused) == 1

    # The org's own key cannot read secrets.
    with pytest.raises(grpc.RpcError) as org_call:
        stub.GetIntegrationCredential(request, metadata=(("x-api-key", org_key),))
    assert decode(org_call.value).code is grpc.StatusCode.UNAUTHENTICATED  # root key required

    # Envoy's port refuses the gRPC path, over HTTP/1 and as native gRPC (HTTP/2).
    rest = HTTP.post(
        f"{stack.url}/cloudact.v1.IntegrationsService/GetIntegrationCredential",
        json={"org_slug": ORG, "provider": "openai"},
        headers=stack.root_headers,
    )
    assert rest.status_code in (403, 404) and OPENAI not in rest.text
    host_port = stack.url.split("://", 1)[1]
    with grpc.insecure_channel(host_port) as via_envoy, pytest.raises(grpc.RpcError) as routed:
        integrations_pb2_grpc.IntegrationsServiceStub(via_envoy).GetIntegrationCredential(
            request, metadata=stack.root_metadata, timeout=30
        )
    assert routed.value.code() in (
        grpc.StatusCode.PERMISSION_DENIED,
        grpc.StatusCode.NOT_FOUND,
        grpc.StatusCode.UNIMPLEMENTED,
        grpc.StatusCode.UNAVAILABLE,
    )
    assert (
        len(
            stack.app.warehouse.select(
                "organizations",
                "org_audit_logs",
                [Eq("org_slug", ORG), Eq("action", "READ_SECRET")],
            )
        )
        == 2
    )  # nothing reached the server through Envoy


def test_decoding_helper_sees_embedded_base64() -> None:
    blob = base64.b64encode(b'{"k":"' + OPENAI.encode() + b'"}').decode()
    assert any(n in blob for n in encodings(OPENAI))
    assert any(n in binascii.hexlify(b"xx" + OPENAI.encode()).decode() for n in encodings(OPENAI))


def test_keys_and_webhook_secrets_never_reach_a_log(
    stack: Stack, org_key: str, capfd: pytest.CaptureFixture[str]
) -> None:
    """The operator's grep after onboarding, key rotation and a webhook channel: no API key
    (old or new), root key, signing secret or webhook header value in the server's or Envoy's
    log, while the refused calls still leave their lines."""
    header_secret = "Bearer hdr-" + secrets.token_hex(16)
    key = {"X-API-Key": org_key}
    rotated = HTTP.post(
        f"{stack.url}/api/v1/organizations/{ORG}/api-key/rotate", json={}, headers=key
    )
    assert rotated.status_code == 200, rotated.text
    new_key = rotated.json()["api_key"]
    stale = HTTP.get(f"{stack.url}/api/v1/organizations/{ORG}/quota", headers=key)
    assert stale.status_code == 401, stale.text
    channel = HTTP.post(
        f"{stack.url}/api/v1/notifications/{ORG}/channels",
        json={"name": "ops hook", "channel_type": "webhook"}
        | {"webhook_url": "https://hooks.example.com/cloudact"}
        | {"webhook_headers": {"Authorization": header_secret}},
        headers={"X-API-Key": new_key},
    )
    assert channel.status_code == 200, channel.text
    signing = channel.json()["webhook_secret"]
    assert signing.startswith("whsec_")
    logged = capfd.readouterr().err + stack.envoy.log_path.read_text(errors="replace")
    assert '"reason":"API_KEY_INVALID"' in logged  # the refused call was logged, keyless
    for secret in (org_key, new_key, stack.root_key, signing, signing[6:], header_secret):
        for needle in encodings(secret):
            assert needle not in logged, f"secret {secret[:8]}… found in the logs"

"""EnvelopeSecretBox over both key managers; the app seals idempotent replays with Cloud KMS."""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import grpc
import pytest
from cloudact.v1 import admin_pb2, admin_pb2_grpc, organizations_pb2, organizations_pb2_grpc

from cloudact_grpc.adapters.keys.cloud_kms import CloudKmsKeyManager, build_kms_client
from cloudact_grpc.adapters.keys.local_master_key import LocalKeyManager
from cloudact_grpc.app import build_app
from cloudact_grpc.config import Settings
from cloudact_grpc.domain.errors import FailedPrecondition
from cloudact_grpc.ports.keys import KeyManager
from cloudact_grpc.services.envelope import EnvelopeSecretBox
from tests.support.kms_fake import FakeKms, running_fake_kms
from tests.support.ports import free_port

KEY = "projects/p/locations/global/keyRings/r/cryptoKeys/replays"


@pytest.fixture(scope="module")
def kms() -> Iterator[tuple[FakeKms, str]]:
    with running_fake_kms() as served:
        yield served


@dataclasses.dataclass
class Subject:
    keys: KeyManager
    rotate: Callable[[], str]


@pytest.fixture(params=["local", "kms"])
def subject(request: pytest.FixtureRequest, tmp_path: Path, kms: tuple[FakeKms, str]) -> Subject:
    if request.param == "local":
        local = LocalKeyManager.from_file(tmp_path / "master.json")
        return Subject(local, local.rotate)
    fake, endpoint = kms
    name = f"{KEY}-{tmp_path.name}"
    return Subject(
        CloudKmsKeyManager(name, build_kms_client(endpoint)), lambda: str(fake.rotate(name))
    )


def test_round_trip_hides_plaintext_and_uses_fresh_keys(subject: Subject) -> None:
    box = EnvelopeSecretBox(subject.keys, purpose="idempotency")
    secret = "ca_live_0123456789abcdef-shown-once"
    first, second = box.encrypt(secret, "scope-1"), box.encrypt(secret, "scope-1")
    assert first != second
    for text in (first, second):
        raw = base64.b64decode(text, validate=True)
        assert secret.encode() not in raw
        assert base64.b64encode(secret.encode()) not in raw
        record = json.loads(raw)
        assert record["k"] == subject.keys.key_name and record["v"] == "1"
    assert box.decrypt(first, "scope-1") == secret == box.decrypt(second, "scope-1")


def test_value_is_bound_to_aad_and_purpose(subject: Subject) -> None:
    box = EnvelopeSecretBox(subject.keys, purpose="idempotency")
    sealed = box.encrypt("payload", "scope-a")
    with pytest.raises(FailedPrecondition):
        box.decrypt(sealed, "scope-b")
    with pytest.raises(FailedPrecondition):
        EnvelopeSecretBox(subject.keys, purpose="dev-keys").decrypt(sealed, "scope-a")


def test_tampered_or_garbage_values_fail_closed(subject: Subject) -> None:
    box = EnvelopeSecretBox(subject.keys, purpose="idempotency")
    record = json.loads(base64.b64decode(box.encrypt("payload", "s")))
    ct = bytearray(base64.b64decode(record["c"]))
    ct[-1] ^= 1
    tampered = {**record, "c": base64.b64encode(bytes(ct)).decode()}
    for bad in (
        base64.b64encode(json.dumps(tampered).encode()).decode(),
        base64.b64encode(json.dumps({**record, "w": "!!"}).encode()).decode(),
        base64.b64encode(b"{}").decode(),
        "not base64 at all",
    ):
        with pytest.raises(FailedPrecondition):
            box.decrypt(bad, "s")


def test_values_survive_master_key_rotation(subject: Subject) -> None:
    box = EnvelopeSecretBox(subject.keys, purpose="idempotency")
    old = box.encrypt("before rotation", "s")
    assert subject.rotate() == "2"
    new = box.encrypt("after rotation", "s")
    assert json.loads(base64.b64decode(new))["v"] == "2"
    assert box.decrypt(old, "s") == "before rotation"
    assert box.decrypt(new, "s") == "after rotation"


def test_app_seals_idempotent_replays_with_cloud_kms(
    settings: Settings, root_key: str, tmp_path: Path, kms: tuple[FakeKms, str]
) -> None:
    """The composition root uses the configured KMS for replays; no local replay key file."""
    fake, endpoint = kms
    app_settings = dataclasses.replace(
        settings,
        data_dir=tmp_path,
        duckdb_path=":memory:",
        metrics_port=free_port(),
        kms_key_name=f"{KEY}-app",
        kms_endpoint=endpoint,
    )
    app = build_app(app_settings)
    port = app.server.start("127.0.0.1", 0, app_settings.metrics_port)
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            root = (("x-ca-root-key", root_key),)
            admin_pb2_grpc.AdminServiceStub(channel).Bootstrap(
                admin_pb2.BootstrapRequest(), metadata=root
            )
            orgs = organizations_pb2_grpc.OrganizationsServiceStub(channel)
            request = organizations_pb2.OnboardOrganizationRequest(
                org_slug="kms_replay",
                company_name="KMS Replay Co",
                admin_email="ops@kms.example",
                request_id="onboard-kms-1",
            )
            before = len(fake.calls)
            first = orgs.OnboardOrganization(request, metadata=root)
            assert fake.calls[before:].count("Encrypt") >= 1
            mark = len(fake.calls)
            second, call = orgs.OnboardOrganization.with_call(request, metadata=root)
        assert ("idempotent-replayed", "true") in (call.initial_metadata() or ())
        assert second.api_key == first.api_key and first.api_key
        assert "Decrypt" in fake.calls[mark:]
        rows = app.warehouse.select("organizations", "org_idempotency_keys", [])
        stored = [r for r in rows if str(r["operation"]).endswith("OnboardOrganization")]
        assert len(stored) == 1
        response = stored[0]["response"]
        assert isinstance(response, dict) and response["state"] == "done"
        sealed = json.loads(base64.b64decode(response["sealed"]))
        assert sealed["k"] == f"{KEY}-app" and sealed["v"] == "1"
        assert first.api_key not in json.dumps(stored[0], default=str)
        assert not (tmp_path / "idempotency.key").exists()
    finally:
        app.server.stop(1)
        app.close()

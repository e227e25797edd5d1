"""One key-manager suite run against the local key file and Cloud KMS (real client, local fake)."""

from __future__ import annotations

import base64
import json
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cloudact_grpc.adapters.keys.cloud_kms import CloudKmsKeyManager, build_kms_client
from cloudact_grpc.adapters.keys.local_master_key import LocalKeyManager, LocalMasterKeyError
from cloudact_grpc.domain.errors import FailedPrecondition, Unavailable
from cloudact_grpc.ports.keys import KeyManager, WrappedKey
from cloudact_grpc.services.envelope import EnvelopeCipher, credential_aad
from tests.support.kms_fake import running_fake_kms

KEY = "projects/p/locations/global/keyRings/r/cryptoKeys/credentials"


@dataclass
class Subject:
    keys: KeyManager
    rotate: Callable[[], str]


@pytest.fixture(scope="module")
def kms_endpoint() -> Iterator[tuple[object, str]]:
    with running_fake_kms() as (fake, endpoint):
        yield fake, endpoint


@pytest.fixture(params=["local", "kms"])
def subject(
    request: pytest.FixtureRequest, tmp_path: Path, kms_endpoint: tuple[object, str]
) -> Subject:
    if request.param == "local":
        local = LocalKeyManager.from_file(tmp_path / "master.key")
        return Subject(local, local.rotate)
    fake, endpoint = kms_endpoint
    name = f"{KEY}-{tmp_path.name}"  # one CryptoKey per test
    manager = CloudKmsKeyManager(name, build_kms_client(endpoint))
    return Subject(manager, lambda: str(fake.rotate(name)))  # type: ignore[attr-defined]


def test_wrap_unwrap_round_trip_with_version(subject: Subject) -> None:
    data_key = b"k" * 32
    wrapped = subject.keys.wrap(data_key, b"aad-1")
    assert wrapped.key_version == subject.keys.current_version() == "1"
    assert wrapped.key_name == subject.keys.key_name
    assert data_key not in wrapped.wrapped
    assert subject.keys.unwrap(wrapped, b"aad-1") == data_key


def test_wrong_aad_or_tampering_fails(subject: Subject) -> None:
    wrapped = subject.keys.wrap(b"k" * 32, b"org-a")
    with pytest.raises(FailedPrecondition):
        subject.keys.unwrap(wrapped, b"org-b")
    flipped = bytearray(wrapped.wrapped)
    flipped[-1] ^= 1
    with pytest.raises(FailedPrecondition):
        subject.keys.unwrap(
            WrappedKey(wrapped.key_name, wrapped.key_version, bytes(flipped)), b"org-a"
        )


def test_rotation_keeps_old_wraps_and_rewrap_moves_to_new_version(subject: Subject) -> None:
    cipher = EnvelopeCipher(subject.keys)
    aad = credential_aad("acme", "openai", "c1")
    sealed = cipher.seal("sk-secret-value-123", aad)
    assert subject.rotate() == "2"
    assert subject.keys.current_version() == "2"
    assert cipher.needs_rewrap(sealed, "2")
    assert cipher.open(sealed, aad) == "sk-secret-value-123"
    moved = cipher.rewrap(sealed, aad)
    assert moved.key_version == "2" and moved.ciphertext_b64 == sealed.ciphertext_b64
    assert not cipher.needs_rewrap(moved, "2")
    assert cipher.open(moved, aad) == "sk-secret-value-123"


def test_envelope_binds_owner_and_uses_fresh_data_keys(subject: Subject) -> None:
    cipher = EnvelopeCipher(subject.keys)
    a = cipher.seal("same-secret-xyz", credential_aad("org_a", "openai", "c1"))
    b = cipher.seal("same-secret-xyz", credential_aad("org_a", "openai", "c1"))
    assert a.ciphertext_b64 != b.ciphertext_b64 and a.wrapped_data_key_b64 != b.wrapped_data_key_b64
    assert b"same-secret-xyz" not in base64.b64decode(a.ciphertext_b64)
    with pytest.raises(FailedPrecondition):
        cipher.open(a, credential_aad("org_b", "openai", "c1"))


def test_local_key_file_is_private_versioned_and_reloads(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "master.key"
    first = LocalKeyManager.from_file(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    wrapped = first.wrap(b"d" * 32, b"x")
    first.rotate()
    again = LocalKeyManager.from_file(path)
    assert again.current_version() == "2"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert again.unwrap(wrapped, b"x") == b"d" * 32
    assert set(json.loads(path.read_text())["keys"]) == {"1", "2"}
    path.chmod(0o644)
    with pytest.raises(LocalMasterKeyError):
        LocalKeyManager.from_file(path)


def test_local_keys_from_environment() -> None:
    v1, v2 = base64.b64encode(b"1" * 32).decode(), base64.b64encode(b"2" * 32).decode()
    manager = LocalKeyManager.from_env(f"1:{v1},2:{v2}")
    assert manager.current_version() == "2" and manager.key_name == "local:env"
    old = LocalKeyManager.from_env(f"1:{v1}").wrap(b"d" * 32, b"a")
    assert manager.unwrap(old, b"a") == b"d" * 32
    with pytest.raises(LocalMasterKeyError):
        LocalKeyManager.from_env("1:not-base64!")


def test_kms_unreachable_is_unavailable() -> None:
    manager = CloudKmsKeyManager(KEY, build_kms_client("127.0.0.1:1"), timeout_seconds=1.0)
    with pytest.raises(Unavailable):
        manager.wrap(b"k" * 32, b"a")

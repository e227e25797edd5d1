"""The idempotency table's request hash: keyed by the server secret; legacy rows still match."""

from __future__ import annotations

import hashlib

from cloudact_grpc.services.request_hash import KEYED_PREFIX, RequestHasher

REQUEST = b"\n\x06my_org\x12\x06My Org"
OTHER = b"\n\x06my_org\x12\tOther Org"


def test_the_stored_hash_is_keyed_by_the_server_secret() -> None:
    hasher = RequestHasher.from_secret(b"s" * 32)
    stored = hasher.digest(REQUEST)
    assert stored.startswith(KEYED_PREFIX)
    assert hashlib.sha256(REQUEST).hexdigest() not in stored  # no offline guessing
    assert stored == RequestHasher.from_secret(b"s" * 32).digest(REQUEST)  # stable per secret
    assert stored != RequestHasher.from_secret(b"t" * 32).digest(REQUEST)
    assert stored != RequestHasher(b"s" * 32).digest(REQUEST)  # HKDF: not the secret itself


def test_a_keyed_hash_matches_only_its_own_request() -> None:
    hasher = RequestHasher.from_secret(b"s" * 32)
    stored = hasher.digest(REQUEST)
    assert hasher.matches(stored, REQUEST)
    assert not hasher.matches(stored, OTHER)
    assert not RequestHasher.from_secret(b"t" * 32).matches(stored, REQUEST)


def test_a_legacy_unkeyed_hash_still_matches_its_own_request_only() -> None:
    hasher = RequestHasher.from_secret(b"s" * 32)
    legacy = hashlib.sha256(REQUEST).hexdigest()  # what rows before the deploy carry
    assert hasher.matches(legacy, REQUEST)
    assert not hasher.matches(legacy, OTHER)
    # A keyed row is never compared in the legacy form (nor a legacy row in the keyed form).
    assert not hasher.matches(KEYED_PREFIX + legacy, REQUEST)
    assert not hasher.matches(hasher.digest(REQUEST).removeprefix(KEYED_PREFIX), REQUEST)

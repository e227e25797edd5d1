"""Envelope encryption of credentials: a fresh AES-256-GCM data key per secret.

The data key encrypts the secret; the key manager wraps the data key. Both steps bind the same
associated data (org, provider, credential id), so a ciphertext moved to another row fails to
open. ``rewrap`` re-seals only the data key: the stored secret ciphertext is never rewritten.

``EnvelopeSecretBox`` puts the same scheme behind the ``SecretBox`` port, for secrets kept in a
single text column (idempotent replays), so they are protected by the configured key manager
(Cloud KMS in production) rather than by a local key file.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from cloudact_grpc.domain.errors import FailedPrecondition
from cloudact_grpc.ports.keys import KeyManager, WrappedKey

_NONCE = 12


@dataclass(frozen=True, slots=True)
class Sealed:
    """What is stored for one secret (base64 text, as the warehouse keeps it)."""

    ciphertext_b64: str
    wrapped_data_key_b64: str
    key_name: str
    key_version: str


def credential_aad(org_slug: str, provider: str, credential_id: str) -> bytes:
    """Associated data binding a credential to its owner and identity."""
    return f"cloudact/credential/v1|{org_slug}|{provider}|{credential_id}".encode()


class EnvelopeCipher:
    """Seals, opens and re-wraps secrets with a ``KeyManager``."""

    def __init__(self, keys: KeyManager) -> None:
        self._keys = keys

    @property
    def keys(self) -> KeyManager:
        """The key manager in use."""
        return self._keys

    def seal(self, plaintext: str, aad: bytes) -> Sealed:
        """Encrypt ``plaintext`` under a new data key and wrap that key."""
        data_key = AESGCM.generate_key(bit_length=256)
        nonce = os.urandom(_NONCE)
        ciphertext = nonce + AESGCM(data_key).encrypt(nonce, plaintext.encode(), aad)
        wrapped = self._keys.wrap(data_key, aad)
        return Sealed(
            _b64(ciphertext), _b64(wrapped.wrapped), wrapped.key_name, wrapped.key_version
        )

    def open(self, sealed: Sealed, aad: bytes) -> str:
        """Decrypt; ``FailedPrecondition`` when anything does not match."""
        data_key = self._keys.unwrap(_wrapped(sealed), aad)
        raw = base64.b64decode(sealed.ciphertext_b64)
        try:
            return AESGCM(data_key).decrypt(raw[:_NONCE], raw[_NONCE:], aad).decode()
        except (InvalidTag, ValueError):
            raise FailedPrecondition(
                "secret", "envelope", "undecryptable", "the stored credential does not decrypt"
            ) from None

    def needs_rewrap(self, sealed: Sealed, current_version: str) -> bool:
        """Whether the data key is wrapped under another key or version than the current one."""
        return (sealed.key_name, sealed.key_version) != (self._keys.key_name, current_version)

    def rewrap(self, sealed: Sealed, aad: bytes) -> Sealed:
        """The same ciphertext with its data key re-wrapped under the current version."""
        data_key = self._keys.unwrap(_wrapped(sealed), aad)
        wrapped = self._keys.wrap(data_key, aad)
        return Sealed(sealed.ciphertext_b64, _b64(wrapped.wrapped), wrapped.key_name,
                      wrapped.key_version)  # fmt: skip


class EnvelopeSecretBox:
    """A ``SecretBox`` over ``EnvelopeCipher``: one data key per secret, wrapped by the KMS.

    The text is base64 of a small JSON record (key name, key version, wrapped data key,
    ciphertext), so a value outlives master-key rotation: it names the version that opens it.
    ``purpose`` separates the associated data of different stores, so a value never opens in
    another store even with the same caller-supplied ``aad``. A value that does not open
    (tampered, moved, unknown key) raises ``FailedPrecondition``; an unreachable key service
    raises ``Unavailable``.
    """

    def __init__(self, keys: KeyManager, purpose: str) -> None:
        if not purpose or "|" in purpose:
            raise ValueError("purpose must be non-empty text without '|'")
        self._cipher = EnvelopeCipher(keys)
        self._purpose = purpose

    def _aad(self, aad: str) -> bytes:
        return f"cloudact/secret-box/v1|{self._purpose}|{aad}".encode()

    def encrypt(self, plaintext: str, aad: str) -> str:
        """Seal ``plaintext`` bound to ``aad``; returns base64 text."""
        sealed = self._cipher.seal(plaintext, self._aad(aad))
        record = {
            "k": sealed.key_name,
            "v": sealed.key_version,
            "w": sealed.wrapped_data_key_b64,
            "c": sealed.ciphertext_b64,
        }
        return _b64(json.dumps(record, separators=(",", ":")).encode())

    def decrypt(self, ciphertext_b64: str, aad: str) -> str:
        """Open a value of ``encrypt`` with the same ``aad``."""
        try:
            record = json.loads(base64.b64decode(ciphertext_b64, validate=True))
            sealed = Sealed(str(record["c"]), str(record["w"]), str(record["k"]), str(record["v"]))
            base64.b64decode(sealed.ciphertext_b64, validate=True)
            base64.b64decode(sealed.wrapped_data_key_b64, validate=True)
        except (ValueError, binascii.Error, KeyError, TypeError):
            raise FailedPrecondition(
                "secret", "envelope", "malformed", "the stored secret is not an envelope"
            ) from None
        return self._cipher.open(sealed, self._aad(aad))


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _wrapped(sealed: Sealed) -> WrappedKey:
    return WrappedKey(sealed.key_name, sealed.key_version,
                      base64.b64decode(sealed.wrapped_data_key_b64))  # fmt: skip

"""The stored fingerprint of an idempotent request: HMAC-SHA-256 under a server key.

A request holds values worth guessing (webhook headers, key names), so the idempotency table
keeps a keyed hash (prefix ``hmac-sha256:``) that nobody without the server secret can test
guesses against. The key is derived with HKDF from the API-key hash secret, so no new setting.

Transition: rows written before keyed hashes hold the plain SHA-256 of the request (no prefix)
and live up to the 24 h TTL; they are still matched so a retry across the deploy replays.
Delete ``_legacy`` and its branch one TTL after the deploy (no unprefixed row is left then).
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEYED_PREFIX = "hmac-sha256:"
HKDF_INFO = b"cloudact-idempotency-request-hash-v1"


class RequestHasher:
    """Keyed hashes of canonical request bytes, and their constant-time comparison."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    @classmethod
    def from_secret(cls, secret: bytes) -> RequestHasher:
        """A hasher whose key is HKDF-SHA-256 of ``secret`` for this purpose alone."""
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=HKDF_INFO)
        return cls(hkdf.derive(secret))

    def digest(self, request: bytes) -> str:
        """What is stored for ``request``."""
        return KEYED_PREFIX + hmac.new(self._key, request, hashlib.sha256).hexdigest()

    def matches(self, stored: str, request: bytes) -> bool:
        """Whether ``stored`` is the hash of ``request`` (keyed, or legacy for an old row)."""
        expected = self.digest(request) if stored.startswith(KEYED_PREFIX) else _legacy(request)
        return hmac.compare_digest(stored.encode(), expected.encode())


def _legacy(request: bytes) -> str:
    """The unkeyed hash of rows written before keyed hashes (delete one TTL after the deploy)."""
    return hashlib.sha256(request).hexdigest()

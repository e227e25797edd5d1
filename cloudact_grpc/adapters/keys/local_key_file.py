"""AES-256-GCM under a 32-byte key kept in a local file (created 0600). Development only."""

from __future__ import annotations

import base64
import os
import threading
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NONCE = 12


class LocalKeyFileBox:
    """A ``SecretBox`` whose key lives in ``path`` (generated on first use)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._aead: AESGCM | None = None

    def _cipher(self) -> AESGCM:
        with self._lock:
            if self._aead is None:
                self._aead = AESGCM(self._load_or_create())
            return self._aead

    def _load_or_create(self) -> bytes:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(self._path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            key = self._path.read_bytes()
            if len(key) != 32:
                raise ValueError(f"{self._path} must hold exactly 32 bytes") from None
            return key
        key = AESGCM.generate_key(bit_length=256)
        with os.fdopen(fd, "wb") as out:
            out.write(key)
        return key

    def encrypt(self, plaintext: str, aad: str) -> str:
        """Base64 of nonce + ciphertext + tag."""
        nonce = os.urandom(_NONCE)
        sealed = self._cipher().encrypt(nonce, plaintext.encode(), aad.encode())
        return base64.b64encode(nonce + sealed).decode()

    def decrypt(self, ciphertext_b64: str, aad: str) -> str:
        """Inverse of ``encrypt``; raises ``cryptography.exceptions.InvalidTag`` on tampering."""
        raw = base64.b64decode(ciphertext_b64)
        return self._cipher().decrypt(raw[:_NONCE], raw[_NONCE:], aad.encode()).decode()

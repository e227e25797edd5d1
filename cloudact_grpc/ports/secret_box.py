"""Symmetric authenticated encryption of small secrets (the dev-key store uses it)."""

from __future__ import annotations

from typing import Protocol


class SecretBox(Protocol):
    """Encrypts to and decrypts from base64 text; ``aad`` binds the ciphertext to its owner."""

    def encrypt(self, plaintext: str, aad: str) -> str: ...

    def decrypt(self, ciphertext_b64: str, aad: str) -> str: ...

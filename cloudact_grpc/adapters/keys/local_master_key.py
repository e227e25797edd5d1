"""Local key manager: versioned AES-256-GCM master keys in a 0600 file or the environment.

File format (JSON): ``{"primary": 2, "keys": {"1": "<b64 32 bytes>", "2": "..."}}``. The
environment form is ``"1:<b64>,2:<b64>"`` (primary = highest version). ``rotate`` adds a new
version and makes it primary; older versions stay so existing wraps still open until re-wrapped.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import threading
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from cloudact_grpc.domain.errors import FailedPrecondition
from cloudact_grpc.ports.keys import WrappedKey

_NONCE = 12
_KEY_BYTES = 32


class LocalMasterKeyError(Exception):
    """The key file or variable cannot be used (configuration error at start-up)."""


class LocalKeyManager:
    """A ``KeyManager`` over local versioned master keys."""

    def __init__(self, keys: dict[int, bytes], primary: int, *, path: Path | None = None) -> None:
        if primary not in keys:
            raise LocalMasterKeyError(f"primary version {primary} has no key")
        for version, key in keys.items():
            if len(key) != _KEY_BYTES:
                raise LocalMasterKeyError(f"master key version {version} is not 32 bytes")
        self._keys = dict(keys)
        self._primary = primary
        self._path = path
        self._lock = threading.Lock()

    @classmethod
    def from_file(cls, path: Path) -> LocalKeyManager:
        """Load ``path``, creating it (0600, one fresh version) on first use."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return cls._parse_file(path)
        keys = {1: AESGCM.generate_key(bit_length=256)}
        with os.fdopen(fd, "w") as out:
            out.write(_dump(keys, 1))
        return cls(keys, 1, path=path)

    @classmethod
    def from_env(cls, value: str) -> LocalKeyManager:
        """Parse ``"1:<b64>,2:<b64>"``; the highest version is primary."""
        keys: dict[int, bytes] = {}
        try:
            for part in value.split(","):
                version, _, b64 = part.strip().partition(":")
                keys[int(version)] = base64.b64decode(b64, validate=True)
        except (ValueError, binascii.Error):
            raise LocalMasterKeyError(
                "master keys must look like '1:<base64>,2:<base64>'"
            ) from None
        if not keys:
            raise LocalMasterKeyError("no master key given")
        return cls(keys, max(keys))

    @classmethod
    def _parse_file(cls, path: Path) -> LocalKeyManager:
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            raise LocalMasterKeyError(f"{path} must not be readable by others (mode {mode:o})")
        try:
            data = json.loads(path.read_text())
            keys = {int(v): base64.b64decode(k, validate=True) for v, k in data["keys"].items()}
            primary = int(data["primary"])
        except (ValueError, KeyError, TypeError, binascii.Error):
            raise LocalMasterKeyError(f"{path} is not a master key file") from None
        return cls(keys, primary, path=path)

    @property
    def key_name(self) -> str:
        """``local:<file name>`` or ``local:env``."""
        return f"local:{self._path.name}" if self._path else "local:env"

    def current_version(self) -> str:
        """The primary version number, as text."""
        with self._lock:
            return str(self._primary)

    def rotate(self) -> str:
        """Add a fresh version, make it primary and persist it (file-backed only)."""
        with self._lock:
            version = max(self._keys) + 1
            keys = {**self._keys, version: AESGCM.generate_key(bit_length=256)}
            if self._path is not None:
                tmp = self._path.with_suffix(".tmp")
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "w") as out:
                    out.write(_dump(keys, version))
                tmp.replace(self._path)
            self._keys, self._primary = keys, version
            return str(version)

    def wrap(self, data_key: bytes, aad: bytes) -> WrappedKey:
        """Seal ``data_key`` under the primary version."""
        with self._lock:
            version, key = self._primary, self._keys[self._primary]
        nonce = os.urandom(_NONCE)
        sealed = AESGCM(key).encrypt(nonce, data_key, aad)
        return WrappedKey(self.key_name, str(version), nonce + sealed)

    def unwrap(self, wrapped: WrappedKey, aad: bytes) -> bytes:
        """Open ``wrapped`` with the version it records."""
        with self._lock:
            key = (
                self._keys.get(int(wrapped.key_version)) if wrapped.key_version.isdigit() else None
            )
        if key is None:
            raise FailedPrecondition(
                "master_key", f"{wrapped.key_name}/{wrapped.key_version}", "unavailable",
                f"master key version {wrapped.key_version!r} is not available",
            )  # fmt: skip
        raw = wrapped.wrapped
        try:
            return AESGCM(key).decrypt(raw[:_NONCE], raw[_NONCE:], aad)
        except (InvalidTag, ValueError):
            raise FailedPrecondition(
                "data_key", wrapped.key_name, "unopenable", "the wrapped data key does not open"
            ) from None


def _dump(keys: dict[int, bytes], primary: int) -> str:
    return json.dumps(
        {
            "primary": primary,
            "keys": {str(v): base64.b64encode(k).decode() for v, k in keys.items()},
        }
    )

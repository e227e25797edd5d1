"""The key-manager port: wraps and unwraps data keys under a versioned master key.

A wrapped key is only ever unwrapped with the same associated data it was wrapped with, so a
wrapped key copied to another owner's row does not open. Implementations raise
``FailedPrecondition`` when a wrapped key does not open (wrong key, wrong associated data,
tampering) and ``Unavailable`` when the key service cannot be reached.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class WrappedKey:
    """A data key sealed by a key manager: which key and version, and the opaque bytes."""

    key_name: str
    key_version: str
    wrapped: bytes


class KeyManager(Protocol):
    """Wraps data keys under a master key that can rotate to new versions."""

    @property
    def key_name(self) -> str:
        """Name of the master key (no key material)."""
        ...

    def current_version(self) -> str:
        """Version new wraps use."""
        ...

    def wrap(self, data_key: bytes, aad: bytes) -> WrappedKey:
        """Seal ``data_key`` under the current version, bound to ``aad``."""
        ...

    def unwrap(self, wrapped: WrappedKey, aad: bytes) -> bytes:
        """Open ``wrapped`` with the same ``aad`` it was sealed with."""
        ...

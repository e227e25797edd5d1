"""Standard Webhooks signatures: HMAC-SHA256 over ``{id}.{timestamp}.{body}``.

Headers ``webhook-id`` (stable across retries), ``webhook-timestamp`` (Unix seconds) and
``webhook-signature`` (``v1,<base64>``; a space-separated list once secrets rotate). The secret is
``whsec_`` + base64 of 32 random bytes; the key is the decoded bytes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

PREFIX = "whsec_"


def new_secret() -> str:
    """A fresh signing secret."""
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` header value."""
    key = base64.b64decode(secret.removeprefix(PREFIX))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def verify(secret: str, msg_id: str, timestamp: int, body: bytes, header: str) -> bool:
    """True when one of the header's signatures matches (constant-time)."""
    expected = sign(secret, msg_id, timestamp, body)
    return any(hmac.compare_digest(expected, part) for part in header.split())

"""Offset page tokens bound to the query they came from."""

from __future__ import annotations

import base64
import hashlib
import json

from cloudact_grpc.domain.errors import InvalidArgument

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000


def page_size(size: int) -> int:
    """Validated page size (0 → default)."""
    if not 0 <= size <= MAX_PAGE_SIZE:
        raise InvalidArgument.field("page_size", f"must be between 0 and {MAX_PAGE_SIZE}")
    return size or DEFAULT_PAGE_SIZE


def encode(offset: int, query: str) -> str:
    """Token for ``offset`` of ``query``."""
    digest = hashlib.sha256(query.encode()).hexdigest()[:16]
    raw = json.dumps({"o": offset, "q": digest}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(token: str, query: str) -> int:
    """Offset of ``token``; ``InvalidArgument`` if it belongs to another query."""
    if not token:
        return 0
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        offset = data["o"]
        if data["q"] == hashlib.sha256(query.encode()).hexdigest()[:16] and isinstance(offset, int):
            return max(offset, 0)
    except (ValueError, KeyError, TypeError):
        pass
    raise InvalidArgument.field("page_token", "not a token from this listing")

"""Offset page tokens bound to the query they came from."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from cloudact_grpc.domain.errors import InvalidArgument

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of items and the next page's token ('' on the last page)."""

    items: tuple[T, ...]
    next_page_token: str


def paginate(items: Sequence[T], page_size: int, page_token: str, fingerprint: str) -> Page[T]:
    """The page of ``items`` that ``page_token`` points at."""
    if not 0 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidArgument.field("page_size", f"must be between 0 and {MAX_PAGE_SIZE}")
    size = page_size or DEFAULT_PAGE_SIZE
    offset = _decode(page_token, fingerprint)
    end = offset + size
    token = _encode(end, fingerprint) if end < len(items) else ""
    return Page(tuple(items[offset:end]), token)


def _encode(offset: int, fingerprint: str) -> str:
    raw = json.dumps({"o": offset, "f": fingerprint}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(token: str, fingerprint: str) -> int:
    if not token:
        return 0
    bad = InvalidArgument.field("page_token", "not a token from this listing")
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        offset = data["o"]
    except (ValueError, KeyError, TypeError):
        raise bad from None
    if data.get("f") != fingerprint or not isinstance(offset, int) or offset < 0:
        raise bad
    return offset

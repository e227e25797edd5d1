"""The one paging rule: page sizes and offset page tokens bound to the query they came from.

``page_size`` 0 means the default, a size above the cap is lowered to the cap (AIP-158) and a
negative size is refused; listings the frontend reads whole (``read_whole``) default to the cap.
A token carries an offset and a fingerprint of its query; a token from another query, a forged
offset or garbage is refused, naming ``page_token``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Generic, TypeVar

from cloudact_grpc.domain.errors import InvalidArgument

DEFAULT_PAGE_SIZE: Final = 50
MAX_PAGE_SIZE: Final = 1000
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of items, the total over every page and the next token ('' on the last)."""

    items: tuple[T, ...]
    total_size: int
    next_page_token: str


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page starts, how long it is, and the query its tokens are bound to."""

    offset: int
    size: int
    fingerprint: str

    def next_token(self, more: bool) -> str:
        """The token of the following page, or '' when this page is the last."""
        return encode_token(self.offset + self.size, self.fingerprint) if more else ""


def page_size(requested: int) -> int:
    """0 → the default; above ``MAX_PAGE_SIZE`` → the cap; negative → ``InvalidArgument``."""
    if requested < 0:
        raise InvalidArgument.field("page_size", "must not be negative")
    return min(requested or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def read_whole(requested: int) -> int:
    """The page size of a listing the frontend reads whole (it never sends one): 0 → the cap.

    Any other size, negative ones included, goes on to ``page_size`` unchanged.
    """
    return requested or MAX_PAGE_SIZE


def fingerprint(query: object) -> str:
    """A short, stable digest of a query's identity (its ``repr``)."""
    return hashlib.sha256(repr(query).encode()).hexdigest()[:16]


def cursor(requested_size: int, token: str, query: object) -> Cursor:
    """The page ``token`` points at, ``requested_size`` long, for ``query``."""
    size = page_size(requested_size)
    digest = fingerprint(query)
    return Cursor(decode_token(token, digest), size, digest)


def paginate(items: Sequence[T], requested_size: int, token: str, query: object) -> Page[T]:
    """The page of in-memory ``items`` that ``token`` points at."""
    at = cursor(requested_size, token, query)
    chunk = tuple(items[at.offset : at.offset + at.size])
    return Page(chunk, len(items), at.next_token(at.offset + at.size < len(items)))


def encode_token(offset: int, digest: str) -> str:
    """An opaque token for ``offset`` of the query with fingerprint ``digest``."""
    raw = json.dumps({"o": offset, "f": digest}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str, digest: str) -> int:
    """The offset in ``token`` ('' → 0); ``InvalidArgument`` unless it belongs to ``digest``."""
    if not token:
        return 0
    bad = InvalidArgument.field("page_token", "not a token from this listing")
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        offset = data["o"]
        owner = data["f"]
    except (ValueError, KeyError, TypeError):
        raise bad from None
    if owner != digest or not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise bad
    return offset

"""Organisation API keys: issue, verify, rotate, revoke; the org-key authenticator.

Keys look like ``ca_{org_slug}_{43 url-safe chars}`` (256 random bits) and are shown once. Only
the HMAC-SHA256 of the key under a server secret is stored; the fingerprint everywhere is the
first 8 hex characters of that stored hash. Successful lookups are cached in process and the
cache is invalidated at once, under a per-org generation counter, on rotate, revoke, delete and
suspension, and other replicas are told through ``on_invalidate`` (change notices); without
a shared store the short TTL bounds staleness across replicas.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from cloudact_grpc.domain.clock import Clock, SystemClock
from cloudact_grpc.domain.errors import (
    NotFound,
    PermissionDenied,
    Reason,
    Unauthenticated,
)
from cloudact_grpc.domain.principal import Principal
from cloudact_grpc.ports.secret_box import SecretBox
from cloudact_grpc.ports.warehouse import Eq, OrderBy, Warehouse
from cloudact_grpc.services.bootstrap import CENTRAL_DATASET
from cloudact_grpc.services.columns import ts_col
from cloudact_grpc.services.orgs import tables

KEYS_TABLE = tables.API_KEYS
PROFILES_TABLE = tables.PROFILES
KEY_PREFIX = "ca_"
DEFAULT_SCOPES = ("org:read", "org:write", "pipelines:run")
ACTIVE = "ACTIVE"
_MAX_KEY_LENGTH = 3 + 50 + 1 + 64


@dataclass(frozen=True, slots=True)
class IssuedKey:
    """A freshly issued key: the clear text exists only in this object."""

    key_id: str
    api_key: str
    fingerprint: str
    key_prefix: str


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """Metadata of an org's active key (never the key)."""

    org_slug: str
    key_id: str
    key_prefix: str
    fingerprint: str
    is_active: bool
    scopes: tuple[str, ...]
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class _Cached:
    principal: Principal
    expires: float


class ApiKeyService:
    """Stores and verifies org API keys; implements ``ApiKeyAuthenticator``."""

    def __init__(
        self,
        warehouse: Warehouse,
        secret: bytes,
        *,
        dataset: str = CENTRAL_DATASET,
        clock: Clock | None = None,
        dev_box: SecretBox | None = None,
        cache_ttl_seconds: float = 30.0,
        on_invalidate: Callable[[str], None] | None = None,
    ) -> None:
        if len(secret) < 16:
            raise ValueError("the key hash secret must be at least 16 bytes")
        self._warehouse = warehouse
        self._secret = secret
        self._dataset = dataset
        self._clock = clock or SystemClock()
        self._dev_box = dev_box
        self._ttl = cache_ttl_seconds
        self._on_invalidate = on_invalidate  # tells the other replicas
        self._lock = threading.Lock()
        self._cache: dict[str, _Cached] = {}
        self._generation = 0  # bumped by every invalidation

    # ---- hashing -------------------------------------------------------------------------

    def hash_key(self, api_key: str) -> str:
        """Hex HMAC-SHA256 of the key under the server secret (what is stored)."""
        return hmac.new(self._secret, api_key.encode(), hashlib.sha256).hexdigest()

    @staticmethod
    def fingerprint(key_hash: str) -> str:
        """The displayed fingerprint: first 8 hex characters of the stored hash."""
        return key_hash[:8]

    # ---- issuing and revoking ------------------------------------------------------------

    def issue(self, org_slug: str) -> IssuedKey:
        """Create and store a new active key for ``org_slug``; return it (shown once)."""
        head = f"{KEY_PREFIX}{org_slug}_"
        api_key = head + secrets.token_urlsafe(32)
        key_hash = self.hash_key(api_key)
        key_id = uuid.uuid4().hex
        prefix = api_key[: len(head) + 4]
        row: dict[str, object] = {
            "org_api_key_id": key_id,
            "org_slug": org_slug,
            "key_hash": key_hash,
            "key_fingerprint": self.fingerprint(key_hash),
            "key_prefix": prefix,
            "scopes": list(DEFAULT_SCOPES),
            "is_active": True,
            "created_at": self._clock.now(),
        }
        if self._dev_box is not None:
            row["dev_key_ciphertext_b64"] = self._dev_box.encrypt(api_key, aad=key_id)
        self._warehouse.insert_rows(self._dataset, KEYS_TABLE, [row])
        return IssuedKey(key_id, api_key, self.fingerprint(key_hash), prefix)

    def revoke_all(self, org_slug: str, *, keep_key_id: str | None = None) -> int:
        """Deactivate every active key of ``org_slug`` except ``keep_key_id``; return the count."""
        self.invalidate_org(org_slug)
        revoked = 0
        now = self._clock.now()
        for row in self._active_rows(org_slug):
            key_id = str(row["org_api_key_id"])
            if key_id == keep_key_id:
                continue
            revoked += self._warehouse.update(
                self._dataset,
                KEYS_TABLE,
                {"is_active": False, "revoked_at": now, "dev_key_ciphertext_b64": None},
                [Eq("org_api_key_id", key_id), Eq("is_active", True)],
            )
        self.invalidate_org(org_slug)
        return revoked

    def rotate(self, org_slug: str) -> tuple[IssuedKey, int]:
        """Issue a new key first, then revoke the others; return the new key and revoked count."""
        issued = self.issue(org_slug)
        return issued, self.revoke_all(org_slug, keep_key_id=issued.key_id)

    def delete_key_row(self, key_id: str) -> None:
        """Remove a key row (onboarding compensation)."""
        self._warehouse.delete(self._dataset, KEYS_TABLE, [Eq("org_api_key_id", key_id)])

    # ---- reads ---------------------------------------------------------------------------

    def key_info(self, org_slug: str) -> KeyInfo:
        """The newest active key's metadata; NotFound when there is none."""
        rows = self._active_rows(org_slug)
        if not rows:
            raise NotFound("api_key", org_slug, f"organization '{org_slug}' has no active API key")
        row = rows[0]
        scopes = row.get("scopes")
        return KeyInfo(
            org_slug=org_slug,
            key_id=str(row["org_api_key_id"]),
            key_prefix=str(row["key_prefix"]),
            fingerprint=str(row["key_fingerprint"]),
            is_active=True,
            scopes=tuple(str(s) for s in scopes) if isinstance(scopes, list) else (),
            created_at=ts_col(row, "created_at"),
        )

    def dev_key(self, org_slug: str) -> str:
        """The active key in clear (development only: needs the dev key store)."""
        if self._dev_box is None:
            raise PermissionDenied(
                "the clear API key is only available in development",
                reason=Reason.DEVELOPMENT_ONLY,
                metadata={"environment": "development"},  # where the method exists
            )
        for row in self._active_rows(org_slug):
            sealed = row.get("dev_key_ciphertext_b64")
            if isinstance(sealed, str) and sealed:
                return self._dev_box.decrypt(sealed, aad=str(row["org_api_key_id"]))
        raise NotFound("api_key", org_slug, f"organization '{org_slug}' has no stored dev API key")

    def _active_rows(self, org_slug: str) -> list[dict[str, object]]:
        return self._warehouse.select(
            self._dataset,
            KEYS_TABLE,
            [Eq("org_slug", org_slug), Eq("is_active", True)],
            order_by=[OrderBy("created_at", descending=True)],
        )

    # ---- authentication ------------------------------------------------------------------

    def invalidate_org(self, org_slug: str) -> None:
        """Forget cached lookups of ``org_slug`` now, here and on the other replicas."""
        self.forget_org(org_slug)
        if self._on_invalidate is not None:
            self._on_invalidate(org_slug)

    def forget_org(self, org_slug: str) -> None:
        """Forget this process's cached lookups of ``org_slug`` (and any racing lookup)."""
        with self._lock:
            self._generation += 1
            for key in [k for k, c in self._cache.items() if c.principal.org_slug == org_slug]:
                del self._cache[key]

    def forget_all(self) -> None:
        """Forget every cached lookup (change notices may have been missed)."""
        with self._lock:
            self._generation += 1
            self._cache.clear()

    def authenticate(self, api_key: str) -> Principal:
        """Resolve ``api_key`` to its org principal.

        Unknown, malformed or revoked keys: Unauthenticated(API_KEY_INVALID). A key of a
        suspended or deleted org: PermissionDenied(ORG_INACTIVE).
        """
        if not api_key.startswith(KEY_PREFIX) or len(api_key) > _MAX_KEY_LENGTH:
            raise Unauthenticated.invalid_api_key(api_key)
        key_hash = self.hash_key(api_key)
        now = time.monotonic()
        with self._lock:
            cached = self._cache.get(key_hash)
            if cached is not None and cached.expires > now:
                return cached.principal
            generation = self._generation
        rows = self._warehouse.select(
            self._dataset,
            KEYS_TABLE,
            [Eq("key_hash", key_hash), Eq("is_active", True)],
            columns=["org_api_key_id", "org_slug", "key_hash"],
            limit=1,
        )
        if not rows or not hmac.compare_digest(str(rows[0]["key_hash"]), key_hash):
            raise Unauthenticated.invalid_api_key(api_key)
        org_slug = str(rows[0]["org_slug"])
        status = self._org_status(org_slug)
        if status != ACTIVE:
            raise PermissionDenied(
                "the organization of this API key is not active",
                reason=Reason.ORG_INACTIVE,
                metadata={"org_slug": org_slug, "status": status or "UNKNOWN"},
            )
        principal = Principal(org_slug=org_slug, key_id=str(rows[0]["org_api_key_id"]))
        with self._lock:
            if self._generation == generation:  # no invalidation raced with this lookup
                self._cache[key_hash] = _Cached(principal, time.monotonic() + self._ttl)
        return principal

    def _org_status(self, org_slug: str) -> str:
        rows = self._warehouse.select(
            self._dataset, PROFILES_TABLE, [Eq("org_slug", org_slug)], columns=["status"]
        )
        return str(rows[0]["status"]) if rows else ""

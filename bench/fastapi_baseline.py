"""The stack a team would otherwise pick: FastAPI on uvicorn, one worker, same checks in process.

Run by ``bench_auth_read.py`` as ``uvicorn bench.fastapi_baseline:app``. ``GET /health`` is the
trivial route. ``GET /api/v1/organizations/{org}/subscription`` does what our authenticated read
does on its hot path, in the FastAPI way: the ``X-API-Key`` is hashed with HMAC-SHA256 and looked
up in an in-process cache, compared in constant time, checked against the path's org, charged to
a per-org token bucket, counted in Prometheus (a request counter and a latency histogram, as
ours), logged as one JSON line with its request id (the caller's ``X-Request-ID`` or a new one),
answered from an in-process plan cache with ``x-request-id`` and the rate-limit headers.
The key comes from ``BENCH_API_KEY`` and the org from ``BENCH_ORG``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
import threading
import time
import uuid

from fastapi import FastAPI, Header, HTTPException, Response
from prometheus_client import Counter, Histogram

_SECRET = b"bench-secret"
_ORG = os.environ.get("BENCH_ORG", "bench_org")
_KEY_HASHES = {
    hmac.new(
        _SECRET, os.environ.get("BENCH_API_KEY", "").encode(), hashlib.sha256
    ).hexdigest(): _ORG
}
_PLAN = {
    "org_slug": _ORG,
    "plan_name": "FREE",
    "status": "ACTIVE",
    "daily_limit": 6,
    "monthly_limit": 180,
    "concurrent_limit": 1,
    "seat_limit": 2,
    "providers_limit": 3,
}


class _Bucket:
    """A token bucket with the same refill arithmetic as ours."""

    def __init__(self, per_minute: float, burst: float) -> None:
        self.rate, self.burst = per_minute / 60.0, burst
        self.tokens, self.updated = burst, time.monotonic()
        self.lock = threading.Lock()

    def take(self) -> bool:
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
            self.updated = now
            if self.tokens < 1:
                return False
            self.tokens -= 1
            return True


_BUCKETS = {_ORG: _Bucket(10_000_000, 1_000_000)}
_HANDLED = Counter("bench_requests", "Requests handled", ["route", "code"])
_LATENCY = Histogram("bench_request_seconds", "Request latency", ["route"])
_READ = (_HANDLED.labels("subscription", "200"), _LATENCY.labels("subscription"))
app = FastAPI()


def _log(**fields: object) -> None:
    sys.stderr.write(json.dumps(fields, sort_keys=True) + "\n")


@app.get("/health")
def health() -> dict[str, str]:
    """The trivial route."""
    return {"status": "ok"}


@app.get("/api/v1/organizations/{org_slug}/subscription")
def subscription(
    org_slug: str,
    response: Response,
    x_api_key: str = Header(default=""),
    x_request_id: str = Header(default=""),
) -> dict[str, object]:
    """Authenticated, rate-limited, logged read from an in-process cache."""
    started = time.perf_counter()
    digest = hmac.new(_SECRET, x_api_key.encode(), hashlib.sha256).hexdigest()
    org = next((o for h, o in _KEY_HASHES.items() if hmac.compare_digest(h, digest)), None)
    if org is None:
        raise HTTPException(401, "invalid API key")
    if org != org_slug:
        raise HTTPException(403, "this API key does not give access to the organization")
    if not _BUCKETS[org].take():
        raise HTTPException(429, "rate limited")
    request_id = x_request_id if 0 < len(x_request_id) <= 128 else str(uuid.uuid4())
    response.headers["x-request-id"] = request_id
    response.headers["x-ratelimit-limit"] = "10000000"
    response.headers["x-ratelimit-remaining"] = str(int(_BUCKETS[org].tokens))
    elapsed = time.perf_counter() - started
    _READ[0].inc()
    _READ[1].observe(elapsed)
    _log(
        event="rpc", method="GET subscription", code="OK", org_slug=org,
        request_id=request_id, duration_ms=round(elapsed * 1000, 3),
    )  # fmt: skip
    return _PLAN

"""Rate limiting after authentication: per-org and global buckets, headers for REST clients."""

from __future__ import annotations

from typing import Any

from cloudact_grpc.api import request_context
from cloudact_grpc.api.access import Access, access_for
from cloudact_grpc.api.interceptors.chain import Call, Step
from cloudact_grpc.api.interceptors.errors import abort_with
from cloudact_grpc.domain import errors
from cloudact_grpc.services.rate_limit import RateLimiter


class RateLimitStep(Step):
    """RESOURCE_EXHAUSTED with QuotaFailure and RetryInfo when a bucket is empty.

    Every limited response carries ``x-ratelimit-limit`` and ``x-ratelimit-remaining``;
    a refusal adds ``retry-after`` (seconds). Envoy passes them on as HTTP headers.
    """

    def __init__(self, limiter: RateLimiter) -> None:
        self._limiter = limiter

    def applies_to(self, method_name: str, handler: Any) -> bool:
        return access_for(method_name) is not Access.PUBLIC

    def run(self, call: Call) -> Any:
        if access_for(call.method_name) is not Access.PUBLIC:
            state = request_context.current()
            principal = state.principal
            org = principal.org_slug if principal is not None else None
            try:
                decision = self._limiter.acquire(org)
            except errors.ResourceExhausted as exc:
                state.response_headers.update(
                    {
                        "x-ratelimit-limit": exc.metadata.get("limit", ""),
                        "x-ratelimit-remaining": "0",
                        "retry-after": str(int(exc.retry_after_seconds)),
                    }
                )
                abort_with(call.context, exc)
            state.response_headers.update(
                {
                    "x-ratelimit-limit": str(decision.limit),
                    "x-ratelimit-remaining": str(decision.remaining),
                }
            )
        return call.proceed()

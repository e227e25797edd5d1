"""Rate limiting after authentication: per-org and global buckets, headers for REST clients."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
from grpc_interceptor import ServerInterceptor

from cloudact_grpc.api import request_context
from cloudact_grpc.api.access import Access, access_for
from cloudact_grpc.api.interceptors.errors import abort_with
from cloudact_grpc.domain import errors
from cloudact_grpc.services.rate_limit import RateLimiter


class RateLimitInterceptor(ServerInterceptor):
    """RESOURCE_EXHAUSTED with QuotaFailure and RetryInfo when a bucket is empty.

    Every limited response carries ``x-ratelimit-limit`` and ``x-ratelimit-remaining``;
    a refusal adds ``retry-after`` (seconds). Envoy passes them on as HTTP headers.
    """

    def __init__(self, limiter: RateLimiter) -> None:
        self._limiter = limiter

    def intercept(
        self,
        method: Callable[[Any, grpc.ServicerContext], Any],
        request_or_iterator: Any,
        context: grpc.ServicerContext,
        method_name: str,
    ) -> Any:
        if access_for(method_name) is not Access.PUBLIC:
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
                abort_with(context, exc)
            state.response_headers.update(
                {
                    "x-ratelimit-limit": str(decision.limit),
                    "x-ratelimit-remaining": str(decision.remaining),
                }
            )
        return method(request_or_iterator, context)

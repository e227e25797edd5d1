"""Heavy calls hold an in-flight slot of their organization while they run.

See ``services/work_limit.py``; a streamed response holds its slot until the stream ends.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

from cloudact_grpc.api import request_context
from cloudact_grpc.api.interceptors.chain import Call, Step
from cloudact_grpc.api.interceptors.errors import abort_with
from cloudact_grpc.api.interceptors.streams import around
from cloudact_grpc.api.workload import is_heavy
from cloudact_grpc.domain import errors
from cloudact_grpc.services.work_limit import InFlightLimiter


class WorkloadStep(Step):
    """RESOURCE_EXHAUSTED with ``retry-after`` when the org (or the service) has no free slot."""

    def __init__(self, limiter: InFlightLimiter) -> None:
        self._limiter = limiter

    def applies_to(self, method_name: str, handler: Any) -> bool:
        return is_heavy(method_name)

    def run(self, call: Call) -> Any:
        if not is_heavy(call.method_name):
            return call.proceed()
        state = request_context.current()
        principal = state.principal
        org = (principal.org_slug if principal else None) or f"root:{state.org_slug or ''}"
        held = ExitStack()
        try:
            held.enter_context(self._limiter.slot(org))
        except errors.ResourceExhausted as exc:
            state.response_headers["retry-after"] = str(int(exc.retry_after_seconds))
            abort_with(call.context, exc)

        def on_error(exc: BaseException) -> Any:
            raise exc

        return around(call.proceed, on_error, held.close)

"""One grpc interceptor that runs an ordered list of small steps around every handler.

Each step (request context, decoding, auth, rate limit, workload, write admission, replay,
error mapping) sees the call as a ``Call`` and runs the rest of the chain with
``call.proceed()``; what it returns is the handler's result (a message, or a response stream).
The wrapped handler is built once per method and reused, with only the steps that apply to the
method (``Step.applies_to``: no write admission on a read, no heavy-work slot on a cheap call),
so a call costs one Python frame per step it needs and no per-call wrapping.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import grpc

_KINDS = ("unary_unary", "unary_stream", "stream_unary", "stream_stream")


class Call:
    """One RPC as the steps see it; a step may replace ``request`` before proceeding."""

    __slots__ = ("_behavior", "_next", "_steps", "context", "method_name", "request")

    def __init__(
        self,
        steps: tuple[Step, ...],
        behavior: Callable[[Any, grpc.ServicerContext], Any],
        request: Any,
        context: grpc.ServicerContext,
        method_name: str,
    ) -> None:
        self._steps = steps
        self._behavior = behavior
        self._next = 0
        self.request = request
        self.context = context
        self.method_name = method_name

    def proceed(self) -> Any:
        """Run the next step, or the handler itself after the last one."""
        index = self._next
        if index < len(self._steps):
            self._next = index + 1
            return self._steps[index].run(self)
        return self._behavior(self.request, self.context)


class Step:
    """A link of the chain; the default passes the call on unchanged."""

    def run(self, call: Call) -> Any:
        """Do this step's job around ``call.proceed()``."""
        return call.proceed()

    def applies_to(self, method_name: str, handler: Any) -> bool:
        """Whether calls of this method need the step (decided once per method; default yes)."""
        return True

    def adapt_handler(self, handler: Any) -> Any:
        """Change the method's handler once (e.g. its deserializer); unchanged by default."""
        return handler


class InterceptorChain(grpc.ServerInterceptor):
    """Runs ``steps`` in order, outermost first, around every method's handler."""

    def __init__(self, steps: Sequence[Step]) -> None:
        self._steps = tuple(steps)
        self._wrapped: dict[str, tuple[Any, Any]] = {}

    @property
    def steps(self) -> tuple[Step, ...]:
        """The steps, outermost first."""
        return self._steps

    def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Any],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> Any:
        """The method's handler wrapped in the chain (built on its first call, then reused)."""
        handler = continuation(handler_call_details)
        if handler is None:
            return None
        method_name: str = handler_call_details.method
        cached = self._wrapped.get(method_name)
        if cached is not None and cached[0] is handler:
            return cached[1]
        wrapped = self._wrap(handler, method_name)
        self._wrapped[method_name] = (handler, wrapped)
        return wrapped

    def _wrap(self, handler: Any, method_name: str) -> Any:
        kind = next(k for k in _KINDS if getattr(handler, k) is not None)
        behavior = getattr(handler, kind)
        steps = tuple(step for step in self._steps if step.applies_to(method_name, handler))

        def invoke(request: Any, context: grpc.ServicerContext) -> Any:
            return Call(steps, behavior, request, context, method_name).proceed()

        adapted = handler._replace(**{kind: invoke})
        for step in steps:
            adapted = step.adapt_handler(adapted)
        return adapted

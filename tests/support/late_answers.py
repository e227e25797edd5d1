"""A gRPC pass-through whose first answer to a chosen method arrives too late.

It forwards every unary call to the real server as raw bytes (metadata and deadline passed
on) and, for the first call of each method named in ``late``, waits ``delay`` seconds after the
server answered before answering: the server committed, but the caller's deadline passed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent import futures
from contextlib import contextmanager

import grpc


class LateAnswers(grpc.GenericRpcHandler):
    """Forwards calls; holds the first answer of each method in ``late`` (``held``: those)."""

    def __init__(self, upstream: grpc.Channel, late: set[str], delay: float) -> None:
        self._upstream = upstream
        self._late = set(late)
        self._delay = delay
        self._lock = threading.Lock()
        self.held: list[str] = []

    def service(
        self, details: grpc.HandlerCallDetails
    ) -> grpc.RpcMethodHandler[bytes, bytes] | None:
        method = str(details.method)
        call: Callable[..., bytes] = self._upstream.unary_unary(method)

        def forward(request: bytes, context: grpc.ServicerContext) -> bytes:
            try:
                answer = call(
                    request,
                    metadata=context.invocation_metadata(),
                    timeout=context.time_remaining(),
                )
            except grpc.RpcError as exc:
                context.abort(exc.code(), str(exc.details()))
            with self._lock:
                hold = method.rsplit("/", 1)[-1] in self._late
                self._late.discard(method.rsplit("/", 1)[-1])
                if hold:
                    self.held.append(method)
            if hold:
                time.sleep(self._delay)
            return answer

        return grpc.unary_unary_rpc_method_handler(forward)


@contextmanager
def late_answers(target: str, late: set[str], delay: float) -> Iterator[tuple[str, LateAnswers]]:
    """A pass-through to ``target``; yields its address and the handler (``.held``: calls held)."""
    with grpc.insecure_channel(target) as upstream:
        handler = LateAnswers(upstream, late, delay)
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=8), handlers=[handler])
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        try:
            yield f"127.0.0.1:{port}", handler
        finally:
            server.stop(0)

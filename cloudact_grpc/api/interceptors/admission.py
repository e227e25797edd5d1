"""No new write starts once the server is draining or the caller's deadline has passed.

A write that started runs to its end (the server waits for it at shutdown) and its outcome is
stored under its ``request_id`` / ``Idempotency-Key``: a caller cut off by a deadline or a
shutdown retries with the same key and gets the committed result. A write that has not
started is refused with UNAVAILABLE and ``RetryInfo`` (reason BACKEND_UNAVAILABLE, metadata
``backend``: ``api`` and ``cause``: ``draining`` or ``deadline``) and writes nothing.
"""

from __future__ import annotations

import threading
from typing import Any

from google.protobuf import message as pb_message

from cloudact_grpc.api.interceptors.chain import Call, Step
from cloudact_grpc.api.interceptors.decoding import request_descriptor
from cloudact_grpc.api.interceptors.errors import abort_with
from cloudact_grpc.domain import errors

MIN_SECONDS_TO_WRITE = 0.05
"""A write is not started with less time than this left before the caller's deadline."""


def is_write(request: Any) -> bool:
    """Mutations are the requests that carry ``request_id``."""
    return isinstance(request, pb_message.Message) and (
        "request_id" in request.DESCRIPTOR.fields_by_name
    )


def takes_writes(handler: Any) -> bool:
    """Whether a method's requests can be writes: one request message that has ``request_id``."""
    if getattr(handler, "request_streaming", False):
        return False
    descriptor = request_descriptor(handler.request_deserializer)
    return descriptor is None or "request_id" in descriptor.fields_by_name


class WriteAdmissionStep(Step):
    """Refuses to start writes while ``draining`` is set or past the caller's deadline."""

    def __init__(self, draining: threading.Event) -> None:
        self._draining = draining

    def applies_to(self, method_name: str, handler: Any) -> bool:
        return takes_writes(handler)

    def run(self, call: Call) -> Any:
        if is_write(call.request):
            cause = ""
            remaining = call.context.time_remaining()
            if self._draining.is_set():
                cause = "draining"
            elif remaining is not None and remaining < MIN_SECONDS_TO_WRITE:
                cause = "deadline"
            if cause:
                abort_with(
                    call.context,
                    errors.Unavailable(
                        "the server is shutting down; retry with the same request_id"
                        if cause == "draining"
                        else "too little time left before the deadline to start a write",
                        retry_after_seconds=1,
                        metadata={"backend": "api", "cause": cause, "method": call.method_name},
                    ),
                )
        return call.proceed()

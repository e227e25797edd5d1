"""Local stand-ins for notification receivers: an HTTP endpoint and an SMTP server."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler
from typing import Any

from aiosmtpd.controller import Controller

from tests.support.http import serving_http
from tests.support.ports import free_port


@dataclass
class Received:
    """One HTTP request as received."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class HttpReceiver:
    """Records requests; answers 500 to the next ``fail_next`` of them, else 200."""

    url: str
    requests: list[Received] = field(default_factory=list)
    fail_next: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def on(self, path: str) -> list[Received]:
        """Requests to ``path``."""
        with self.lock:
            return [r for r in self.requests if r.path == path]


@contextlib.contextmanager
def running_http_receiver() -> Iterator[HttpReceiver]:
    """An HTTP receiver on 127.0.0.1 and a free port."""
    receiver = HttpReceiver("")  # its URL once served

    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length)
            with receiver.lock:
                receiver.requests.append(
                    Received(
                        self.command,
                        self.path,
                        {k.lower(): v for k, v in self.headers.items()},
                        body,
                    )
                )
                failing = receiver.fail_next > 0
                receiver.fail_next -= failing
            self.send_response(500 if failing else 200)
            self.send_header("content-length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        do_POST = do_PUT = _handle  # noqa: N815

        def log_message(self, *args: Any) -> None:
            return

    with serving_http(Handler) as url:
        receiver.url = url
        yield receiver


@dataclass
class SmtpReceiver:
    """Messages accepted by the local SMTP server."""

    port: int
    messages: list[Message] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)


@contextlib.contextmanager
def running_smtp_receiver() -> Iterator[SmtpReceiver]:
    """aiosmtpd on 127.0.0.1 and a free port."""
    receiver = SmtpReceiver(free_port())

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            receiver.messages.append(message_from_bytes(envelope.content))
            receiver.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=receiver.port)
    controller.start()
    try:
        yield receiver
    finally:
        controller.stop()

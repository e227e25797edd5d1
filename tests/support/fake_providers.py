"""Local HTTP servers that answer like the providers (and a Google-style token endpoint)."""

from __future__ import annotations

import base64
import json
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from tests.support.http import serving_http


@dataclass
class Reply:
    """What the fake answers: status, JSON body, headers, and an optional delay."""

    status: int = 200
    body: object = field(default_factory=lambda: {"data": []})
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Seen:
    """One request the fake received."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class FakeProvider:
    """Answers every request with ``reply`` (or ``responder``) and records what it saw."""

    def __init__(self) -> None:
        self.reply = Reply()
        self.responder: Callable[[Seen], Reply] | None = None
        self.seen: list[Seen] = []
        self.url = ""

    def handle(self, seen: Seen) -> Reply:
        self.seen.append(seen)
        return self.responder(seen) if self.responder else self.reply


@contextmanager
def running_fake_provider() -> Iterator[FakeProvider]:
    """Serve a ``FakeProvider`` on a free loopback port."""
    fake = FakeProvider()

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            seen = Seen(
                self.command, self.path, dict(self.headers.items()), self.rfile.read(length)
            )
            reply = fake.handle(seen)
            if reply.delay:
                time.sleep(reply.delay)
            data = json.dumps(reply.body).encode()
            try:
                self.send_response(reply.status)
                for name, value in {"Content-Type": "application/json", **reply.headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

        do_GET = _serve  # noqa: N815 - http.server naming
        do_POST = _serve  # noqa: N815

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serving_http(Handler) as url:
        fake.url = url
        yield fake


def new_service_account(token_uri: str, project: str = "proj-1") -> tuple[str, rsa.RSAPublicKey]:
    """A fresh fake service-account JSON (real RSA key) and its public key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    info = {
        "type": "service_account",
        "project_id": project,
        "private_key_id": "kid-1",
        "private_key": pem,
        "client_email": f"svc@{project}.iam.gserviceaccount.com",
        "client_id": "123",
        "token_uri": token_uri,
    }
    return json.dumps(info), key.public_key()


def token_endpoint(trusted: list[rsa.RSAPublicKey]) -> Callable[[Seen], Reply]:
    """A JWT-bearer token endpoint accepting assertions signed by one of ``trusted``."""

    def respond(seen: Seen) -> Reply:
        form = urllib.parse.parse_qs(seen.body.decode())
        assertion = form.get("assertion", [""])[0]
        if form.get("grant_type") != ["urn:ietf:params:oauth:grant-type:jwt-bearer"]:
            return Reply(400, {"error": "unsupported_grant_type"})
        try:
            head, payload, sig = assertion.split(".")
            signature = base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4))
        except ValueError:
            return Reply(400, {"error": "invalid_request"})
        for public in trusted:
            try:
                public.verify(
                    signature, f"{head}.{payload}".encode(), padding.PKCS1v15(), hashes.SHA256()
                )
            except Exception:  # noqa: BLE001, S112 - try the next key
                continue
            return Reply(
                200, {"access_token": "ya29.fake", "expires_in": 3600, "token_type": "Bearer"}
            )
        return Reply(400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."})

    return respond

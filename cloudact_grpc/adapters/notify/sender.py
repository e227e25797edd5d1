"""The ``Notifier``: signed JSON webhooks and Slack payloads over httpx, email over SMTP.

HTTP deliveries never follow redirects; 5xx, 429 and network errors are retried (3 attempts,
backoff base x 1, x 2), other statuses fail at once. The URL is re-checked before every send.
"""

from __future__ import annotations

import json
import smtplib
import time
from email.message import EmailMessage

import httpx

from cloudact_grpc.adapters.notify import egress, signing
from cloudact_grpc.domain.errors import InvalidArgument
from cloudact_grpc.ports.notifier import Delivery, Message, Target

ATTEMPTS = 3
TIMEOUT = httpx.Timeout(10.0, connect=5.0)


def webhook_body(message: Message) -> bytes:
    """The JSON body of a webhook delivery (amounts are decimal strings in ``data``)."""
    return json.dumps(
        {
            "id": message.notification_id,
            "type": message.event_type,
            "org_slug": message.org_slug,
            "created_at": message.created_at.isoformat(),
            "subject": message.subject,
            "text": message.text,
            "data": message.data,
        },
        separators=(",", ":"),
        sort_keys=True,
    ).encode()


def slack_body(target: Target, message: Message) -> bytes:
    """A Slack incoming-webhook payload: ``text`` plus a section block."""
    mentions = [f"<@{u}>" for u in target.mention_users]
    if target.mention_channel:
        mentions.insert(0, "<!channel>")
    lead = " ".join(mentions)
    text = f"{lead} *{message.subject}*\n{message.text}".strip()
    return json.dumps(
        {
            "text": text,
            "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
        }
    ).encode()


class HttpSmtpNotifier:
    """Delivers to webhooks, Slack and SMTP."""

    def __init__(
        self,
        *,
        smtp_host: str,
        smtp_port: int,
        smtp_from: str,
        allow_loopback: bool = False,
        retry_base_seconds: float = 0.5,
    ) -> None:
        self._smtp = (smtp_host, smtp_port, smtp_from)
        self._loopback = allow_loopback
        self._base = retry_base_seconds

    def check_url(self, url: str, field_name: str) -> None:
        """See ``Notifier.check_url``."""
        egress.check_url(url, field_name, allow_loopback=self._loopback)

    def deliver(self, target: Target, message: Message) -> Delivery:
        """See ``Notifier.deliver``."""
        if target.kind == "email":
            return self._email(target, message)
        try:
            self.check_url(target.url, "url")
        except InvalidArgument as exc:
            return Delivery(False, 0, exc.message)
        if target.kind == "slack":
            body, headers = slack_body(target, message), {"content-type": "application/json"}
        else:
            body = webhook_body(message)
            stamp = int(time.time())
            headers = {
                **target.headers,
                "content-type": "application/json",
                "webhook-id": message.notification_id,
                "webhook-timestamp": str(stamp),
                "webhook-signature": signing.sign(
                    target.signing_secret, message.notification_id, stamp, body
                ),
            }
        return self._http(target, body, headers)

    def _http(self, target: Target, body: bytes, headers: dict[str, str]) -> Delivery:
        detail = ""
        with httpx.Client(timeout=TIMEOUT, follow_redirects=False) as client:
            for attempt in range(1, ATTEMPTS + 1):
                try:
                    reply = client.request(target.method, target.url, content=body, headers=headers)
                except httpx.HTTPError as exc:
                    detail = f"network error: {type(exc).__name__}"
                else:
                    if 200 <= reply.status_code < 300:
                        return Delivery(True, attempt, f"HTTP {reply.status_code}")
                    detail = f"HTTP {reply.status_code}"
                    if reply.status_code != 429 and reply.status_code < 500:
                        return Delivery(False, attempt, detail)
                if attempt < ATTEMPTS:
                    time.sleep(self._base * 2 ** (attempt - 1))
        return Delivery(False, ATTEMPTS, detail)

    def _email(self, target: Target, message: Message) -> Delivery:
        host, port, sender = self._smtp
        mail = EmailMessage()
        mail["From"] = sender
        mail["To"] = ", ".join(target.recipients)
        if target.cc:
            mail["Cc"] = ", ".join(target.cc)
        prefix = f"{target.subject_prefix} " if target.subject_prefix else ""
        mail["Subject"] = f"{prefix}{message.subject}"
        mail["Message-ID"] = f"<{message.notification_id}@cloudact>"
        mail.set_content(message.text)
        detail = ""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with smtplib.SMTP(host, port, timeout=10) as smtp:
                    smtp.send_message(mail)
                return Delivery(True, attempt, f"accepted by {host}:{port}")
            except (OSError, smtplib.SMTPException) as exc:
                detail = f"smtp error: {type(exc).__name__}"
                if isinstance(exc, smtplib.SMTPRecipientsRefused):
                    return Delivery(False, attempt, detail)
            if attempt < ATTEMPTS:
                time.sleep(self._base * 2 ** (attempt - 1))
        return Delivery(False, ATTEMPTS, detail)

"""Outbound notifications: where a channel delivers (webhook, Slack, email) and the sender port."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Target:
    """A channel's delivery details, secrets in clear (only in memory, never logged)."""

    kind: str  # webhook, slack or email
    url: str = ""
    method: str = "POST"
    headers: Mapping[str, str] = field(default_factory=dict)
    signing_secret: str = ""
    recipients: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    subject_prefix: str = ""
    mention_users: tuple[str, ...] = ()
    mention_channel: bool = False


@dataclass(frozen=True, slots=True)
class Message:
    """One notification: a stable id (the same on every retry), its text and its data."""

    notification_id: str
    event_type: str
    org_slug: str
    subject: str
    text: str
    data: Mapping[str, object]
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Delivery:
    """How a delivery went."""

    ok: bool
    attempts: int
    detail: str


class Notifier(Protocol):
    """Sends messages to targets, retrying transient failures."""

    def check_url(self, url: str, field_name: str) -> None:
        """Raise ``InvalidArgument`` naming ``field_name`` unless ``url`` may be called."""
        ...

    def deliver(self, target: Target, message: Message) -> Delivery:
        """Send ``message``; transient failures are retried with backoff before giving up."""
        ...

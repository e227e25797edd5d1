"""Notification channels: CRUD with encrypted secrets, delivery targets and test sends."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import Aborted, InvalidArgument, NotFound
from cloudact_grpc.ports.notifier import Notifier, Target
from cloudact_grpc.ports.secret_box import SecretBox
from cloudact_grpc.ports.warehouse import Eq
from cloudact_grpc.services.alerts.tables import CHANNELS, AlertTables, mapping, strings
from cloudact_grpc.services.audit import ResourceAudit
from cloudact_grpc.services.budgets.inputs import Violations
from cloudact_grpc.services.columns import ts_col

TYPES: Final = ("email", "slack", "webhook")
_EMAIL: Final = re.compile(r"[^@\s]{1,64}@[^@\s]{1,255}\.[A-Za-z]{2,}")
_HEADER: Final = re.compile(r"[A-Za-z0-9-]{1,64}")
RESOURCE: Final = "NOTIFICATION_CHANNEL"


@dataclass(frozen=True, slots=True)
class ChannelInput:
    """Fields of a create or update (None: not given)."""

    name: str | None = None
    channel_type: str | None = None
    is_default: bool | None = None
    is_active: bool | None = None
    email_recipients: Sequence[str] | None = None
    email_cc_recipients: Sequence[str] | None = None
    email_subject_prefix: str | None = None
    slack_webhook_url: str | None = None
    slack_channel: str | None = None
    slack_mention_users: Sequence[str] | None = None
    slack_mention_channel: bool | None = None
    webhook_url: str | None = None
    webhook_headers: Mapping[str, str] | None = None
    webhook_method: str | None = None


@dataclass(frozen=True, slots=True)
class Channel:
    """A stored channel (secrets opened only for delivery)."""

    channel_id: str
    channel_type: str
    name: str
    is_default: bool
    is_active: bool
    settings: Mapping[str, object]
    has_url: bool
    version: int
    created_at: dt.datetime
    signing_secret: str = field(default="", repr=False)  # only right after creation


class ChannelService:
    """Channels of each org."""

    def __init__(
        self,
        tables: AlertTables,
        box: SecretBox,
        notifier: Notifier,
        *,
        signing_secret: Callable[[], str],
    ) -> None:
        self._t = tables
        self._box = box
        self._notifier = notifier
        self._audit = ResourceAudit(tables.audit, RESOURCE)
        self._new_secret = signing_secret

    def list_channels(self, org_slug: str, channel_type: str, active_only: bool) -> list[Channel]:
        """Channels, oldest first."""
        _, ds = self._t.org(org_slug, active=False)
        out = [_channel(r) for r in self._t.wh.select(ds, CHANNELS)]
        if channel_type:
            out = [c for c in out if c.channel_type == channel_type.strip().lower()]
        if active_only:
            out = [c for c in out if c.is_active]
        return sorted(out, key=lambda c: (c.created_at, c.channel_id))

    def create(self, ctx: CallContext, org_slug: str, g: ChannelInput) -> Channel:
        """Validate, encrypt the secrets and store; a webhook gets a fresh signing secret."""
        slug, ds = self._t.org(org_slug, active=True)
        bad = Violations()
        kind = (g.channel_type or "").strip().lower()
        if kind not in TYPES:
            bad.add("channel_type", "must be email, slack or webhook")
        name = _name(g.name or "", bad)
        settings = self._settings({}, g, bad)
        secret: dict[str, object] = {}
        if kind == "email" and not settings.get("email_recipients"):
            bad.add("email_recipients", "required: at least one address")
        if kind == "slack":
            secret["url"] = self._url(g.slack_webhook_url or "", "slack_webhook_url", bad)
        if kind == "webhook":
            secret["url"] = self._url(g.webhook_url or "", "webhook_url", bad)
            secret["headers"] = _headers(g.webhook_headers or {}, bad)
            secret["signing_secret"] = self._new_secret()
        bad.raise_any()
        channel_id = uuid.uuid4().hex
        now = self._t.clock.now()
        row = {
            "channel_id": channel_id,
            "channel_type": kind,
            "name": name,
            "is_default": bool(g.is_default),
            "is_active": True if g.is_active is None else g.is_active,
            "settings": settings,
            "secret": self._seal(slug, channel_id, secret) if secret else None,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        self._t.wh.insert_rows(ds, CHANNELS, [row])
        self._audit.record(ctx, slug, "CREATE", channel_id, {"channel_type": kind})
        return replace(_channel(row), signing_secret=str(secret.get("signing_secret", "")))

    def update(self, ctx: CallContext, org_slug: str, channel_id: str, g: ChannelInput) -> Channel:
        """Change the fields given (URLs re-checked and re-encrypted)."""
        slug, ds = self._t.org(org_slug, active=True)
        row = self._row(ds, channel_id)
        old = _channel(row)
        bad = Violations()
        changes: dict[str, object] = {}
        if g.name is not None:
            changes["name"] = _name(g.name, bad)
        if g.is_default is not None:
            changes["is_default"] = g.is_default
        if g.is_active is not None:
            changes["is_active"] = g.is_active
        settings = self._settings(dict(old.settings), g, bad)
        if settings != old.settings:
            changes["settings"] = settings
        url_field = {"slack": "slack_webhook_url", "webhook": "webhook_url"}.get(old.channel_type)
        new_url = g.slack_webhook_url if url_field == "slack_webhook_url" else g.webhook_url
        new_headers = g.webhook_headers if old.channel_type == "webhook" else None
        if url_field and (new_url is not None or new_headers is not None):
            secret = self._open(slug, old.channel_id, row)
            if new_url is not None:
                secret["url"] = self._url(new_url, url_field, bad)
            if new_headers is not None:
                secret["headers"] = _headers(new_headers, bad)
            changes["secret"] = self._seal(slug, old.channel_id, secret)
        bad.raise_any()
        if not changes:
            raise InvalidArgument.field("channel", "send at least one field to change")
        changes |= {"version": old.version + 1, "updated_at": self._t.clock.now()}
        if not self._t.wh.compare_and_set(
            ds, CHANNELS, changes, [Eq("channel_id", old.channel_id)], {"version": old.version}
        ):
            raise Aborted("notification channel", old.channel_id)
        self._audit.record(ctx, slug, "UPDATE", old.channel_id, {"fields": sorted(changes)})
        return _channel({**row, **changes})

    def delete(self, ctx: CallContext, org_slug: str, channel_id: str) -> bool:
        """Delete; False when absent."""
        slug, ds = self._t.org(org_slug, active=True)
        cid = _id(channel_id, "channel_id")
        deleted = self._t.wh.delete(ds, CHANNELS, [Eq("channel_id", cid)]) > 0
        self._audit.record(ctx, slug, "DELETE", cid, {"deleted": deleted})
        return deleted

    def get(self, ds: str, channel_id: str) -> Channel:
        """One channel of a dataset."""
        return _channel(self._row(ds, channel_id))

    def target(self, slug: str, ds: str, channel_id: str) -> Target:
        """Where a channel delivers, secrets opened."""
        row = self._row(ds, channel_id)
        c = _channel(row)
        s = c.settings
        secret = self._open(slug, c.channel_id, row) if row.get("secret") else {}
        headers = secret.get("headers") or {}
        return Target(
            kind=c.channel_type,
            url=str(secret.get("url", "")),
            method=str(s.get("webhook_method") or "POST"),
            headers={str(k): str(v) for k, v in headers.items()}
            if isinstance(headers, dict)
            else {},
            signing_secret=str(secret.get("signing_secret", "")),
            recipients=strings(s.get("email_recipients")),
            cc=strings(s.get("email_cc_recipients")),
            subject_prefix=str(s.get("email_subject_prefix") or ""),
            mention_users=strings(s.get("slack_mention_users")),
            mention_channel=bool(s.get("slack_mention_channel")),
        )

    def default_ids(self, ds: str) -> list[str]:
        """Active default channels."""
        rows = self._t.wh.select(ds, CHANNELS)
        return [str(r["channel_id"]) for r in rows if r["is_default"] and r["is_active"]]

    # ---- helpers --------------------------------------------------------------------------

    def _row(self, ds: str, channel_id: str) -> dict[str, object]:
        cid = _id(channel_id, "channel_id")
        rows = self._t.wh.select(ds, CHANNELS, [Eq("channel_id", cid)], limit=1)
        if not rows:
            raise NotFound("notification channel", cid)
        return rows[0]

    def _url(self, raw: str, name: str, bad: Violations) -> str:
        url = raw.strip()
        if not url:
            bad.add(name, "required")
            return url
        try:
            self._notifier.check_url(url, name)
        except InvalidArgument as exc:
            bad.items.extend(exc.violations)
        return url

    def _settings(
        self, old: dict[str, object], g: ChannelInput, bad: Violations
    ) -> dict[str, object]:
        out = dict(old)
        for key, values in (
            ("email_recipients", g.email_recipients),
            ("email_cc_recipients", g.email_cc_recipients),
        ):
            if values is not None:
                cleaned = [v.strip() for v in values if v.strip()]
                if any(not _EMAIL.fullmatch(v) for v in cleaned) or len(cleaned) > 50:
                    bad.add(key, "up to 50 email addresses")
                out[key] = cleaned
        for key, text in (
            ("email_subject_prefix", g.email_subject_prefix),
            ("slack_channel", g.slack_channel),
        ):
            if text is not None:
                if len(text) > 100:
                    bad.add(key, "at most 100 characters")
                out[key] = text.strip()
        if g.slack_mention_users is not None:
            out["slack_mention_users"] = [u.strip() for u in g.slack_mention_users if u.strip()]
        if g.slack_mention_channel is not None:
            out["slack_mention_channel"] = g.slack_mention_channel
        if g.webhook_method is not None:
            method = g.webhook_method.strip().upper() or "POST"
            if method not in ("POST", "PUT"):
                bad.add("webhook_method", "must be POST or PUT")
            out["webhook_method"] = method
        return out

    def _seal(self, slug: str, channel_id: str, secret: Mapping[str, object]) -> str:
        return self._box.encrypt(json.dumps(secret), f"{slug}/{channel_id}")

    def _open(self, slug: str, channel_id: str, row: Mapping[str, object]) -> dict[str, object]:
        data = json.loads(self._box.decrypt(str(row["secret"]), f"{slug}/{channel_id}"))
        return dict(data) if isinstance(data, dict) else {}


def _channel(row: Mapping[str, object]) -> Channel:
    return Channel(
        channel_id=str(row["channel_id"]),
        channel_type=str(row["channel_type"]),
        name=str(row["name"]),
        is_default=bool(row["is_default"]),
        is_active=bool(row["is_active"]),
        settings=mapping(row.get("settings")),
        has_url=bool(row.get("secret")) and str(row["channel_type"]) != "email",
        version=int(str(row["version"])),
        created_at=ts_col(row, "created_at"),
    )


def _name(raw: str, bad: Violations) -> str:
    name = raw.strip()
    if not 1 <= len(name) <= 100:
        bad.add("name", "required: 1 to 100 characters")
    return name


def _headers(raw: Mapping[str, str], bad: Violations) -> dict[str, str]:
    reserved = {"content-type", "webhook-id", "webhook-timestamp", "webhook-signature", "host"}
    out = {}
    for key, value in raw.items():
        if not _HEADER.fullmatch(key) or key.lower() in reserved or len(value) > 1000:
            bad.add("webhook_headers", f"header {key!r} is not allowed")
        out[key] = value
    return out


def _id(raw: str, name: str) -> str:
    value = raw.strip()
    if not value or len(value) > 64 or not value.isalnum():
        raise InvalidArgument.field(name, "must be an id (letters and digits)")
    return value

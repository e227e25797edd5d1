"""The outbox and delivery log: one history row per (alert, channel), sent at most once.

A row is inserted only if no row has its ``(event_key, channel_id)``, so evaluating twice never
queues twice. Dispatch claims a row with a compare-and-set on its version (``sending``), so two
evaluators never send one row twice; failures stay ``failed`` and are retried by later rounds
(up to ``MAX_ROUNDS``), with the same notification id (the webhook-id receivers dedupe on). A
row left ``sending`` for ``STALE_CLAIM`` (its dispatcher crashed) is taken again: delivery is at
least once, and receivers dedupe on the id.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import InvalidArgument, NotFound, Reason, Unavailable
from cloudact_grpc.ports.notifier import Delivery, Message, Notifier
from cloudact_grpc.ports.warehouse import Eq, In, Predicate
from cloudact_grpc.services import paging
from cloudact_grpc.services.alerts.channels import ChannelService
from cloudact_grpc.services.alerts.tables import HISTORY, AlertTables, mapping

QUEUED, SENDING, SENT, FAILED = "queued", "sending", "sent", "failed"
MAX_ROUNDS: Final = 3
STALE_CLAIM: Final = dt.timedelta(minutes=10)
PREVIEW: Final = 200


@dataclass(frozen=True, slots=True)
class Alert:
    """What to send: its idempotency key, type, texts and data."""

    event_key: str
    rule_id: str
    notification_type: str
    priority: str
    subject: str
    body: str
    data: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class Entry:
    """One history row."""

    row: Mapping[str, object]

    def get(self, name: str) -> object:
        """A column."""
        return self.row.get(name)


class Outbox:
    """Queues, delivers and lists notifications."""

    def __init__(self, tables: AlertTables, channels: ChannelService, notifier: Notifier) -> None:
        self._t = tables
        self._channels = channels
        self._notifier = notifier

    def enqueue(self, ds: str, alert: Alert, channel_id: str) -> str | None:
        """Queue ``alert`` for a channel; its notification id, None when already queued."""
        notification_id = uuid.uuid4().hex
        row = {
            "notification_id": notification_id, "event_key": alert.event_key,
            "rule_id": alert.rule_id or None, "channel_id": channel_id,
            "notification_type": alert.notification_type, "priority": alert.priority,
            "subject": alert.subject, "body": alert.body, "data": dict(alert.data),
            "status": QUEUED, "attempts": 0, "rounds": 0, "error_message": None,
            "sent_at": None, "claimed_at": None, "acknowledged_at": None,
            "acknowledged_by": None, "version": 1, "created_at": self._t.clock.now(),
        }  # fmt: skip
        inserted = self._t.wh.insert_if_absent(ds, HISTORY, row, ["event_key", "channel_id"])
        return notification_id if inserted else None

    def dispatch(self, slug: str, ds: str, only: str = "") -> tuple[int, int, Delivery | None]:
        """Deliver queued and retryable rows (or just ``only``): (sent, failed, last delivery)."""
        where: list[Predicate] = [In("status", (QUEUED, FAILED, SENDING))]
        if only:
            where.append(Eq("notification_id", only))
        sent = failed = 0
        last: Delivery | None = None
        for row in self._t.wh.select(ds, HISTORY, where):
            if int(str(row["rounds"])) >= MAX_ROUNDS:
                continue
            if row["notification_type"] == "test" and not only:
                continue  # a test send is tried once, when asked
            claimed = row.get("claimed_at")
            if row["status"] == SENDING and (
                isinstance(claimed, dt.datetime) and claimed > self._t.clock.now() - STALE_CLAIM
            ):
                continue  # another dispatcher is sending it right now
            version = int(str(row["version"]))
            key = [Eq("notification_id", row["notification_id"])]
            if not self._t.wh.compare_and_set(
                ds,
                HISTORY,
                {"status": SENDING, "claimed_at": self._t.clock.now(), "version": version + 1},
                key,
                {"version": version},
            ):
                continue  # another evaluator claimed it
            last = self._deliver(slug, ds, row)
            done = {
                "status": SENT if last.ok else FAILED,
                "attempts": int(str(row["attempts"])) + last.attempts,
                "rounds": int(str(row["rounds"])) + 1,
                "error_message": None if last.ok else last.detail,
                "sent_at": self._t.clock.now() if last.ok else None,
                "version": version + 2,
            }
            self._t.wh.update(ds, HISTORY, done, key)
            sent, failed = sent + last.ok, failed + (not last.ok)
        return sent, failed, last

    def _deliver(self, slug: str, ds: str, row: Mapping[str, object]) -> Delivery:
        try:
            target = self._channels.target(slug, ds, str(row["channel_id"]))
        except NotFound:
            return Delivery(False, 0, "the channel was deleted")
        created = row["created_at"]
        message = Message(
            notification_id=str(row["notification_id"]),
            event_type=str(row["notification_type"]),
            org_slug=slug,
            subject=str(row["subject"]),
            text=str(row["body"]),
            data=mapping(row.get("data")),
            created_at=created if isinstance(created, dt.datetime) else self._t.clock.now(),
        )
        return self._notifier.deliver(target, message)

    def test_send(self, ctx: CallContext, org_slug: str, channel_id: str) -> Delivery:
        """Send a test message now; Unavailable (PROVIDER_UNREACHABLE) when it fails."""
        slug, ds = self._t.org(org_slug, active=True)
        channel = self._channels.get(ds, channel_id)
        alert = Alert(
            event_key=f"test:{uuid.uuid4().hex}", rule_id="", notification_type="test",
            priority="info", subject=f"CloudAct test of channel {channel.name}",
            body="This is a test notification from CloudAct.", data={"test": True},
        )  # fmt: skip
        notification_id = self.enqueue(ds, alert, channel.channel_id)
        _, _, delivery = self.dispatch(slug, ds, only=notification_id or "")
        self._t.audit.record(
            ctx, org_slug=slug, action="TEST", resource_type="NOTIFICATION_CHANNEL",
            resource_id=channel.channel_id, details={"ok": bool(delivery and delivery.ok)},
        )  # fmt: skip
        if delivery is None or not delivery.ok:
            detail = delivery.detail if delivery else "not sent"
            raise Unavailable(
                f"test delivery failed: {detail}",
                reason=Reason.PROVIDER_UNREACHABLE,
                metadata={
                    "provider": channel.channel_type,
                    "channel_id": channel.channel_id,
                    "detail": detail,
                },
            )
        return delivery

    def history(
        self,
        org_slug: str,
        *,
        notification_type: str,
        channel_id: str,
        status: str,
        days: int,
        limit: int = 0,
        offset: int = 0,
        page_size: int = 0,
        page_token: str = "",
    ) -> paging.Page[Entry]:
        """Entries of the last ``days`` days (default 30), newest first.

        Paged by ``limit``/``offset`` (the frontend's) or by ``page_size``/``page_token``.
        """
        _, ds = self._t.org(org_slug, active=False)
        if not 0 <= days <= 366:
            raise InvalidArgument.field("days", "must be between 0 and 366")
        since = self._t.clock.now() - dt.timedelta(days=days or 30)
        rows = [
            r
            for r in self._t.wh.select(ds, HISTORY)
            if (not notification_type or r["notification_type"] == notification_type)
            and (not channel_id or r["channel_id"] == channel_id)
            and (not status or r["status"] == status)
            and isinstance(r["created_at"], dt.datetime)
            and r["created_at"] >= since
        ]
        rows.sort(key=lambda r: (r["created_at"], str(r["notification_id"])), reverse=True)
        entries = [Entry(r) for r in rows]
        if limit or offset:
            if limit < 0 or offset < 0:
                raise InvalidArgument.field(
                    "limit" if limit < 0 else "offset", "must not be negative"
                )
            size = paging.page_size(limit)
            return paging.Page(tuple(entries[offset : offset + size]), len(entries), "")
        query = ("history", org_slug, notification_type, channel_id, status, days)
        return paging.paginate(entries, page_size, page_token, query)

    def stats(self, org_slug: str) -> dict[str, int | float]:
        """The last 24 hours' notifications, alerts and delivery rate; unacknowledged alerts."""
        _, ds = self._t.org(org_slug, active=False)
        since = self._t.clock.now() - dt.timedelta(hours=24)
        rows = self._t.wh.select(ds, HISTORY)
        recent = [
            r for r in rows if isinstance(r["created_at"], dt.datetime) and r["created_at"] >= since
        ]
        finished = [r for r in recent if r["status"] in (SENT, FAILED)]
        sent = sum(1 for r in finished if r["status"] == SENT)
        return {
            "notifications_24h": len(recent),
            "alerts_24h": len({r["event_key"] for r in recent if r["notification_type"] != "test"}),
            "delivery_rate": round(100 * sent / len(finished), 2) if finished else 100.0,
            "pending_acknowledgments": sum(
                1
                for r in rows
                if r["status"] == SENT
                and r["notification_type"] != "test"
                and r.get("acknowledged_at") is None
            ),
        }

    def acknowledge(self, ctx: CallContext, org_slug: str, notification_id: str) -> Entry:
        """Mark an entry acknowledged (idempotent: the first acknowledgement stays)."""
        slug, ds = self._t.org(org_slug, active=True)
        nid = notification_id.strip()
        rows = self._t.wh.select(ds, HISTORY, [Eq("notification_id", nid)], limit=1)
        if not nid.isalnum() or not rows:
            raise NotFound("notification", nid)
        row = rows[0]
        if row.get("acknowledged_at") is None:
            changes = {"acknowledged_at": self._t.clock.now(), "acknowledged_by": ctx.actor}
            self._t.wh.update(ds, HISTORY, changes, [Eq("notification_id", nid)])
            row = {**row, **changes}
            self._t.audit.record(
                ctx, org_slug=slug, action="ACKNOWLEDGE", resource_type="NOTIFICATION",
                resource_id=nid,
            )  # fmt: skip
        return Entry(row)

"""LLM plan subscriptions (fixed monthly fees) per organisation and provider.

Stored status is ``active`` or ``cancelled``; reads derive ``pending`` (starts later) and
``expired`` (end date passed) from the dates (``LlmSubscription.status_on``). Deleting cancels:
the row stays for past costs, out of the default list, and is no longer edited. Money is
``Decimal`` throughout.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, replace
from decimal import Decimal

from cloudact_grpc.domain import dates
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import (
    AlreadyExists,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
)
from cloudact_grpc.domain.llm import RECORDED_CANCELLED, LlmSubscription
from cloudact_grpc.domain.values import amount, bounded, currency, matching
from cloudact_grpc.ports.warehouse import Eq
from cloudact_grpc.services import paging
from cloudact_grpc.services.llm_rows import (
    SUBSCRIPTIONS_TABLE,
    subscription_from_row,
    subscription_row,
)
from cloudact_grpc.services.llm_tables import Key, LlmTables, Ref, Scope

NAME = r"[A-Za-z0-9_]{1,50}"
ID = r"[A-Za-z0-9_-]{5,100}"
CYCLES = ("monthly", "quarterly", "annual")
RESOURCE = "LLM_SUBSCRIPTION"
PAID_TIER = "paid"
IN_FORCE = ("pending", "active")
"""Statuses the default list shows: in force now or later."""


@dataclass(frozen=True, slots=True)
class SubscriptionInput:
    """Fields of a create or update; None means "not given"."""

    plan_name: str | None = None
    monthly_cost: Decimal | None = None
    currency: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    seats: int | None = None
    billing_cycle: str | None = None
    notes: str | None = None
    unit_price: Decimal | None = None
    """Price per seat per month (the frontend's ``unit_price_usd``): ``monthly_cost`` is then
    this times the seats (times 1 without seats)."""
    subscription_id: str | None = None
    tier_type: str | None = None
    """Only ``paid`` is modelled; the frontend sends it by default."""
    rpm_limit: int | None = None
    """Requests per minute; 0 means no limit (stored NULL)."""
    tpm_limit: int | None = None
    """Tokens per minute; 0 means no limit (stored NULL)."""


def _cost_from_unit(f: SubscriptionInput, seats: int) -> SubscriptionInput:
    """``f`` with ``monthly_cost`` from ``unit_price`` (INVALID_ARGUMENT if both disagree)."""
    if f.unit_price is None:
        return f
    unit = amount(f.unit_price, "unit_price_usd")
    monthly = unit * (seats if seats > 0 else 1)
    if f.monthly_cost is not None and amount(f.monthly_cost, "monthly_cost") != monthly:
        why = "monthly_cost must equal unit_price_usd times the seats; send one of them"
        raise InvalidArgument(
            why,
            violations=[FieldViolation("monthly_cost", why), FieldViolation("unit_price_usd", why)],
        )
    return replace(f, monthly_cost=monthly)


class LlmSubscriptionService:
    """CRUD of ``llm_subscriptions`` in each org dataset."""

    def __init__(self, tables: LlmTables) -> None:
        self._at = tables
        self._wh = tables.warehouse

    def today(self) -> dt.date:
        """Today (UTC) by the service clock."""
        return self._at.today()

    def list_subscriptions(
        self,
        org_slug: str,
        provider: str,
        *,
        enabled_only: bool = False,
        show_deleted: bool = False,
        page_size: int = 0,
        page_token: str = "",
    ) -> tuple[list[LlmSubscription], str]:
        """Subscriptions of ``provider`` ordered by name, and the next page token.

        Only those in force or starting later (pending, active) unless ``show_deleted`` (and
        not ``enabled_only``): a deleted or reset subscription leaves the list the frontend
        reads, its row stays.
        """
        at = self._at.scope(org_slug, provider, active=False)
        in_force = enabled_only or not show_deleted
        cursor = paging.cursor(page_size, page_token, (org_slug, at.provider, in_force))
        today = self.today()
        subs = self._all(at)
        if in_force:
            subs = [s for s in subs if s.status_on(today) in IN_FORCE]
        end = cursor.offset + cursor.size
        return subs[cursor.offset : end], cursor.next_token(end < len(subs))

    def get(self, ref: Ref) -> LlmSubscription:
        """One subscription; NotFound when the name is unknown."""
        at = self._at.scope(ref.org_slug, ref.provider, active=False)
        return subscription_from_row(self._row(at, ref.name))

    def create(self, ctx: CallContext, ref: Ref, fields: SubscriptionInput) -> LlmSubscription:
        """Add a subscription; AlreadyExists when the name is taken for the provider."""
        at = self._at.scope(ref.org_slug, ref.provider, active=True)
        sub = matching(ref.name, NAME, "subscription_name")
        if fields.tier_type is not None and fields.tier_type.strip().lower() != PAID_TIER:
            raise InvalidArgument.field("tier_type", "only paid subscriptions are tracked")
        fields = _cost_from_unit(fields, fields.seats or 0)
        if fields.monthly_cost is None:
            raise InvalidArgument.field("monthly_cost", "required")
        if not fields.start_date:
            raise InvalidArgument.field("start_date", "required")
        now = self._at.clock.now()
        blank = LlmSubscription(
            subscription_id=(
                matching(fields.subscription_id, ID, "subscription_id")
                if fields.subscription_id
                else uuid.uuid4().hex
            ),
            provider=at.provider,
            subscription_name=sub,
            plan_name=sub,
            cancelled=False,
            billing_cycle="monthly",
            currency="USD",
            seats=0,
            monthly_cost=Decimal(0),
            start_date=self.today(),
            end_date=None,
            notes="",
            version=1,
            created_at=now,
            updated_at=now,
        )
        row = {**subscription_row(blank), **_values(fields, self.today())}
        created = subscription_from_row(row)
        _check_dates(created)
        keys = ["provider", "subscription_name"]
        self._at.writable(at, SUBSCRIPTIONS_TABLE)
        if not self._wh.insert_if_absent(at.dataset, SUBSCRIPTIONS_TABLE, row, keys):
            raise AlreadyExists("LLM subscription", f"{at.provider}/{sub}")
        self._at.record(ctx, at, RESOURCE, "CREATE", sub)
        return created

    def update(self, ctx: CallContext, ref: Ref, fields: SubscriptionInput) -> LlmSubscription:
        """Change the fields given; FailedPrecondition on a cancelled subscription."""
        at = self._at.scope(ref.org_slug, ref.provider, active=True)
        if fields.unit_price is not None:
            seats = fields.seats
            if seats is None:
                seats = subscription_from_row(self._row(at, ref.name)).seats
            fields = _cost_from_unit(fields, seats)
        values = _values(fields, self.today())
        if not values:
            raise InvalidArgument.field("update_mask", "send at least one field to change")
        return self._change(ctx, at, ref.name, values, "UPDATE")

    def cancel(self, ctx: CallContext, ref: Ref, end_date: str) -> LlmSubscription:
        """Soft delete: status cancelled, end date set (default today)."""
        at = self._at.scope(ref.org_slug, ref.provider, active=True)
        today = self.today()
        end = dates.parse_date(end_date, "end_date", today=today) if end_date else today
        found = subscription_from_row(self._row(at, ref.name))
        if found.cancelled:  # a retried delete changes nothing; another end date is refused
            if end_date and end != found.end_date:
                raise _cancelled_error(at, found, "its end date stays")
            return found
        return self._change(ctx, at, ref.name, _cancelled(end), "DELETE")

    def reset(
        self, ctx: CallContext, org_slug: str, provider: str
    ) -> tuple[list[LlmSubscription], int]:
        """End every subscription of the provider not cancelled yet (there are no defaults).

        Each ends today, or on its first day when it has not started. Returns the provider's
        subscriptions and how many this call ended.
        """
        at = self._at.scope(org_slug, provider, active=True)
        today = self.today()
        subs, ended = [], 0
        for found in self._all(at):
            if found.cancelled:
                subs.append(found)
                continue
            end = max(found.start_date, today)
            subs.append(self._change(ctx, at, found.subscription_name, _cancelled(end), "DELETE"))
            ended += 1
        return subs, ended

    def _all(self, at: Scope) -> list[LlmSubscription]:
        rows = self._wh.select(at.dataset, SUBSCRIPTIONS_TABLE, [Eq("provider", at.provider)])
        return sorted(map(subscription_from_row, rows), key=lambda s: s.subscription_name)

    def _change(
        self, ctx: CallContext, at: Scope, sub: str, values: dict[str, object], action: str
    ) -> LlmSubscription:
        row = self._row(at, sub)
        old = subscription_from_row(row)
        if old.cancelled:  # checked on the version the change is keyed to
            raise _cancelled_error(at, old, "create a new subscription instead of editing it")
        changes = {**values, "version": old.version + 1, "updated_at": self._at.clock.now()}
        changed = subscription_from_row({**row, **changes})
        _check_dates(changed)
        key = Key("subscription_id", old.subscription_id, old.version)
        self._at.change(at, SUBSCRIPTIONS_TABLE, key, changes, resource="llm_subscription")
        self._at.record(
            ctx, at, RESOURCE, action, old.subscription_name, {"fields": sorted(values)}
        )
        return changed

    def _row(self, at: Scope, sub: str) -> dict[str, object]:
        """The subscription named ``sub``, else the only one (not cancelled) whose plan is it.

        The frontend addresses a subscription by the ``plan_name`` it lists, and its list holds
        no cancelled ones: cancelled rows sharing the plan are history, not a second match.
        """
        matching(sub, NAME, "subscription_name")
        rows = self._select(at, "subscription_name", sub)
        if not rows:
            rows = self._select(at, "plan_name", sub)
            if len(rows) > 1:
                rows = [r for r in rows if r["status"] != RECORDED_CANCELLED]
            if len(rows) != 1:
                raise NotFound("LLM subscription", f"{at.provider}/{sub}")
        return rows[0]

    def _select(self, at: Scope, column: str, value: str) -> list[dict[str, object]]:
        where = [Eq("provider", at.provider), Eq(column, value)]
        return self._wh.select(at.dataset, SUBSCRIPTIONS_TABLE, where)


def _cancelled_error(at: Scope, sub: LlmSubscription, advice: str) -> FailedPrecondition:
    name = f"{at.provider}/{sub.subscription_name}"
    return FailedPrecondition(
        "llm_subscription", name, RECORDED_CANCELLED,
        f"LLM subscription {name} is cancelled (ended {sub.end_date}); {advice}",
    )  # fmt: skip


def _cancelled(end: dt.date) -> dict[str, object]:
    return {"status": RECORDED_CANCELLED, "end_date": end}


def _values(f: SubscriptionInput, today: dt.date) -> dict[str, object]:
    """The given fields, checked, as column → value."""
    out: dict[str, object] = {}
    if f.plan_name is not None:
        name = f.plan_name.strip()
        if not 1 <= len(name) <= 100:
            raise InvalidArgument.field("plan_name", "1 to 100 characters, not only spaces")
        out["plan_name"] = name
    if f.monthly_cost is not None:
        out["monthly_cost"] = amount(f.monthly_cost, "monthly_cost")
    if f.currency is not None:
        out["currency"] = currency(f.currency)
    if f.start_date is not None:
        out["start_date"] = dates.parse_date(f.start_date, "start_date", today=today)
    if f.end_date is not None:
        out["end_date"] = dates.optional_date(f.end_date, "end_date", today=today)
    if f.seats is not None:
        if f.seats < 0:
            raise InvalidArgument.field("seats", "must be at least 0")
        out["seats"] = f.seats
    if f.billing_cycle is not None:
        cycle = f.billing_cycle.lower() or "monthly"
        if cycle not in CYCLES:
            raise InvalidArgument.field("billing_cycle", f"must be one of {', '.join(CYCLES)}")
        out["billing_cycle"] = cycle
    if f.notes is not None:
        out["notes"] = bounded(f.notes, 1000, "notes")
    return {**out, **_limits(f)}


def _limits(f: SubscriptionInput) -> dict[str, int | None]:
    """The rate limits given, as stored: at least 0; 0 (no limit) is NULL."""
    out: dict[str, int | None] = {}
    for name, limit in (("rpm_limit", f.rpm_limit), ("tpm_limit", f.tpm_limit)):
        if limit is not None and limit < 0:
            raise InvalidArgument.field(name, "must be at least 0 (0 means no limit)")
        if limit is not None:
            out[name] = limit or None
    return out


def _check_dates(s: LlmSubscription) -> None:
    if s.end_date is not None and s.end_date < s.start_date:
        raise InvalidArgument.field("end_date", "must not be before start_date")

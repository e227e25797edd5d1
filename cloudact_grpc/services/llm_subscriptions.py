"""LLM plan subscriptions (fixed monthly fees) per organisation and provider.

Stored status is ``active`` or ``cancelled``; reads derive ``pending`` (starts later) and
``expired`` (end date passed) from the dates. Deleting cancels: the row stays for past costs.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, replace
from decimal import Decimal

from cloudact_grpc.domain import dates
from cloudact_grpc.domain.clock import Clock, SystemClock
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import (
    Aborted,
    AlreadyExists,
    FieldViolation,
    InvalidArgument,
    NotFound,
)
from cloudact_grpc.domain.values import amount, matching
from cloudact_grpc.ports.warehouse import Eq, Warehouse
from cloudact_grpc.services import paging
from cloudact_grpc.services.audit import AuditService
from cloudact_grpc.services.bootstrap import CENTRAL_DATASET
from cloudact_grpc.services.llm_pricing import check_provider
from cloudact_grpc.services.orgs import tables
from cloudact_grpc.services.orgs.lifecycle import require_dataset

TABLE = tables.LLM_SUBSCRIPTIONS
NAME = r"[A-Za-z0-9_]{1,50}"
ID = r"[A-Za-z0-9_-]{5,100}"
CYCLES = ("monthly", "quarterly", "annual")
RESOURCE = "LLM_SUBSCRIPTION"
PAID_TIER = "paid"


@dataclass(frozen=True, slots=True)
class SubscriptionInput:
    """Fields of a create or update; None means "not given"."""

    plan_name: str | None = None
    monthly_cost: float | str | None = None
    currency: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    seats: int | None = None
    billing_cycle: str | None = None
    notes: str | None = None
    unit_price: float | None = None
    """Price per seat per month (the frontend's ``unit_price_usd``): ``monthly_cost`` is then
    this times the seats (times 1 without seats)."""
    subscription_id: str | None = None
    tier_type: str | None = None
    """Only ``paid`` is modelled; the frontend sends it by default."""


def unit_price(row: dict[str, object]) -> Decimal:
    """The monthly price of one seat: ``monthly_cost`` over the seats (all of it without seats)."""
    cost = row["monthly_cost"]
    total = cost if isinstance(cost, Decimal) else Decimal(str(cost))
    seats = int(str(row["seats"]))
    return total / seats if seats > 0 else total


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
    return replace(f, monthly_cost=str(monthly))


def derived_status(row: dict[str, object], today: dt.date) -> str:
    """pending, active, cancelled or expired."""
    if row["status"] == "cancelled":
        return "cancelled"
    start, end = row["start_date"], row.get("end_date")
    if isinstance(start, dt.date) and start > today:
        return "pending"
    if isinstance(end, dt.date) and end < today:
        return "expired"
    return "active"


class LlmSubscriptionService:
    """CRUD of ``llm_subscriptions`` in each org dataset."""

    def __init__(
        self,
        warehouse: Warehouse,
        audit: AuditService,
        *,
        dataset_suffix: str,
        dataset: str = CENTRAL_DATASET,
        clock: Clock | None = None,
    ) -> None:
        self._wh = warehouse
        self._audit = audit
        self._suffix = dataset_suffix
        self._ds = dataset
        self._clock = clock or SystemClock()

    def today(self) -> dt.date:
        """Today (UTC) by the service clock."""
        return self._clock.now().date()

    def _org(self, org_slug: str, *, active: bool) -> tuple[str, str]:
        return require_dataset(self._wh, self._ds, self._suffix, org_slug, active=active)

    def list_subscriptions(
        self,
        org_slug: str,
        provider: str,
        *,
        enabled_only: bool = False,
        page_size: int = 0,
        page_token: str = "",
    ) -> tuple[list[dict[str, object]], str]:
        """Subscriptions of ``provider`` ordered by name, and the next page token."""
        name = check_provider(provider)
        _, ds = self._org(org_slug, active=False)
        at = paging.cursor(page_size, page_token, (org_slug, name, enabled_only))
        today = self.today()
        rows = sorted(
            self._wh.select(ds, TABLE, [Eq("provider", name)]),
            key=lambda r: str(r["subscription_name"]),
        )
        if enabled_only:
            rows = [r for r in rows if derived_status(r, today) in ("pending", "active")]
        end = at.offset + at.size
        return rows[at.offset : end], at.next_token(end < len(rows))

    def get(self, org_slug: str, provider: str, subscription_name: str) -> dict[str, object]:
        """One subscription; NotFound when the name is unknown."""
        name = check_provider(provider)
        _, ds = self._org(org_slug, active=False)
        return self._row(ds, name, subscription_name)

    def create(
        self,
        ctx: CallContext,
        org_slug: str,
        provider: str,
        subscription_name: str,
        fields: SubscriptionInput,
    ) -> dict[str, object]:
        """Add a subscription; AlreadyExists when the name is taken for the provider."""
        name = check_provider(provider)
        slug, ds = self._org(org_slug, active=True)
        sub = matching(subscription_name, NAME, "subscription_name")
        if fields.tier_type is not None and fields.tier_type.strip().lower() != PAID_TIER:
            raise InvalidArgument.field("tier_type", "only paid subscriptions are tracked")
        fields = _cost_from_unit(fields, fields.seats or 0)
        if fields.monthly_cost is None:
            raise InvalidArgument.field("monthly_cost", "required")
        if not fields.start_date:
            raise InvalidArgument.field("start_date", "required")
        now = self._clock.now()
        row: dict[str, object] = {
            "subscription_id": (
                matching(fields.subscription_id, ID, "subscription_id")
                if fields.subscription_id
                else uuid.uuid4().hex
            ),
            "provider": name,
            "subscription_name": sub,
            "plan_name": sub,
            "status": "active",
            "billing_cycle": "monthly",
            "currency": "USD",
            "seats": 0,
            "included_tokens": None,
            "end_date": None,
            "notes": None,
            **_values(fields, self.today()),
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        _check_dates(row)
        if not self._wh.insert_if_absent(ds, TABLE, row, ["provider", "subscription_name"]):
            raise AlreadyExists("LLM subscription", f"{name}/{sub}")
        self._audit.record(
            ctx, org_slug=slug, action="CREATE", resource_type=RESOURCE, resource_id=f"{name}/{sub}"
        )
        return row

    def update(
        self,
        ctx: CallContext,
        org_slug: str,
        provider: str,
        subscription_name: str,
        fields: SubscriptionInput,
    ) -> dict[str, object]:
        """Change the fields given."""
        name = check_provider(provider)
        slug, ds = self._org(org_slug, active=True)
        if fields.unit_price is not None:
            seats = fields.seats
            if seats is None:
                seats = int(str(self._row(ds, name, subscription_name)["seats"]))
            fields = _cost_from_unit(fields, seats)
        values = _values(fields, self.today())
        if not values:
            raise InvalidArgument.field("update_mask", "send at least one field to change")
        return self._change(ctx, slug, ds, name, subscription_name, values, "UPDATE")

    def cancel(
        self, ctx: CallContext, org_slug: str, provider: str, subscription_name: str, end_date: str
    ) -> dict[str, object]:
        """Soft delete: status cancelled, end date set (default today)."""
        name = check_provider(provider)
        slug, ds = self._org(org_slug, active=True)
        end = (
            dates.parse_date(end_date, "end_date", today=self.today()) if end_date else self.today()
        )
        values: dict[str, object] = {"status": "cancelled", "end_date": end}
        return self._change(ctx, slug, ds, name, subscription_name, values, "DELETE")

    def reset(
        self, ctx: CallContext, org_slug: str, provider: str
    ) -> tuple[list[dict[str, object]], int]:
        """End every subscription of the provider not cancelled yet (there are no defaults).

        Each ends today, or on its first day when it has not started. Returns the provider's
        subscriptions and how many this call ended.
        """
        name = check_provider(provider)
        slug, ds = self._org(org_slug, active=True)
        today = self.today()
        rows, ended = [], 0
        for found in sorted(
            self._wh.select(ds, TABLE, [Eq("provider", name)]),
            key=lambda r: str(r["subscription_name"]),
        ):
            row = found
            if found["status"] != "cancelled":
                start = found["start_date"]
                end = start if isinstance(start, dt.date) and start > today else today
                values: dict[str, object] = {"status": "cancelled", "end_date": end}
                sub = str(found["subscription_name"])
                row = self._change(ctx, slug, ds, name, sub, values, "DELETE")
                ended += 1
            rows.append(row)
        return rows, ended

    def _change(
        self,
        ctx: CallContext,
        slug: str,
        ds: str,
        provider: str,
        sub: str,
        values: dict[str, object],
        action: str,
    ) -> dict[str, object]:
        row = self._row(ds, provider, sub)
        merged = {**row, **values}
        _check_dates(merged)
        version = row["version"]
        changes = {**values, "version": int(str(version)) + 1, "updated_at": self._clock.now()}
        if not self._wh.compare_and_set(
            ds,
            TABLE,
            changes,
            [Eq("subscription_id", row["subscription_id"])],
            {"version": version},
        ):
            raise Aborted("llm_subscription", str(row["subscription_id"]))
        self._audit.record(
            ctx,
            org_slug=slug,
            action=action,
            resource_type=RESOURCE,
            resource_id=f"{provider}/{row['subscription_name']}",
            details={"fields": sorted(values)},
        )
        return {**row, **changes}

    def _row(self, ds: str, provider: str, sub: str) -> dict[str, object]:
        """The subscription named ``sub``, else the only one whose plan is ``sub``.

        The frontend addresses a subscription by the ``plan_name`` it lists.
        """
        matching(sub, NAME, "subscription_name")
        rows = self._wh.select(ds, TABLE, [Eq("provider", provider), Eq("subscription_name", sub)])
        if not rows:
            rows = self._wh.select(ds, TABLE, [Eq("provider", provider), Eq("plan_name", sub)])
            if len(rows) != 1:
                raise NotFound("LLM subscription", f"{provider}/{sub}")
        return rows[0]


def _values(f: SubscriptionInput, today: dt.date) -> dict[str, object]:
    out: dict[str, object] = {}
    if f.plan_name is not None:
        name = f.plan_name.strip()
        if not 1 <= len(name) <= 100:
            raise InvalidArgument.field("plan_name", "1 to 100 characters, not only spaces")
        out["plan_name"] = name
    if f.monthly_cost is not None:
        out["monthly_cost"] = amount(f.monthly_cost, "monthly_cost")
    if f.currency is not None:
        out["currency"] = matching(f.currency.upper() or "USD", r"[A-Z]{3}", "currency")
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
        if len(f.notes) > 1000:
            raise InvalidArgument.field("notes", "at most 1000 characters")
        out["notes"] = f.notes
    return out


def _check_dates(row: dict[str, object]) -> None:
    start, end = row.get("start_date"), row.get("end_date")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        raise InvalidArgument.field("end_date", "must not be before start_date")

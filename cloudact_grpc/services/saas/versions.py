"""Building plan versions: version 1 from a template or a create request, and the next version."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from decimal import Decimal

from cloudact_grpc.domain.clock import Clock
from cloudact_grpc.domain.saas.plans import PlanVersion
from cloudact_grpc.domain.saas.terms import PricingTerms
from cloudact_grpc.services.saas.inputs import (
    PLAN_NAME,
    PlanSpec,
    VersionChange,
    Violations,
    unit_price_of,
)
from cloudact_grpc.services.saas.store import new_etag


def first_version(
    clock: Clock,
    provider: str,
    plan_name: str,
    plan_type: str,
    display_name: str,
    category: str,
    terms: PricingTerms,
    start: dt.date,
    end: dt.date | None,
    *,
    owner_email: str = "",
    department: str = "",
    renewal_date: dt.date | None = None,
    notes: str = "",
) -> PlanVersion:
    """Version 1 of a new plan with a fresh subscription_id."""
    now = clock.now()
    return PlanVersion(
        subscription_id=f"sub_{provider}_{plan_name.lower()}_{uuid.uuid4().hex[:8]}",
        version=1,
        provider=provider,
        plan_name=plan_name,
        plan_type=plan_type,
        display_name=display_name,
        category=category,
        terms=terms,
        start_date=start,
        end_date=end,
        cancelled=False,
        owner_email=owner_email,
        department=department,
        renewal_date=renewal_date,
        notes=notes,
        etag=new_etag(),
        created_at=now,
        updated_at=now,
    )


def from_spec(clock: Clock, provider: str, category: str, spec: PlanSpec) -> PlanVersion:
    """Validate ``spec`` into version 1 (``category`` is the default); INVALID_ARGUMENT if bad."""
    bad = Violations(clock.now().date())
    name = spec.plan_name.strip()
    if PLAN_NAME.fullmatch(name) is None:
        bad.add("plan_name", "must match ^[A-Za-z0-9_]{1,50}$")
    # No start sent (the frontend's "add custom provider" form sends none): the plan starts today.
    start = bad.date(spec.effective_date or clock.now().date().isoformat(), "effective_date")
    end = bad.date(spec.end_date, "end_date")
    renewal = bad.date(spec.renewal_date, "renewal_date")
    cycle, model = bad.cycle(spec.billing_cycle), bad.model(spec.pricing_model)
    unit = unit_price_of(bad, spec.price_per_user_monthly, spec.unit_price, cycle, model)
    if unit is None and spec.price_per_user_monthly is None and spec.unit_price is None:
        bad.add("unit_price", "send unit_price or price_per_user_monthly")
    discount = bad.amount(spec.discount_percent, "discount_percent") or Decimal(0)
    texts = {
        f: bad.text(getattr(spec, f), f)
        for f in ("plan_type", "display_name", "category", "owner_email", "department", "notes")
    }
    terms = PricingTerms(
        cycle,
        model,
        unit or Decimal(0),
        spec.number_of_users,
        discount,
        (spec.currency.strip() or "USD").upper(),
    )
    bad.items.extend(terms.violations())
    if start is not None and end is not None and end < start:
        bad.add("end_date", "must not be before effective_date")
    bad.raise_if_any()
    assert start is not None  # noqa: S101 - guaranteed by raise_if_any
    # Several plans may share a name (two teams on TEAM, or a seeded template next to the
    # plan actually bought); each has its own subscription_id. Only the same plan starting
    # on the same day twice is a duplicate.
    return first_version(
        clock,
        provider,
        name.upper(),
        texts["plan_type"],
        texts["display_name"] or name,
        texts["category"] or category,
        terms,
        start,
        end,
        owner_email=texts["owner_email"],
        department=texts["department"],
        renewal_date=renewal,
        notes=texts["notes"],
    )


def next_version(clock: Clock, old: PlanVersion, c: VersionChange) -> PlanVersion:
    """Validate ``c`` into the version after ``old``; INVALID_ARGUMENT if bad."""
    bad = Violations(clock.now().date())
    start = bad.date(c.effective_date, "effective_date")
    if not c.effective_date:
        bad.add("effective_date", "is required")
    elif start is not None and start <= old.start_date:
        bad.add(
            "effective_date",
            f"must be after the latest version's first day {old.start_date.isoformat()}",
        )
    t = old.terms
    cycle = bad.cycle(c.billing_cycle) if c.billing_cycle is not None else t.billing_cycle
    model = bad.model(c.pricing_model) if c.pricing_model is not None else t.pricing_model
    unit = unit_price_of(bad, c.price_per_user_monthly, c.unit_price, cycle, model)
    discount = bad.amount(c.discount_percent, "discount_percent")
    seats = t.seats if c.number_of_users is None else c.number_of_users
    currency = t.currency if c.currency is None else c.currency.strip().upper()
    terms = PricingTerms(
        cycle,
        model,
        t.unit_price if unit is None else unit,
        seats,
        t.discount_percent if discount is None else discount,
        currency,
    )
    bad.items.extend(terms.violations())
    end = bad.date(c.end_date, "end_date") if c.end_date else None
    renewal = bad.date(c.renewal_date, "renewal_date") if c.renewal_date else None
    if start is not None and end is not None and end < start:
        bad.add("end_date", "must not be before effective_date")

    def text(field: str) -> str:
        value: str | None = getattr(c, field)
        return getattr(old, field) if value is None else bad.text(value, field)

    fields = {
        f: text(f) for f in ("plan_type", "display_name", "owner_email", "department", "notes")
    }
    bad.raise_if_any()
    assert start is not None  # noqa: S101 - guaranteed by raise_if_any
    now = clock.now()
    return dataclasses.replace(
        old,
        version=old.version + 1,
        terms=terms,
        start_date=start,
        end_date=end,
        renewal_date=renewal if c.renewal_date is not None else old.renewal_date,
        etag=new_etag(),
        created_at=now,
        updated_at=now,
        cancelled=False,
        display_name=fields["display_name"] or old.plan_name,
        plan_type=fields["plan_type"],
        owner_email=fields["owner_email"],
        department=fields["department"],
        notes=fields["notes"],
    )

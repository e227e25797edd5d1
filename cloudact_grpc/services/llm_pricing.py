"""LLM model prices per organisation with effective-dated history, and default-price seeding.

Each row is one price version of a model over ``effective_date``…``end_date`` (open-ended when
NULL); ``domain.llm.in_force`` picks the version in force on a day. Reads and writes return
``ModelPrice`` records; money is ``Decimal`` throughout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from cloudact_grpc.domain import dates
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import AlreadyExists, InvalidArgument, NotFound
from cloudact_grpc.domain.llm import (
    ModelPrice,
    Rates,
    in_force,
    new_price,
    newest_first_within_model,
    price_field,
    seed_price,
)
from cloudact_grpc.domain.seed_prices import SeedPrice
from cloudact_grpc.domain.values import amount, bounded, currency, matching
from cloudact_grpc.ports.warehouse import Eq, In
from cloudact_grpc.services import paging
from cloudact_grpc.services.llm_rows import PRICING_TABLE, price_column, price_from_row, price_row
from cloudact_grpc.services.llm_tables import Key, LlmTables, Ref, Scope

MODEL_ID = r"[A-Za-z0-9._-]{1,100}"
RESOURCE = "LLM_PRICING"


@dataclass(frozen=True, slots=True)
class PriceInput:
    """Fields of a create or update; None means "not given"."""

    model_name: str | None = None
    rates: Rates = field(default_factory=dict)
    currency: str | None = None
    end_date: str | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class PricePage:
    """A page of price versions and the next token."""

    prices: tuple[ModelPrice, ...]
    next_page_token: str


class LlmPricingService:
    """CRUD of ``llm_model_pricing`` in each org dataset."""

    def __init__(self, tables: LlmTables, seeds: Sequence[SeedPrice]) -> None:
        self._at = tables
        self._wh = tables.warehouse
        self._seeds = tuple(seeds)

    def today(self) -> dt.date:
        """Today (UTC) by the service clock."""
        return self._at.today()

    def _as_of(self, as_of: str) -> dt.date:
        return dates.parse_date(as_of, "as_of_date", today=self.today()) if as_of else self.today()

    def _model(self, ref: Ref, *, active: bool) -> tuple[Scope, str]:
        at = self._at.scope(ref.org_slug, ref.provider, active=active)
        return at, matching(ref.name, MODEL_ID, "model_id")

    # ---- reads -----------------------------------------------------------------------------

    def list_prices(
        self,
        org_slug: str,
        provider: str,
        *,
        as_of: str = "",
        include_history: bool = False,
        page_size: int = 0,
        page_token: str = "",
    ) -> PricePage:
        """Prices in force on ``as_of`` (default today), or every version with history."""
        at = self._at.scope(org_slug, provider, active=False)
        day = self._as_of(as_of)
        cursor = paging.cursor(page_size, page_token, (org_slug, at.provider, day, include_history))
        found = [
            price_from_row(r)
            for r in self._wh.select(
                at.dataset, PRICING_TABLE, [In("provider", tuple({at.provider, "custom"}))]
            )
        ]
        prices = newest_first_within_model(found) if include_history else in_force(found, day)
        end = cursor.offset + cursor.size
        return PricePage(tuple(prices[cursor.offset : end]), cursor.next_token(end < len(prices)))

    def get(self, ref: Ref, as_of: str = "") -> ModelPrice:
        """The version of the model in force on ``as_of`` (default today)."""
        at, model = self._model(ref, active=False)
        day = self._as_of(as_of)
        found = in_force(self._versions(at, model), day)
        if not found:
            why = f"no {at.provider} price for {model} in force on {day}"
            raise NotFound("model pricing", f"{at.provider}/{model}", why)
        return found[0]

    # ---- writes ----------------------------------------------------------------------------

    def create(
        self, ctx: CallContext, ref: Ref, effective_date: str, fields: PriceInput
    ) -> ModelPrice:
        """Add a version from ``effective_date``; the open earlier version ends the day before."""
        at, model = self._model(ref, active=True)
        start = dates.parse_date(effective_date, "effective_date", today=self.today())
        for kind in ("input", "output"):
            if kind not in fields.rates:
                raise InvalidArgument.field(price_field(kind), "required")
        values = _values(fields, self.today())
        existing = self._versions(at, model)
        end = values.pop("end_date", None)
        later = sorted(p.effective_date for p in existing if p.effective_date > start)
        if end is None and later:
            end = later[0] - dt.timedelta(days=1)
        if isinstance(end, dt.date) and end < start:
            raise InvalidArgument.field("end_date", "must not be before effective_date")
        now = self._at.clock.now()
        blank = new_price(at.provider, model, start, now)
        row = {**price_row(blank), **values, "end_date": end}
        keys = ["provider", "model_id", "effective_date"]
        if not self._wh.insert_if_absent(at.dataset, PRICING_TABLE, row, keys):
            raise AlreadyExists("model pricing", f"{at.provider}/{model}@{start}")
        for prev in existing:
            if prev.effective_date < start and (prev.end_date is None or prev.end_date >= start):
                self._wh.update(
                    at.dataset,
                    PRICING_TABLE,
                    {"end_date": start - dt.timedelta(days=1), "updated_at": now},
                    [Eq("pricing_id", prev.pricing_id)],
                )
        self._at.record(ctx, at, RESOURCE, "CREATE", model, {"effective_date": str(start)})
        return price_from_row(row)

    def update(
        self, ctx: CallContext, ref: Ref, effective_date: str, fields: PriceInput
    ) -> ModelPrice:
        """Correct one version (default the one in force today) and mark it custom."""
        at, model = self._model(ref, active=True)
        values = _values(fields, self.today())
        if not values:
            raise InvalidArgument.field("update_mask", "send at least one field to change")
        versions = self._versions(at, model)
        if effective_date:
            day = dates.parse_date(effective_date, "effective_date", today=self.today())
            found = [p for p in versions if p.effective_date == day]
        else:
            found = in_force(versions, self.today())
        if not found:
            raise NotFound("model pricing", f"{at.provider}/{model}")
        old = found[0]
        end = values.get("end_date", old.end_date)
        if isinstance(end, dt.date) and end < old.effective_date:
            raise InvalidArgument.field("end_date", "must not be before effective_date")
        changes = {
            **values,
            "is_custom": True,
            "version": old.version + 1,
            "updated_at": self._at.clock.now(),
        }
        key = Key("pricing_id", old.pricing_id, old.version)
        self._at.change(at, PRICING_TABLE, key, changes, resource="model_pricing")
        details = {"effective_date": str(old.effective_date), "fields": sorted(values)}
        self._at.record(ctx, at, RESOURCE, "UPDATE", model, details)
        return price_from_row({**price_row(old), **changes})

    def delete(self, ctx: CallContext, ref: Ref, effective_date: str) -> int:
        """Delete one version, or all of them without ``effective_date``."""
        at, model = self._model(ref, active=True)
        where = [Eq("provider", at.provider), Eq("model_id", model)]
        if effective_date:
            day = dates.parse_date(effective_date, "effective_date", today=self.today())
            where.append(Eq("effective_date", day))
        count = self._wh.delete(at.dataset, PRICING_TABLE, where)
        if not count:
            raise NotFound("model pricing", f"{at.provider}/{model}")
        details = {"effective_date": effective_date, "deleted": count}
        self._at.record(ctx, at, RESOURCE, "DELETE", model, details)
        return count

    def seed_defaults(self, ctx: CallContext, org_slug: str, provider: str) -> int:
        """Insert the default prices of models the org has no price for; returns rows added."""
        at = self._at.scope(org_slug, provider, active=False, check=False)
        known = {
            str(r["model_id"])
            for r in self._wh.select(
                at.dataset, PRICING_TABLE, [Eq("provider", provider)], columns=["model_id"]
            )
        }
        added = [p for p in self._defaults(provider) if p.model_id not in known]
        if added:
            self._wh.insert_rows(at.dataset, PRICING_TABLE, [price_row(p) for p in added])
            self._at.record(ctx, at, RESOURCE, "CREATE", "*", {"seeded": len(added)})
        return len(added)

    def reset_defaults(
        self, ctx: CallContext, org_slug: str, provider: str
    ) -> tuple[list[ModelPrice], int]:
        """Replace every price of the provider by the default list prices.

        The defaults are written first, then the older rows deleted by id, so a failure leaves
        the old prices in force. Returns the prices now in force and the rows deleted.
        """
        at = self._at.scope(org_slug, provider, active=True)
        old = [
            str(r["pricing_id"])
            for r in self._wh.select(
                at.dataset, PRICING_TABLE, [Eq("provider", at.provider)], columns=["pricing_id"]
            )
        ]
        defaults = self._defaults(at.provider)
        if defaults:
            self._wh.insert_rows(at.dataset, PRICING_TABLE, [price_row(p) for p in defaults])
        deleted = (
            self._wh.delete(at.dataset, PRICING_TABLE, [In("pricing_id", tuple(old))]) if old else 0
        )
        details = {"reset": True, "seeded": len(defaults), "deleted": deleted}
        self._at.record(ctx, at, RESOURCE, "UPDATE", "*", details)
        return sorted(defaults, key=lambda p: p.model_id), deleted

    def _defaults(self, provider: str) -> list[ModelPrice]:
        now = self._at.clock.now()
        return [seed_price(s, now) for s in self._seeds if s.provider == provider]

    def _versions(self, at: Scope, model: str) -> list[ModelPrice]:
        where = [Eq("provider", at.provider), Eq("model_id", model)]
        return [price_from_row(r) for r in self._wh.select(at.dataset, PRICING_TABLE, where)]


def _values(fields: PriceInput, today: dt.date) -> dict[str, object]:
    """The given fields, checked, as column → value."""
    out: dict[str, object] = {
        price_column(kind): amount(value, price_field(kind)) for kind, value in fields.rates.items()
    }
    if fields.model_name is not None:
        out["model_name"] = bounded(fields.model_name, 200, "model_name")
    if fields.currency is not None:
        out["currency"] = currency(fields.currency)
    if fields.notes is not None:
        out["notes"] = bounded(fields.notes, 1000, "notes")
    if fields.end_date is not None:
        out["end_date"] = (
            dates.parse_date(fields.end_date, "end_date", today=today) if fields.end_date else None
        )
    return out

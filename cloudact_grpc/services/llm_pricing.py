"""LLM model prices per organisation with effective-dated history, and default-price seeding.

Each row is one price version of a model over ``effective_date``…``end_date`` (open-ended when
NULL). The price in force on day D is the enabled version with the latest ``effective_date`` ≤ D
whose ``end_date`` is NULL or ≥ D.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cloudact_grpc.domain import dates
from cloudact_grpc.domain.clock import Clock, SystemClock
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import Aborted, AlreadyExists, InvalidArgument, NotFound
from cloudact_grpc.domain.seed_prices import SeedPrice
from cloudact_grpc.domain.values import amount, matching
from cloudact_grpc.ports.warehouse import Eq, In, Warehouse
from cloudact_grpc.services import paging
from cloudact_grpc.services.audit import AuditService
from cloudact_grpc.services.bootstrap import CENTRAL_DATASET
from cloudact_grpc.services.orgs import tables
from cloudact_grpc.services.orgs.lifecycle import require_dataset

TABLE = tables.LLM_PRICING
PROVIDERS = ("anthropic", "custom", "deepseek", "gemini", "openai")
MODEL_ID = r"[A-Za-z0-9._-]{1,100}"
PRICE_FIELDS = (
    "input_price_per_1k",
    "output_price_per_1k",
    "cached_input_price_per_1k",
    "batch_input_price_per_1k",
    "batch_output_price_per_1k",
)


@dataclass(frozen=True, slots=True)
class PriceInput:
    """Fields of a create or update; None means "not given"."""

    model_name: str | None = None
    input_price_per_1k: float | None = None
    output_price_per_1k: float | None = None
    cached_input_price_per_1k: float | None = None
    batch_input_price_per_1k: float | None = None
    batch_output_price_per_1k: float | None = None
    currency: str | None = None
    end_date: str | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class PricePage:
    """A page of price rows (port dicts) and the next token."""

    rows: tuple[dict[str, object], ...]
    next_page_token: str


def check_provider(provider: str) -> str:
    """A pricing/subscription provider value."""
    name = provider.strip().lower()
    if name not in PROVIDERS:
        raise InvalidArgument.field("provider", f"must be one of {', '.join(PROVIDERS)}")
    return name


class LlmPricingService:
    """CRUD of ``llm_model_pricing`` in each org dataset."""

    def __init__(
        self,
        warehouse: Warehouse,
        audit: AuditService,
        seeds: Sequence[SeedPrice],
        *,
        dataset_suffix: str,
        dataset: str = CENTRAL_DATASET,
        clock: Clock | None = None,
    ) -> None:
        self._wh = warehouse
        self._audit = audit
        self._seeds = tuple(seeds)
        self._suffix = dataset_suffix
        self._ds = dataset
        self._clock = clock or SystemClock()

    def _org(self, org_slug: str, *, active: bool) -> tuple[str, str]:
        return require_dataset(self._wh, self._ds, self._suffix, org_slug, active=active)

    def today(self) -> dt.date:
        """Today (UTC) by the service clock."""
        return self._clock.now().date()

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
        name = check_provider(provider)
        _, ds = self._org(org_slug, active=False)
        day = dates.parse_date(as_of, "as_of_date", today=self.today()) if as_of else self.today()
        at = paging.cursor(page_size, page_token, (org_slug, name, day, include_history))
        rows = self._wh.select(ds, TABLE, [In("provider", tuple({name, "custom"}))])
        if include_history:
            rows.sort(key=lambda r: (str(r["model_id"]), str(r["provider"])))
            rows = _newest_first_within_model(rows)
        else:
            rows = _in_force(rows, day)
        page = rows[at.offset : at.offset + at.size]
        return PricePage(tuple(page), at.next_token(at.offset + at.size < len(rows)))

    def get(
        self, org_slug: str, provider: str, model_id: str, as_of: str = ""
    ) -> dict[str, object]:
        """The version of ``model_id`` in force on ``as_of`` (default today)."""
        name = check_provider(provider)
        _, ds = self._org(org_slug, active=False)
        model = matching(model_id, MODEL_ID, "model_id")
        day = dates.parse_date(as_of, "as_of_date", today=self.today()) if as_of else self.today()
        found = _in_force(self._model_rows(ds, name, model), day)
        if not found:
            raise NotFound(
                "model pricing", f"{name}/{model}", f"no {name} price for {model} in force on {day}"
            )
        return found[0]

    # ---- writes ----------------------------------------------------------------------------

    def create(
        self,
        ctx: CallContext,
        org_slug: str,
        provider: str,
        model_id: str,
        effective_date: str,
        fields: PriceInput,
    ) -> dict[str, object]:
        """Add a version from ``effective_date``; the open earlier version ends the day before."""
        name = check_provider(provider)
        slug, ds = self._org(org_slug, active=True)
        model = matching(model_id, MODEL_ID, "model_id")
        start = dates.parse_date(effective_date, "effective_date", today=self.today())
        if fields.input_price_per_1k is None or fields.output_price_per_1k is None:
            missing = (
                "price_per_1k_input_tokens"
                if fields.input_price_per_1k is None
                else ("price_per_1k_output_tokens")
            )
            raise InvalidArgument.field(missing, "required")
        values = _values(fields, self.today())
        existing = self._model_rows(ds, name, model)
        end = values.pop("end_date", None)
        later = sorted(_day(r["effective_date"]) for r in existing)
        later = [d for d in later if d > start]
        if end is None and later:
            end = later[0] - dt.timedelta(days=1)
        if isinstance(end, dt.date) and end < start:
            raise InvalidArgument.field("end_date", "must not be before effective_date")
        now = self._clock.now()
        row: dict[str, object] = {
            "pricing_id": uuid.uuid4().hex,
            "provider": name,
            "model_id": model,
            "model_name": fields.model_name or model,
            "is_custom": True,
            "input_price_per_1k": None,
            "output_price_per_1k": None,
            "cached_input_price_per_1k": None,
            "batch_input_price_per_1k": None,
            "batch_output_price_per_1k": None,
            "currency": "USD",
            "notes": None,
            **values,
            "effective_date": start,
            "end_date": end,
            "is_enabled": True,
            "provider_details": {},
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        if not self._wh.insert_if_absent(
            ds, TABLE, row, ["provider", "model_id", "effective_date"]
        ):
            raise AlreadyExists("model pricing", f"{name}/{model}@{start}")
        for prev in existing:
            prev_start, prev_end = _day(prev["effective_date"]), prev.get("end_date")
            if prev_start < start and (prev_end is None or _day(prev_end) >= start):
                self._wh.update(
                    ds,
                    TABLE,
                    {"end_date": start - dt.timedelta(days=1), "updated_at": now},
                    [Eq("pricing_id", prev["pricing_id"])],
                )
        self._audit.record(
            ctx,
            org_slug=slug,
            action="CREATE",
            resource_type="LLM_PRICING",
            resource_id=f"{name}/{model}",
            details={"effective_date": str(start)},
        )
        return row

    def update(
        self,
        ctx: CallContext,
        org_slug: str,
        provider: str,
        model_id: str,
        effective_date: str,
        fields: PriceInput,
    ) -> dict[str, object]:
        """Correct one version (default the one in force today) and mark it custom."""
        name = check_provider(provider)
        slug, ds = self._org(org_slug, active=True)
        model = matching(model_id, MODEL_ID, "model_id")
        values = _values(fields, self.today())
        if not values:
            raise InvalidArgument.field("update_mask", "send at least one field to change")
        if effective_date:
            day = dates.parse_date(effective_date, "effective_date", today=self.today())
            rows = [r for r in self._model_rows(ds, name, model) if r["effective_date"] == day]
        else:
            rows = [
                r
                for r in _in_force(self._model_rows(ds, name, model), self.today())
                if r["provider"] == name
            ]
        if not rows:
            raise NotFound("model pricing", f"{name}/{model}")
        row = rows[0]
        end = values.get("end_date", row.get("end_date"))
        if isinstance(end, dt.date) and end < _day(row["effective_date"]):
            raise InvalidArgument.field("end_date", "must not be before effective_date")
        version = row["version"]
        changes = {
            **values,
            "is_custom": True,
            "version": int(str(version)) + 1,
            "updated_at": self._clock.now(),
        }
        if not self._wh.compare_and_set(
            ds, TABLE, changes, [Eq("pricing_id", row["pricing_id"])], {"version": version}
        ):
            raise Aborted("model_pricing", str(row["pricing_id"]))
        self._audit.record(
            ctx,
            org_slug=slug,
            action="UPDATE",
            resource_type="LLM_PRICING",
            resource_id=f"{name}/{model}",
            details={"effective_date": str(row["effective_date"]), "fields": sorted(values)},
        )
        return {**row, **changes}

    def delete(
        self, ctx: CallContext, org_slug: str, provider: str, model_id: str, effective_date: str
    ) -> int:
        """Delete one version, or all of them without ``effective_date``."""
        name = check_provider(provider)
        slug, ds = self._org(org_slug, active=True)
        model = matching(model_id, MODEL_ID, "model_id")
        where = [Eq("provider", name), Eq("model_id", model)]
        if effective_date:
            where.append(
                Eq(
                    "effective_date",
                    dates.parse_date(effective_date, "effective_date", today=self.today()),
                )
            )
        count = self._wh.delete(ds, TABLE, where)
        if not count:
            raise NotFound("model pricing", f"{name}/{model}")
        self._audit.record(
            ctx,
            org_slug=slug,
            action="DELETE",
            resource_type="LLM_PRICING",
            resource_id=f"{name}/{model}",
            details={"effective_date": effective_date, "deleted": count},
        )
        return count

    def seed_defaults(self, ctx: CallContext, org_slug: str, provider: str) -> int:
        """Insert the default prices of models the org has no price for; returns rows added."""
        slug, ds = self._org(org_slug, active=False)
        known = {
            str(r["model_id"])
            for r in self._wh.select(ds, TABLE, [Eq("provider", provider)], columns=["model_id"])
        }
        rows = [r for r in self._default_rows(provider) if r["model_id"] not in known]
        if rows:
            self._wh.insert_rows(ds, TABLE, rows)
            self._audit.record(
                ctx,
                org_slug=slug,
                action="CREATE",
                resource_type="LLM_PRICING",
                resource_id=f"{provider}/*",
                details={"seeded": len(rows)},
            )
        return len(rows)

    def reset_defaults(
        self, ctx: CallContext, org_slug: str, provider: str
    ) -> tuple[list[dict[str, object]], int]:
        """Replace every price of the provider by the default list prices.

        The defaults are written first, then the older rows deleted by id, so a failure leaves
        the old prices in force. Returns the prices now in force and the rows deleted.
        """
        name = check_provider(provider)
        slug, ds = self._org(org_slug, active=True)
        old = [
            str(r["pricing_id"])
            for r in self._wh.select(ds, TABLE, [Eq("provider", name)], columns=["pricing_id"])
        ]
        rows = self._default_rows(name)
        if rows:
            self._wh.insert_rows(ds, TABLE, rows)
        deleted = self._wh.delete(ds, TABLE, [In("pricing_id", tuple(old))]) if old else 0
        self._audit.record(
            ctx,
            org_slug=slug,
            action="UPDATE",
            resource_type="LLM_PRICING",
            resource_id=f"{name}/*",
            details={"reset": True, "seeded": len(rows), "deleted": deleted},
        )
        return sorted(rows, key=lambda r: str(r["model_id"])), deleted

    def _default_rows(self, provider: str) -> list[dict[str, object]]:
        now = self._clock.now()
        return [
            {
                "pricing_id": uuid.uuid4().hex,
                "provider": s.provider,
                "model_id": s.model_id,
                "model_name": s.model_name,
                "is_custom": False,
                "input_price_per_1k": s.input,
                "output_price_per_1k": s.output,
                "cached_input_price_per_1k": s.cached_input,
                "batch_input_price_per_1k": s.batch_input,
                "batch_output_price_per_1k": s.batch_output,
                "currency": s.currency,
                "effective_date": s.effective_date,
                "end_date": None,
                "is_enabled": True,
                "notes": "default list price",
                "provider_details": {},
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for s in self._seeds
            if s.provider == provider
        ]

    def _model_rows(self, ds: str, provider: str, model: str) -> list[dict[str, object]]:
        return self._wh.select(ds, TABLE, [Eq("provider", provider), Eq("model_id", model)])


def _day(value: object) -> dt.date:
    if not isinstance(value, dt.date):
        raise TypeError("expected a DATE value")
    return value


def _values(fields: PriceInput, today: dt.date) -> dict[str, object]:
    out: dict[str, object] = {}
    for column in PRICE_FIELDS:
        raw = getattr(fields, column)
        if raw is not None:
            out[column] = amount(raw, _proto_name(column))
    if fields.model_name is not None:
        if len(fields.model_name) > 200:
            raise InvalidArgument.field("model_name", "at most 200 characters")
        out["model_name"] = fields.model_name
    if fields.currency is not None:
        out["currency"] = matching(fields.currency.upper() or "USD", r"[A-Z]{3}", "currency")
    if fields.notes is not None:
        if len(fields.notes) > 1000:
            raise InvalidArgument.field("notes", "at most 1000 characters")
        out["notes"] = fields.notes
    if fields.end_date is not None:
        out["end_date"] = (
            dates.parse_date(fields.end_date, "end_date", today=today) if fields.end_date else None
        )
    return out


def _proto_name(column: str) -> str:
    kind = column.removesuffix("_price_per_1k")
    return f"price_per_1k_{kind}_tokens"


def _in_force(rows: Sequence[Mapping[str, object]], day: dt.date) -> list[dict[str, object]]:
    best: dict[tuple[str, str], dict[str, object]] = {}
    for row in rows:
        start, end = _day(row["effective_date"]), row.get("end_date")
        if not row.get("is_enabled") or start > day or (end is not None and _day(end) < day):
            continue
        key = (str(row["model_id"]), str(row["provider"]))
        if key not in best or _day(best[key]["effective_date"]) < start:
            best[key] = dict(row)
    return [best[k] for k in sorted(best)]


def _newest_first_within_model(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    return sorted(
        rows,
        key=lambda r: (
            str(r["model_id"]),
            str(r["provider"]),
            -_day(r["effective_date"]).toordinal(),
        ),
    )

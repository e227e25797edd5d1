"""Alert rules: CRUD, pause and resume."""

from __future__ import annotations

import datetime as dt
import re
import uuid
import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final

from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import Aborted, InvalidArgument, NotFound
from cloudact_grpc.domain.saas.terms import minor_unit
from cloudact_grpc.ports.warehouse import Eq
from cloudact_grpc.services.alerts.tables import (
    CHANNELS,
    RULES,
    AlertTables,
    mapping,
    strings,
)
from cloudact_grpc.services.audit import ResourceAudit
from cloudact_grpc.services.budgets.inputs import Violations
from cloudact_grpc.services.columns import ts_col

BUDGET_PERCENT: Final = "budget_percent"
BUDGET_FORECAST: Final = "budget_forecast"
ANOMALY: Final = "anomaly"
SUMMARY: Final = "cost_summary"
ABSOLUTE: Final = "absolute_threshold"
# The frontend's rule types → what evaluation does.
TYPES: Final = {
    "budget_percent": BUDGET_PERCENT,
    "budget_forecast": BUDGET_FORECAST,
    "anomaly_std_deviation": ANOMALY,
    "anomaly_percent_change": ANOMALY,
    "cost_summary": SUMMARY,
    "absolute_threshold": ABSOLUTE,
}
PRIORITIES: Final = ("critical", "high", "medium", "low", "info")
SUMMARY_PERIODS: Final = ("daily", "weekly", "monthly")
SECTIONS: Final = ("totals", "by_provider")
_CRON_FIELD: Final = re.compile(r"[0-9A-Za-z*/,\-?]{1,40}")
RESOURCE: Final = "NOTIFICATION_RULE"


@dataclass(frozen=True, slots=True)
class Rule:
    """A stored rule."""

    rule_id: str
    name: str
    description: str
    is_active: bool
    priority: str
    rule_category: str
    rule_type: str
    conditions: Mapping[str, object]
    provider_filter: tuple[str, ...]
    notify_channel_ids: tuple[str, ...]
    options: Mapping[str, object]
    last_triggered_at: dt.datetime | None
    version: int
    created_at: dt.datetime

    @property
    def kind(self) -> str:
        """What evaluation does with it."""
        return TYPES[self.rule_type]


@dataclass(frozen=True, slots=True)
class RuleInput:
    """Fields of a create or update (None: not given)."""

    name: str | None = None
    description: str | None = None
    rule_category: str | None = None
    rule_type: str | None = None
    conditions: Mapping[str, object] | None = None
    notify_channel_ids: Sequence[str] | None = None
    priority: str | None = None
    provider_filter: Sequence[str] | None = None
    options: Mapping[str, object] | None = None
    is_active: bool | None = None


# The frontend's rule fields this service keeps and returns but does not apply.
OPTION_TEXT: Final = ("hierarchy_entity_id", "hierarchy_path", "quiet_hours_start",
                      "quiet_hours_end", "quiet_hours_timezone")  # fmt: skip
OPTION_INTS: Final = ("escalate_after_mins", "cooldown_minutes", "batch_window_minutes")
OPTION_LISTS: Final = ("service_filter", "escalate_to_channel_ids")


class RuleService:
    """Rules of each org."""

    def __init__(self, tables: AlertTables) -> None:
        self._t = tables
        self._audit = ResourceAudit(tables.audit, RESOURCE)

    def list_rules(
        self, org_slug: str, category: str, priority: str, active_only: bool
    ) -> list[Rule]:
        """Rules, oldest first."""
        _, ds = self._t.org(org_slug, active=False)
        return self.rules_of(ds, category, priority, active_only)

    def rules_of(
        self, ds: str, category: str = "", priority: str = "", active_only: bool = False
    ) -> list[Rule]:
        """Rules of a dataset, oldest first."""
        out = [_rule(r) for r in self._t.wh.select(ds, RULES)]
        out = [
            r
            for r in out
            if (not category or r.rule_category == category.strip().lower())
            and (not priority or r.priority == priority.strip().lower())
            and (r.is_active or not active_only)
        ]
        return sorted(out, key=lambda r: (r.created_at, r.rule_id))

    def create(self, ctx: CallContext, org_slug: str, g: RuleInput) -> Rule:
        """Validate and store a rule."""
        slug, ds = self._t.org(org_slug, active=True)
        bad = Violations()
        name = (g.name or "").strip()
        if not 1 <= len(name) <= 100:
            bad.add("name", "required: 1 to 100 characters")
        rule_type = (g.rule_type or "").strip().lower()
        if rule_type not in TYPES:
            bad.add("rule_type", f"must be one of {', '.join(TYPES)}")
        category = (g.rule_category or "cost").strip().lower()
        if category != "cost":
            bad.add("rule_category", "only cost rules are evaluated")
        priority = _priority(g.priority or "medium", bad)
        conditions = _conditions(TYPES.get(rule_type, ""), g.conditions or {}, bad)
        channels = self._channels(ds, g.notify_channel_ids or (), bad)
        providers = sorted({p.strip().lower() for p in g.provider_filter or () if p.strip()})
        if len(g.description or "") > 1000:
            bad.add("description", "at most 1000 characters")
        options = _options(g.options or {}, bad)
        bad.raise_any()
        now = self._t.clock.now()
        row = {
            "rule_id": uuid.uuid4().hex, "name": name, "description": g.description or "",
            "is_active": g.is_active is not False, "priority": priority,
            "rule_category": category,
            "rule_type": rule_type, "conditions": conditions, "provider_filter": providers,
            "notify_channel_ids": channels, "options": options, "last_triggered_at": None,
            "version": 1,
            "created_at": now, "updated_at": now,
        }  # fmt: skip
        self._t.wh.insert_rows(ds, RULES, [row])
        self._audit.record(ctx, slug, "CREATE", str(row["rule_id"]), {"rule_type": rule_type})
        return _rule(row)

    def update(self, ctx: CallContext, org_slug: str, rule_id: str, g: RuleInput) -> Rule:
        """Change name, description, priority or channels."""
        slug, ds = self._t.org(org_slug, active=True)
        row = self._row(ds, rule_id)
        bad = Violations()
        changes: dict[str, object] = {}
        if g.name is not None:
            if not 1 <= len(g.name.strip()) <= 100:
                bad.add("name", "1 to 100 characters")
            changes["name"] = g.name.strip()
        if g.description is not None:
            changes["description"] = g.description
        if g.priority is not None:
            changes["priority"] = _priority(g.priority, bad)
        if g.notify_channel_ids:
            changes["notify_channel_ids"] = self._channels(ds, g.notify_channel_ids, bad)
        if g.conditions is not None:
            kind = TYPES[str(row["rule_type"])]
            changes["conditions"] = _conditions(kind, g.conditions, bad)
        if g.provider_filter:
            changes["provider_filter"] = sorted(
                {p.strip().lower() for p in g.provider_filter if p.strip()}
            )
        if g.options:
            merged = {**mapping(row.get("options")), **g.options}
            changes["options"] = _options(merged, bad)
        if g.is_active is not None:
            changes["is_active"] = g.is_active
        bad.raise_any()
        if not changes:
            raise InvalidArgument.field("rule", "send at least one field to change")
        return self._change(ctx, slug, ds, row, changes, "UPDATE")

    def set_active(self, ctx: CallContext, org_slug: str, rule_id: str, active: bool) -> Rule:
        """Pause (False) or resume (True)."""
        slug, ds = self._t.org(org_slug, active=True)
        row = self._row(ds, rule_id)
        return self._change(
            ctx, slug, ds, row, {"is_active": active}, "RESUME" if active else "PAUSE"
        )

    def delete(self, ctx: CallContext, org_slug: str, rule_id: str) -> bool:
        """Delete; False when absent."""
        slug, ds = self._t.org(org_slug, active=True)
        rid = _id(rule_id)
        deleted = self._t.wh.delete(ds, RULES, [Eq("rule_id", rid)]) > 0
        self._audit.record(ctx, slug, "DELETE", rid, {"deleted": deleted})
        return deleted

    def get(self, ds: str, rule_id: str) -> Rule:
        """One rule of a dataset; NotFound when absent."""
        return _rule(self._row(ds, rule_id))

    def triggered(self, ds: str, rule_id: str, when: dt.datetime) -> None:
        """Record that a rule sent something (no version bump: informational)."""
        self._t.wh.update(ds, RULES, {"last_triggered_at": when}, [Eq("rule_id", rule_id)])

    def _change(
        self,
        ctx: CallContext,
        slug: str,
        ds: str,
        row: dict[str, object],
        changes: dict[str, object],
        action: str,
    ) -> Rule:
        version = int(str(row["version"]))
        changes = {**changes, "version": version + 1, "updated_at": self._t.clock.now()}
        if not self._t.wh.compare_and_set(
            ds, RULES, changes, [Eq("rule_id", row["rule_id"])], {"version": version}
        ):
            raise Aborted("notification rule", str(row["rule_id"]))
        self._audit.record(ctx, slug, action, str(row["rule_id"]), {"fields": sorted(changes)})
        return _rule({**row, **changes})

    def _row(self, ds: str, rule_id: str) -> dict[str, object]:
        rid = _id(rule_id)
        rows = self._t.wh.select(ds, RULES, [Eq("rule_id", rid)], limit=1)
        if not rows:
            raise NotFound("notification rule", rid)
        return rows[0]

    def _channels(self, ds: str, ids: Sequence[str], bad: Violations) -> list[str]:
        known = {
            str(r["channel_id"]) for r in self._t.wh.select(ds, CHANNELS, columns=["channel_id"])
        }
        out = []
        for cid in ids:
            if cid.strip() not in known:
                bad.add("notify_channel_ids", f"unknown channel {cid!r}")
            out.append(cid.strip())
        return out


def _options(raw: Mapping[str, object], bad: Violations) -> dict[str, object]:
    """The kept-not-applied fields, type-checked."""
    out: dict[str, object] = {}
    for key, value in raw.items():
        if key in OPTION_TEXT:
            if not isinstance(value, str) or len(value) > 200:
                bad.add(key, "at most 200 characters of text")
            out[key] = str(value)
        elif key in OPTION_INTS:
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100_000:
                bad.add(key, "a whole number from 0 to 100000")
            out[key] = value
        elif key in OPTION_LISTS:
            values = [str(v) for v in value] if isinstance(value, list | tuple) else []
            if len(values) > 50:
                bad.add(key, "at most 50 values")
            out[key] = values
        else:
            bad.add(key, "not a rule field")
    return out


def _rule(row: Mapping[str, object]) -> Rule:
    last = row.get("last_triggered_at")
    return Rule(
        rule_id=str(row["rule_id"]),
        name=str(row["name"]),
        description=str(row.get("description") or ""),
        is_active=bool(row["is_active"]),
        priority=str(row["priority"]),
        rule_category=str(row["rule_category"]),
        rule_type=str(row["rule_type"]),
        conditions=mapping(row.get("conditions")),
        provider_filter=strings(row.get("provider_filter")),
        notify_channel_ids=strings(row.get("notify_channel_ids")),
        options=mapping(row.get("options")),
        last_triggered_at=last if isinstance(last, dt.datetime) else None,
        version=int(str(row["version"])),
        created_at=ts_col(row, "created_at"),
    )


def _priority(raw: str, bad: Violations) -> str:
    value = raw.strip().lower()
    if value not in PRIORITIES:
        bad.add("priority", f"must be one of {', '.join(PRIORITIES)}")
    return value


def _conditions(kind: str, raw: Mapping[str, object], bad: Violations) -> dict[str, object]:
    """Only the keys a rule type reads (a percent is a plain number, never money)."""
    out: dict[str, object] = {}
    allowed = {
        BUDGET_PERCENT: {"budget_id", "threshold_percent"},
        BUDGET_FORECAST: {"budget_id", "threshold_percent"},
        ANOMALY: set(),
        SUMMARY: {
            "period",
            "schedule_cron",
            "schedule_timezone",
            "include_sections",
            "top_n_items",
            "currency_display",
        },
        ABSOLUTE: {
            "threshold_amount",
            "currency",
            "period",
            "scope",
            "severity",
            "cooldown_hours",
            "schedule_cron",
            "schedule_timezone",
        },
    }.get(kind, set())
    for key, value in raw.items():
        if key not in allowed:
            bad.add(f"conditions.{key}", "not read by this rule type")
            continue
        if key == "budget_id":
            out[key] = str(value)
        elif key == "threshold_percent":
            if not isinstance(value, int | float) or not 0 < float(value) <= 1000:
                bad.add("conditions.threshold_percent", "must be above 0 and at most 1000")
            else:
                out[key] = float(value)
        elif key == "period":
            if value not in SUMMARY_PERIODS:
                bad.add("conditions.period", "must be daily, weekly or monthly")
            out[key] = value
        elif kind == ABSOLUTE and key not in ("schedule_cron", "schedule_timezone", "period"):
            out[key] = value
        else:
            out[key] = _summary_option(key, value, bad)
    if kind == ABSOLUTE:
        out |= _threshold(out, bad)
    if kind == SUMMARY:
        out.setdefault("period", "daily")
        out.setdefault("include_sections", list(SECTIONS))
        out.setdefault("top_n_items", 5)
    return out


def _threshold(c: Mapping[str, object], bad: Violations) -> dict[str, object]:
    """An absolute threshold: an exact amount (decimal text) in one currency, a period, a scope."""
    currency = str(c.get("currency") or "USD").strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        bad.add("conditions.currency", "must be an ISO 4217 code such as USD")
    raw = c.get("threshold_amount")
    amount = ""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        bad.add("conditions.threshold_amount", "required: an amount above 0")
    else:
        try:
            number = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(str(raw))
        except InvalidOperation:
            number = Decimal(-1)
        if not number.is_finite() or not 0 < number <= Decimal(10) ** 12:
            bad.add("conditions.threshold_amount", "must be above 0 and at most 10^12")
        elif number % minor_unit(currency):
            bad.add("conditions.threshold_amount", f"has more decimals than {currency} allows")
        amount = format(number, "f")
    scope = str(c.get("scope") or "total").strip().lower()
    scope = {"llm": "genai", "saas": "subscription", "all": "total"}.get(scope, scope)
    if scope not in ("cloud", "genai", "subscription", "total"):
        bad.add("conditions.scope", "must be cloud, genai, subscription or total")
    return {
        "threshold_amount": amount,
        "currency": currency,
        "period": c.get("period") or "monthly",
        "scope": scope,
    }


def _summary_option(key: str, value: object, bad: Violations) -> object:
    """A summary's schedule and content options, checked."""
    name = f"conditions.{key}"
    if key == "schedule_cron":
        fields = str(value).split()
        if len(fields) != 5 or not all(_CRON_FIELD.fullmatch(f) for f in fields):
            bad.add(name, "must be a five-field cron expression such as '0 8 * * 1'")
        return " ".join(fields)
    if key == "schedule_timezone":
        try:
            zoneinfo.ZoneInfo(str(value))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            bad.add(name, "must be an IANA time zone such as Europe/Berlin")
        return str(value)
    if key == "include_sections":
        sections = [str(s) for s in value] if isinstance(value, list) else []
        if not sections or not set(sections) <= set(SECTIONS):
            bad.add(name, f"must be some of {', '.join(SECTIONS)}")
        return sections
    if key == "top_n_items":
        if not isinstance(value, int | float) or int(value) != value or not 1 <= value <= 50:
            bad.add(name, "must be a whole number from 1 to 50")
            return 5
        return int(value)
    currency = str(value).strip().upper()
    if currency and not re.fullmatch(r"[A-Z]{3}", currency):
        bad.add(name, "must be an ISO 4217 code such as USD")
    return currency


def _id(raw: str) -> str:
    value = raw.strip()
    if not value or len(value) > 64 or not value.isalnum():
        raise InvalidArgument.field("rule_id", "must be an id (letters and digits)")
    return value

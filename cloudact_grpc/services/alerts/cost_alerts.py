"""The frontend's cost alerts: ``absolute_threshold`` rules under another name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import FieldViolation, InvalidArgument
from cloudact_grpc.services.alerts import rules as r
from cloudact_grpc.services.alerts.channels import TYPES, ChannelService
from cloudact_grpc.services.alerts.rule_kinds import RulesOfKind
from cloudact_grpc.services.alerts.rules import Rule, RuleInput, RuleService

SEVERITY_TO_PRIORITY: Final = {"critical": "critical", "warning": "high", "info": "info"}
RENAMED: Final = {
    "conditions.threshold_amount": "threshold_value",
    "conditions.currency": "threshold_currency",
    "conditions.period": "period",
    "conditions.scope": "scope",
    "conditions.schedule_cron": "schedule_cron",
    "conditions.schedule_timezone": "schedule_timezone",
    "notify_channel_ids": "channels",
}


@dataclass(frozen=True, slots=True)
class CostAlertInput:
    """A cost alert as the frontend sends it."""

    name: str
    threshold_value: float
    description: str = ""
    scope: str = ""
    threshold_currency: str = ""
    period: str = ""
    severity: str = ""
    channels: Sequence[str] = ()
    cooldown_hours: int = 0
    schedule_cron: str = ""
    schedule_timezone: str = ""
    hierarchy_path: str = ""


class CostAlertService:
    """CRUD and enable/disable of cost alerts over the rule store."""

    def __init__(self, rules: RuleService, channels: ChannelService) -> None:
        self._rules = rules
        self._alerts = RulesOfKind(rules, r.ABSOLUTE, "cost alert")
        self._channels = channels

    def list_alerts(self, org_slug: str, scope: str, enabled_only: bool) -> list[Rule]:
        """Cost alerts (of one scope when given), oldest first."""
        wanted = {"scope": scope.strip().lower()} if scope else None
        return self._alerts.list_rules(org_slug, enabled_only, wanted)

    def create(self, ctx: CallContext, org_slug: str, g: CostAlertInput) -> Rule:
        """Store a cost alert."""
        if g.hierarchy_path.strip():
            raise InvalidArgument.field("hierarchy_path", "cost rows carry no hierarchy yet")
        priority = _priority(g.severity or "warning")
        _check_cooldown(g.cooldown_hours)
        conditions: dict[str, object] = {
            "threshold_amount": g.threshold_value,
            "currency": g.threshold_currency or "USD",
            "period": (g.period or "monthly").strip().lower(),
            "scope": g.scope or "total",
            "cooldown_hours": g.cooldown_hours or 24,
            "schedule_timezone": g.schedule_timezone or "UTC",
        }
        if g.schedule_cron:
            conditions["schedule_cron"] = g.schedule_cron
        given = RuleInput(
            name=g.name,
            description=g.description,
            rule_type=r.ABSOLUTE,
            rule_category="cost",
            conditions=conditions,
            notify_channel_ids=self._channel_ids(org_slug, g.channels),
            priority=priority,
        )
        try:
            return self._rules.create(ctx, org_slug, given)
        except InvalidArgument as exc:
            raise _renamed(exc) from None

    def update(
        self,
        ctx: CallContext,
        org_slug: str,
        alert_id: str,
        *,
        name: str | None,
        description: str | None,
        severity: str | None,
        channels: Sequence[str],
        enabled: bool | None,
        threshold_value: float | None = None,
        threshold_currency: str | None = None,
        cooldown_hours: int | None = None,
        schedule_cron: str | None = None,
    ) -> Rule:
        """Change name, description, severity, channels, threshold, schedule or the flag."""
        old = self._alerts.require(org_slug, alert_id)
        conditions = dict(old.conditions)
        if threshold_value is not None:
            conditions["threshold_amount"] = threshold_value
        if threshold_currency is not None:
            conditions["currency"] = threshold_currency
        if cooldown_hours is not None:
            _check_cooldown(cooldown_hours)
            conditions["cooldown_hours"] = cooldown_hours
        if schedule_cron is not None:
            conditions["schedule_cron"] = schedule_cron
        changed = conditions if conditions != dict(old.conditions) else None
        priority = None if severity is None else _priority(severity)
        rule: Rule | None = None
        ids = self._channel_ids(org_slug, channels) if channels else []
        if name is not None or description is not None or priority or ids or changed:
            given = RuleInput(
                name=name,
                description=description,
                priority=priority,
                notify_channel_ids=ids,
                conditions=changed,
            )
            try:
                rule = self._rules.update(ctx, org_slug, alert_id, given)
            except InvalidArgument as exc:
                raise _renamed(exc) from None
        if enabled is not None:
            rule = self._rules.set_active(ctx, org_slug, alert_id, enabled)
        return rule or self._alerts.require(org_slug, alert_id)

    def set_enabled(self, ctx: CallContext, org_slug: str, alert_id: str, enabled: bool) -> Rule:
        """Enable or disable."""
        self._alerts.require(org_slug, alert_id)
        return self._rules.set_active(ctx, org_slug, alert_id, enabled)

    def delete(self, ctx: CallContext, org_slug: str, alert_id: str) -> bool:
        """Delete; False when absent."""
        return self._alerts.delete(ctx, org_slug, alert_id)

    def _channel_ids(self, org_slug: str, given: Sequence[str]) -> list[str]:
        """Channel ids as given; a channel type stands for every active channel of that type."""
        out: list[str] = []
        for item in given:
            value = item.strip()
            if value.lower() in TYPES:
                found = self._channels.list_channels(org_slug, value.lower(), active_only=True)
                if not found:
                    raise InvalidArgument.field("channels", f"no active {value.lower()} channel")
                out.extend(c.channel_id for c in found)
            else:
                out.append(value)
        return list(dict.fromkeys(out))


def _priority(severity: str) -> str:
    """The rule priority of a severity (critical, warning or info)."""
    value = severity.strip().lower()
    if value not in SEVERITY_TO_PRIORITY:
        raise InvalidArgument.field("severity", "must be critical, warning or info")
    return SEVERITY_TO_PRIORITY[value]


def _check_cooldown(hours: int) -> None:
    if not 0 <= hours <= 168:
        raise InvalidArgument.field("cooldown_hours", "must be between 1 and 168")


def _renamed(exc: InvalidArgument) -> InvalidArgument:
    """The rule store's violations named as this API calls the fields."""
    renamed = [FieldViolation(RENAMED.get(v.field, v.field), v.description) for v in exc.violations]
    names = ", ".join(v.field for v in renamed)
    return InvalidArgument(f"invalid cost alert fields: {names}", violations=renamed)


def threshold_of(rule: Rule) -> Decimal:
    """The exact threshold of a cost alert."""
    return Decimal(str(rule.conditions.get("threshold_amount") or 0))


def severity_of(rule: Rule) -> str:
    """critical, warning or info, from the rule's priority."""
    return {"critical": "critical", "info": "info", "low": "info"}.get(rule.priority, "warning")

"""The frontend's scheduled summaries: ``cost_summary`` rules under another name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import Reason, Unavailable
from cloudact_grpc.services.alerts import rules as r
from cloudact_grpc.services.alerts.evaluate import AlertEvaluator
from cloudact_grpc.services.alerts.rule_kinds import RulesOfKind
from cloudact_grpc.services.alerts.rules import Rule, RuleInput, RuleService


@dataclass(frozen=True, slots=True)
class SummaryInput:
    """A summary as the frontend sends it."""

    name: str
    summary_type: str
    schedule_cron: str = ""
    schedule_timezone: str = ""
    notify_channel_ids: Sequence[str] = ()
    include_sections: Sequence[str] = ()
    top_n_items: int = 0
    currency_display: str = ""
    provider_filter: Sequence[str] = ()
    is_active: bool | None = None


@dataclass(frozen=True, slots=True)
class SummaryChange:
    """The fields of a summary update (None or empty: unchanged)."""

    name: str | None = None
    is_active: bool | None = None
    channel_ids: Sequence[str] = ()
    summary_type: str | None = None
    schedule_cron: str | None = None
    schedule_timezone: str | None = None
    include_sections: Sequence[str] = ()
    top_n_items: int | None = None
    currency_display: str | None = None
    provider_filter: Sequence[str] = ()


class SummaryService:
    """CRUD and send-now of summaries over the rule store."""

    def __init__(self, rules: RuleService, evaluator: AlertEvaluator) -> None:
        self._rules = rules
        self._summaries = RulesOfKind(rules, r.SUMMARY, "summary")
        self._evaluator = evaluator

    def list_summaries(self, org_slug: str, summary_type: str, active_only: bool) -> list[Rule]:
        """Summary rules (of one type when given), oldest first."""
        wanted = {"period": summary_type.strip()} if summary_type else None
        return self._summaries.list_rules(org_slug, active_only, wanted)

    def create(self, ctx: CallContext, org_slug: str, g: SummaryInput) -> Rule:
        """Store a summary (a cost_summary rule); paused at once when ``is_active`` is false."""
        conditions: dict[str, object] = {"period": g.summary_type.strip().lower()}
        if g.schedule_cron:
            conditions["schedule_cron"] = g.schedule_cron
        conditions["schedule_timezone"] = g.schedule_timezone or "UTC"
        if g.include_sections:
            conditions["include_sections"] = list(g.include_sections)
        if g.top_n_items:
            conditions["top_n_items"] = g.top_n_items
        if g.currency_display:
            conditions["currency_display"] = g.currency_display
        rule = self._rules.create(
            ctx,
            org_slug,
            RuleInput(
                name=g.name,
                rule_type=r.SUMMARY,
                rule_category="cost",
                conditions=conditions,
                notify_channel_ids=list(g.notify_channel_ids),
                priority="info",
                provider_filter=list(g.provider_filter),
            ),
        )
        if g.is_active is False:
            rule = self._rules.set_active(ctx, org_slug, rule.rule_id, False)
        return rule

    def update(
        self,
        ctx: CallContext,
        org_slug: str,
        summary_id: str,
        change: SummaryChange,
    ) -> Rule:
        """Rename, re-route, re-schedule, re-shape, pause or resume a summary."""
        old = self._summaries.require(org_slug, summary_id)
        conditions = dict(old.conditions)
        if change.summary_type is not None:
            conditions["period"] = change.summary_type.strip().lower()
        if change.top_n_items is not None:
            conditions["top_n_items"] = change.top_n_items
        for key, text in (
            ("schedule_cron", change.schedule_cron),
            ("schedule_timezone", change.schedule_timezone),
            ("currency_display", change.currency_display),
        ):
            if text is not None:
                conditions[key] = text
        if change.include_sections:
            conditions["include_sections"] = list(change.include_sections)
        given = RuleInput(
            name=change.name,
            notify_channel_ids=change.channel_ids,
            conditions=conditions if conditions != dict(old.conditions) else None,
            provider_filter=change.provider_filter or None,
            is_active=change.is_active,
        )
        unchanged = (given.name, given.conditions, given.provider_filter, given.is_active)
        if all(v is None for v in unchanged) and not change.channel_ids:
            return old
        return self._rules.update(ctx, org_slug, summary_id, given)

    def delete(self, ctx: CallContext, org_slug: str, summary_id: str) -> bool:
        """Delete; False when absent."""
        return self._summaries.delete(ctx, org_slug, summary_id)

    def send_now(self, org_slug: str, summary_id: str) -> tuple[int, int]:
        """Send the last complete period now: (sent, failed); Unavailable when nothing went."""
        sent, failed = self._evaluator.send_now(org_slug, summary_id)
        if failed and not sent:
            raise Unavailable(
                "the summary could not be delivered",
                reason=Reason.PROVIDER_UNREACHABLE,
                metadata={"provider": "notification", "summary_id": summary_id.strip()},
            )
        return sent, failed

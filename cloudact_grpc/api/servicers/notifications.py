"""NotificationsService: converts requests and results; anomaly and alert services do the work."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

import grpc
from cloudact.v1 import notifications_pb2 as pb
from cloudact.v1 import notifications_pb2_grpc
from google.protobuf import json_format, struct_pb2

from cloudact_grpc.api.convert import (
    call_context,
    fields_from,
    message,
    optional,
    set_time,
    timestamp,
)
from cloudact_grpc.api.convert.money import amount_out, decimal_in, percent_out
from cloudact_grpc.domain import dates
from cloudact_grpc.services import paging
from cloudact_grpc.services.alerts.channels import Channel, ChannelInput, ChannelService
from cloudact_grpc.services.alerts.cost_alerts import (
    CostAlertInput,
    CostAlertService,
    severity_of,
    threshold_of,
)
from cloudact_grpc.services.alerts.evaluate import AlertEvaluator
from cloudact_grpc.services.alerts.outbox import Entry, Outbox
from cloudact_grpc.services.alerts.rules import (
    OPTION_INTS,
    OPTION_LISTS,
    OPTION_TEXT,
    SUMMARY,
    Rule,
    RuleInput,
    RuleService,
)
from cloudact_grpc.services.alerts.summaries import SummaryChange, SummaryInput, SummaryService
from cloudact_grpc.services.anomalies.service import Anomaly, AnomalyService, Settings

_T = TypeVar("_T")
_M = TypeVar("_M")


def _anomaly(a: Anomaly) -> pb.CostAnomaly:
    f, cur = a.finding, a.currency
    percent = f.impact * 100 / f.expected if f.expected else Decimal(0)
    return pb.CostAnomaly(
        date=f.day.isoformat(),
        provider=a.provider,
        service_name=a.service,
        currency=cur,
        actual_amount=amount_out(f.actual, cur),
        expected_amount=amount_out(f.expected, cur),
        lower_bound=amount_out(f.lower, cur),
        upper_bound=amount_out(f.upper, cur),
        impact=amount_out(f.impact, cur),
        impact_percent=percent_out(percent),
        direction=f.direction,
        driver_dimension=a.driver_dimension,
        driver_value=a.driver_value,
        driver_impact=amount_out(a.driver_impact, cur),
        score=percent_out(f.score),
    )


def _settings(s: Settings) -> pb.AnomalySettings:
    return pb.AnomalySettings(sensitivity=s.sensitivity, min_impact=float(s.min_impact))


def _channel(c: Channel) -> pb.Channel:
    s = c.settings

    def strs(key: str) -> list[str]:
        value = s.get(key) or []
        return [str(v) for v in value] if isinstance(value, list) else []

    return message(
        pb.Channel,
        c,
        email_recipients=strs("email_recipients"),
        email_cc_recipients=strs("email_cc_recipients"),
        email_subject_prefix=str(s.get("email_subject_prefix") or ""),
        slack_channel=str(s.get("slack_channel") or ""),
        slack_mention_users=strs("slack_mention_users"),
        slack_mention_channel=bool(s.get("slack_mention_channel")),
        slack_webhook_configured=c.channel_type == "slack" and c.has_url,
        webhook_configured=c.channel_type == "webhook" and c.has_url,
        webhook_method=str(
            s.get("webhook_method") or ("POST" if c.channel_type == "webhook" else "")
        ),
        webhook_secret=c.signing_secret,
        created_at=timestamp(c.created_at),
    )


def _rule(r: Rule) -> pb.Rule:
    conditions = struct_pb2.Struct()
    json_format.ParseDict(dict(r.conditions), conditions)
    out = message(
        pb.Rule,
        r,
        conditions=conditions,
        created_at=timestamp(r.created_at),
        last_triggered_at=None,  # set below once the rule has fired
    )
    o = r.options
    out.service_filter.extend(str(x) for x in _list(o.get("service_filter")))
    out.escalate_to_channel_ids.extend(str(x) for x in _list(o.get("escalate_to_channel_ids")))
    for name in OPTION_TEXT:
        setattr(out, name, str(o.get(name) or ""))
    for name in OPTION_INTS:
        setattr(out, name, int(str(o.get(name) or 0)))
    set_time(out, "last_triggered_at", r.last_triggered_at)
    return out


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def _rule_options(
    request: pb.CreateRuleRequest | pb.UpdateRuleRequest, *, present_only: bool
) -> dict[str, object]:
    """The kept-not-applied fields of a create (all) or an update (the ones sent)."""
    out: dict[str, object] = {}
    for name in (*OPTION_TEXT, *OPTION_INTS):
        if not present_only or request.HasField(name):
            out[name] = getattr(request, name)
    for name in OPTION_LISTS:
        values = list(getattr(request, name))
        if values or not present_only:
            out[name] = values
    return out


def _summary(r: Rule) -> pb.Summary:
    c = r.conditions
    sections = c.get("include_sections")
    out = pb.Summary(
        summary_id=r.rule_id,
        name=r.name,
        summary_type=str(c.get("period") or "daily"),
        is_active=r.is_active,
        schedule_cron=str(c.get("schedule_cron") or ""),
        schedule_timezone=str(c.get("schedule_timezone") or "UTC"),
        notify_channel_ids=r.notify_channel_ids,
        include_sections=[str(x) for x in sections] if isinstance(sections, list) else [],
        top_n_items=int(str(c.get("top_n_items") or 5)),
        currency_display=str(c.get("currency_display") or ""),
        provider_filter=r.provider_filter,
        created_at=timestamp(r.created_at),
    )
    set_time(out, "last_sent_at", r.last_triggered_at)
    return out


def _cost_alert(r: Rule) -> pb.CostAlert:
    c = r.conditions
    out = pb.CostAlert(
        alert_id=r.rule_id,
        name=r.name,
        description=r.description,
        scope=str(c.get("scope") or "total"),
        threshold_value=float(threshold_of(r)),
        threshold_currency=str(c.get("currency") or ""),
        period=str(c.get("period") or "monthly"),
        is_enabled=r.is_active,
        severity=severity_of(r),
        channels=r.notify_channel_ids,
        cooldown_hours=int(str(c.get("cooldown_hours") or 24)),
        schedule_cron=str(c.get("schedule_cron") or ""),
        schedule_timezone=str(c.get("schedule_timezone") or "UTC"),
        created_at=timestamp(r.created_at),
    )
    set_time(out, "last_triggered_at", r.last_triggered_at)
    return out


def _entry(e: Entry) -> pb.NotificationEntry:
    body = str(e.get("body") or "")
    out = pb.NotificationEntry(
        notification_id=str(e.get("notification_id")),
        rule_id=str(e.get("rule_id") or ""),
        channel_id=str(e.get("channel_id")),
        notification_type=str(e.get("notification_type")),
        priority=str(e.get("priority") or ""),
        subject=str(e.get("subject")),
        body_preview=body[:200],
        status=str(e.get("status")),
        error_message=str(e.get("error_message") or ""),
        retry_count=max(0, int(str(e.get("attempts") or 0)) - 1),
        acknowledged_by=str(e.get("acknowledged_by") or ""),
        event_key=str(e.get("event_key")),
    )
    for name in ("sent_at", "acknowledged_at", "created_at"):
        set_time(out, name, e.get(name))
    return out


def _listed(
    found: list[_T], request: Any, query: str, convert: Callable[[_T], _M]
) -> tuple[list[_M], str]:
    """The request's page of ``found`` (``page_size``, ``page_token``), converted; next token."""
    page = paging.paginate(found, request.page_size, request.page_token, query)
    return [convert(x) for x in page.items], page.next_page_token


@dataclass(frozen=True, eq=False)
class NotificationsServicer(notifications_pb2_grpc.NotificationsServiceServicer):
    """Converts and delegates."""

    anomalies: AnomalyService
    channels: ChannelService
    rules: RuleService
    outbox: Outbox
    evaluator: AlertEvaluator
    summaries: SummaryService
    cost_alerts: CostAlertService

    def ListChannels(
        self, request: pb.ListChannelsRequest, context: grpc.ServicerContext
    ) -> pb.ListChannelsResponse:
        found = self.channels.list_channels(
            request.org_slug, request.channel_type, request.active_only
        )
        query = f"{request.org_slug}|{request.channel_type}|{request.active_only}"
        channels, token = _listed(found, request, query, _channel)
        return pb.ListChannelsResponse(channels=channels, next_page_token=token)

    def CreateChannel(
        self, request: pb.CreateChannelRequest, context: grpc.ServicerContext
    ) -> pb.Channel:
        r = request
        given = fields_from(ChannelInput, r)
        return _channel(self.channels.create(call_context(), r.org_slug, given))

    def UpdateChannel(
        self, request: pb.UpdateChannelRequest, context: grpc.ServicerContext
    ) -> pb.Channel:
        r = request
        given = fields_from(ChannelInput, r, empty_as_none=True)
        return _channel(self.channels.update(call_context(), r.org_slug, r.channel_id, given))

    def DeleteChannel(
        self, request: pb.DeleteChannelRequest, context: grpc.ServicerContext
    ) -> pb.DeleteChannelResponse:
        deleted = self.channels.delete(call_context(), request.org_slug, request.channel_id)
        return pb.DeleteChannelResponse(deleted=deleted)

    def TestChannel(
        self, request: pb.TestChannelRequest, context: grpc.ServicerContext
    ) -> pb.TestChannelResponse:
        d = self.outbox.test_send(call_context(), request.org_slug, request.channel_id)
        word = "attempt" if d.attempts == 1 else "attempts"
        return pb.TestChannelResponse(
            message=f"delivered ({d.detail}) after {d.attempts} {word}", attempts=d.attempts
        )

    def ListRules(
        self, request: pb.ListRulesRequest, context: grpc.ServicerContext
    ) -> pb.ListRulesResponse:
        found = self.rules.list_rules(
            request.org_slug, request.category, request.priority, request.active_only
        )
        query = f"{request.org_slug}|{request.category}|{request.priority}|{request.active_only}"
        rules, token = _listed(found, request, query, _rule)
        return pb.ListRulesResponse(rules=rules, next_page_token=token)

    def CreateRule(self, request: pb.CreateRuleRequest, context: grpc.ServicerContext) -> pb.Rule:
        r = request
        given = fields_from(
            RuleInput,
            r,
            conditions=json_format.MessageToDict(r.conditions),
            options=_rule_options(r, present_only=False),
        )
        return _rule(self.rules.create(call_context(), r.org_slug, given))

    def UpdateRule(self, request: pb.UpdateRuleRequest, context: grpc.ServicerContext) -> pb.Rule:
        r = request
        given = fields_from(
            RuleInput,
            r,
            empty_as_none=True,
            conditions=(
                json_format.MessageToDict(r.conditions) if r.HasField("conditions") else None
            ),
            options=_rule_options(r, present_only=True),
            rule_category=None,  # category and type stay as created
            rule_type=None,
        )
        return _rule(self.rules.update(call_context(), r.org_slug, r.rule_id, given))

    def DeleteRule(
        self, request: pb.DeleteRuleRequest, context: grpc.ServicerContext
    ) -> pb.DeleteRuleResponse:
        deleted = self.rules.delete(call_context(), request.org_slug, request.rule_id)
        return pb.DeleteRuleResponse(deleted=deleted)

    def PauseRule(self, request: pb.PauseRuleRequest, context: grpc.ServicerContext) -> pb.Rule:
        return _rule(
            self.rules.set_active(call_context(), request.org_slug, request.rule_id, False)
        )

    def ResumeRule(self, request: pb.ResumeRuleRequest, context: grpc.ServicerContext) -> pb.Rule:
        return _rule(self.rules.set_active(call_context(), request.org_slug, request.rule_id, True))

    def ListNotificationHistory(
        self, request: pb.ListNotificationHistoryRequest, context: grpc.ServicerContext
    ) -> pb.ListNotificationHistoryResponse:
        r = request
        page = self.outbox.history(
            r.org_slug,
            notification_type=r.notification_type,
            channel_id=r.channel_id,
            status=r.status,
            days=r.days,
            limit=r.limit,
            offset=r.offset,
            page_size=r.page_size,
            page_token=r.page_token,
        )
        return pb.ListNotificationHistoryResponse(
            entries=[_entry(e) for e in page.items], next_page_token=page.next_page_token
        )

    def AcknowledgeNotification(
        self, request: pb.AcknowledgeNotificationRequest, context: grpc.ServicerContext
    ) -> pb.NotificationEntry:
        return _entry(
            self.outbox.acknowledge(call_context(), request.org_slug, request.notification_id)
        )

    def ListSummaries(
        self, request: pb.ListSummariesRequest, context: grpc.ServicerContext
    ) -> pb.ListSummariesResponse:
        found = self.summaries.list_summaries(
            request.org_slug, request.summary_type, request.active_only
        )
        query = f"summaries|{request.org_slug}|{request.summary_type}|{request.active_only}"
        summaries, token = _listed(found, request, query, _summary)
        return pb.ListSummariesResponse(summaries=summaries, next_page_token=token)

    def CreateSummary(
        self, request: pb.CreateSummaryRequest, context: grpc.ServicerContext
    ) -> pb.Summary:
        r = request
        given = fields_from(SummaryInput, r)
        return _summary(self.summaries.create(call_context(), r.org_slug, given))

    def UpdateSummary(
        self, request: pb.UpdateSummaryRequest, context: grpc.ServicerContext
    ) -> pb.Summary:
        r = request
        change = fields_from(SummaryChange, r, channel_ids=list(r.notify_channel_ids))
        updated = self.summaries.update(call_context(), r.org_slug, r.summary_id, change)
        return _summary(updated)

    def DeleteSummary(
        self, request: pb.DeleteSummaryRequest, context: grpc.ServicerContext
    ) -> pb.DeleteSummaryResponse:
        deleted = self.summaries.delete(call_context(), request.org_slug, request.summary_id)
        return pb.DeleteSummaryResponse(deleted=deleted)

    def SendSummaryNow(
        self, request: pb.SendSummaryNowRequest, context: grpc.ServicerContext
    ) -> pb.SendSummaryNowResponse:
        sent, failed = self.summaries.send_now(request.org_slug, request.summary_id)
        return pb.SendSummaryNowResponse(message=f"sent to {sent} channel(s), {failed} failed")

    def ListCostAlerts(
        self, request: pb.ListCostAlertsRequest, context: grpc.ServicerContext
    ) -> pb.ListCostAlertsResponse:
        found = self.cost_alerts.list_alerts(request.org_slug, request.scope, request.enabled_only)
        query = f"cost_alerts|{request.org_slug}|{request.scope}|{request.enabled_only}"
        alerts, token = _listed(found, request, query, _cost_alert)
        return pb.ListCostAlertsResponse(alerts=alerts, next_page_token=token)

    def CreateCostAlert(
        self, request: pb.CreateCostAlertRequest, context: grpc.ServicerContext
    ) -> pb.CostAlert:
        r = request
        given = fields_from(CostAlertInput, r)
        return _cost_alert(self.cost_alerts.create(call_context(), r.org_slug, given))

    def UpdateCostAlert(
        self, request: pb.UpdateCostAlertRequest, context: grpc.ServicerContext
    ) -> pb.CostAlert:
        r = request
        updated = self.cost_alerts.update(
            call_context(),
            r.org_slug,
            r.alert_id,
            name=optional(r, "name"),
            description=optional(r, "description"),
            severity=optional(r, "severity"),
            channels=list(r.channels),
            enabled=optional(r, "is_enabled"),
            threshold_value=optional(r, "threshold_value"),
            threshold_currency=optional(r, "threshold_currency"),
            cooldown_hours=optional(r, "cooldown_hours"),
            schedule_cron=optional(r, "schedule_cron"),
        )
        return _cost_alert(updated)

    def DeleteCostAlert(
        self, request: pb.DeleteCostAlertRequest, context: grpc.ServicerContext
    ) -> pb.DeleteCostAlertResponse:
        deleted = self.cost_alerts.delete(call_context(), request.org_slug, request.alert_id)
        return pb.DeleteCostAlertResponse(deleted=deleted)

    def EnableCostAlert(
        self, request: pb.EnableCostAlertRequest, context: grpc.ServicerContext
    ) -> pb.CostAlert:
        return _cost_alert(
            self.cost_alerts.set_enabled(call_context(), request.org_slug, request.alert_id, True)
        )

    def DisableCostAlert(
        self, request: pb.DisableCostAlertRequest, context: grpc.ServicerContext
    ) -> pb.CostAlert:
        return _cost_alert(
            self.cost_alerts.set_enabled(call_context(), request.org_slug, request.alert_id, False)
        )

    def GetNotificationStats(
        self, request: pb.GetNotificationStatsRequest, context: grpc.ServicerContext
    ) -> pb.NotificationStats:
        org = request.org_slug
        channels = self.channels.list_channels(org, "", active_only=False)
        rules = self.rules.list_rules(org, "", "", active_only=False)
        summaries = [x for x in rules if x.kind == SUMMARY]
        s = self.outbox.stats(org)
        return pb.NotificationStats(
            total_channels=len(channels),
            active_channels=sum(c.is_active for c in channels),
            total_rules=len(rules),
            active_rules=sum(x.is_active for x in rules),
            total_summaries=len(summaries),
            active_summaries=sum(x.is_active for x in summaries),
            notifications_24h=int(s["notifications_24h"]),
            alerts_24h=int(s["alerts_24h"]),
            delivery_rate=float(s["delivery_rate"]),
            pending_acknowledgments=int(s["pending_acknowledgments"]),
        )

    def EvaluateAlerts(
        self, request: pb.EvaluateAlertsRequest, context: grpc.ServicerContext
    ) -> pb.EvaluateAlertsResponse:
        today = self.evaluator.today()
        as_of = dates.parse_date(request.as_of, "as_of", today=today) if request.as_of else None
        return message(pb.EvaluateAlertsResponse, self.evaluator.evaluate(request.org_slug, as_of))

    def ListCostAnomalies(
        self, request: pb.ListCostAnomaliesRequest, context: grpc.ServicerContext
    ) -> pb.ListCostAnomaliesResponse:
        page = self.anomalies.list_anomalies(
            request.org_slug,
            start_date=request.start_date,
            end_date=request.end_date,
            providers=list(request.providers),
            sensitivity=request.sensitivity,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return pb.ListCostAnomaliesResponse(
            anomalies=[_anomaly(a) for a in page.anomalies],
            sensitivity=page.sensitivity,
            next_page_token=page.next_page_token,
        )

    def GetAnomalySettings(
        self, request: pb.GetAnomalySettingsRequest, context: grpc.ServicerContext
    ) -> pb.AnomalySettings:
        return _settings(self.anomalies.settings(request.org_slug))

    def UpdateAnomalySettings(
        self, request: pb.UpdateAnomalySettingsRequest, context: grpc.ServicerContext
    ) -> pb.AnomalySettings:
        impact = decimal_in(request.min_impact) if request.HasField("min_impact") else None
        return _settings(
            self.anomalies.update_settings(
                call_context(), request.org_slug, request.sensitivity, impact
            )
        )

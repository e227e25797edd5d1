"""Rule evaluation: what is due now becomes an alert with a key for its rule, scope and period.

* budget_percent / budget_forecast: every crossed threshold of the current period of each
  matching active budget (key: rule, budget, period start, basis, percent);
* anomaly: every anomaly of the day before ``as_of`` (key: rule, provider, service, currency,
  day): one alert per scope per day;
* cost_summary: yesterday's (daily) or last week's (weekly) cost per currency (key: rule,
  period start).

Alerts are queued once per channel (``Outbox.enqueue`` is insert-if-absent on the key), then the
outbox delivers; so evaluating twice never sends twice.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

import structlog

from cloudact_grpc.domain.clock import utc_today
from cloudact_grpc.domain.errors import DomainError, NotFound
from cloudact_grpc.services.alerts import rules as r
from cloudact_grpc.services.alerts.channels import ChannelService
from cloudact_grpc.services.alerts.outbox import Outbox
from cloudact_grpc.services.alerts.rules import RuleService
from cloudact_grpc.services.alerts.sources import AlertSources
from cloudact_grpc.services.alerts.tables import AlertTables

_log = structlog.get_logger(__name__)


@dataclass
class Outcome:
    """Counts of one evaluation."""

    organizations: int = 0
    rules_evaluated: int = 0
    alerts_raised: int = 0
    delivered: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class AlertEvaluator:
    """Evaluates rules and hands alerts to the outbox."""

    def __init__(
        self,
        tables: AlertTables,
        rules: RuleService,
        channels: ChannelService,
        outbox: Outbox,
        sources: AlertSources,
    ) -> None:
        self._t = tables
        self._rules = rules
        self._channels = channels
        self._outbox = outbox
        self._sources = sources

    def today(self) -> dt.date:
        """Today (UTC) by the service clock: the default day and the bound of ``as_of``."""
        return utc_today(self._t.clock)

    def evaluate(self, org_slug: str, as_of: dt.date | None = None) -> Outcome:
        """Evaluate one org (or every active org when empty) for the day ``as_of``."""
        day = as_of or utc_today(self._t.clock)
        out = Outcome()
        orgs = [org_slug] if org_slug else self._t.active_orgs()
        for org in orgs:
            try:
                self._org(org, day, out)
            except DomainError as exc:
                if org_slug:
                    raise
                out.errors.append(f"{org}: {exc.message}")
                _log.warning("alerts_org_failed", org_slug=org, error=exc.message)
            out.organizations += 1
        return out

    def _org(self, org: str, day: dt.date, out: Outcome) -> None:
        slug, ds = self._t.org(org, active=True)
        defaults = self._channels.default_ids(ds)
        for rule in self._rules.rules_of(ds, active_only=True):
            out.rules_evaluated += 1
            channels = list(rule.notify_channel_ids) or defaults
            raised = False
            for alert in self._sources.alerts(slug, rule, day):
                queued = [self._outbox.enqueue(ds, alert, cid) for cid in channels]
                if any(queued):
                    out.alerts_raised += 1
                    raised = True
            if raised:
                self._rules.triggered(ds, rule.rule_id, self._t.clock.now())
        sent, failed, _ = self._outbox.dispatch(slug, ds)
        out.delivered += sent
        out.failed += failed

    def send_now(self, org_slug: str, rule_id: str) -> tuple[int, int]:
        """Send a summary rule's last complete period now; (sent, failed)."""
        slug, ds = self._t.org(org_slug, active=True)
        rule = self._rules.get(ds, rule_id)
        if rule.kind != r.SUMMARY:
            raise NotFound("summary", rule.rule_id)
        today = utc_today(self._t.clock)
        alert = self._sources.summary_alert(
            slug, rule, today, f"{rule.rule_id}:now:{uuid.uuid4().hex}"
        )
        channels = list(rule.notify_channel_ids) or self._channels.default_ids(ds)
        sent = failed = 0
        for cid in channels:
            notification_id = self._outbox.enqueue(ds, alert, cid)
            ok, bad, _ = self._outbox.dispatch(slug, ds, only=notification_id or "")
            sent, failed = sent + ok, failed + bad
        if sent:
            self._rules.triggered(ds, rule.rule_id, self._t.clock.now())
        return sent, failed

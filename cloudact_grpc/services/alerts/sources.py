"""What each kind of rule raises on a day: budget, anomaly, cost-threshold and summary alerts.

Every alert carries a key for its rule, scope and period (see ``evaluate``), so raising it twice
queues it once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from cloudact_grpc.analytics import schema as s
from cloudact_grpc.analytics.filters import CostFilter
from cloudact_grpc.services.alerts import rules as r
from cloudact_grpc.services.alerts.outbox import Alert
from cloudact_grpc.services.alerts.rules import Rule
from cloudact_grpc.services.anomalies.service import AnomalyService
from cloudact_grpc.services.budgets.model import ACTUAL, FORECAST, FRONTEND_CATEGORIES
from cloudact_grpc.services.budgets.service import BudgetService, Selection
from cloudact_grpc.services.budgets.status import BudgetStatus
from cloudact_grpc.services.costs import CostsService

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class AlertSources:
    """The readers alerts are computed from: budget statuses, anomalies and costs."""

    budgets: BudgetService
    anomalies: AnomalyService
    costs: CostsService

    def alerts(self, slug: str, rule: Rule, day: dt.date) -> Iterator[Alert]:
        """What ``rule`` raises for the day ``day`` (nothing when nothing is due)."""
        if rule.kind in (r.BUDGET_PERCENT, r.BUDGET_FORECAST):
            yield from self._budget_alerts(slug, rule, day)
        elif rule.kind == r.ANOMALY:
            yield from self._anomaly_alerts(slug, rule, day)
        elif rule.kind == r.ABSOLUTE:
            yield from self._threshold_alerts(slug, rule, day)
        else:
            yield from self._summary_alerts(slug, rule, day)

    def _budget_alerts(self, slug: str, rule: Rule, day: dt.date) -> Iterator[Alert]:
        basis = ACTUAL if rule.kind == r.BUDGET_PERCENT else FORECAST
        wanted = str(rule.conditions.get("budget_id") or "")
        fixed = rule.conditions.get("threshold_percent")
        for status in self.budgets.statuses(slug, Selection(as_of=day.isoformat())):
            b = status.budget
            if wanted and b.budget_id != wanted:
                continue
            percents = (
                [Decimal(str(fixed))]
                if fixed is not None
                else [t.percent for t in b.thresholds if t.basis == basis]
            )
            for percent in percents:
                if _crossed(status, basis, percent):
                    yield _budget_alert(rule, status, basis, percent)

    def _anomaly_alerts(self, slug: str, rule: Rule, day: dt.date) -> Iterator[Alert]:
        yesterday = day - dt.timedelta(days=1)
        settings = self.anomalies.settings(slug)
        for a in self.anomalies.find(
            slug, yesterday, yesterday, rule.provider_filter, settings.sensitivity,
            settings.min_impact,
        ):  # fmt: skip
            f = a.finding
            yield _alert(
                rule,
                "anomaly",
                f"{rule.rule_id}:anomaly:{a.provider}:{a.service}:{a.currency}:{f.day}",
                subject=f"Cost {f.direction} on {a.provider} {a.service} ({f.day})",
                body=(
                    f"{a.service} ({a.provider}) cost {f.actual:.2f} {a.currency} on {f.day}, "
                    f"expected {f.expected:.2f} {a.currency}; impact {f.impact:+.2f}. "
                    f"Driver: {a.driver_dimension or 'none'} {a.driver_value}"
                ),
                data={
                    "date": f.day.isoformat(),
                    "provider": a.provider,
                    "service": a.service,
                    "currency": a.currency,
                    "actual": str(f.actual),
                    "expected": str(f.expected),
                    "impact": str(f.impact),
                    "direction": f.direction,
                    "driver_dimension": a.driver_dimension,
                    "driver_value": a.driver_value,
                },
            )

    def _threshold_alerts(self, slug: str, rule: Rule, day: dt.date) -> Iterator[Alert]:
        c = rule.conditions
        period = str(c.get("period") or "monthly")
        if period == "weekly":
            first = day - dt.timedelta(days=day.weekday())
        elif period == "monthly":
            first = day.replace(day=1)
        else:
            first = day
        currency = str(c["currency"])
        threshold = Decimal(str(c["threshold_amount"]))
        scope = str(c.get("scope") or "total")
        categories = () if scope == "total" else (FRONTEND_CATEGORIES[scope],)
        f = CostFilter(first, day, providers=rule.provider_filter, categories=categories)
        spend = self.costs.daily_spend(slug, f, metric="effective")
        total = sum(spend.get(currency, {}).values(), Decimal(0))
        if total < threshold:
            return
        span = first.isoformat() if first == day else f"{first} to {day}"
        yield _alert(
            rule,
            "cost_threshold",
            f"{rule.rule_id}:threshold:{first}",
            subject=f"{rule.name}: {scope} cost {total:.2f} {currency} passed {threshold}",
            body=f"{scope} cost {span}: {total:.2f} {currency}, threshold {threshold} {currency}.",
            data={
                "period_start": first.isoformat(),
                "as_of": day.isoformat(),
                "scope": scope,
                "currency": currency,
                "cost": str(total),
                "threshold": str(threshold),
            },
        )

    def _summary_alerts(self, slug: str, rule: Rule, day: dt.date) -> Iterator[Alert]:
        yield self.summary_alert(slug, rule, day, f"{rule.rule_id}:summary")

    def summary_alert(self, slug: str, rule: Rule, day: dt.date, key_prefix: str) -> Alert:
        """The summary of the last complete period before ``day`` (its key: prefix + start)."""
        c = rule.conditions
        period = str(c.get("period") or "daily")
        if period == "weekly":
            first = day - dt.timedelta(days=day.weekday() + 7)
            last = first + dt.timedelta(days=6)
        elif period == "monthly":
            last = day.replace(day=1) - dt.timedelta(days=1)
            first = last.replace(day=1)
        else:
            first = last = day - dt.timedelta(days=1)
        currency = str(c.get("currency_display") or "")
        f = CostFilter(first, last, providers=rule.provider_filter, currency=currency)
        per = self.costs.daily_grouped(slug, f, metric="effective", by=(s.PROVIDER,))
        totals: dict[str, Decimal] = {}
        providers: dict[str, dict[str, Decimal]] = {}
        for (provider, cur), days in sorted(per.items()):
            amount = sum(days.values(), Decimal(0))
            totals[cur] = totals.get(cur, Decimal(0)) + amount
            providers.setdefault(cur, {})[provider] = amount
        raw_sections = c.get("include_sections")
        sections = (
            [str(x) for x in raw_sections]
            if isinstance(raw_sections, list)
            else ["totals", "by_provider"]
        )
        top_n = int(str(c.get("top_n_items") or 5))
        span = first.isoformat() if first == last else f"{first} to {last}"
        lines = [f"Cost {span}:"]
        if "totals" in sections:
            lines += [f"  total {v:.2f} {cur}" for cur, v in totals.items()] or ["  no cost"]
        top: dict[str, list[dict[str, str]]] = {}
        if "by_provider" in sections:
            for cur, amounts in providers.items():
                ranked = sorted(amounts.items(), key=lambda kv: (-kv[1], kv[0]))[:top_n]
                top[cur] = [{"provider": p, "amount": str(v)} for p, v in ranked]
                lines += [f"  {p}: {v:.2f} {cur}" for p, v in ranked]
        return _alert(
            rule,
            "cost_summary",
            f"{key_prefix}:{first}",
            subject=f"{rule.name}: cost {span}",
            body="\n".join(lines),
            data={
                "start_date": first.isoformat(),
                "end_date": last.isoformat(),
                "totals": {cur: str(v) for cur, v in totals.items()},
                "by_provider": top,
            },
        )


def _crossed(status: BudgetStatus, basis: str, percent: Decimal) -> bool:
    amount = status.budget.amount * percent / HUNDRED
    if basis == ACTUAL:
        return status.spent >= amount
    return status.method != "none" and status.forecast_total >= amount


def _budget_alert(rule: Rule, status: BudgetStatus, basis: str, percent: Decimal) -> Alert:
    b, cur = status.budget, status.budget.currency
    what = "spend" if basis == ACTUAL else "forecast spend"
    return _alert(
        rule,
        "budget_threshold" if basis == ACTUAL else "budget_forecast",
        f"{rule.rule_id}:budget:{b.budget_id}:{status.period.first}:{basis}:{_plain(percent)}",
        subject=f"Budget {b.name}: {what} reached {_plain(percent)}% of {b.amount} {cur}",
        body=(
            f"Budget {b.name} ({status.period.first} to {status.period.last}): spent "
            f"{status.spent:.2f} {cur} of {b.amount} {cur} by {status.as_of}; forecast "
            f"{status.forecast_total:.2f} {cur} (80%: {status.forecast_lower:.2f} to "
            f"{status.forecast_upper:.2f})."
        ),
        data={
            "budget_id": b.budget_id,
            "budget_name": b.name,
            "currency": cur,
            "budget_amount": str(b.amount),
            "spent": str(status.spent),
            "forecast_total": str(status.forecast_total),
            "forecast_upper": str(status.forecast_upper),
            "period_start": status.period.first.isoformat(),
            "period_end": status.period.last.isoformat(),
            "basis": basis,
            "threshold_percent": _plain(percent),
            "as_of": status.as_of.isoformat(),
        },
    )


def _alert(
    rule: Rule,
    notification_type: str,
    event_key: str,
    *,
    subject: str,
    body: str,
    data: Mapping[str, object],
) -> Alert:
    """An alert raised by ``rule`` (its id and priority), idempotent on ``event_key``."""
    return Alert(event_key, rule.rule_id, notification_type, rule.priority, subject, body, data)


def _plain(value: Decimal) -> str:
    """``50`` for 50.0, ``12.5`` for 12.50 (never exponent notation)."""
    return format(value.normalize(), "f")

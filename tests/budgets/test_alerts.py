"""Alert rules and channels end to end: signed webhooks, Slack, email, retries, idempotency.

Receivers are local: an HTTP server on 127.0.0.1 (webhook and Slack) and aiosmtpd (email). The
stack allows loopback notification URLs explicitly (``notify_allow_loopback``); private and
metadata hosts stay refused.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import grpc
import pyarrow as pa
import pytest
from cloudact.v1 import admin_pb2, admin_pb2_grpc, notifications_pb2_grpc
from cloudact.v1 import notifications_pb2 as pb

from cloudact_grpc.config import Settings
from cloudact_grpc.ports.warehouse import Eq
from tests.budgets.conftest import BudgetStack, running_stack
from tests.budgets.seed import arrow_table, expected_spend, seeded_rows
from tests.support.errors import decode, decode_rest
from tests.support.http import HTTP
from tests.support.receivers import (
    HttpReceiver,
    SmtpReceiver,
    running_http_receiver,
    running_smtp_receiver,
)

ORG = "alerts_org"
ROWS = seeded_rows()


@pytest.fixture(scope="module")
def http() -> Iterator[HttpReceiver]:
    """The HTTP receiver: webhook and Slack channels post to it."""
    with running_http_receiver() as receiver:
        yield receiver


@pytest.fixture(scope="module")
def smtp() -> Iterator[SmtpReceiver]:
    """The SMTP receiver: email channels send to it."""
    with running_smtp_receiver() as receiver:
        yield receiver


@pytest.fixture(scope="module")
def stack(
    settings: Settings,
    root_key: str,
    tmp_path_factory: pytest.TempPathFactory,
    smtp: SmtpReceiver,
) -> Iterator[BudgetStack]:
    with running_stack(
        "duckdb", settings, root_key, tmp_path_factory.mktemp("alerts"),
        notify_allow_loopback=True, notify_retry_base_seconds=0.01,
        smtp_host="127.0.0.1", smtp_port=smtp.port,
    ) as s:  # fmt: skip
        yield s


@pytest.fixture(scope="module")
def key(stack: BudgetStack) -> str:
    k = stack.onboard(ORG)
    stack.seed(ORG)
    return k


def _h(key: str) -> dict[str, str]:
    return {"X-API-Key": key, "Content-Type": "application/json"}


def _url(stack: BudgetStack, tail: str) -> str:
    return f"{stack.url}/api/v1/notifications/{ORG}{tail}"


def _post(stack: BudgetStack, key: str, tail: str, body: dict[str, Any]) -> dict[str, Any]:
    reply = HTTP.post(_url(stack, tail), json=body, headers=_h(key))
    assert reply.status_code == 200, reply.text
    return dict(reply.json())


def _evaluate(stack: BudgetStack, as_of: str) -> pb.EvaluateAlertsResponse:
    stub = notifications_pb2_grpc.NotificationsServiceStub(stack.channel)
    return stub.EvaluateAlerts(
        pb.EvaluateAlertsRequest(org_slug=ORG, as_of=as_of), metadata=stack.root_metadata
    )


def _verify(secret: str, request: Any) -> bool:
    """Standard Webhooks verification, written out independently of the service."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{request.headers['webhook-id']}.{request.headers['webhook-timestamp']}.".encode()
    mac = hmac.new(key, signed + request.body, hashlib.sha256).digest()
    expected = "v1," + base64.b64encode(mac).decode()
    return hmac.compare_digest(expected, request.headers["webhook-signature"])


@pytest.fixture(scope="module")
def channels(stack: BudgetStack, key: str, http: HttpReceiver) -> dict[str, Any]:
    hook = _post(stack, key, "/channels", {
        "name": "Ops hook", "channel_type": "webhook", "webhook_url": f"{http.url}/hook",
        "webhook_headers": {"X-Team": "finops"},
    })  # fmt: skip
    slack = _post(stack, key, "/channels", {
        "name": "Slack", "channel_type": "slack", "slack_webhook_url": f"{http.url}/slack",
        "slack_channel": "#costs", "slack_mention_users": ["U123"], "slack_mention_channel": True,
    })  # fmt: skip
    email = _post(stack, key, "/channels", {
        "name": "Mail", "channel_type": "email", "email_recipients": ["fin@alerts.example"],
        "email_subject_prefix": "[CloudAct]",
    })  # fmt: skip
    return {"hook": hook, "slack": slack, "email": email}


def test_channels_keep_secrets_and_refuse_private_hosts(
    stack: BudgetStack, key: str, channels: dict[str, Any]
) -> None:
    assert channels["hook"]["webhook_secret"].startswith("whsec_")
    listed = HTTP.get(_url(stack, "/channels"), headers=_h(key))
    assert listed.status_code == 200, listed.text
    body = listed.text
    assert "127.0.0.1" not in body and "whsec_" not in body
    by_name = {c["name"]: c for c in listed.json()["channels"]}
    assert by_name["Ops hook"]["webhook_configured"] is True
    assert by_name["Slack"]["slack_webhook_configured"] is True
    for url in ("http://10.1.2.3/hook", "http://169.254.169.254/latest",
                "https://metadata.google.internal/x", "ftp://example.com/x"):  # fmt: skip
        bad = HTTP.post(
            _url(stack, "/channels"),
            json={"name": "bad", "channel_type": "webhook", "webhook_url": url},
            headers=_h(key),
        )
        assert bad.status_code == 400, url
        assert "webhook_url" in bad.text


def test_test_send_signs_retries_and_reports_failure(
    stack: BudgetStack, key: str, channels: dict[str, Any],
    http: HttpReceiver,
) -> None:  # fmt: skip
    hook = channels["hook"]
    before = len(http.on("/hook"))
    http.fail_next = 2
    ok = _post(stack, key, f"/channels/{hook['channel_id']}/test", {})
    assert ok["attempts"] == 3
    got = http.on("/hook")[before:]
    assert len(got) == 3
    assert len({r.headers["webhook-id"] for r in got}) == 1  # one id across retries
    assert all(_verify(hook["webhook_secret"], r) for r in got)
    assert got[-1].headers["x-team"] == "finops"
    assert json.loads(got[-1].body)["type"] == "test"
    tampered = got[-1]
    tampered.body = tampered.body.replace(b"test", b"TEST")
    assert not _verify(hook["webhook_secret"], tampered)

    http.fail_next = 10
    failed = HTTP.post(
        _url(stack, f"/channels/{hook['channel_id']}/test"), json={}, headers=_h(key)
    )
    http.fail_next = 0
    assert failed.status_code == 503, failed.text
    assert failed.json()["details"][0]["reason"] == "PROVIDER_UNREACHABLE"
    history = HTTP.get(
        _url(stack, "/history"), params={"status": "failed"}, headers=_h(key)
    ).json()["entries"]
    assert [(e["notification_type"], e["error_message"]) for e in history] == [("test", "HTTP 500")]


def test_budget_alerts_are_sent_once_per_period(
    stack: BudgetStack, key: str, channels: dict[str, Any],
    http: HttpReceiver, smtp: SmtpReceiver,
) -> None:  # fmt: skip
    first, as_of = dt.date(2026, 3, 1), dt.date(2026, 3, 15)
    spent = expected_spend(ROWS, first=first, last=as_of, currency="USD")
    amount = (spent / Decimal("0.65")).quantize(Decimal(1))
    budget = HTTP.post(
        f"{stack.url}/api/v1/budgets/{ORG}",
        json={"hierarchy_entity_id": "ORG", "hierarchy_entity_name": "Whole org",
              "budget_amount": float(amount), "currency": "USD", "period_type": "monthly",
              "period_start": "2026-03-01",
              "thresholds": [{"percent": 50}, {"percent": 90},
                             {"percent": 100, "basis": "forecast"}]},
        headers=_h(key),
    ).json()  # fmt: skip
    ids = [channels[n]["channel_id"] for n in ("hook", "slack", "email")]
    actual_rule = _post(stack, key, "/rules", {
        "name": "Budget 50/90", "rule_type": "budget_percent", "rule_category": "cost",
        "priority": "high", "notify_channel_ids": ids,
        "conditions": {"budget_id": budget["budget_id"]},
    })  # fmt: skip
    _post(stack, key, "/rules", {
        "name": "Forecast over", "rule_type": "budget_forecast",
        "notify_channel_ids": [channels["hook"]["channel_id"]],
        "conditions": {"budget_id": budget["budget_id"]},
    })  # fmt: skip
    hooks, slacks, mails = len(http.on("/hook")), len(http.on("/slack")), len(smtp.messages)
    http.fail_next = 1  # the first webhook delivery gets a 500 and is retried
    first_run = _evaluate(stack, as_of.isoformat())
    assert (first_run.alerts_raised, first_run.delivered, first_run.failed) == (2, 4, 0)
    new_hooks = http.on("/hook")[hooks:]
    assert len(new_hooks) == 3  # 50% (retried once) and the forecast alert
    payloads = [json.loads(r.body) for r in new_hooks]
    assert {p["type"] for p in payloads} == {"budget_threshold", "budget_forecast"}
    threshold = next(p for p in payloads if p["type"] == "budget_threshold")
    assert (
        threshold["data"]["spent"] == str(spent.normalize())
        or Decimal(threshold["data"]["spent"]) == spent
    )
    assert threshold["data"]["threshold_percent"] == "50"
    assert threshold["data"]["budget_amount"] == f"{amount}.00"  # decimal text, minor unit
    assert threshold["data"]["currency"] == "USD"
    assert all(_verify(channels["hook"]["webhook_secret"], r) for r in new_hooks)

    (slack,) = http.on("/slack")[slacks:]
    slack_body = json.loads(slack.body)
    assert slack_body["text"].startswith("<!channel> <@U123> *Budget Whole org")
    assert slack_body["blocks"][0]["type"] == "section"
    assert slack_body["blocks"][0]["text"]["type"] == "mrkdwn"

    (mail,) = smtp.messages[mails:]
    assert mail["Subject"].startswith("[CloudAct] Budget Whole org: spend reached 50%")
    assert mail["To"] == "fin@alerts.example"
    assert f"{spent:.2f} USD" in mail.get_payload()

    again = _evaluate(stack, as_of.isoformat())
    assert (again.alerts_raised, again.delivered, again.failed) == (0, 0, 0)
    assert len(http.on("/hook")) == hooks + 3
    assert len(smtp.messages) == mails + 1

    history = HTTP.get(_url(stack, "/history"), headers=_h(key)).json()["entries"]
    retried = [e for e in history if e["rule_id"] == actual_rule["rule_id"]
               and e["channel_id"] == channels["hook"]["channel_id"]]  # fmt: skip
    assert [(e["status"], e["retry_count"]) for e in retried] == [("sent", 1)]
    acked = _post(stack, key, f"/history/{retried[0]['notification_id']}/acknowledge", {})
    assert acked["acknowledged_at"] and acked["acknowledged_by"].startswith("org_key:")

    stats = HTTP.get(_url(stack, "/stats"), headers=_h(key))
    assert stats.status_code == 200, stats.text
    s = stats.json()
    assert (s["total_channels"], s["active_channels"]) == (3, 3)
    assert (s["total_rules"], s["active_rules"], s["total_summaries"]) == (2, 2, 0)
    assert s["alerts_24h"] == 2  # the 50% and forecast alerts (tests are not alerts)
    assert s["notifications_24h"] == 6  # two tests + four deliveries
    assert s["pending_acknowledgments"] == 3  # four sent alerts, one acknowledged
    assert s["delivery_rate"] == pytest.approx(100 * 5 / 6, abs=0.01)  # one failed test


def test_paused_rules_are_skipped_and_summaries_are_exact(
    stack: BudgetStack, key: str, channels: dict[str, Any],
    http: HttpReceiver,
) -> None:  # fmt: skip
    rule = _post(stack, key, "/rules", {
        "name": "Daily summary", "rule_type": "cost_summary",
        "notify_channel_ids": [channels["hook"]["channel_id"]], "conditions": {"period": "daily"},
    })  # fmt: skip
    paused = _post(stack, key, f"/rules/{rule['rule_id']}/pause", {})
    assert paused["is_active"] is False
    before = len(http.on("/hook"))
    assert _evaluate(stack, "2026-03-21").alerts_raised == 0
    assert len(http.on("/hook")) == before
    assert _post(stack, key, f"/rules/{rule['rule_id']}/resume", {})["is_active"] is True
    run = _evaluate(stack, "2026-03-21")
    assert (run.alerts_raised, run.delivered) == (1, 1)
    (summary,) = http.on("/hook")[before:]
    totals = json.loads(summary.body)["data"]["totals"]
    day = dt.date(2026, 3, 20)
    assert {c: Decimal(v) for c, v in totals.items()} == {
        cur: expected_spend(ROWS, first=day, last=day, currency=cur)
        for cur in ("EUR", "JPY", "USD")
    }
    rules = HTTP.get(_url(stack, "/rules"), headers=_h(key)).json()["rules"]
    assert {r["name"] for r in rules} >= {"Daily summary", "Budget 50/90"}


def test_bad_rules_and_audit(stack: BudgetStack, key: str, channels: dict[str, Any]) -> None:
    bad = HTTP.post(
        _url(stack, "/rules"),
        json={"name": "", "rule_type": "pipeline_failure", "notify_channel_ids": ["nope"],
              "priority": "urgent"},
        headers=_h(key),
    )  # fmt: skip
    assert bad.status_code == 400
    fields = set(decode_rest(bad).violated_fields)
    assert fields == {"name", "rule_type", "notify_channel_ids", "priority"}
    stub = notifications_pb2_grpc.NotificationsServiceStub(stack.channel)
    with pytest.raises(grpc.RpcError) as info:
        stub.EvaluateAlerts(pb.EvaluateAlertsRequest(org_slug=ORG), metadata=(("x-api-key", key),))
    assert decode(info.value).code is grpc.StatusCode.UNAUTHENTICATED  # root key only
    logs = admin_pb2_grpc.AdminServiceStub(stack.channel).ListAuditLogs(
        admin_pb2.ListAuditLogsRequest(org_slug=ORG, page_size=5000), metadata=stack.root_metadata
    )
    kinds = {(e.action, e.resource_type) for e in logs.audit_logs}
    assert {("CREATE", "NOTIFICATION_CHANNEL"), ("TEST", "NOTIFICATION_CHANNEL"),
            ("CREATE", "NOTIFICATION_RULE"), ("PAUSE", "NOTIFICATION_RULE"),
            ("RESUME", "NOTIFICATION_RULE"), ("ACKNOWLEDGE", "NOTIFICATION")} <= kinds  # fmt: skip


def test_anomaly_alerts_once_per_scope_and_day(
    stack: BudgetStack, key: str, channels: dict[str, Any],
    http: HttpReceiver,
) -> None:  # fmt: skip
    day = dt.date(2026, 3, 25)
    source = arrow_table([r for r in ROWS if r.day == day and r.service == "Compute Engine"][:1])
    spike = [
        {
            **row,
            "x_source_record_id": "burst-1",
            "BilledCost": Decimal(5000),
            "EffectiveCost": Decimal(5000),
            "ListCost": Decimal(5000),
        }
        for row in source.to_pylist()
    ]
    burst = pa.Table.from_pylist([{**row, "SkuId": "sku-burst"} for row in spike])
    typed = pa.schema(  # an all-null column carries no type: give it the source's string type
        [pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in burst.schema]
    )
    stack.ingest(ORG, burst.cast(typed))
    _post(stack, key, "/rules", {
        "name": "Anomalies", "rule_type": "anomaly_std_deviation",
        "notify_channel_ids": [channels["hook"]["channel_id"]],
    })  # fmt: skip
    listed = HTTP.get(
        f"{stack.url}/api/v1/anomalies/{ORG}",
        params={"start_date": day.isoformat(), "end_date": day.isoformat()},
        headers=_h(key),
    ).json()["anomalies"]
    assert ("gcp", "Compute Engine", "USD") in {
        (a["provider"], a["service_name"], a["currency"]) for a in listed
    }
    before = len(http.on("/hook"))
    run = _evaluate(stack, (day + dt.timedelta(days=1)).isoformat())
    # Other rules fire too (the day's summary; the spike pushes the budget past 90%).
    assert run.alerts_raised >= len(listed)
    sent = [json.loads(r.body) for r in http.on("/hook")[before:]]
    anomalies = [p for p in sent if p["type"] == "anomaly"]
    assert len(anomalies) == len(listed)  # one per scope and day
    burst = next(p for p in anomalies if p["data"]["service"] == "Compute Engine")
    assert (burst["data"]["driver_dimension"], burst["data"]["driver_value"]) == (
        "sku", "sku-burst",
    )  # fmt: skip
    assert burst["data"]["direction"] == "spike"
    again = _evaluate(stack, (day + dt.timedelta(days=1)).isoformat())
    assert again.alerts_raised == 0
    assert len(http.on("/hook")) == before + len(sent)


@pytest.mark.slow  # waits on the real timer
def test_embedded_timer_evaluates_when_enabled(
    settings: Settings, root_key: str, tmp_path_factory: pytest.TempPathFactory,
    http: HttpReceiver,
) -> None:  # fmt: skip
    with running_stack(
        "duckdb", settings, root_key, tmp_path_factory.mktemp("timer"),
        notify_allow_loopback=True, notify_retry_base_seconds=0.01, alerts_interval_seconds=1,
    ) as timed:  # fmt: skip
        org = "timer_org"
        k = timed.onboard(org)
        base = f"{timed.url}/api/v1/notifications/{org}"
        hook = HTTP.post(f"{base}/channels", headers=_h(k), json={
            "name": "t", "channel_type": "webhook", "webhook_url": f"{http.url}/timer",
        }).json()  # fmt: skip
        HTTP.post(f"{base}/rules", headers=_h(k), json={
            "name": "daily", "rule_type": "cost_summary",
            "notify_channel_ids": [hook["channel_id"]],
        })  # fmt: skip
        deadline = time.monotonic() + 20
        while not http.on("/timer") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(http.on("/timer")) == 1
        time.sleep(2.5)  # more ticks: the same day's summary is not sent again
        assert len(http.on("/timer")) == 1
        assert json.loads(http.on("/timer")[0].body)["type"] == "cost_summary"


def test_a_crashed_dispatch_is_sent_again_later_with_the_same_id(
    stack: BudgetStack, key: str, channels: dict[str, Any],
    http: HttpReceiver,
) -> None:  # fmt: skip
    _post(stack, key, "/rules", {
        "name": "Weekly", "rule_type": "cost_summary", "conditions": {"period": "weekly"},
        "notify_channel_ids": [channels["hook"]["channel_id"]],
    })  # fmt: skip
    before = len(http.on("/hook"))
    assert _evaluate(stack, "2026-03-23").delivered >= 1
    weekly = [r for r in http.on("/hook")[before:] if b"2026-03-16" in r.body]
    assert len(weekly) == 1
    notification_id = weekly[0].headers["webhook-id"]
    # A dispatcher that claimed the row and died before recording the outcome: once the claim
    # is stale, the next evaluation sends it again, with the same id for receivers to dedupe.
    ds = f"{ORG}_local"
    assert stack.app.warehouse.update(
        ds, "notification_history",
        {"status": "sending", "claimed_at": dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)},
        [Eq("notification_id", notification_id)],
    ) == 1  # fmt: skip
    count = len(http.on("/hook"))
    _evaluate(stack, "2026-03-23")
    again = http.on("/hook")[count:]
    assert [r.headers["webhook-id"] for r in again] == [notification_id]
    # A fresh claim (a dispatcher still working on it) is left alone.
    stack.app.warehouse.update(
        ds, "notification_history",
        {"status": "sending", "claimed_at": dt.datetime.now(dt.UTC)},
        [Eq("notification_id", notification_id)],
    )  # fmt: skip
    count = len(http.on("/hook"))
    _evaluate(stack, "2026-03-23")
    assert len(http.on("/hook")) == count


def test_frontend_summaries_and_send_now(
    stack: BudgetStack, key: str, channels: dict[str, Any],
    http: HttpReceiver,
) -> None:  # fmt: skip
    made = _post(stack, key, "/summaries", {
        "name": "Monthly digest", "summary_type": "monthly", "schedule_cron": "0 8 1 * *",
        "schedule_timezone": "Asia/Dubai", "notify_channel_ids": [channels["hook"]["channel_id"]],
        "include_sections": ["totals", "by_provider"], "top_n_items": 2,
        "currency_display": "USD",
    })  # fmt: skip
    assert (made["summary_type"], made["schedule_timezone"], made["top_n_items"]) == (
        "monthly", "Asia/Dubai", 2,
    )  # fmt: skip
    listed = HTTP.get(
        _url(stack, "/summaries"), params={"summary_type": "monthly"}, headers=_h(key)
    ).json()["summaries"]
    assert [s["summary_id"] for s in listed] == [made["summary_id"]]
    before = len(http.on("/hook"))
    run = _evaluate(stack, "2026-04-02")  # March is the last complete month
    assert run.alerts_raised >= 1
    digest = [json.loads(r.body) for r in http.on("/hook")[before:]]
    (march,) = [d for d in digest if d["data"].get("start_date") == "2026-03-01"
                and d["subject"].startswith("Monthly digest")]  # fmt: skip
    first, last = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    spent = {
        p: expected_spend(ROWS, first=first, last=last, currency="USD", providers=(p,))
        for p in ("gcp", "openai", "anthropic", "slack")
    }
    spent["gcp"] += Decimal(5000)  # the burst row of the anomaly test is in March too
    top = sorted(spent.items(), key=lambda kv: -kv[1])[:2]
    assert [
        (x["provider"], Decimal(x["amount"])) for x in march["data"]["by_provider"]["USD"]
    ] == top
    assert Decimal(march["data"]["totals"]["USD"]) == sum(spent.values())
    assert set(march["data"]["totals"]) == {"USD"}  # currency_display
    now = HTTP.post(
        _url(stack, f"/summaries/{made['summary_id']}/send-now"), json={}, headers=_h(key)
    )
    assert now.status_code == 200, now.text
    assert now.json()["message"] == "sent to 1 channel(s), 0 failed"
    paused = HTTP.put(
        _url(stack, f"/summaries/{made['summary_id']}"), json={"is_active": False}, headers=_h(key)
    )
    assert paused.json()["is_active"] is False
    bad = HTTP.post(_url(stack, "/summaries"), headers=_h(key), json={
        "name": "x", "summary_type": "hourly", "schedule_cron": "every day",
        "schedule_timezone": "Mars/Olympus",
    })  # fmt: skip
    assert bad.status_code == 400
    fields = set(decode_rest(bad).violated_fields)
    assert fields == {
        "conditions.period",
        "conditions.schedule_cron",
        "conditions.schedule_timezone",
    }
    gone = HTTP.delete(_url(stack, f"/summaries/{made['summary_id']}"), headers=_h(key))
    assert gone.json()["deleted"] is True


def test_frontend_cost_alerts(
    stack: BudgetStack, key: str, channels: dict[str, Any],
    http: HttpReceiver,
) -> None:  # fmt: skip
    base = f"{stack.url}/api/v1/cost-alerts/{ORG}"
    made = HTTP.post(base, headers=_h(key), json={
        "name": "Cloud over 50", "scope": "cloud", "threshold_value": 50.25,
        "threshold_currency": "USD", "period": "monthly", "severity": "critical",
        "channels": ["webhook"], "cooldown_hours": 24, "schedule_cron": "0 * * * *",
    })  # fmt: skip
    assert made.status_code == 200, made.text
    alert = made.json()
    assert (alert["threshold_value"], alert["severity"], alert["is_enabled"]) == (
        50.25, "critical", True,
    )  # fmt: skip
    assert alert["channels"] == [channels["hook"]["channel_id"]]  # the type, resolved
    listed = HTTP.get(base, params={"enabled_only": "true"}, headers=_h(key)).json()["alerts"]
    assert [a["alert_id"] for a in listed] == [alert["alert_id"]]
    before = len(http.on("/hook"))
    _evaluate(stack, "2026-03-10")
    sent = [json.loads(r.body) for r in http.on("/hook")[before:]]
    (over,) = [p for p in sent if p["type"] == "cost_threshold"]
    cost = expected_spend(
        ROWS, first=dt.date(2026, 3, 1), last=dt.date(2026, 3, 10), currency="USD",
        categories=("cloud",),
    )  # fmt: skip
    assert Decimal(over["data"]["cost"]) == cost
    assert over["data"]["threshold"] == "50.25"
    count = len(http.on("/hook"))
    _evaluate(stack, "2026-03-11")  # same month: not again
    assert not [r for r in http.on("/hook")[count:] if b"cost_threshold" in r.body]
    off = HTTP.post(f"{base}/{alert['alert_id']}/disable", json={}, headers=_h(key))
    assert off.json()["is_enabled"] is False
    on = HTTP.post(f"{base}/{alert['alert_id']}/enable", json={}, headers=_h(key))
    assert on.json()["is_enabled"] is True
    put = HTTP.put(f"{base}/{alert['alert_id']}", json={"severity": "info"}, headers=_h(key))
    assert put.json()["severity"] == "info"
    bad = HTTP.post(base, headers=_h(key), json={
        "name": "x", "threshold_value": 10.005, "threshold_currency": "USD", "scope": "moon",
    })  # fmt: skip
    assert bad.status_code == 400
    fields = set(decode_rest(bad).violated_fields)
    assert fields == {"threshold_value", "scope"}
    assert HTTP.delete(f"{base}/{alert['alert_id']}", headers=_h(key)).json()["deleted"] is True


def test_cost_alerts_and_summaries_see_only_their_own_rules(
    stack: BudgetStack, key: str, channels: dict[str, Any]
) -> None:
    summary = _post(stack, key, "/summaries", {"name": "Weekly digest", "summary_type": "weekly"})
    base = f"{stack.url}/api/v1/cost-alerts/{ORG}"
    made = HTTP.post(base, headers=_h(key), json={
        "name": "Total over 10", "threshold_value": 10, "scope": "total",
    })  # fmt: skip
    assert made.status_code == 200, made.text
    alert = made.json()

    def alert_ids(scope: str) -> set[str]:
        listed = HTTP.get(base, params={"scope": scope}, headers=_h(key)).json()["alerts"]
        return {a["alert_id"] for a in listed}

    def summary_ids(summary_type: str) -> set[str]:
        params = {"summary_type": summary_type}
        listed = HTTP.get(_url(stack, "/summaries"), params=params, headers=_h(key)).json()
        return {x["summary_id"] for x in listed["summaries"]}

    a, s = alert["alert_id"], summary["summary_id"]
    assert a in alert_ids("total") and a not in alert_ids("cloud") and s not in alert_ids("")
    assert s in summary_ids("weekly") and s not in summary_ids("monthly")
    assert a not in summary_ids("")
    # Through the other kind's routes a rule is absent: not deleted, not found, still stored.
    assert HTTP.delete(f"{base}/{s}", headers=_h(key)).json()["deleted"] is False
    put = HTTP.put(f"{base}/{s}", json={"severity": "info"}, headers=_h(key))
    assert put.status_code == 404 and "cost alert" in put.json()["message"]
    assert HTTP.delete(_url(stack, f"/summaries/{a}"), headers=_h(key)).json()["deleted"] is False
    assert s in summary_ids("weekly") and a in alert_ids("")
    assert HTTP.delete(f"{base}/{a}", headers=_h(key)).json()["deleted"] is True
    assert HTTP.delete(_url(stack, f"/summaries/{s}"), headers=_h(key)).json()["deleted"] is True


def test_evaluate_every_org_is_idempotent_too(
    stack: BudgetStack, key: str, channels: dict[str, Any]
) -> None:
    # A rule of its own: the test holds whichever tests ran before it (or none, under xdist).
    _post(stack, key, "/rules", {
        "name": "Every org", "rule_type": "cost_summary",
        "notify_channel_ids": [channels["hook"]["channel_id"]],
    })  # fmt: skip
    stub = notifications_pb2_grpc.NotificationsServiceStub(stack.channel)
    every = pb.EvaluateAlertsRequest(as_of="2026-03-26")
    first = stub.EvaluateAlerts(every, metadata=stack.root_metadata)
    assert (first.organizations, list(first.errors)) == (1, [])
    assert first.rules_evaluated >= 1 and first.alerts_raised >= 1
    second = stub.EvaluateAlerts(every, metadata=stack.root_metadata)
    assert second.rules_evaluated == first.rules_evaluated
    assert (second.alerts_raised, second.delivered) == (0, 0)


def test_frontend_full_form_updates(stack: BudgetStack, key: str, channels: dict[str, Any]) -> None:
    hook = channels["hook"]
    put = HTTP.put(_url(stack, f"/channels/{hook['channel_id']}"), headers=_h(key), json={
        "name": "Ops hook", "is_default": True, "is_active": True, "email_recipients": [],
        "email_cc_recipients": [], "email_subject_prefix": "", "slack_channel": "",
        "slack_mention_users": [], "slack_mention_channel": False,
        "webhook_headers": {"X-Team": "finops-2"}, "webhook_method": "POST",
    })  # fmt: skip
    assert put.status_code == 200, put.text
    assert (put.json()["is_default"], put.json()["webhook_method"]) == (True, "POST")
    made = _post(stack, key, "/rules", {
        "name": "Full form", "description": "d", "is_active": True, "priority": "low",
        "rule_category": "cost", "rule_type": "budget_percent", "conditions": {},
        "provider_filter": [], "service_filter": ["Compute Engine"],
        "hierarchy_entity_id": "DEPT-1", "hierarchy_path": "/DEPT-1",
        "notify_channel_ids": [hook["channel_id"]], "escalate_after_mins": 30,
        "escalate_to_channel_ids": [], "cooldown_minutes": 60, "batch_window_minutes": 0,
        "quiet_hours_start": "22:00", "quiet_hours_end": "07:00",
        "quiet_hours_timezone": "Europe/Berlin",
    })  # fmt: skip
    assert (made["cooldown_minutes"], made["quiet_hours_start"]) == (60, "22:00")
    assert made["service_filter"] == ["Compute Engine"]
    edited = HTTP.put(_url(stack, f"/rules/{made['rule_id']}"), headers=_h(key), json={
        "name": "Full form 2", "priority": "high", "conditions": {"threshold_percent": 75},
        "cooldown_minutes": 120, "is_active": False,
    })  # fmt: skip
    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert (body["name"], body["priority"], body["is_active"]) == ("Full form 2", "high", False)
    assert (body["conditions"], body["cooldown_minutes"]) == ({"threshold_percent": 75}, 120)
    assert body["quiet_hours_end"] == "07:00"  # kept
    summary = _post(stack, key, "/summaries", {
        "name": "S", "summary_type": "daily", "schedule_cron": "0 8 * * *",
        "notify_channel_ids": [hook["channel_id"]], "hierarchy_filter": {},
    })  # fmt: skip
    changed = HTTP.put(_url(stack, f"/summaries/{summary['summary_id']}"), headers=_h(key), json={
        "name": "S2", "summary_type": "weekly", "schedule_cron": "0 8 * * 1",
        "schedule_timezone": "UTC", "top_n_items": 3, "include_sections": ["totals"],
        "notify_channel_ids": [hook["channel_id"]], "is_active": True, "hierarchy_filter": {},
    })  # fmt: skip
    assert changed.status_code == 200, changed.text
    assert (changed.json()["summary_type"], changed.json()["top_n_items"]) == ("weekly", 3)
    alert = HTTP.post(f"{stack.url}/api/v1/cost-alerts/{ORG}", headers=_h(key), json={
        "name": "A", "threshold_value": 10, "threshold_currency": "EUR",
    }).json()  # fmt: skip
    moved = HTTP.put(f"{stack.url}/api/v1/cost-alerts/{ORG}/{alert['alert_id']}", headers=_h(key),
                     json={"name": "A2", "description": "", "threshold_value": 12.5,
                           "threshold_currency": "EUR", "severity": "critical", "channels": [],
                           "cooldown_hours": 12, "schedule_cron": "0 * * * *",
                           "is_enabled": True})  # fmt: skip
    assert moved.status_code == 200, moved.text
    assert (moved.json()["threshold_value"], moved.json()["cooldown_hours"]) == (12.5, 12)
    bad = HTTP.put(f"{stack.url}/api/v1/cost-alerts/{ORG}/{alert['alert_id']}", headers=_h(key),
                   json={"threshold_value": 12.555})  # fmt: skip
    assert bad.status_code == 400
    fields = set(decode_rest(bad).violated_fields)
    assert fields == {"threshold_value"}

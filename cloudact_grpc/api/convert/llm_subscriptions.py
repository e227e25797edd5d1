"""LLM subscriptions: requests to ``SubscriptionInput``, records to messages."""

from __future__ import annotations

import datetime as dt

from cloudact.v1 import integrations_pb2 as pb

from cloudact_grpc.api.aliases import either, sent, sent_text
from cloudact_grpc.api.convert import timestamp
from cloudact_grpc.api.convert.money import decimal_sent, figure_out, price_out
from cloudact_grpc.domain.llm import LlmSubscription
from cloudact_grpc.services.llm_subscriptions import PAID_TIER, SubscriptionInput


def subscription_input(
    req: pb.CreateLlmSubscriptionRequest | pb.UpdateLlmSubscriptionRequest,
) -> SubscriptionInput:
    """The fields a create or update sent (seats and start date under either name)."""
    seats = either(req, "seats", "quantity")
    start = either(req, "start_date", "effective_date")
    creating = isinstance(req, pb.CreateLlmSubscriptionRequest)
    return SubscriptionInput(
        plan_name=sent_text(req, "plan_name"),
        monthly_cost=decimal_sent(sent(req, "monthly_cost")),
        currency=sent_text(req, "currency"),
        start_date=None if start is None else str(start),
        end_date=sent_text(req, "end_date"),
        seats=None if seats is None else int(str(seats)),
        billing_cycle=sent_text(req, "billing_cycle"),
        notes=sent_text(req, "notes"),
        unit_price=decimal_sent(sent(req, "unit_price_usd")),
        subscription_id=sent_text(req, "subscription_id") if creating else None,
        tier_type=sent_text(req, "tier_type") if creating else None,
        rpm_limit=req.rpm_limit if req.HasField("rpm_limit") else None,
        tpm_limit=req.tpm_limit if req.HasField("tpm_limit") else None,
    )


_SAME_NAMES = (
    "subscription_id",
    "provider",
    "subscription_name",
    "plan_name",
    "currency",
    "seats",
    "billing_cycle",
    "notes",
    "rpm_limit",
    "tpm_limit",
)
"""Fields the record and the message name alike."""


def llm_subscription(s: LlmSubscription, today: dt.date) -> pb.LlmSubscription:
    """The wire message of one subscription, its status as of ``today``."""
    return pb.LlmSubscription(
        **{name: getattr(s, name) for name in _SAME_NAMES},
        quantity=s.seats,
        tier_type=PAID_TIER,
        status=s.status_on(today),
        monthly_cost=figure_out(s.monthly_cost),
        unit_price_usd=price_out(s.unit_price),
        start_date=s.start_date.isoformat(),
        end_date=s.end_date.isoformat() if s.end_date else "",
        create_time=timestamp(s.created_at),
        update_time=timestamp(s.updated_at),
    )

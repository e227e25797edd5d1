"""LLM model pricing: requests to ``PriceInput``, ``ModelPrice`` records to messages."""

from __future__ import annotations

from cloudact.v1 import integrations_pb2 as pb

from cloudact_grpc.api.aliases import either, sent, sent_text
from cloudact_grpc.api.convert import timestamp
from cloudact_grpc.api.convert.money import decimal_in, price_out
from cloudact_grpc.domain.llm import PRICE_KINDS, ModelPrice, price_field
from cloudact_grpc.services.llm_pricing import PriceInput

_OPTIONAL_KINDS = PRICE_KINDS[2:]
"""Kinds whose wire field is unset when not priced (input and output read 0)."""


def price_input(req: pb.CreateModelPricingRequest | pb.UpdateModelPricingRequest) -> PriceInput:
    """The fields a create or update sent (prices under either of their two names)."""
    sent_prices = {
        "input": either(req, price_field("input"), "input_price_per_1k"),
        "output": either(req, price_field("output"), "output_price_per_1k"),
        **{kind: sent(req, price_field(kind)) for kind in _OPTIONAL_KINDS},
    }
    rates = {k: decimal_in(v) for k, v in sent_prices.items() if isinstance(v, float)}
    return PriceInput(
        model_name=sent_text(req, "model_name"),
        rates=rates,
        currency=sent_text(req, "currency"),
        end_date=sent_text(req, "end_date"),
        notes=sent_text(req, "notes"),
    )


def model_pricing(p: ModelPrice) -> pb.ModelPricing:
    """The wire message of one price version (prices to their nine stored places)."""
    out = pb.ModelPricing(
        provider=p.provider,
        model_id=p.model_id,
        model_name=p.model_name,
        price_per_1k_input_tokens=price_out(p.rates.get("input")),
        price_per_1k_output_tokens=price_out(p.rates.get("output")),
        input_price_per_1k=price_out(p.rates.get("input")),
        output_price_per_1k=price_out(p.rates.get("output")),
        currency=p.currency,
        effective_date=p.effective_date.isoformat(),
        end_date=p.end_date.isoformat() if p.end_date else "",
        notes=p.notes,
        is_custom=p.is_custom,
        create_time=timestamp(p.created_at),
        update_time=timestamp(p.updated_at),
    )
    for kind in _OPTIONAL_KINDS:
        if kind in p.rates:
            setattr(out, price_field(kind), price_out(p.rates[kind]))
    return out

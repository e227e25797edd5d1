"""IntegrationsService: converts requests and responses, delegates to the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import grpc
from cloudact.v1 import integrations_pb2 as pb
from cloudact.v1 import integrations_pb2_grpc

from cloudact_grpc.api.aliases import either
from cloudact_grpc.api.convert import call_context, timestamp
from cloudact_grpc.api.convert.money import figure_out, price_out
from cloudact_grpc.services.integrations import Integration, IntegrationService
from cloudact_grpc.services.llm_pricing import LlmPricingService, PriceInput
from cloudact_grpc.services.llm_subscriptions import (
    PAID_TIER,
    LlmSubscriptionService,
    SubscriptionInput,
    derived_status,
    unit_price,
)

Ctx = grpc.ServicerContext


def _opt(msg: object, name: str) -> object | None:
    return getattr(msg, name) if msg.HasField(name) else None  # type: ignore[attr-defined]


def _date(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else ""


def _integration(i: Integration) -> pb.Integration:
    out = pb.Integration(
        provider=i.provider,
        status=i.status,
        credential_id=i.credential_id,
        credential_name=i.credential_name,
        credential_type=i.credential_type,
        metadata=i.metadata,
        last_error=i.last_error,
    )
    if i.last_validated_at:
        out.last_validate_time.CopyFrom(timestamp(i.last_validated_at))
    if i.created_at:
        out.create_time.CopyFrom(timestamp(i.created_at))
    if i.updated_at:
        out.update_time.CopyFrom(timestamp(i.updated_at))
    return out


def _pricing(row: dict[str, object]) -> pb.ModelPricing:
    out = pb.ModelPricing(
        provider=str(row["provider"]),
        model_id=str(row["model_id"]),
        model_name=str(row.get("model_name") or ""),
        price_per_1k_input_tokens=price_out(_decimal(row["input_price_per_1k"])),
        price_per_1k_output_tokens=price_out(_decimal(row["output_price_per_1k"])),
        input_price_per_1k=price_out(_decimal(row["input_price_per_1k"])),
        output_price_per_1k=price_out(_decimal(row["output_price_per_1k"])),
        currency=str(row["currency"]),
        effective_date=_date(row["effective_date"]),
        end_date=_date(row.get("end_date")),
        notes=str(row.get("notes") or ""),
        is_custom=bool(row["is_custom"]),
        create_time=timestamp(row["created_at"]),  # type: ignore[arg-type]
        update_time=timestamp(row["updated_at"]),  # type: ignore[arg-type]
    )
    for column, name in (
        ("cached_input_price_per_1k", "price_per_1k_cached_input_tokens"),
        ("batch_input_price_per_1k", "price_per_1k_batch_input_tokens"),
        ("batch_output_price_per_1k", "price_per_1k_batch_output_tokens"),
    ):
        if row.get(column) is not None:
            setattr(out, name, price_out(_decimal(row[column])))
    return out


def _decimal(value: object) -> Decimal | None:
    """A NUMERIC column as read from the warehouse port (None when absent)."""
    return value if isinstance(value, Decimal) else None


def _price_input(req: pb.CreateModelPricingRequest | pb.UpdateModelPricingRequest) -> PriceInput:
    def text(name: str) -> str | None:
        has_presence = req.DESCRIPTOR.fields_by_name[name].has_presence
        value = _opt(req, name) if has_presence else (getattr(req, name) or None)
        return None if value is None else str(value)

    def num(value: object | None) -> float | None:
        return None if value is None else float(value)  # type: ignore[arg-type]

    return PriceInput(
        model_name=text("model_name"),
        input_price_per_1k=num(either(req, "price_per_1k_input_tokens", "input_price_per_1k")),
        output_price_per_1k=num(either(req, "price_per_1k_output_tokens", "output_price_per_1k")),
        cached_input_price_per_1k=num(_opt(req, "price_per_1k_cached_input_tokens")),
        batch_input_price_per_1k=num(_opt(req, "price_per_1k_batch_input_tokens")),
        batch_output_price_per_1k=num(_opt(req, "price_per_1k_batch_output_tokens")),
        currency=text("currency"),
        end_date=text("end_date"),
        notes=text("notes"),
    )


class IntegrationsServicer(integrations_pb2_grpc.IntegrationsServiceServicer):
    """Converts and delegates."""

    def __init__(
        self,
        integrations: IntegrationService,
        pricing: LlmPricingService,
        subscriptions: LlmSubscriptionService,
    ) -> None:
        self._svc = integrations
        self._pricing = pricing
        self._subs = subscriptions

    def _subscription(self, row: dict[str, object]) -> pb.LlmSubscription:
        return pb.LlmSubscription(
            provider=str(row["provider"]),
            subscription_name=str(row["subscription_name"]),
            plan_name=str(row.get("plan_name") or ""),
            monthly_cost=figure_out(_decimal(row["monthly_cost"]) or Decimal(0)),
            currency=str(row["currency"]),
            start_date=_date(row["start_date"]),
            end_date=_date(row.get("end_date")),
            seats=int(str(row["seats"])),
            quantity=int(str(row["seats"])),
            unit_price_usd=price_out(unit_price(row)),
            subscription_id=str(row["subscription_id"]),
            tier_type=PAID_TIER,
            billing_cycle=str(row["billing_cycle"]),
            notes=str(row.get("notes") or ""),
            status=derived_status(row, self._subs.today()),
            create_time=timestamp(row["created_at"]),  # type: ignore[arg-type]
            update_time=timestamp(row["updated_at"]),  # type: ignore[arg-type]
        )

    # ---- credentials -------------------------------------------------------------------------

    def SetupIntegration(
        self, request: pb.SetupIntegrationRequest, context: Ctx
    ) -> pb.SetupIntegrationResponse:
        out = self._svc.setup(
            call_context(),
            request.org_slug,
            request.provider,
            api_key=request.api_key,
            credential=request.credential,
            credential_name=request.credential_name,
            metadata=dict(request.metadata),
            skip_validation=request.skip_validation,
        )
        return pb.SetupIntegrationResponse(
            success=out.success,
            provider=out.provider,
            credential_id=out.credential_id,
            validation_status=out.status,
            validation_error=out.error,
            message=out.message,
        )

    def ValidateIntegration(
        self, request: pb.ValidateIntegrationRequest, context: Ctx
    ) -> pb.ValidateIntegrationResponse:
        out = self._svc.validate(call_context(), request.org_slug, request.provider)
        resp = pb.ValidateIntegrationResponse(
            success=out.success,
            provider=out.provider,
            credential_id=out.credential_id,
            validation_status=out.status,
            validation_error=out.error,
            message=out.message,
        )
        if out.validated_at:
            resp.last_validate_time.CopyFrom(timestamp(out.validated_at))
        return resp

    def ListIntegrations(
        self, request: pb.ListIntegrationsRequest, context: Ctx
    ) -> pb.ListIntegrationsResponse:
        items = self._svc.list_all(request.org_slug)
        configured = sorted(k for k, v in items.items() if v.status != "NOT_CONFIGURED")
        return pb.ListIntegrationsResponse(
            org_slug=request.org_slug,
            integrations={k: _integration(v) for k, v in items.items()},
            all_valid=bool(configured) and all(items[k].status == "VALID" for k in configured),
            providers_configured=configured,
        )

    def GetIntegration(
        self, request: pb.GetIntegrationRequest, context: Ctx
    ) -> pb.GetIntegrationResponse:
        return pb.GetIntegrationResponse(
            integration=_integration(self._svc.get(request.org_slug, request.provider))
        )

    def DeleteIntegration(
        self, request: pb.DeleteIntegrationRequest, context: Ctx
    ) -> pb.DeleteIntegrationResponse:
        credential_id = self._svc.delete(call_context(), request.org_slug, request.provider)
        provider = request.provider.strip().lower()
        return pb.DeleteIntegrationResponse(
            success=True,
            provider=provider,
            credential_id=credential_id,
            message=f"{provider} integration deleted; its ciphertext was destroyed",
        )

    def GetIntegrationCredential(
        self, request: pb.GetIntegrationCredentialRequest, context: Ctx
    ) -> pb.GetIntegrationCredentialResponse:
        cred = self._svc.get_credential(
            call_context(), request.org_slug, request.provider, request.pipeline_run_id
        )
        return pb.GetIntegrationCredentialResponse(
            credential=cred.secret,
            credential_id=cred.credential_id,
            credential_type=cred.credential_type,
            validation_status=cred.status,
            metadata=cred.metadata,
        )

    def RewrapCredentials(
        self, request: pb.RewrapCredentialsRequest, context: Ctx
    ) -> pb.RewrapCredentialsResponse:
        r = self._svc.rewrap(call_context(), request.org_slug, dry_run=request.dry_run)
        return pb.RewrapCredentialsResponse(
            key_version=r.key_version,
            total_count=r.total,
            rewrapped_count=r.rewrapped,
            skipped_count=r.skipped,
            failed_count=r.failed,
        )

    # ---- pricing -----------------------------------------------------------------------------

    def ListModelPricing(
        self, request: pb.ListModelPricingRequest, context: Ctx
    ) -> pb.ListModelPricingResponse:
        page = self._pricing.list_prices(
            request.org_slug,
            request.provider,
            as_of=request.as_of_date,
            include_history=request.include_history,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return pb.ListModelPricingResponse(
            org_slug=request.org_slug,
            provider=request.provider,
            pricing=[_pricing(r) for r in page.rows],
            count=len(page.rows),
            next_page_token=page.next_page_token,
        )

    def CreateModelPricing(
        self, request: pb.CreateModelPricingRequest, context: Ctx
    ) -> pb.CreateModelPricingResponse:
        row = self._pricing.create(
            call_context(),
            request.org_slug,
            request.provider,
            request.model_id,
            request.effective_date,
            _price_input(request),
        )
        return pb.CreateModelPricingResponse(pricing=_pricing(row))

    def GetModelPricing(
        self, request: pb.GetModelPricingRequest, context: Ctx
    ) -> pb.GetModelPricingResponse:
        row = self._pricing.get(
            request.org_slug, request.provider, request.model_id, request.as_of_date
        )
        return pb.GetModelPricingResponse(pricing=_pricing(row))

    def UpdateModelPricing(
        self, request: pb.UpdateModelPricingRequest, context: Ctx
    ) -> pb.UpdateModelPricingResponse:
        row = self._pricing.update(
            call_context(),
            request.org_slug,
            request.provider,
            request.model_id,
            request.effective_date,
            _price_input(request),
        )
        return pb.UpdateModelPricingResponse(pricing=_pricing(row))

    def DeleteModelPricing(
        self, request: pb.DeleteModelPricingRequest, context: Ctx
    ) -> pb.DeleteModelPricingResponse:
        count = self._pricing.delete(
            call_context(),
            request.org_slug,
            request.provider,
            request.model_id,
            request.effective_date,
        )
        return pb.DeleteModelPricingResponse(model_id=request.model_id, deleted_count=count)

    def ResetModelPricing(
        self, request: pb.ResetModelPricingRequest, context: Ctx
    ) -> pb.ResetModelPricingResponse:
        rows, deleted = self._pricing.reset_defaults(
            call_context(), request.org_slug, request.provider
        )
        return pb.ResetModelPricingResponse(
            org_slug=request.org_slug,
            provider=request.provider.strip().lower(),
            pricing=[_pricing(r) for r in rows],
            count=len(rows),
            deleted_count=deleted,
        )

    # ---- LLM subscriptions -------------------------------------------------------------------

    def ResetLlmSubscriptions(
        self, request: pb.ResetLlmSubscriptionsRequest, context: Ctx
    ) -> pb.ResetLlmSubscriptionsResponse:
        rows, ended = self._subs.reset(call_context(), request.org_slug, request.provider)
        return pb.ResetLlmSubscriptionsResponse(
            org_slug=request.org_slug,
            provider=request.provider.strip().lower(),
            subscriptions=[self._subscription(r) for r in rows],
            count=len(rows),
            cancelled_count=ended,
        )

    def ListLlmSubscriptions(
        self, request: pb.ListLlmSubscriptionsRequest, context: Ctx
    ) -> pb.ListLlmSubscriptionsResponse:
        rows, token = self._subs.list_subscriptions(
            request.org_slug,
            request.provider,
            enabled_only=request.enabled_only,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return pb.ListLlmSubscriptionsResponse(
            org_slug=request.org_slug,
            provider=request.provider,
            subscriptions=[self._subscription(r) for r in rows],
            count=len(rows),
            next_page_token=token,
        )

    def CreateLlmSubscription(
        self, request: pb.CreateLlmSubscriptionRequest, context: Ctx
    ) -> pb.CreateLlmSubscriptionResponse:
        r = request
        seats = either(r, "seats", "quantity")
        start = either(r, "start_date", "effective_date")
        fields = SubscriptionInput(
            plan_name=r.plan_name or None,
            monthly_cost=_opt(r, "monthly_cost"),  # type: ignore[arg-type]
            currency=r.currency or None,
            start_date=str(start) if start is not None else "",
            end_date=r.end_date or None,
            seats=int(seats) if seats is not None else None,  # type: ignore[call-overload]
            billing_cycle=r.billing_cycle or None,
            notes=r.notes or None,
            unit_price=_opt(r, "unit_price_usd"),  # type: ignore[arg-type]
            subscription_id=r.subscription_id or None,
            tier_type=r.tier_type or None,
        )
        name = r.subscription_name or r.plan_name
        row = self._subs.create(call_context(), r.org_slug, r.provider, name, fields)
        return pb.CreateLlmSubscriptionResponse(subscription=self._subscription(row))

    def GetLlmSubscription(
        self, request: pb.GetLlmSubscriptionRequest, context: Ctx
    ) -> pb.GetLlmSubscriptionResponse:
        row = self._subs.get(request.org_slug, request.provider, request.subscription_name)
        return pb.GetLlmSubscriptionResponse(subscription=self._subscription(row))

    def UpdateLlmSubscription(
        self, request: pb.UpdateLlmSubscriptionRequest, context: Ctx
    ) -> pb.UpdateLlmSubscriptionResponse:
        r = request
        seats = either(r, "seats", "quantity")
        start = either(r, "start_date", "effective_date")
        fields = SubscriptionInput(
            plan_name=r.plan_name if r.HasField("plan_name") else None,
            monthly_cost=r.monthly_cost if r.HasField("monthly_cost") else None,
            currency=r.currency if r.HasField("currency") else None,
            start_date=None if start is None else str(start),
            end_date=r.end_date if r.HasField("end_date") else None,
            seats=None if seats is None else int(seats),  # type: ignore[call-overload]
            unit_price=r.unit_price_usd if r.HasField("unit_price_usd") else None,
            billing_cycle=r.billing_cycle if r.HasField("billing_cycle") else None,
            notes=r.notes if r.HasField("notes") else None,
        )
        row = self._subs.update(
            call_context(), request.org_slug, request.provider, request.subscription_name, fields
        )
        return pb.UpdateLlmSubscriptionResponse(subscription=self._subscription(row))

    def DeleteLlmSubscription(
        self, request: pb.DeleteLlmSubscriptionRequest, context: Ctx
    ) -> pb.DeleteLlmSubscriptionResponse:
        row = self._subs.cancel(
            call_context(),
            request.org_slug,
            request.provider,
            request.subscription_name,
            request.end_date,
        )
        return pb.DeleteLlmSubscriptionResponse(subscription=self._subscription(row))

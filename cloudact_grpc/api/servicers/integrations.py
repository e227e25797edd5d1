"""IntegrationsService: converts requests and responses, delegates to the services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import grpc
from cloudact.v1 import integrations_pb2 as pb
from cloudact.v1 import integrations_pb2_grpc

from cloudact_grpc.api.convert import call_context, message, timestamp
from cloudact_grpc.api.convert.llm_pricing import model_pricing, price_input
from cloudact_grpc.api.convert.llm_subscriptions import llm_subscription, subscription_input
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.llm import LlmSubscription, ModelPrice
from cloudact_grpc.services.integrations import CheckOutcome, Integration, IntegrationService
from cloudact_grpc.services.llm_pricing import LlmPricingService, PriceInput
from cloudact_grpc.services.llm_subscriptions import LlmSubscriptionService, SubscriptionInput
from cloudact_grpc.services.llm_tables import Ref
from cloudact_grpc.services.paging import read_whole

Ctx = grpc.ServicerContext
PriceWrite = Callable[[CallContext, Ref, str, PriceInput], ModelPrice]
SubscriptionWrite = Callable[[CallContext, Ref, SubscriptionInput], LlmSubscription]


_INTEGRATION_FIELDS = (
    "provider",
    "status",
    "credential_id",
    "credential_name",
    "credential_type",
    "metadata",
    "last_error",
)
"""Fields ``Integration`` and its message name alike."""


def _integration(i: Integration) -> pb.Integration:
    out = pb.Integration(**{name: getattr(i, name) for name in _INTEGRATION_FIELDS})
    for stamp, at in (
        ("last_validate_time", i.last_validated_at),
        ("create_time", i.created_at),
        ("update_time", i.updated_at),
    ):
        if at:
            getattr(out, stamp).CopyFrom(timestamp(at))
    return out


CheckReply = TypeVar("CheckReply", pb.SetupIntegrationResponse, pb.ValidateIntegrationResponse)


def _check_reply(reply: type[CheckReply], out: CheckOutcome) -> CheckReply:
    """Setup's or validate's reply to a credential check."""
    same = {
        name: getattr(out, name) for name in ("success", "provider", "credential_id", "message")
    }
    return reply(**same, validation_status=out.status, validation_error=out.error)


@dataclass(frozen=True, eq=False)
class IntegrationsServicer(integrations_pb2_grpc.IntegrationsServiceServicer):
    """Converts and delegates."""

    integrations: IntegrationService
    pricing: LlmPricingService
    subscriptions: LlmSubscriptionService

    def _subscription(self, s: LlmSubscription) -> pb.LlmSubscription:
        return llm_subscription(s, self.subscriptions.today())

    def _write_price(
        self,
        write: PriceWrite,
        request: pb.CreateModelPricingRequest | pb.UpdateModelPricingRequest,
    ) -> pb.ModelPricing:
        ref = Ref(request.org_slug, request.provider, request.model_id)
        return model_pricing(
            write(call_context(), ref, request.effective_date, price_input(request))
        )

    def _write_subscription(
        self,
        write: SubscriptionWrite,
        request: pb.CreateLlmSubscriptionRequest | pb.UpdateLlmSubscriptionRequest,
        name: str,
    ) -> pb.LlmSubscription:
        ref = Ref(request.org_slug, request.provider, name)
        return self._subscription(write(call_context(), ref, subscription_input(request)))

    # ---- credentials -------------------------------------------------------------------------

    def SetupIntegration(
        self, request: pb.SetupIntegrationRequest, context: Ctx
    ) -> pb.SetupIntegrationResponse:
        out = self.integrations.setup(
            call_context(),
            request.org_slug,
            request.provider,
            api_key=request.api_key,
            credential=request.credential,
            credential_name=request.credential_name,
            metadata=dict(request.metadata),
            skip_validation=request.skip_validation,
        )
        return _check_reply(pb.SetupIntegrationResponse, out)

    def ValidateIntegration(
        self, request: pb.ValidateIntegrationRequest, context: Ctx
    ) -> pb.ValidateIntegrationResponse:
        out = self.integrations.validate(call_context(), request.org_slug, request.provider)
        resp = _check_reply(pb.ValidateIntegrationResponse, out)
        if out.validated_at:
            resp.last_validate_time.CopyFrom(timestamp(out.validated_at))
        return resp

    def ListIntegrations(
        self, request: pb.ListIntegrationsRequest, context: Ctx
    ) -> pb.ListIntegrationsResponse:
        items = self.integrations.list_all(request.org_slug)
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
            integration=_integration(self.integrations.get(request.org_slug, request.provider))
        )

    def DeleteIntegration(
        self, request: pb.DeleteIntegrationRequest, context: Ctx
    ) -> pb.DeleteIntegrationResponse:
        credential_id = self.integrations.delete(call_context(), request.org_slug, request.provider)
        provider = request.provider.strip().lower()
        done = (
            f"{provider} integration deleted; its ciphertext was destroyed"
            if credential_id
            else f"no {provider} credential was stored; nothing to delete"
        )
        return pb.DeleteIntegrationResponse(
            success=True, provider=provider, credential_id=credential_id, message=done
        )

    def GetIntegrationCredential(
        self, request: pb.GetIntegrationCredentialRequest, context: Ctx
    ) -> pb.GetIntegrationCredentialResponse:
        cred = self.integrations.get_credential(
            call_context(), request.org_slug, request.provider, request.pipeline_run_id
        )
        return message(
            pb.GetIntegrationCredentialResponse,
            cred,
            credential=cred.secret,
            validation_status=cred.status,
        )

    def RewrapCredentials(
        self, request: pb.RewrapCredentialsRequest, context: Ctx
    ) -> pb.RewrapCredentialsResponse:
        r = self.integrations.rewrap(call_context(), request.org_slug, dry_run=request.dry_run)
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
        page = self.pricing.list_prices(
            request.org_slug,
            request.provider,
            as_of=request.as_of_date,
            include_history=request.include_history,
            page_size=read_whole(request.page_size),
            page_token=request.page_token,
        )
        return pb.ListModelPricingResponse(
            org_slug=request.org_slug,
            provider=request.provider,
            pricing=[model_pricing(p) for p in page.prices],
            count=len(page.prices),
            next_page_token=page.next_page_token,
        )

    def CreateModelPricing(
        self, request: pb.CreateModelPricingRequest, context: Ctx
    ) -> pb.CreateModelPricingResponse:
        pricing = self._write_price(self.pricing.create, request)
        return pb.CreateModelPricingResponse(pricing=pricing)

    def GetModelPricing(
        self, request: pb.GetModelPricingRequest, context: Ctx
    ) -> pb.GetModelPricingResponse:
        ref = Ref(request.org_slug, request.provider, request.model_id)
        record = self.pricing.get(ref, request.as_of_date)
        return pb.GetModelPricingResponse(pricing=model_pricing(record))

    def UpdateModelPricing(
        self, request: pb.UpdateModelPricingRequest, context: Ctx
    ) -> pb.UpdateModelPricingResponse:
        pricing = self._write_price(self.pricing.update, request)
        return pb.UpdateModelPricingResponse(pricing=pricing)

    def DeleteModelPricing(
        self, request: pb.DeleteModelPricingRequest, context: Ctx
    ) -> pb.DeleteModelPricingResponse:
        ref = Ref(request.org_slug, request.provider, request.model_id)
        count = self.pricing.delete(call_context(), ref, request.effective_date)
        return pb.DeleteModelPricingResponse(model_id=request.model_id, deleted_count=count)

    def ResetModelPricing(
        self, request: pb.ResetModelPricingRequest, context: Ctx
    ) -> pb.ResetModelPricingResponse:
        prices, deleted = self.pricing.reset_defaults(
            call_context(), request.org_slug, request.provider
        )
        return pb.ResetModelPricingResponse(
            org_slug=request.org_slug,
            provider=request.provider.strip().lower(),
            pricing=[model_pricing(p) for p in prices],
            count=len(prices),
            deleted_count=deleted,
        )

    # ---- LLM subscriptions -------------------------------------------------------------------

    def ResetLlmSubscriptions(
        self, request: pb.ResetLlmSubscriptionsRequest, context: Ctx
    ) -> pb.ResetLlmSubscriptionsResponse:
        subs, ended = self.subscriptions.reset(call_context(), request.org_slug, request.provider)
        return pb.ResetLlmSubscriptionsResponse(
            org_slug=request.org_slug,
            provider=request.provider.strip().lower(),
            subscriptions=[self._subscription(s) for s in subs],
            count=len(subs),
            cancelled_count=ended,
        )

    def ListLlmSubscriptions(
        self, request: pb.ListLlmSubscriptionsRequest, context: Ctx
    ) -> pb.ListLlmSubscriptionsResponse:
        subs, token = self.subscriptions.list_subscriptions(
            request.org_slug,
            request.provider,
            enabled_only=request.enabled_only,
            show_deleted=request.show_deleted,
            page_size=read_whole(request.page_size),
            page_token=request.page_token,
        )
        return pb.ListLlmSubscriptionsResponse(
            org_slug=request.org_slug,
            provider=request.provider,
            subscriptions=[self._subscription(s) for s in subs],
            count=len(subs),
            next_page_token=token,
        )

    def CreateLlmSubscription(
        self, request: pb.CreateLlmSubscriptionRequest, context: Ctx
    ) -> pb.CreateLlmSubscriptionResponse:
        name = request.subscription_name or request.plan_name
        sub = self._write_subscription(self.subscriptions.create, request, name)
        return pb.CreateLlmSubscriptionResponse(subscription=sub)

    def GetLlmSubscription(
        self, request: pb.GetLlmSubscriptionRequest, context: Ctx
    ) -> pb.GetLlmSubscriptionResponse:
        record = self.subscriptions.get(
            Ref(request.org_slug, request.provider, request.subscription_name)
        )
        return pb.GetLlmSubscriptionResponse(subscription=self._subscription(record))

    def UpdateLlmSubscription(
        self, request: pb.UpdateLlmSubscriptionRequest, context: Ctx
    ) -> pb.UpdateLlmSubscriptionResponse:
        sub = self._write_subscription(
            self.subscriptions.update, request, request.subscription_name
        )
        return pb.UpdateLlmSubscriptionResponse(subscription=sub)

    def DeleteLlmSubscription(
        self, request: pb.DeleteLlmSubscriptionRequest, context: Ctx
    ) -> pb.DeleteLlmSubscriptionResponse:
        ref = Ref(request.org_slug, request.provider, request.subscription_name)
        record = self.subscriptions.cancel(call_context(), ref, request.end_date)
        return pb.DeleteLlmSubscriptionResponse(subscription=self._subscription(record))

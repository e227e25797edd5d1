"""SubscriptionsService: converts requests and results; the SaaS plan services do the work."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

import grpc
from cloudact.v1 import subscriptions_pb2 as pb
from cloudact.v1 import subscriptions_pb2_grpc

from cloudact_grpc.api.aliases import either
from cloudact_grpc.api.convert import call_context, fields_from, message, timestamp
from cloudact_grpc.api.convert.money import decimal_in, figure_out, price_out
from cloudact_grpc.domain.saas.catalog import PlanTemplate
from cloudact_grpc.domain.saas.plans import VersionView
from cloudact_grpc.domain.saas.terms import PricingTerms
from cloudact_grpc.services.paging import read_whole
from cloudact_grpc.services.saas.inputs import PlanSpec, VersionChange
from cloudact_grpc.services.saas.providers import ProviderOps
from cloudact_grpc.services.saas.reads import CurrencyTotal, PlanListing, PlanReader
from cloudact_grpc.services.saas.writes import PlanWriter

_Seeded = TypeVar("_Seeded", pb.EnableSaasProviderResponse, pb.ResetSaasProviderResponse)


def _opt(request: object, field: str) -> Decimal | None:
    if not request.HasField(field):  # type: ignore[attr-defined]
        return None
    return decimal_in(getattr(request, field))


def _alias_price(
    request: pb.CreateSaasPlanRequest | pb.EditSaasPlanVersionRequest,
) -> Decimal | None:
    value = either(request, "unit_price", "unit_price_usd")
    return None if value is None else decimal_in(value)  # type: ignore[arg-type]


def _alias_seats(request: pb.EditSaasPlanVersionRequest) -> int | None:
    value = either(request, "number_of_users", "seats")
    return None if value is None else int(value)  # type: ignore[call-overload]


def _terms(t: PricingTerms) -> dict[str, Any]:
    """The pricing fields a plan and a template share.

    ``unit_price_usd`` and ``seats`` are the frontend's names for the unit price and seat count.
    """
    return {
        "price_per_user_monthly": price_out(t.price_per_user_monthly),
        "unit_price": price_out(t.unit_price),
        "currency": t.currency,
        "billing_cycle": t.billing_cycle.value,
        "pricing_model": t.pricing_model.stored,
        "discount_percent": price_out(t.discount_percent),
        "unit_price_usd": price_out(t.unit_price),
        "seats": t.seats,
    }


def _plan(view: VersionView) -> pb.SaasPlan:
    v, t = view.version, view.version.terms
    return message(
        pb.SaasPlan,
        v,
        **_terms(t),
        number_of_users=t.seats,
        effective_date=v.start_date.isoformat(),
        start_date=v.start_date.isoformat(),
        end_date=view.end_date.isoformat() if view.end_date else "",
        status=view.status.value,
        renewal_date=v.renewal_date.isoformat() if v.renewal_date else "",
        monthly_cost=figure_out(t.monthly_cost),
        annual_cost=figure_out(t.annual_cost),
        create_time=timestamp(v.created_at),
        update_time=timestamp(v.updated_at),
    )


def _template(t: PlanTemplate, category: str) -> pb.SaasPlanTemplate:
    return message(pb.SaasPlanTemplate, t, category=category, **_terms(t.terms))


def _fill(
    out: pb.ListSaasPlansResponse | pb.ListAllSaasPlansResponse, listing: PlanListing
) -> None:
    """Plans, per-currency totals (single-currency shortcut fields too), count and token."""
    out.plans.extend(_plan(v) for v in listing.plans)
    out.totals.extend(
        pb.SaasCurrencyTotal(
            currency=c.currency,
            monthly_cost=figure_out(c.monthly_cost),
            annual_cost=figure_out(c.annual_cost),
            plan_count=c.plan_count,
        )
        for c in listing.totals
    )
    if len(listing.totals) == 1:
        only: CurrencyTotal = listing.totals[0]
        out.total_monthly_cost = figure_out(only.monthly_cost)
        out.total_annual_cost = figure_out(only.annual_cost)
        out.currency = only.currency
    out.total_count = listing.total_count
    out.next_page_token = listing.next_page_token


@dataclass(frozen=True, eq=False)
class SubscriptionsServicer(subscriptions_pb2_grpc.SubscriptionsServiceServicer):
    """Converts and delegates."""

    providers: ProviderOps
    writer: PlanWriter
    reader: PlanReader

    def ListSaasProviders(
        self, request: pb.ListSaasProvidersRequest, context: grpc.ServicerContext
    ) -> pb.ListSaasProvidersResponse:
        org = request.org_slug
        page = self.providers.provider_page(org, read_whole(request.page_size), request.page_token)
        return pb.ListSaasProvidersResponse(
            providers=[
                pb.SaasProvider(
                    provider=s.provider.provider,
                    display_name=s.provider.display_name,
                    category=s.provider.category,
                    enabled=s.enabled,
                    plan_count=s.plan_count,
                )
                for s in page.items
            ],
            next_page_token=page.next_page_token,
        )

    def _enable(
        self,
        request: pb.EnableSaasProviderRequest | pb.ResetSaasProviderRequest,
        reply: type[_Seeded],
        said: str,
    ) -> _Seeded:
        """Enable the request's provider, seeding its default plans.

        ``said`` is the reply's message, formatted with ``provider`` and ``added``.
        """
        provider = request.provider.strip().lower()
        added = self.providers.enable_provider(call_context(), request.org_slug, provider)
        return reply(
            success=True,
            provider=provider,
            plans_seeded=added,
            message=said.format(provider=provider, added=added),
        )

    def EnableSaasProvider(
        self, request: pb.EnableSaasProviderRequest, context: grpc.ServicerContext
    ) -> pb.EnableSaasProviderResponse:
        said = "Enabled {provider}: {added} plans seeded"
        return self._enable(request, pb.EnableSaasProviderResponse, said)

    def DisableSaasProvider(
        self, request: pb.DisableSaasProviderRequest, context: grpc.ServicerContext
    ) -> pb.DisableSaasProviderResponse:
        provider = request.provider.strip().lower()
        ended = self.providers.disable_provider(
            call_context(), request.org_slug, provider, request.end_date
        )
        return pb.DisableSaasProviderResponse(
            success=True,
            provider=provider,
            plans_ended=ended,
            message=f"Disabled {provider}: {ended} plans ended",
        )

    def ListAvailableSaasPlans(
        self, request: pb.ListAvailableSaasPlansRequest, context: grpc.ServicerContext
    ) -> pb.ListAvailableSaasPlansResponse:
        provider, page = self.providers.template_page(
            request.provider, read_whole(request.page_size), request.page_token
        )
        return pb.ListAvailableSaasPlansResponse(
            provider=provider.provider,
            plans=[_template(t, provider.category) for t in page.items],
            next_page_token=page.next_page_token,
        )

    def _listing(
        self, request: pb.ListSaasPlansRequest | pb.ListAllSaasPlansRequest, provider: str | None
    ) -> PlanListing:
        """The request's page of plans of ``provider`` (every provider when None)."""
        return self.reader.list_plans(
            request.org_slug,
            provider,
            enabled_only=request.enabled_only,
            page_size=read_whole(request.page_size),
            page_token=request.page_token,
        )

    def ListSaasPlans(
        self, request: pb.ListSaasPlansRequest, context: grpc.ServicerContext
    ) -> pb.ListSaasPlansResponse:
        listing = self._listing(request, request.provider)
        out = pb.ListSaasPlansResponse()
        _fill(out, listing)
        return out

    def ListAllSaasPlans(
        self, request: pb.ListAllSaasPlansRequest, context: grpc.ServicerContext
    ) -> pb.ListAllSaasPlansResponse:
        listing = self._listing(request, None)
        out = pb.ListAllSaasPlansResponse(active_count=listing.active_count)
        _fill(out, listing)
        out.summary.CopyFrom(
            pb.SaasPlansSummary(
                total_monthly_cost=out.total_monthly_cost,
                total_annual_cost=out.total_annual_cost,
                enabled_count=listing.active_count,
                total_count=listing.total_count,
                count_by_category=Counter(v.version.category or "other" for v in listing.plans),
            )
        )
        return out

    def CreateSaasPlan(
        self, request: pb.CreateSaasPlanRequest, context: grpc.ServicerContext
    ) -> pb.CreateSaasPlanResponse:
        start = either(request, "effective_date", "start_date")
        seats = either(request, "number_of_users", "seats")
        spec = fields_from(
            PlanSpec,
            request,
            effective_date=str(start) if start is not None else "",
            price_per_user_monthly=_opt(request, "price_per_user_monthly"),
            unit_price=_alias_price(request),
            number_of_users=int(seats) if seats is not None else 0,  # type: ignore[call-overload]
            discount_percent=decimal_in(request.discount_percent),
        )
        view = self.writer.create_plan(call_context(), request.org_slug, request.provider, spec)
        return pb.CreateSaasPlanResponse(
            success=True,
            plan=_plan(view),
            message=f"Created plan {view.version.subscription_id}",
        )

    def EditSaasPlanVersion(
        self, request: pb.EditSaasPlanVersionRequest, context: grpc.ServicerContext
    ) -> pb.EditSaasPlanVersionResponse:
        change = fields_from(  # the text fields: None unless sent
            VersionChange,
            request,
            price_per_user_monthly=_opt(request, "price_per_user_monthly"),
            unit_price=_alias_price(request),
            number_of_users=_alias_seats(request),
            discount_percent=_opt(request, "discount_percent"),
        )
        result = self.writer.edit_version(
            call_context(),
            request.org_slug,
            request.provider,
            request.subscription_id,
            change,
        )
        return pb.EditSaasPlanVersionResponse(
            success=True,
            new_plan=_plan(result.new),
            old_plan=_plan(result.old),
            message=(
                f"Version {result.new.version.version} of {request.subscription_id} from "
                f"{result.new.version.start_date.isoformat()}"
            ),
        )

    def DeleteSaasPlan(
        self, request: pb.DeleteSaasPlanRequest, context: grpc.ServicerContext
    ) -> pb.DeleteSaasPlanResponse:
        view = self.writer.end_plan(
            call_context(),
            request.org_slug,
            request.provider,
            request.subscription_id,
            request.end_date,
        )
        return pb.DeleteSaasPlanResponse(
            success=True,
            subscription_id=request.subscription_id,
            plan=_plan(view),
            message=f"Ended subscription {request.subscription_id}",
        )

    def UpdateSaasPlan(
        self, request: pb.UpdateSaasPlanRequest, context: grpc.ServicerContext
    ) -> pb.UpdateSaasPlanResponse:
        view = self.writer.update_plan(
            call_context(),
            request.org_slug,
            request.provider,
            request.subscription_id,
            request.status if request.HasField("status") else None,
            request.end_date if request.HasField("end_date") else None,
        )
        return pb.UpdateSaasPlanResponse(
            success=True,
            plan=_plan(view),
            message=f"Subscription {request.subscription_id} is {view.status.value}",
        )

    def ResetSaasProvider(
        self, request: pb.ResetSaasProviderRequest, context: grpc.ServicerContext
    ) -> pb.ResetSaasProviderResponse:
        said = "Reset {provider}: {added} default plans seeded"
        return self._enable(request, pb.ResetSaasProviderResponse, said)

    def ListSaasPlanVersions(
        self, request: pb.ListSaasPlanVersionsRequest, context: grpc.ServicerContext
    ) -> pb.ListSaasPlanVersionsResponse:
        page = self.reader.history(
            request.org_slug,
            request.provider,
            request.subscription_id,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return pb.ListSaasPlanVersionsResponse(
            subscription_id=request.subscription_id,
            versions=[_plan(v) for v in page.items],
            next_page_token=page.next_page_token,
        )

"""CostsService: converts requests to filters, delegates to ``CostsService``, rounds on output.

Aggregated amounts go to the wire as doubles of the exact ``Decimal`` rounded half-up to their
currency's minor unit (cents; whole yen; fils of the dinar), each figure by itself; percentages
to 0.01. Raw-row amounts, quantities and unit prices are sent unrounded.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol, TypeVar

import grpc
import pyarrow as pa
from cloudact.v1 import costs_pb2, costs_pb2_grpc, focus_pb2
from google.api import httpbody_pb2
from google.protobuf import timestamp_pb2
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from cloudact_grpc.analytics.filters import CostFilter
from cloudact_grpc.analytics.results import (
    CategoryCost,
    CurrencyTotal,
    ProviderCost,
    ServiceCost,
    TrendPoint,
)
from cloudact_grpc.analytics.saas import SaasPlanCost, SaasRunRateTotal
from cloudact_grpc.api import request_context
from cloudact_grpc.api.convert import message
from cloudact_grpc.api.convert.money import amount_out, percent_out
from cloudact_grpc.domain.errors import InvalidArgument
from cloudact_grpc.domain.saas.catalog import focus_category
from cloudact_grpc.services import cost_filters as p
from cloudact_grpc.services.costs import CostsService
from cloudact_grpc.services.paging import read_whole

_M = TypeVar("_M", bound=Message)


def _exact(value: object) -> float:
    return float(value) if isinstance(value, Decimal | int | float) else 0.0


def _ts(value: object) -> timestamp_pb2.Timestamp | None:
    if not isinstance(value, dt.datetime):
        return None
    ts = timestamp_pb2.Timestamp()
    ts.FromDatetime(value.astimezone(dt.UTC))
    return ts


def _tag(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)


class _Filtered(Protocol):
    """Any request carrying the common filter fields (``categories`` too, where it has it)."""

    @property
    def start_date(self) -> str: ...
    @property
    def end_date(self) -> str: ...
    @property
    def providers(self) -> Iterable[str]: ...
    @property
    def currency(self) -> str: ...


# The result attribute behind each money figure whose wire name differs (the others match).
_FIGURE_SOURCE = {
    "total_cost": "total",
    "billed_cost": "billed",
    "effective_cost": "effective",
    "list_cost": "list",
    "percent_of_total": "percent",
}


def _aggregate(cls: type[_M], result: object, **given: object) -> _M:
    """A ``cls`` aggregate message: amounts shown in the result's currency, the rest copied.

    Each amount is rounded half-up to the currency's minor unit, a percentage to 0.01.
    """
    currency = str(getattr(result, "currency", ""))
    figures = {
        f.name: _figure(f.name, getattr(result, _FIGURE_SOURCE.get(f.name, f.name)), currency)
        for f in cls.DESCRIPTOR.fields
        if f.type == FieldDescriptor.TYPE_DOUBLE and f.name not in given
    }
    return message(cls, result, **figures, **given)


def _figure(name: str, value: Decimal, currency: str) -> float:
    """One double of an aggregate: a percentage, or an amount in ``currency``."""
    return percent_out(value) if name == "percent_of_total" else amount_out(value, currency)


def _currency_total(t: CurrencyTotal) -> costs_pb2.CostCurrencyTotal:
    return _aggregate(costs_pb2.CostCurrencyTotal, t)


def _provider(r: ProviderCost) -> costs_pb2.ProviderCost:
    return _aggregate(costs_pb2.ProviderCost, r)


def _category(r: CategoryCost) -> costs_pb2.CategoryCost:
    return _aggregate(costs_pb2.CategoryCost, r)


def _point(r: TrendPoint) -> costs_pb2.CostTrendPoint:
    return _aggregate(costs_pb2.CostTrendPoint, r, period=r.period.isoformat())


def _service(r: ServiceCost) -> costs_pb2.ServiceCost:
    return _aggregate(costs_pb2.ServiceCost, r)


def _saas_plan(r: SaasPlanCost) -> costs_pb2.SaasPlanCost:
    return _aggregate(costs_pb2.SaasPlanCost, r, number_of_users=r.seats)


def _saas_total(t: SaasRunRateTotal) -> costs_pb2.SaasRunRateTotal:
    return _aggregate(costs_pb2.SaasRunRateTotal, t)


def _window(f: CostFilter) -> dict[str, str]:
    """The dates a reply echoes: the window the filter resolved to (defaults filled in)."""
    return {"start_date": f.start.isoformat(), "end_date": f.end.isoformat()}


def _focus_row(r: SaasPlanCost, f: CostFilter) -> focus_pb2.SaasFocusRow:
    category, subcategory = focus_category(r.category or "other")
    return focus_pb2.SaasFocusRow(
        Provider=r.provider,
        ServiceName=r.display_name,
        ServiceCategory=category,
        ServiceSubcategory=subcategory,
        BilledCost=amount_out(r.total, r.currency),
        MonthlyRunRate=amount_out(r.monthly_run_rate, r.currency),
        AnnualRunRate=amount_out(r.annual_run_rate, r.currency),
        BillingCurrency=r.currency,
        ChargePeriodStart=f.start.isoformat(),
        ChargePeriodEnd=f.end.isoformat(),
        ResourceId=r.subscription_id,
        ResourceName=r.plan_name,
    )


_TIMESTAMPS = ("charge_period_start", "charge_period_end", "billing_period_start")
_TIMESTAMPS_MORE = ("billing_period_end", "update_time")
_NUMBERS = (
    "billed_cost", "effective_cost", "list_cost", "contracted_cost", "pricing_quantity",
    "consumed_quantity", "list_unit_price", "contracted_unit_price",
)  # fmt: skip


def cost_row(row: Mapping[str, object]) -> costs_pb2.CostRow:
    """A CostRow from a CostRow-shaped dict (nulls become empty/absent)."""
    msg = costs_pb2.CostRow()
    for name, value in row.items():
        if value is None:
            continue
        if name in _TIMESTAMPS or name in _TIMESTAMPS_MORE:
            ts = _ts(value)
            if ts is not None:
                getattr(msg, name).CopyFrom(ts)
        elif name in _NUMBERS:
            setattr(msg, name, _exact(value))
        elif name == "charge_date":
            msg.charge_date = value.isoformat() if isinstance(value, dt.date) else str(value)
        elif name == "tags":
            tags = json.loads(str(value))
            if isinstance(tags, dict):
                msg.tags.update({str(k): _tag(v) for k, v in tags.items()})
        else:
            setattr(msg, name, str(value))
    return msg


@dataclass(frozen=True, eq=False)
class CostsServicer(costs_pb2_grpc.CostsServiceServicer):
    """Converts requests to filters, delegates to ``CostsService`` and converts the results."""

    costs: CostsService

    def _filter(self, request: _Filtered) -> CostFilter:
        return p.parse_filter(
            start_date=request.start_date,
            end_date=request.end_date,
            providers=request.providers,
            categories=getattr(request, "categories", ()),
            currency=request.currency,
            today=self.costs.today(),
        )

    def GetCostSummary(
        self, request: costs_pb2.GetCostSummaryRequest, context: grpc.ServicerContext
    ) -> costs_pb2.GetCostSummaryResponse:
        f = self._filter(request)
        metric = p.parse_metric(request.metric)
        top_n = p.bounded(request.top_n, "top_n", default=10, maximum=100)
        out = self.costs.summary(request.org_slug, f, metric=metric, top_n=top_n)
        single = out.single
        return costs_pb2.GetCostSummaryResponse(
            total_cost=amount_out(single.total, single.currency) if single else 0.0,
            currency=single.currency if single else "",
            breakdown_by_provider=[_provider(r) for r in out.providers],
            breakdown_by_category=[_category(r) for r in out.categories],
            daily_trend=[_point(r) for r in out.daily_trend],
            top_services=[_service(r) for r in out.top_services],
            totals_by_currency=[_currency_total(t) for t in out.totals],
            **_window(f),
            metric=metric,
            record_count=out.record_count,
        )

    def ListCosts(
        self, request: costs_pb2.ListCostsRequest, context: grpc.ServicerContext
    ) -> costs_pb2.ListCostsResponse:
        f = self._filter(request)
        page = self.costs.list_rows(
            request.org_slug, f, page_size=request.page_size, page_token=request.page_token
        )
        return costs_pb2.ListCostsResponse(
            costs=[cost_row(r) for r in page.frame.iter_rows(named=True)],
            total_size=page.total_size,
            next_page_token=page.next_page_token,
        )

    def GetCostsByProvider(
        self, request: costs_pb2.GetCostsByProviderRequest, context: grpc.ServicerContext
    ) -> costs_pb2.GetCostsByProviderResponse:
        f = self._filter(request)
        out = self.costs.by_provider(request.org_slug, f, metric=p.parse_metric(request.metric))
        return costs_pb2.GetCostsByProviderResponse(
            providers=[_provider(r) for r in out.providers],
            totals_by_currency=[_currency_total(t) for t in out.totals],
            **_window(f),
        )

    def GetCostsByService(
        self, request: costs_pb2.GetCostsByServiceRequest, context: grpc.ServicerContext
    ) -> costs_pb2.GetCostsByServiceResponse:
        f = self._filter(request)
        out = self.costs.by_service(
            request.org_slug,
            f,
            metric=p.parse_metric(request.metric),
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return costs_pb2.GetCostsByServiceResponse(
            services=[_service(r) for r in out.page.items],
            totals_by_currency=[_currency_total(t) for t in out.totals],
            **_window(f),
            next_page_token=out.page.next_page_token,
        )

    def GetCostTrend(
        self, request: costs_pb2.GetCostTrendRequest, context: grpc.ServicerContext
    ) -> costs_pb2.GetCostTrendResponse:
        f = self._filter(request)
        out = self.costs.trend(
            request.org_slug,
            f,
            metric=p.parse_metric(request.metric),
            granularity=p.parse_granularity(request.granularity),
        )
        return costs_pb2.GetCostTrendResponse(
            points=[_point(r) for r in out.points],
            totals_by_currency=[_currency_total(t) for t in out.totals],
            granularity=out.granularity,
            **_window(f),
        )

    def GetCostPivot(
        self, request: costs_pb2.GetCostPivotRequest, context: grpc.ServicerContext
    ) -> costs_pb2.GetCostPivotResponse:
        f = self._filter(request)
        rows, columns = p.parse_dimensions(request.rows, request.columns)
        out = self.costs.pivot(
            request.org_slug,
            f,
            rows_dims=rows,
            column_dims=columns,
            metric=p.parse_metric(request.metric),
            granularity=p.parse_granularity(request.granularity, "monthly"),
            column_limit=p.bounded(request.column_limit, "column_limit", default=50, maximum=200),
            page_size=request.page_size,
            page_token=request.page_token,
        )
        table = out.table
        return costs_pb2.GetCostPivotResponse(
            row_dimensions=table.row_dimensions,
            column_dimensions=table.column_dimensions,
            metric=table.metric,
            column_headers=[costs_pb2.CostPivotColumn(values=h) for h in table.headers],
            rows=[
                costs_pb2.CostPivotRow(
                    values=r.values,
                    currency=r.currency,
                    cells=[amount_out(c, r.currency) for c in r.cells],
                    total=amount_out(r.total, r.currency),
                )
                for r in out.page.items
            ],
            column_totals=[
                costs_pb2.CostPivotTotal(
                    currency=t.currency,
                    cells=[amount_out(c, t.currency) for c in t.cells],
                    total=amount_out(t.total, t.currency),
                )
                for t in table.totals
            ],
            **_window(f),
            next_page_token=out.page.next_page_token,
        )

    def GetSaasSubscriptionCosts(
        self, request: costs_pb2.GetSaasSubscriptionCostsRequest, context: grpc.ServicerContext
    ) -> costs_pb2.GetSaasSubscriptionCostsResponse:
        started = time.perf_counter()
        f = self._filter(request)
        out = self.costs.saas_subscriptions(
            request.org_slug,
            f,
            page_size=read_whole(request.page_size),
            page_token=request.page_token,
        )
        # The one currency's totals; zeros when the plans bill in several.
        only = _saas_total(out.single) if out.single else costs_pb2.SaasRunRateTotal()
        rows = [_focus_row(r, f) for r in out.page.items]
        summary = costs_pb2.SaasCostSummary(
            total_billed_cost=only.total_cost,
            total_monthly_cost=only.monthly_run_rate,
            total_annual_cost=only.annual_run_rate,
            providers=sorted({r.Provider for r in rows}),
            service_categories=sorted({r.ServiceCategory for r in rows}),
            record_count=len(rows),
            date_range=costs_pb2.SaasCostDateRange(
                start=f.start.isoformat(), end=f.end.isoformat()
            ),
        )
        return costs_pb2.GetSaasSubscriptionCostsResponse(
            success=True,
            data=rows,
            summary=summary,
            cache_hit=out.cache_hit,
            query_time_ms=int((time.perf_counter() - started) * 1000),
            plans=[_saas_plan(r) for r in out.page.items],
            totals=[_saas_total(t) for t in out.totals],
            total_cost=only.total_cost,
            total_monthly_cost=only.monthly_run_rate,
            total_annual_cost=only.annual_run_rate,
            currency=only.currency,
            **_window(f),
            next_page_token=out.page.next_page_token,
        )

    def IngestCostRows(
        self, request: costs_pb2.IngestCostRowsRequest, context: grpc.ServicerContext
    ) -> costs_pb2.IngestCostRowsResponse:
        try:
            table = pa.ipc.open_stream(request.arrow_ipc_stream).read_all()
        except (pa.ArrowException, OSError) as exc:
            raise InvalidArgument.field(
                "arrow_ipc_stream", f"not an Arrow IPC stream: {exc}"
            ) from None
        result = self.costs.ingest(request.org_slug, table, batch_id=request.batch_id)
        return costs_pb2.IngestCostRowsResponse(
            inserted_rows=result.rows, already_stored=not result.stored_now
        )

    def NotifyCostsChanged(
        self, request: costs_pb2.NotifyCostsChangedRequest, context: grpc.ServicerContext
    ) -> costs_pb2.NotifyCostsChangedResponse:
        forgotten, dropped = self.costs.invalidate(
            request.org_slug,
            p.parse_day_range(request.start_date, request.end_date, today=self.costs.today()),
        )
        return costs_pb2.NotifyCostsChangedResponse(
            forgotten_days=forgotten, dropped_results=dropped
        )

    def ExportCosts(
        self, request: costs_pb2.ExportCostsRequest, context: grpc.ServicerContext
    ) -> Iterator[httpbody_pb2.HttpBody]:
        # Not a generator: bad filters fail before any byte is sent, and the download name
        # goes out with the response headers.
        org = request.org_slug
        export = self.costs.export(
            org,
            self._filter(request),
            fmt=request.format,
            fields=request.columns,
            layout=request.layout,
        )
        request_context.current().response_headers["content-disposition"] = (
            f'attachment; filename="{org}-costs.{export.extension}"'
        )
        return _http_bodies(export.content_type, export.chunks)


def _http_bodies(content_type: str, chunks: Iterable[bytes]) -> Iterator[httpbody_pb2.HttpBody]:
    """The export as HttpBody messages; the first carries the content type."""
    first = True
    for chunk in chunks:
        yield httpbody_pb2.HttpBody(content_type=content_type if first else "", data=chunk)
        first = False
    if first:  # nothing at all: still tell the client what it got
        yield httpbody_pb2.HttpBody(content_type=content_type, data=b"")

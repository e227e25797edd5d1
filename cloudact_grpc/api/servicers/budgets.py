"""BudgetsService: converts requests and results; BudgetService does the work."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import grpc
from cloudact.v1 import budgets_pb2 as pb
from cloudact.v1 import budgets_pb2_grpc

from cloudact_grpc.api.convert import call_context, fields_from, message, optional, timestamp
from cloudact_grpc.api.convert.money import amount_out as _money
from cloudact_grpc.api.convert.money import decimal_in, decimal_sent
from cloudact_grpc.api.convert.money import percent_out as _pct
from cloudact_grpc.services.budgets import status as st
from cloudact_grpc.services.budgets.inputs import BudgetInput, ScopeInput, ThresholdInput
from cloudact_grpc.services.budgets.model import Budget
from cloudact_grpc.services.budgets.service import Allocation, BudgetService, Selection
from cloudact_grpc.services.budgets.views import (
    AllocationNode,
    CategoryItem,
    ProviderItem,
    Summary,
    by_category,
    by_provider,
    summary,
    tree,
)

# The fields that name a budget and its place in the hierarchy, in every reply about it.
_IDENTITY = (
    "budget_id", "hierarchy_entity_id", "hierarchy_entity_name", "hierarchy_path",
    "hierarchy_level_code", "category",
)  # fmt: skip


def _identity(b: Budget) -> dict[str, str]:
    return {name: str(getattr(b, name)) for name in _IDENTITY}


def _budget(b: Budget) -> pb.Budget:
    return pb.Budget(
        **_identity(b),
        budget_type=b.budget_type,
        budget_amount=float(b.amount),
        currency=b.currency,
        period_type=b.period_type.value,
        period_start=b.period_start.isoformat(),
        period_end=b.period_end.isoformat() if b.period_end else "",
        provider=b.provider or (b.scope.providers[0] if len(b.scope.providers) == 1 else ""),
        notes=b.notes,
        is_active=b.is_active,
        scope=pb.BudgetScope(
            providers=b.scope.providers,
            categories=b.scope.categories,
            services=b.scope.services,
            sub_accounts=b.scope.sub_accounts,
            tags=dict(b.scope.tags),
        ),
        thresholds=[
            pb.BudgetThreshold(percent=float(t.percent), basis=t.basis) for t in b.thresholds
        ],
        metric=b.metric,
        parent_budget_id=b.parent_budget_id,
        allocation_percentage=float(b.allocation_percentage),
        name=b.name,
        version=b.version,
        created_at=timestamp(b.created_at),
        updated_at=timestamp(b.updated_at),
    )


def _scope(request: pb.CreateBudgetRequest | pb.UpdateBudgetRequest) -> ScopeInput | None:
    return fields_from(ScopeInput, request.scope) if request.HasField("scope") else None


def _thresholds(items: Iterable[pb.BudgetThreshold]) -> list[ThresholdInput]:
    return [ThresholdInput(t.percent, t.basis) for t in items]


def _create_input(r: pb.CreateBudgetRequest | pb.AllocateBudgetRequest) -> BudgetInput:
    """The sent fields; an allocation's parent has no name, scope, thresholds or metric."""
    if isinstance(r, pb.AllocateBudgetRequest):
        return fields_from(BudgetInput, r, amount=decimal_in(r.budget_amount))
    return fields_from(
        BudgetInput,
        r,
        amount=decimal_in(r.budget_amount),
        scope=_scope(r),
        thresholds=_thresholds(r.thresholds),
    )


def _update_input(r: pb.UpdateBudgetRequest) -> BudgetInput:
    """The sent fields (every one has presence); thresholds only with ``replace_thresholds``."""
    return fields_from(
        BudgetInput,
        r,
        amount=decimal_sent(optional(r, "budget_amount")),
        scope=_scope(r),
        thresholds=_thresholds(r.thresholds) if r.replace_thresholds else None,
    )


def _status(s: st.BudgetStatus) -> pb.BudgetStatus:
    cur = s.budget.currency

    def m(v: Decimal) -> float:
        return _money(v, cur)

    return pb.BudgetStatus(
        budget_id=s.budget.budget_id,
        currency=cur,
        period_start=s.period.first.isoformat(),
        period_end=s.period.last.isoformat(),
        as_of=s.as_of.isoformat(),
        budget_amount=m(s.budget.amount),
        spent=m(s.spent),
        remaining=m(s.remaining),
        percent_used=_pct(s.percent_used),
        forecast_total=m(s.forecast_total),
        forecast_lower=m(s.forecast_lower),
        forecast_upper=m(s.forecast_upper),
        forecast_percent=_pct(s.forecast_percent),
        interval_level=80.0,
        forecast_method=s.method,
        history_days=s.forecast.history_days,
        daily_forecast=[
            pb.ForecastPoint(
                date=d.day.isoformat(), mean=m(d.mean), lower=m(d.lower), upper=m(d.upper)
            )
            for d in s.forecast.days
        ],
        thresholds=[
            pb.ThresholdState(
                percent=float(t.percent), basis=t.basis, amount=m(t.amount), crossed=t.crossed
            )
            for t in s.thresholds
        ],
        is_over_budget=s.is_over_budget,
        other_currencies=[
            pb.CurrencyAmount(currency=c, amount=_money(v, c)) for c, v in s.other_currencies
        ],
    )


def _summary(out: pb.GetBudgetSummaryResponse, data: Summary) -> pb.GetBudgetSummaryResponse:
    for i in data.items:
        b, cur = i.status.budget, i.status.budget.currency
        out.items.append(
            pb.BudgetSummaryItem(
                **_identity(b),
                provider=b.provider,
                budget_amount=_money(b.amount, cur),
                actual_amount=_money(i.status.spent, cur),
                variance=_money(i.variance, cur),
                variance_percent=_pct(i.variance_percent),
                currency=cur,
                period_type=b.period_type.value,
                period_start=i.status.period.first.isoformat(),
                period_end=i.status.period.last.isoformat(),
                is_over_budget=i.status.is_over_budget,
            )
        )
    for t in data.totals:
        out.totals_by_currency.append(
            pb.BudgetCurrencyTotal(
                currency=t.currency,
                total_budget=_money(t.budget, t.currency),
                total_actual=_money(t.actual, t.currency),
                total_variance=_money(t.variance, t.currency),
                total_variance_percent=_pct(t.variance_percent),
            )
        )
    if len(data.totals) == 1:
        only = out.totals_by_currency[0]
        out.currency = only.currency
        out.total_budget = only.total_budget
        out.total_actual = only.total_actual
        out.total_variance = only.total_variance
        out.total_variance_percent = only.total_variance_percent
    out.budgets_over = sum(1 for i in data.items if i.status.is_over_budget)
    out.budgets_under = len(data.items) - out.budgets_over
    out.budgets_total = len(data.items)
    return out


def _variance(i: CategoryItem | ProviderItem) -> dict[str, Any]:
    """Budget against actual, the fields a category's and a provider's row share."""
    return {
        "budget_amount": _money(i.budget, i.currency),
        "actual_amount": _money(i.actual, i.currency),
        "variance": _money(i.budget - i.actual, i.currency),
        "variance_percent": _pct(i.variance_percent),
        "currency": i.currency,
        "is_over_budget": i.actual > i.budget,
    }


def _category(i: CategoryItem) -> pb.CategoryBudget:
    return pb.CategoryBudget(category=i.category, budget_count=i.count, **_variance(i))


def _provider(i: ProviderItem) -> pb.ProviderBudget:
    return pb.ProviderBudget(provider=i.provider, category=i.category, **_variance(i))


def _node(n: AllocationNode) -> pb.AllocationNode:
    b, cur = n.status.budget, n.status.budget.currency
    return pb.AllocationNode(
        **_identity(b),
        budget_amount=_money(b.amount, cur),
        allocated_to_children=_money(n.allocated, cur),
        unallocated=_money(b.amount - n.allocated, cur),
        actual_amount=_money(n.status.spent, cur),
        variance=_money(b.amount - n.status.spent, cur),
        currency=cur,
        children=[_node(c) for c in n.children],
    )


def _single(currencies: Iterable[str]) -> str:
    found = set(currencies)
    return found.pop() if len(found) == 1 else ""


@dataclass(frozen=True, eq=False)
class BudgetsServicer(budgets_pb2_grpc.BudgetsServiceServicer):
    """Converts and delegates."""

    budgets: BudgetService

    def _statuses(self, request: Any) -> list[st.BudgetStatus]:
        """The status of every budget a read model's request selects, as of its period end."""
        sel = fields_from(Selection, request, as_of=request.period_end)
        return self.budgets.statuses(request.org_slug, sel)

    def ListBudgets(
        self, request: pb.ListBudgetsRequest, context: grpc.ServicerContext
    ) -> pb.ListBudgetsResponse:
        sel = fields_from(Selection, request)
        page = self.budgets.list_budgets(
            request.org_slug, sel, request.page_size, request.page_token
        )
        return pb.ListBudgetsResponse(
            budgets=[_budget(b) for b in page.budgets],
            total=page.total,
            next_page_token=page.next_page_token,
        )

    def CreateBudget(
        self, request: pb.CreateBudgetRequest, context: grpc.ServicerContext
    ) -> pb.Budget:
        created = self.budgets.create(call_context(), request.org_slug, _create_input(request))
        return _budget(created)

    def GetBudget(self, request: pb.GetBudgetRequest, context: grpc.ServicerContext) -> pb.Budget:
        return _budget(self.budgets.get(request.org_slug, request.budget_id))

    def UpdateBudget(
        self, request: pb.UpdateBudgetRequest, context: grpc.ServicerContext
    ) -> pb.Budget:
        updated = self.budgets.update(
            call_context(),
            request.org_slug,
            request.budget_id,
            _update_input(request),
            request.version,
        )
        return _budget(updated)

    def DeleteBudget(
        self, request: pb.DeleteBudgetRequest, context: grpc.ServicerContext
    ) -> pb.DeleteBudgetResponse:
        deleted = self.budgets.delete(call_context(), request.org_slug, request.budget_id)
        return pb.DeleteBudgetResponse(deleted=deleted, budget_id=request.budget_id.strip())

    def GetBudgetStatus(
        self, request: pb.GetBudgetStatusRequest, context: grpc.ServicerContext
    ) -> pb.BudgetStatus:
        return _status(self.budgets.status(request.org_slug, request.budget_id, request.as_of))

    def ForecastCosts(
        self, request: pb.ForecastCostsRequest, context: grpc.ServicerContext
    ) -> pb.ForecastCostsResponse:
        r = request
        s = self.budgets.forecast(
            r.org_slug,
            currency=r.currency,
            scope=fields_from(ScopeInput, r),
            metric=r.metric,
            start_date=r.start_date,
            as_of=r.as_of,
            end_date=r.end_date,
        )
        full = _status(s)
        return message(
            pb.ForecastCostsResponse,
            full,
            start_date=full.period_start,
            end_date=full.period_end,
            actual=full.spent,
        )

    def GetBudgetSummary(
        self, request: pb.GetBudgetSummaryRequest, context: grpc.ServicerContext
    ) -> pb.GetBudgetSummaryResponse:
        data = summary(self._statuses(request))
        return _summary(pb.GetBudgetSummaryResponse(), data)

    def GetBudgetsByCategory(
        self, request: pb.GetBudgetsByCategoryRequest, context: grpc.ServicerContext
    ) -> pb.GetBudgetsByCategoryResponse:
        items = by_category(self._statuses(request))
        return pb.GetBudgetsByCategoryResponse(
            items=[_category(i) for i in items], currency=_single(i.currency for i in items)
        )

    def GetBudgetsByProvider(
        self, request: pb.GetBudgetsByProviderRequest, context: grpc.ServicerContext
    ) -> pb.GetBudgetsByProviderResponse:
        items = by_provider(self._statuses(request))
        return pb.GetBudgetsByProviderResponse(
            category=request.category,
            items=[_provider(i) for i in items],
            currency=_single(i.currency for i in items),
        )

    def GetAllocationTree(
        self, request: pb.GetAllocationTreeRequest, context: grpc.ServicerContext
    ) -> pb.GetAllocationTreeResponse:
        roots = tree(self._statuses(request), request.root_entity_id)
        out = pb.GetAllocationTreeResponse(roots=[_node(r) for r in roots])
        currency = _single(r.status.budget.currency for r in roots)
        if currency:
            out.currency = currency
            out.total_budget = _money(
                sum((r.status.budget.amount for r in roots), Decimal(0)), currency
            )
            out.total_allocated = _money(sum((r.allocated for r in roots), Decimal(0)), currency)
        return out

    def AllocateBudget(
        self, request: pb.AllocateBudgetRequest, context: grpc.ServicerContext
    ) -> pb.AllocateBudgetResponse:
        allocations = [fields_from(Allocation, a) for a in request.allocations]
        done = self.budgets.allocate(
            call_context(), request.org_slug, _create_input(request), allocations
        )
        parent, cur = done.parent, done.parent.currency
        allocated = sum((c.amount for c in done.children), Decimal(0))
        percent = sum((c.allocation_percentage for c in done.children), Decimal(0))
        return pb.AllocateBudgetResponse(
            parent_budget=_budget(parent),
            children=[
                pb.AllocatedChild(
                    budget=_budget(c),
                    allocation_id=c.budget_id,
                    allocated_amount=_money(c.amount, cur),
                    allocation_percentage=float(c.allocation_percentage),
                )
                for c in done.children
            ],
            total_allocated=_money(allocated, cur),
            total_allocated_percentage=float(percent),
            unallocated_amount=_money(parent.amount - allocated, cur),
            unallocated_percentage=float(Decimal(100) - percent),
        )

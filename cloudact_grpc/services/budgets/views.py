"""The frontend's read models over budget statuses: summary, by category, by provider, tree.

Amounts of different currencies are never added: every total is per currency.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from cloudact_grpc.services.budgets.status import BudgetStatus, percent

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class SummaryItem:
    """One budget against its actual."""

    status: BudgetStatus

    @property
    def variance(self) -> Decimal:
        """Budget minus actual."""
        return self.status.budget.amount - self.status.spent

    @property
    def variance_percent(self) -> Decimal:
        """Variance as a percent of the budget."""
        return percent(self.variance, self.status.budget.amount)


@dataclass(frozen=True, slots=True)
class CurrencyTotal:
    """Budget and actual totals of one currency."""

    currency: str
    budget: Decimal
    actual: Decimal

    @property
    def variance(self) -> Decimal:
        """Budget minus actual."""
        return self.budget - self.actual

    @property
    def variance_percent(self) -> Decimal:
        """Variance as a percent of the budget."""
        return percent(self.variance, self.budget)


@dataclass(frozen=True, slots=True)
class Summary:
    """Items and per-currency totals."""

    items: tuple[SummaryItem, ...]
    totals: tuple[CurrencyTotal, ...]


@dataclass(frozen=True, slots=True)
class CategoryItem:
    """Budgets of one category in one currency."""

    category: str
    currency: str
    budget: Decimal
    actual: Decimal
    count: int

    @property
    def variance_percent(self) -> Decimal:
        """(budget - actual) as a percent of the budget."""
        return percent(self.budget - self.actual, self.budget)


@dataclass(frozen=True, slots=True)
class ProviderItem:
    """Budgets of one provider and category in one currency."""

    provider: str
    category: str
    currency: str
    budget: Decimal
    actual: Decimal

    @property
    def variance_percent(self) -> Decimal:
        """(budget - actual) as a percent of the budget."""
        return percent(self.budget - self.actual, self.budget)


@dataclass(frozen=True, slots=True)
class AllocationNode:
    """A budget, the sum of its children's amounts and the children."""

    status: BudgetStatus
    allocated: Decimal
    children: tuple[AllocationNode, ...]


def summary(statuses: Sequence[BudgetStatus]) -> Summary:
    """One item per budget and one total per currency (sorted by currency)."""
    sums: dict[str, tuple[Decimal, Decimal]] = {}
    for s in statuses:
        b, a = sums.get(s.budget.currency, (ZERO, ZERO))
        sums[s.budget.currency] = (b + s.budget.amount, a + s.spent)
    totals = tuple(CurrencyTotal(c, b, a) for c, (b, a) in sorted(sums.items()))
    return Summary(tuple(SummaryItem(s) for s in statuses), totals)


def by_category(statuses: Sequence[BudgetStatus]) -> list[CategoryItem]:
    """Per category and currency, sorted."""
    groups: dict[tuple[str, str], list[BudgetStatus]] = {}
    for s in statuses:
        groups.setdefault((s.budget.category, s.budget.currency), []).append(s)
    return [
        CategoryItem(
            cat,
            cur,
            sum((s.budget.amount for s in group), ZERO),
            sum((s.spent for s in group), ZERO),
            len(group),
        )
        for (cat, cur), group in sorted(groups.items())
    ]


def single_provider(s: BudgetStatus) -> str:
    """The budget's one provider ("" when it has none or several)."""
    providers = s.budget.scope.providers
    return providers[0] if len(providers) == 1 else ""


def by_provider(statuses: Sequence[BudgetStatus]) -> list[ProviderItem]:
    """Per provider, category and currency (budgets scoped to exactly one provider)."""
    groups: dict[tuple[str, str, str], list[BudgetStatus]] = {}
    for s in statuses:
        if provider := single_provider(s):
            groups.setdefault((provider, s.budget.category, s.budget.currency), []).append(s)
    return [
        ProviderItem(
            prov,
            cat,
            cur,
            sum((s.budget.amount for s in group), ZERO),
            sum((s.spent for s in group), ZERO),
        )
        for (prov, cat, cur), group in sorted(groups.items())
    ]


def tree(statuses: Sequence[BudgetStatus], root_entity_id: str = "") -> list[AllocationNode]:
    """Budgets whose parent is not in the selection become roots, children under them."""
    by_id = {s.budget.budget_id: s for s in statuses}
    children: dict[str, list[BudgetStatus]] = {}
    for s in statuses:
        if s.budget.parent_budget_id in by_id:
            children.setdefault(s.budget.parent_budget_id, []).append(s)

    def node(s: BudgetStatus, depth: int) -> AllocationNode:
        kids = children.get(s.budget.budget_id, []) if depth < 10 else []
        return AllocationNode(
            s,
            sum((k.budget.amount for k in kids), ZERO),
            tuple(node(k, depth + 1) for k in kids),
        )

    roots = [s for s in statuses if s.budget.parent_budget_id not in by_id]
    if root_entity_id:
        roots = [s for s in statuses if s.budget.hierarchy_entity_id == root_entity_id]
    return [node(s, 0) for s in roots]

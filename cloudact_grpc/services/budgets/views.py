"""The frontend's read models over budget statuses: summary, by category, by provider, tree.

Amounts of different currencies are never added: every total is per currency.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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


class _Variance:
    """``variance`` and ``variance_percent`` of a dataclass with ``budget`` and ``actual``."""

    __slots__ = ()
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
class CurrencyTotal(_Variance):
    """Budget and actual totals of one currency."""

    currency: str
    budget: Decimal
    actual: Decimal


@dataclass(frozen=True, slots=True)
class Summary:
    """Items and per-currency totals."""

    items: tuple[SummaryItem, ...]
    totals: tuple[CurrencyTotal, ...]


@dataclass(frozen=True, slots=True)
class CategoryItem(_Variance):
    """Budgets of one category in one currency."""

    category: str
    currency: str
    budget: Decimal
    actual: Decimal
    count: int


@dataclass(frozen=True, slots=True)
class ProviderItem(_Variance):
    """Budgets of one provider and category in one currency."""

    provider: str
    category: str
    currency: str
    budget: Decimal
    actual: Decimal


@dataclass(frozen=True, slots=True)
class AllocationNode:
    """A budget, the sum of its children's amounts and the children."""

    status: BudgetStatus
    allocated: Decimal
    children: tuple[AllocationNode, ...]


def summary(statuses: Sequence[BudgetStatus]) -> Summary:
    """One item per budget and one total per currency (sorted by currency)."""
    groups = _groups(statuses, lambda s: (s.budget.currency,))
    totals = tuple(CurrencyTotal(cur, *_sums(group)) for (cur,), group in groups)
    return Summary(tuple(SummaryItem(s) for s in statuses), totals)


def by_category(statuses: Sequence[BudgetStatus]) -> list[CategoryItem]:
    """Per category and currency, sorted."""
    groups = _groups(statuses, lambda s: (s.budget.category, s.budget.currency))
    return [CategoryItem(cat, cur, *_sums(group), len(group)) for (cat, cur), group in groups]


def single_provider(s: BudgetStatus) -> str:
    """The budget's one provider ("" when it has none or several)."""
    providers = s.budget.scope.providers
    return providers[0] if len(providers) == 1 else ""


def by_provider(statuses: Sequence[BudgetStatus]) -> list[ProviderItem]:
    """Per provider, category and currency (budgets scoped to exactly one provider)."""
    scoped = [s for s in statuses if single_provider(s)]
    groups = _groups(scoped, lambda s: (single_provider(s), s.budget.category, s.budget.currency))
    return [ProviderItem(prov, cat, cur, *_sums(group)) for (prov, cat, cur), group in groups]


def _groups(
    statuses: Sequence[BudgetStatus], key: Callable[[BudgetStatus], tuple[str, ...]]
) -> list[tuple[tuple[str, ...], list[BudgetStatus]]]:
    """The statuses grouped by ``key``, sorted by it."""
    groups: dict[tuple[str, ...], list[BudgetStatus]] = {}
    for s in statuses:
        groups.setdefault(key(s), []).append(s)
    return sorted(groups.items())


def _sums(group: Sequence[BudgetStatus]) -> tuple[Decimal, Decimal]:
    """Summed budget amounts and summed actuals."""
    return sum((s.budget.amount for s in group), ZERO), sum((s.spent for s in group), ZERO)


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

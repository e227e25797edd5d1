"""The org's ``budgets`` table: rows ↔ ``Budget``; created on first use in older datasets."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal

from cloudact_grpc.domain.errors import NotFound
from cloudact_grpc.domain.saas.terms import minor_unit
from cloudact_grpc.ports.warehouse import Eq, TableSchema, Warehouse
from cloudact_grpc.services.budgets.model import Budget, Scope, Threshold
from cloudact_grpc.services.budgets.periods import PeriodType
from cloudact_grpc.services.columns import ts_col
from cloudact_grpc.services.orgs import tables

TABLE = tables.BUDGETS
SHARE_PLACES = Decimal("0.000001")


def to_row(b: Budget) -> dict[str, object]:
    """The stored row of ``b``."""
    return {
        "budget_id": b.budget_id,
        "name": b.name,
        "hierarchy_entity_id": b.hierarchy_entity_id,
        "hierarchy_entity_name": b.hierarchy_entity_name,
        "hierarchy_path": b.hierarchy_path,
        "hierarchy_level_code": b.hierarchy_level_code,
        "category": b.category,
        "budget_type": b.budget_type,
        "amount": b.amount,
        "currency": b.currency,
        "period_type": b.period_type.value,
        "period_start": b.period_start,
        "period_end": b.period_end,
        "provider": b.provider,
        "notes": b.notes,
        "is_active": b.is_active,
        "scope": b.scope.as_json(),
        "thresholds": [{"percent": str(t.percent), "basis": t.basis} for t in b.thresholds],
        "metric": b.metric,
        "parent_budget_id": b.parent_budget_id or None,
        "allocation_percentage": b.allocation_percentage,
        "version": b.version,
        "created_at": b.created_at,
        "updated_at": b.updated_at,
    }


def _json(value: object) -> object:
    return json.loads(value) if isinstance(value, str) else value


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def from_row(row: Mapping[str, object]) -> Budget:
    """The budget of a stored row."""
    raw_thresholds = _json(row.get("thresholds")) or []
    thresholds = tuple(
        Threshold(Decimal(str(t["percent"])), str(t["basis"]))
        for t in (raw_thresholds if isinstance(raw_thresholds, list) else [])
        if isinstance(t, dict)
    )
    start = _date(row["period_start"])
    if start is None:  # pragma: no cover - REQUIRED column
        raise ValueError("period_start missing")
    return Budget(
        budget_id=str(row["budget_id"]),
        name=str(row.get("name") or ""),
        hierarchy_entity_id=str(row["hierarchy_entity_id"]),
        hierarchy_entity_name=str(row.get("hierarchy_entity_name") or ""),
        hierarchy_path=str(row.get("hierarchy_path") or ""),
        hierarchy_level_code=str(row.get("hierarchy_level_code") or ""),
        category=str(row["category"]),
        budget_type=str(row["budget_type"]),
        # Stored with 9 places; validated to the currency's minor unit (plain text: 1000.00).
        amount=Decimal(str(row["amount"])).quantize(minor_unit(str(row["currency"]))),
        currency=str(row["currency"]),
        period_type=PeriodType(str(row["period_type"])),
        period_start=start,
        period_end=_date(row.get("period_end")),
        provider=str(row.get("provider") or ""),
        notes=str(row.get("notes") or ""),
        is_active=bool(row["is_active"]),
        scope=Scope.from_json(_json(row.get("scope"))),
        thresholds=thresholds,
        metric=str(row["metric"]),
        parent_budget_id=str(row.get("parent_budget_id") or ""),
        allocation_percentage=Decimal(str(row.get("allocation_percentage") or 0)).quantize(
            SHARE_PLACES
        ),
        version=int(str(row["version"])),
        created_at=ts_col(row, "created_at"),
        updated_at=ts_col(row, "updated_at"),
    )


class BudgetStore:
    """Reads and writes the ``budgets`` table of an org dataset."""

    def __init__(self, warehouse: Warehouse, schema: TableSchema) -> None:
        self._wh = warehouse
        self._schema = schema
        self._ensured: set[str] = set()  # datasets known to have the table (this process)

    def ensure(self, dataset: str) -> None:
        """Create the table in a dataset onboarded before budgets existed."""
        if dataset in self._ensured:
            return
        if not self._wh.table_exists(dataset, TABLE):
            self._wh.create_table(dataset, self._schema)
        self._ensured.add(dataset)

    def all(self, dataset: str) -> list[Budget]:
        """Every budget of the dataset, newest first."""
        self.ensure(dataset)
        budgets = [from_row(r) for r in self._wh.select(dataset, TABLE)]
        return sorted(budgets, key=lambda b: (b.created_at, b.budget_id), reverse=True)

    def get(self, dataset: str, budget_id: str) -> Budget:
        """One budget; NotFound when absent."""
        self.ensure(dataset)
        rows = self._wh.select(dataset, TABLE, [Eq("budget_id", budget_id)], limit=1)
        if not rows:
            raise NotFound("budget", budget_id)
        return from_row(rows[0])

    def insert(self, dataset: str, budgets: list[Budget]) -> None:
        """Insert budgets in one statement (all or none)."""
        self.ensure(dataset)
        self._wh.insert_rows(dataset, TABLE, [to_row(b) for b in budgets])

    def replace(self, dataset: str, new: Budget, expected_version: int) -> bool:
        """Write ``new`` over the row still at ``expected_version``; False when it moved on."""
        row = to_row(new)
        del row["budget_id"]
        return self._wh.compare_and_set(
            dataset, TABLE, row, [Eq("budget_id", new.budget_id)], {"version": expected_version}
        )

    def delete(self, dataset: str, budget_id: str) -> int:
        """Delete one budget; returns rows deleted."""
        self.ensure(dataset)
        return self._wh.delete(dataset, TABLE, [Eq("budget_id", budget_id)])

    def detach_children(self, dataset: str, parent_id: str) -> int:
        """Children of a deleted parent become roots."""
        return self._wh.update(
            dataset,
            TABLE,
            {"parent_budget_id": None, "allocation_percentage": Decimal(0)},
            [Eq("parent_budget_id", parent_id)],
        )

"""Plan rows in the warehouse: grouped reads and the conditional writes plans rely on."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass

from cloudact_grpc.domain.clock import Clock
from cloudact_grpc.domain.errors import Aborted, NotFound
from cloudact_grpc.domain.saas.amortization import ONE_DAY
from cloudact_grpc.domain.saas.plans import RECORDED_ACTIVE, RECORDED_CANCELLED, Plan, PlanVersion
from cloudact_grpc.ports.warehouse import Eq, Predicate, Warehouse
from cloudact_grpc.services.saas.rows import PLANS_TABLE, from_row, to_row
from cloudact_grpc.services.saas.scope import RESOURCE


def new_etag() -> str:
    """A fresh row etag."""
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class PlanStore:
    """Reads plans from, and conditionally writes versions to, ``saas_subscription_plans``."""

    warehouse: Warehouse
    clock: Clock

    def plans(self, dataset: str, provider: str | None = None) -> list[Plan]:
        """Every plan (of one provider, or all)."""
        where: list[Predicate] = [Eq("provider", provider)] if provider else []
        grouped: dict[str, list[PlanVersion]] = defaultdict(list)
        for row in self.warehouse.select(dataset, PLANS_TABLE, where):
            v = from_row(row)
            grouped[v.subscription_id].append(v)
        return [Plan.of(vs) for vs in grouped.values()]

    def plan(self, dataset: str, provider: str, subscription_id: str) -> Plan:
        """One plan of ``provider``; NOT_FOUND when it has no rows."""
        rows = self.warehouse.select(
            dataset,
            PLANS_TABLE,
            [Eq("subscription_id", subscription_id), Eq("provider", provider)],
        )
        if not rows:
            raise NotFound(RESOURCE, subscription_id)
        return Plan.of([from_row(r) for r in rows])

    def by_id(self, dataset: str, subscription_id: str) -> Plan:
        """One plan by id alone (the caller knows it exists)."""
        rows = self.warehouse.select(dataset, PLANS_TABLE, [Eq("subscription_id", subscription_id)])
        return Plan.of([from_row(r) for r in rows])

    def insert_first(self, dataset: str, v: PlanVersion) -> bool:
        """Insert version 1 unless a current plan of the name starts that day with that status."""
        # Two concurrent creates (or enables) of one name on one day: only one row lands.
        return self.warehouse.insert_if_absent(
            dataset,
            PLANS_TABLE,
            to_row(v, is_current=True),
            ("provider", "plan_name", "start_date", "status", "is_current"),
        )

    def insert_next(self, dataset: str, new: PlanVersion) -> bool:
        """Insert ``new`` unless its (subscription_id, version) is taken."""
        return self.warehouse.insert_if_absent(
            dataset, PLANS_TABLE, to_row(new, is_current=True), ("subscription_id", "version")
        )

    def close(self, dataset: str, old: PlanVersion, new: PlanVersion) -> bool:
        """End active ``old`` the day before ``new`` starts, if its etag is unchanged."""
        return self.warehouse.compare_and_set(
            dataset,
            PLANS_TABLE,
            {
                "end_date": new.start_date - ONE_DAY,
                "is_current": False,
                "updated_at": new.created_at,
                "etag": new_etag(),
            },
            [Eq("subscription_id", old.subscription_id), Eq("version", old.version)],
            {"etag": old.etag, "status": RECORDED_ACTIVE},
        )

    def withdraw(self, dataset: str, new: PlanVersion) -> None:
        """Delete the row ``insert_next`` wrote for ``new``."""
        self.warehouse.delete(
            dataset,
            PLANS_TABLE,
            [
                Eq("subscription_id", new.subscription_id),
                Eq("version", new.version),
                Eq("etag", new.etag),
            ],
        )

    def cancel(self, dataset: str, plan: Plan, end: dt.date) -> None:
        """Mark the latest version cancelled on ``end``; ABORTED if it changed meanwhile."""
        latest = plan.latest
        ok = self.warehouse.compare_and_set(
            dataset,
            PLANS_TABLE,
            {
                "status": RECORDED_CANCELLED,
                "end_date": end,
                "updated_at": self.clock.now(),
                "etag": new_etag(),
            },
            [Eq("subscription_id", latest.subscription_id), Eq("version", latest.version)],
            {"etag": latest.etag},
        )
        if not ok:
            raise Aborted("saas_plan", plan.subscription_id)

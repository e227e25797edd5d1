"""Keeping plan cost rows current: recompute one plan, or catch up every plan once a day."""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

import structlog

from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import DomainError
from cloudact_grpc.domain.saas.catalog import Catalog
from cloudact_grpc.domain.saas.plans import Plan
from cloudact_grpc.ports.warehouse import Warehouse, WarehouseError
from cloudact_grpc.services.saas.costs import DAILY_TABLE, CostWriter, last_costed_day
from cloudact_grpc.services.saas.scope import OrgScope
from cloudact_grpc.services.saas.store import PlanStore

_log = structlog.get_logger(__name__)


class PlanCosts:
    """Rewrites plans' cost rows; remembers per dataset the day every plan was last checked."""

    def __init__(
        self,
        warehouse: Warehouse,
        catalog: Catalog,
        scope: OrgScope,
        store: PlanStore,
        writer: CostWriter,
    ) -> None:
        self._warehouse = warehouse
        self._catalog = catalog
        self._scope = scope
        self._store = store
        self._writer = writer
        self._checked: dict[str, dt.date] = {}  # dataset -> day catch_up last claimed
        self._checked_lock = threading.Lock()

    def recompute(self, dataset: str, org_slug: str, subscription_id: str) -> None:
        """Rewrite every cost row of one plan (and notify the cost cache).

        A rewrite cut off by a warehouse failure leaves the plan's daily facts behind the plan
        (``behind``); the dataset's catch-up then no longer counts as done today, so the next
        one (the next plan write, or the hourly step) rewrites the plan.
        """
        plan = self._store.by_id(dataset, subscription_id)
        provider = self._catalog.get(plan.latest.provider)
        try:
            self._writer.recompute(
                dataset,
                org_slug,
                provider,
                subscription_id,
                lambda: self._store.by_id(dataset, subscription_id),
            )
        except WarehouseError:
            self._forget(dataset)
            raise

    def catch_up(self, org_slug: str) -> int:
        """The SaaS cost catch-up: recompute every plan whose cost rows are behind it.

        Open-ended plans are costed through the end of the cycle holding the day they were
        last written; once today enters a later cycle their rows are short. An end whose
        rewrite failed leaves rows past the plan's last day (``behind``). Plan writes, the
        daily step (``DailyCatchUp``) and explicit calls run it; cost reads never do. Checked
        at most once per org and day per process (rows only fall behind when the date
        changes or a rewrite is cut off; every write recomputes its own plan). The day is
        claimed before the rows are read, so a rewrite failing meanwhile un-claims it. Returns
        how many plans were recomputed.
        """
        dataset = self._scope.dataset(org_slug)
        today = self._scope.today()
        with self._checked_lock:
            if self._checked.get(dataset) == today:
                return 0
            self._checked[dataset] = today
        try:
            stale = self._stale(dataset, today)
            for sub_id in stale:
                self.recompute(dataset, org_slug, sub_id)
        except BaseException:
            self._forget(dataset)
            raise
        return len(stale)

    def _stale(self, dataset: str, today: dt.date) -> list[str]:
        """Plans whose daily facts are behind the plan (see ``behind``)."""
        written = written_through(self._warehouse, dataset)
        return [
            plan.subscription_id
            for plan in self._store.plans(dataset)
            if behind(plan, today, written.get(plan.subscription_id))
        ]

    def _forget(self, dataset: str) -> None:
        with self._checked_lock:
            self._checked.pop(dataset, None)


def behind(plan: Plan, today: dt.date, have: tuple[dt.date, int] | None) -> bool:
    """Whether daily facts written through ``have`` (last day, latest version) need a rewrite.

    They do when they stop short of today's last costed day or latest version (the date moved
    on, or a rewrite was cut off), or when they reach past the last day and version any clock
    costs of a plan that has a last day: an end (or provider disable) whose rewrite never ran
    left its rows, of the current version, in place. Rows of an open-ended plan reaching
    further are a replica's whose clock is ahead, and stay: only the plan's stored dates and
    versions are compared, never clocks.
    """
    wanted = last_costed_day(plan, today)
    if wanted is not None and (have is None or have[0] < wanted[0] or have[1] < wanted[1]):
        return True
    last = plan.last_day
    if have is None or last is None or have == wanted:
        return False
    # Rows reach past today's: from the plan's last day on, every clock costs the same days
    # (through each version's end), so no clock, however far ahead, writes rows past those.
    ceiling = wanted if last <= today else last_costed_day(plan, last)
    return ceiling is None or have[0] > ceiling[0] or have[1] > ceiling[1]


def written_through(warehouse: Warehouse, dataset: str) -> dict[str, tuple[dt.date, int]]:
    """Last cost day and latest version written per plan (from the daily facts table)."""
    arrow = warehouse.read_arrow(
        dataset, DAILY_TABLE, ["subscription_id", "cost_date", "plan_version"]
    )
    last: dict[str, tuple[dt.date, int]] = {}
    for sub, day, version in zip(
        arrow.column("subscription_id").to_pylist(),
        arrow.column("cost_date").to_pylist(),
        arrow.column("plan_version").to_pylist(),
        strict=True,
    ):
        if isinstance(day, dt.date) and isinstance(version, int):
            got = last.get(str(sub))
            last[str(sub)] = (max(got[0], day), max(got[1], version)) if got else (day, version)
    return last


class _WithCosts(Protocol):
    @property
    def costs(self) -> PlanCosts: ...


_S = TypeVar("_S", bound=_WithCosts)
_P = ParamSpec("_P")
_R = TypeVar("_R")


def caught_up(
    write: Callable[Concatenate[_S, CallContext, str, _P], _R],
) -> Callable[Concatenate[_S, CallContext, str, _P], _R]:
    """A plan write ``(ctx, org_slug, ...)``, then the org's plans catch up with today."""

    @functools.wraps(write)
    def run(
        self: _S, ctx: CallContext, org_slug: str, /, *args: _P.args, **kwargs: _P.kwargs
    ) -> _R:
        result = write(self, ctx, org_slug, *args, **kwargs)
        try:
            self.costs.catch_up(org_slug)
        except (DomainError, WarehouseError):
            # The write is committed and recomputed its own plan: never report it as failed.
            # The other plans are caught up by the next write or the hourly step.
            _log.warning("saas_catch_up_failed", org_slug=org_slug, exc_info=True)
        return result

    return run

"""Plan writes: create version 1, record a new version, end a plan.

Concurrency: a new version is committed by ``insert_if_absent`` on (subscription_id, version),
so of two concurrent edits only one inserts; the winner then closes the previous version with
``compare_and_set`` on its ``etag``. If that fails (the plan was cancelled meanwhile) the new row
is withdrawn and the call is ABORTED. Reads derive each version's end from its successor, so a
crash between the two writes never shows overlapping versions.
"""

from __future__ import annotations

from dataclasses import dataclass

from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import Aborted, AlreadyExists, FailedPrecondition, InvalidArgument
from cloudact_grpc.domain.saas.amortization import ONE_DAY
from cloudact_grpc.domain.saas.catalog import Catalog, normalize_provider
from cloudact_grpc.domain.saas.plans import Status, VersionView
from cloudact_grpc.services.saas.freshness import PlanCosts, caught_up
from cloudact_grpc.services.saas.inputs import PlanSpec, VersionChange, end_date_or_today
from cloudact_grpc.services.saas.scope import RESOURCE, OrgScope
from cloudact_grpc.services.saas.store import PlanStore
from cloudact_grpc.services.saas.versions import from_spec, next_version


@dataclass(frozen=True, slots=True)
class EditResult:
    """The new version and the previous one after the edit."""

    new: VersionView
    old: VersionView


@dataclass(frozen=True, slots=True)
class PlanWriter:
    """Every write recomputes the plan's cost rows and leaves one audit row."""

    catalog: Catalog
    scope: OrgScope
    store: PlanStore
    costs: PlanCosts

    @caught_up
    def create_plan(
        self, ctx: CallContext, org_slug: str, provider: str, spec: PlanSpec
    ) -> VersionView:
        """Create version 1; ALREADY_EXISTS when a pending or active plan has the name."""
        pid = normalize_provider(provider)
        dataset = self.scope.dataset(org_slug)
        info = self.catalog.get(pid)
        v = from_spec(self.scope.clock, pid, info.category, spec)
        if not self.store.insert_first(dataset, v):
            raise AlreadyExists(
                RESOURCE, v.plan_name, f"{pid} already has plan {v.plan_name} from {v.start_date}"
            )
        self.costs.recompute(dataset, org_slug, v.subscription_id)
        self.scope.record(
            ctx,
            org_slug,
            "SAAS_PLAN_CREATED",
            v.subscription_id,
            {
                "provider": pid,
                "plan_name": v.plan_name,
                "effective_date": v.start_date.isoformat(),
            },
        )
        return self.store.plan(dataset, pid, v.subscription_id).views(self.scope.today())[0]

    @caught_up
    def edit_version(
        self,
        ctx: CallContext,
        org_slug: str,
        provider: str,
        subscription_id: str,
        change: VersionChange,
    ) -> EditResult:
        """Record a new version from ``change.effective_date``; the latest ends the day before."""
        pid = normalize_provider(provider)
        dataset = self.scope.dataset(org_slug)
        plan = self.store.plan(dataset, pid, subscription_id)
        old = plan.latest
        if old.cancelled:
            raise FailedPrecondition(
                "saas_plan", subscription_id, "CANCELLED",
                f"plan {subscription_id} was cancelled; create a new plan",
            )  # fmt: skip
        new = next_version(self.scope.clock, old, change)
        if old.end_date is not None and new.start_date > old.end_date + ONE_DAY:
            raise FailedPrecondition(
                "saas_plan", subscription_id, "ENDED",
                f"plan {subscription_id} ended on {old.end_date.isoformat()}; create a new plan",
            )  # fmt: skip
        if not self.store.insert_next(dataset, new):
            raise Aborted("saas_plan", subscription_id)
        if not self.store.close(dataset, old, new):
            self.store.withdraw(dataset, new)
            raise Aborted("saas_plan", subscription_id)
        self.costs.recompute(dataset, org_slug, subscription_id)
        self.scope.record(
            ctx,
            org_slug,
            "SAAS_PLAN_VERSIONED",
            subscription_id,
            {"provider": pid, "version": new.version, "effective_date": new.start_date.isoformat()},
        )
        views = {
            v.version.version: v
            for v in self.store.plan(dataset, pid, subscription_id).views(self.scope.today())
        }
        return EditResult(views[new.version], views[old.version])

    @caught_up
    def end_plan(
        self, ctx: CallContext, org_slug: str, provider: str, subscription_id: str, end_date: str
    ) -> VersionView:
        """End (soft-delete) the plan on ``end_date``; returns its last version.

        Without ``end_date`` (the frontend's DELETE) it ends today, a plan that has not started
        the day before its first day (as disabling its provider does), and a plan that already
        ended stays as it is: deleting twice is not an error.
        """
        pid = normalize_provider(provider)
        dataset = self.scope.dataset(org_slug)
        plan = self.store.plan(dataset, pid, subscription_id)
        if end_date:
            end = end_date_or_today(end_date, self.scope.today())
            if end < plan.anchor:
                raise InvalidArgument.field("end_date", "must not be before the plan's first day")
        else:
            end = max(self.scope.today(), plan.anchor - ONE_DAY)
        if plan.latest.cancelled:
            if end_date and plan.cancel_date != end:
                raise FailedPrecondition(
                    "saas_plan", subscription_id, "CANCELLED",
                    f"plan {subscription_id} is already cancelled",
                )  # fmt: skip
        else:
            self.store.cancel(dataset, plan, end)
            self.costs.recompute(dataset, org_slug, subscription_id)
            self.scope.record(
                ctx,
                org_slug,
                "SAAS_PLAN_ENDED",
                subscription_id,
                {"provider": pid, "end_date": end.isoformat()},
            )
        return self.store.plan(dataset, pid, subscription_id).views(self.scope.today())[-1]

    def update_plan(
        self,
        ctx: CallContext,
        org_slug: str,
        provider: str,
        subscription_id: str,
        status: str | None,
        end_date: str | None,
    ) -> VersionView:
        """The frontend's PUT on a plan: end it, or confirm it is still running.

        ``cancelled`` (or an ``end_date``) ends it; ``active`` keeps a pending or active plan as
        it is (a finished plan cannot come back).
        """
        wanted = (status or "").strip().lower()
        if wanted not in ("", Status.CANCELLED, Status.ACTIVE):
            raise InvalidArgument.field("status", "must be cancelled or active")
        if not wanted and end_date is None:
            raise InvalidArgument.field("status", "send status or end_date: nothing to update")
        if wanted != Status.ACTIVE:
            return self.end_plan(ctx, org_slug, provider, subscription_id, end_date or "")
        if end_date:
            raise InvalidArgument.field("end_date", "only with status cancelled")
        plan = self.store.plan(self.scope.dataset(org_slug), normalize_provider(provider),
                               subscription_id)  # fmt: skip
        view = plan.views(self.scope.today())[-1]
        if view.status not in (Status.ACTIVE, Status.PENDING):
            raise FailedPrecondition(
                RESOURCE,
                subscription_id,
                view.status.value,
                f"plan {subscription_id} is {view.status.value}; create a new plan instead",
            )
        return view

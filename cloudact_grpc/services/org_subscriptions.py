"""Organisation subscriptions: cached reads, validated updates, the rows onboarding writes.

Every write of a subscription invalidates the per-process read cache.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import KW_ONLY, dataclass, field

from cloudact_grpc.domain.clock import Clock
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.dates import optional_date
from cloudact_grpc.domain.errors import Aborted, FieldViolation, InvalidArgument, NotFound
from cloudact_grpc.domain.plans import Limits, PlanCatalogue
from cloudact_grpc.ports.warehouse import Eq, Warehouse
from cloudact_grpc.services.api_keys import ApiKeyService
from cloudact_grpc.services.audit import AuditService
from cloudact_grpc.services.columns import int_col, ts_col
from cloudact_grpc.services.org_rows import limit_values, pick, subscription_row
from cloudact_grpc.services.orgs.lifecycle import ACTIVE, SUSPENDED, existing_profile, exists
from cloudact_grpc.services.orgs.tables import PROFILES, SUBSCRIPTIONS
from cloudact_grpc.services.quotas import QuotaService
from cloudact_grpc.services.read_cache import ReadCache

SUBSCRIPTION_STATUSES = ("ACTIVE", "TRIAL", "EXPIRED", "SUSPENDED", "CANCELLED")
TRIAL_DAYS = 14


@dataclass(frozen=True, slots=True)
class Subscription:
    """An organisation's plan, status and limits."""

    org_slug: str
    subscription_id: str
    plan_name: str
    status: str
    limits: Limits
    trial_end_date: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class SubscriptionUpdate:
    """Fields to change; None keeps the current value (a new plan resets to its defaults)."""

    plan_name: str | None = None
    daily_limit: int | None = None
    monthly_limit: int | None = None
    concurrent_limit: int | None = None
    seat_limit: int | None = None
    providers_limit: int | None = None
    status: str | None = None
    trial_end_date: str | None = None


@dataclass(frozen=True, slots=True)
class OrgSubscriptionService:
    """Reads and writes ``org_subscriptions`` behind a read cache."""

    warehouse: Warehouse
    api_keys: ApiKeyService
    quotas: QuotaService
    audit: AuditService
    plans: PlanCatalogue
    _: KW_ONLY
    dataset: str
    clock: Clock
    cache: ReadCache[Subscription] = field(default_factory=ReadCache)

    def invalidate(self, org_slug: str) -> None:
        """Drop the cached subscription of ``org_slug``."""
        self.cache.invalidate(org_slug)

    def get(self, org_slug: str) -> Subscription:
        """Plan, status and limits (cached; every write of them invalidates)."""
        return self.cache.get_or_load(org_slug, lambda: self._load(org_slug))

    def _load(self, org_slug: str) -> Subscription:
        existing_profile(self.warehouse, self.dataset, org_slug)
        row = subscription_row(self.warehouse, self.dataset, org_slug)
        trial = row.get("trial_end_date")
        return Subscription(
            org_slug=org_slug,
            subscription_id=str(row["subscription_id"]),
            plan_name=str(row["plan_name"]),
            status=str(row["status"]),
            limits=Limits(
                daily_limit=int_col(row, "daily_limit"),
                monthly_limit=int_col(row, "monthly_limit"),
                concurrent_limit=int_col(row, "concurrent_limit"),
                seat_limit=int_col(row, "seat_limit"),
                providers_limit=int_col(row, "providers_limit"),
            ),
            trial_end_date=trial if isinstance(trial, dt.date) else None,
            created_at=ts_col(row, "created_at"),
            updated_at=ts_col(row, "updated_at"),
        )

    def update(self, ctx: CallContext, org_slug: str, change: SubscriptionUpdate) -> Subscription:
        """Validate and apply plan, limits and status together; quotas see them at once.

        A deleted org's record stays readable but takes no changes: NOT_FOUND, as for any write
        (the billing sync of a deleted org must not bring its subscription back).
        """
        profile = existing_profile(self.warehouse, self.dataset, org_slug)
        if not exists(profile["status"]):
            raise NotFound("organization", org_slug)
        current = self.get(org_slug)
        violations: list[FieldViolation] = []
        plan = None
        if change.plan_name is not None:
            plan = self.plans.find(change.plan_name)
            if plan is None:
                violations.append(
                    FieldViolation("plan_name", f"must be one of {', '.join(self.plans.names)}")
                )
        base = plan.limits if plan is not None else current.limits
        limits = Limits(
            daily_limit=pick(change.daily_limit, base.daily_limit),
            monthly_limit=pick(change.monthly_limit, base.monthly_limit),
            concurrent_limit=pick(change.concurrent_limit, base.concurrent_limit),
            seat_limit=pick(change.seat_limit, base.seat_limit),
            providers_limit=pick(change.providers_limit, base.providers_limit),
        )
        violations += limits.violations()
        status = change.status.strip().upper() if change.status is not None else current.status
        if status not in SUBSCRIPTION_STATUSES:
            violations.append(
                FieldViolation("status", f"must be one of {', '.join(SUBSCRIPTION_STATUSES)}")
            )
        trial: dt.date | None = current.trial_end_date
        if change.trial_end_date is not None:
            trial = _parse_date(change.trial_end_date, violations, self.clock.now().date())
        if violations:
            raise InvalidArgument.fields("invalid subscription update", violations)
        plan_name = plan.name if plan is not None else current.plan_name
        values: dict[str, object] = {
            "plan_name": plan_name, "status": status, "trial_end_date": trial,
            **limit_values(limits),
        }  # fmt: skip
        with self.audit.failures(
            ctx, org_slug=org_slug, action="UPDATE", resource_type="SUBSCRIPTION"
        ):
            self.write(org_slug, values)
            profile_status = str(profile["status"])
            if status == SUSPENDED and profile_status == ACTIVE:
                profile_status = SUSPENDED
            elif status in ("ACTIVE", "TRIAL") and profile_status == SUSPENDED:
                profile_status = ACTIVE
            self.warehouse.update(
                self.dataset, PROFILES,
                {"subscription_plan": plan_name, "status": profile_status,
                 "updated_at": self.clock.now()},
                [Eq("org_slug", org_slug), Eq("status", str(profile["status"]))],
            )  # fmt: skip
            self.api_keys.invalidate_org(org_slug)
            self.quotas.sync_today_limits(org_slug, limits)
        self.audit.record(
            ctx, org_slug=org_slug, action="UPDATE", resource_type="SUBSCRIPTION",
            resource_id=current.subscription_id,
            details={"plan_name": plan_name, "status": status, **limit_values(limits)},
        )  # fmt: skip
        return self.get(org_slug)

    def insert(self, slug: str, plan: str, limits: Limits, now: dt.datetime) -> None:
        """The first subscription row of a new org: ACTIVE, with a trial end date."""
        self.cache.invalidate(slug)
        self.warehouse.insert_rows(
            self.dataset,
            SUBSCRIPTIONS,
            [
                {
                    "subscription_id": uuid.uuid4().hex,
                    "org_slug": slug,
                    "plan_name": plan,
                    "status": "ACTIVE",
                    **limit_values(limits),
                    "trial_end_date": now.date() + dt.timedelta(days=TRIAL_DAYS),
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            ],
        )

    def write(self, slug: str, values: Mapping[str, object]) -> None:
        """Compare-and-set ``values`` on the subscription row, retrying on concurrent writes."""
        self.cache.invalidate(slug)
        for _ in range(50):
            row = subscription_row(self.warehouse, self.dataset, slug)
            version = int_col(row, "version")
            if self.warehouse.compare_and_set(
                self.dataset, SUBSCRIPTIONS,
                {**values, "version": version + 1, "updated_at": self.clock.now()},
                [Eq("org_slug", slug)], {"version": version},
            ):  # fmt: skip
                self.cache.invalidate(slug)  # again: a read may have raced the write
                return
        raise Aborted("subscription", slug, "the subscription changed concurrently; retry")

    def cancel(self, slug: str) -> None:
        """Mark the subscription CANCELLED (offboarding; the caller invalidates)."""
        self.warehouse.update(
            self.dataset, SUBSCRIPTIONS, {"status": "CANCELLED", "updated_at": self.clock.now()},
            [Eq("org_slug", slug)],
        )  # fmt: skip


def _parse_date(raw: str, violations: list[FieldViolation], today: dt.date) -> dt.date | None:
    """The trial end as a day; the billing webhook sends ``toISOString()`` (its UTC day)."""
    try:
        return optional_date(raw, "trial_end_date", today=today, accept_datetime=True)
    except InvalidArgument as exc:
        violations.extend(exc.violations)
        return None

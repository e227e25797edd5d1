"""Plan versions, the plan they belong to, and statuses derived from dates when read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from cloudact_grpc.domain.saas.amortization import ONE_DAY
from cloudact_grpc.domain.saas.terms import PricingTerms

RECORDED_ACTIVE = "active"
RECORDED_CANCELLED = "cancelled"


class Status(StrEnum):
    """Read-time status of one version."""

    PENDING = "pending"
    ACTIVE = "active"
    CANCELLED = "cancelled"
    EXPIRED = "expired"

    @property
    def enabled(self) -> bool:
        """Pending or active."""
        return self in (Status.PENDING, Status.ACTIVE)


@dataclass(frozen=True, slots=True)
class PlanVersion:
    """One stored version of a plan (one row of ``saas_subscription_plans``).

    ``end_date`` is as stored: a superseded version holds the day before its successor, and a
    cancelled plan's latest version holds the cancellation day (which may precede its start when
    the cancellation voided a pending version).
    """

    subscription_id: str
    version: int
    provider: str
    plan_name: str
    plan_type: str
    display_name: str
    category: str
    terms: PricingTerms
    start_date: dt.date
    end_date: dt.date | None
    cancelled: bool
    owner_email: str
    department: str
    renewal_date: dt.date | None
    notes: str
    etag: str
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class VersionView:
    """A version with its derived last day (None while open-ended) and status."""

    version: PlanVersion
    end_date: dt.date | None
    status: Status

    @property
    def void(self) -> bool:
        """True when the version never takes effect (cancelled before it started)."""
        return self.end_date is not None and self.end_date < self.version.start_date


@dataclass(frozen=True, slots=True)
class Plan:
    """Every version of one subscription, oldest first."""

    versions: tuple[PlanVersion, ...]

    @classmethod
    def of(cls, versions: Sequence[PlanVersion]) -> Plan:
        """A plan from its rows in any order; the highest version number is the latest."""
        if not versions:
            raise ValueError("a plan has at least one version")
        return cls(tuple(sorted(versions, key=lambda v: v.version)))

    @property
    def subscription_id(self) -> str:
        """Stable plan id."""
        return self.versions[0].subscription_id

    @property
    def latest(self) -> PlanVersion:
        """The highest version."""
        return self.versions[-1]

    @property
    def anchor(self) -> dt.date:
        """Billing anchor: the first version's first day."""
        return self.versions[0].start_date

    @property
    def cancel_date(self) -> dt.date | None:
        """Last paid day when the organization ended the plan, else None."""
        latest = self.latest
        return latest.end_date if latest.cancelled else None

    @property
    def last_day(self) -> dt.date | None:
        """The plan's last day (its latest version's stored or cancelled end); None if open."""
        ends = [d for d in (self.latest.end_date, self.cancel_date) if d is not None]
        return min(ends) if ends else None

    def views(self, today: dt.date) -> list[VersionView]:
        """Every version with derived end date and status, oldest first.

        A version ends at the earliest of its stored end, the day before its successor starts
        (so an interrupted edit never overlaps two versions) and the plan's cancellation day.
        """
        out: list[VersionView] = []
        cancel = self.cancel_date
        for i, v in enumerate(self.versions):
            ends = [d for d in (v.end_date, cancel) if d is not None]
            if i + 1 < len(self.versions):
                ends.append(self.versions[i + 1].start_date - ONE_DAY)
            end = min(ends) if ends else None
            out.append(VersionView(v, end, _status(v, end, cancel, today)))
        return out

    def current(self, today: dt.date) -> VersionView:
        """The version shown in lists: in force today, else earliest pending, else latest."""
        views = self.views(today)
        for status in (Status.ACTIVE, Status.PENDING):
            for view in views:
                if view.status is status:
                    return view
        return views[-1]


def _status(v: PlanVersion, end: dt.date | None, cancel: dt.date | None, today: dt.date) -> Status:
    if cancel is not None and end is not None and end >= cancel:
        return Status.CANCELLED  # the cancellation cut this version short or voided it
    if end is not None and end < today:
        return Status.EXPIRED
    if v.start_date > today:
        return Status.PENDING
    return Status.ACTIVE

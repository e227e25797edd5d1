"""Cost anomalies of an organisation: per provider x service x currency, with their driver.

Daily costs come from ``CostsService.daily_grouped`` (the daily rollup); the driver of an
anomalous day is looked up in the raw rows of that provider and service (SKU, sub-account,
region), as the value whose own deviation from its 28-day median is largest in the anomaly's
direction.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from cloudact_grpc.analytics import schema as s
from cloudact_grpc.analytics.filters import CostFilter
from cloudact_grpc.domain import dates
from cloudact_grpc.domain.clock import Clock, SystemClock, utc_today
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import Aborted, InvalidArgument
from cloudact_grpc.domain.values import amount
from cloudact_grpc.ports.warehouse import Eq, TableSchema, Warehouse
from cloudact_grpc.services import cost_filters, paging
from cloudact_grpc.services.anomalies import detect
from cloudact_grpc.services.audit import AuditService, ResourceAudit
from cloudact_grpc.services.costs import CostsService
from cloudact_grpc.services.orgs import tables
from cloudact_grpc.services.orgs.lifecycle import OrgDirectory

SETTINGS_TABLE: Final = tables.ANOMALY_SETTINGS
RESOURCE: Final = "ANOMALY_SETTINGS"
MAX_RANGE_DAYS: Final = 92
DEFAULT_RANGE_DAYS: Final = 30
DEFAULT_MIN_IMPACT: Final = Decimal(1)
DRIVERS: Final = {"sku": "SkuId", "sub_account": s.SUB_ACCOUNT, "region": "RegionId"}
ZERO: Final = Decimal(0)
DRIVER_TOLERANCE: Final = Decimal("0.9")


@dataclass(frozen=True, slots=True)
class Settings:
    """Sensitivity and minimum impact of an org."""

    sensitivity: str = detect.DEFAULT_SENSITIVITY
    min_impact: Decimal = DEFAULT_MIN_IMPACT


@dataclass(frozen=True, slots=True)
class Anomaly:
    """An anomalous day of one provider x service x currency, and what drove it."""

    provider: str
    service: str
    currency: str
    finding: detect.Finding
    driver_dimension: str = ""
    driver_value: str = ""
    driver_impact: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class AnomalyPage:
    """A page of anomalies and the sensitivity used."""

    anomalies: tuple[Anomaly, ...]
    sensitivity: str
    next_page_token: str


class AnomalyService:
    """Detects cost anomalies and keeps the org's sensitivity."""

    def __init__(
        self,
        warehouse: Warehouse,
        settings_schema: TableSchema,
        costs: CostsService,
        audit: AuditService,
        orgs: OrgDirectory,
        *,
        clock: Clock | None = None,
    ) -> None:
        self._wh = warehouse
        self._schema = settings_schema
        self._costs = costs
        self._audit = ResourceAudit(audit, RESOURCE)
        self._orgs = orgs
        self._clock = clock or SystemClock()

    def today(self) -> dt.date:
        """Today (UTC)."""
        return utc_today(self._clock)

    def _org(self, org_slug: str, *, active: bool) -> tuple[str, str]:
        slug, ds = self._orgs.require(org_slug, active=active)
        if not self._wh.table_exists(ds, SETTINGS_TABLE):
            self._wh.create_table(ds, self._schema)
        return slug, ds

    # ---- settings -------------------------------------------------------------------------

    def settings(self, org_slug: str) -> Settings:
        """The org's settings (defaults when never set)."""
        _, ds = self._org(org_slug, active=False)
        return self._settings(ds)

    def _settings(self, ds: str) -> Settings:
        rows = self._wh.select(ds, SETTINGS_TABLE, [Eq("settings_id", "org")], limit=1)
        if not rows:
            return Settings()
        return Settings(str(rows[0]["sensitivity"]), Decimal(str(rows[0]["min_impact"])))

    def update_settings(
        self, ctx: CallContext, org_slug: str, sensitivity: str, min_impact: Decimal | None
    ) -> Settings:
        """Change the sensitivity and/or minimum impact."""
        slug, ds = self._org(org_slug, active=True)
        old = self._settings(ds)
        level = _sensitivity(sensitivity) if sensitivity.strip() else old.sensitivity
        impact = old.min_impact
        if min_impact is not None:
            impact = amount(min_impact, "min_impact")
        now = self._clock.now()
        row = {"settings_id": "org", "sensitivity": level, "min_impact": impact,
               "version": 1, "updated_at": now}  # fmt: skip
        if not self._wh.insert_if_absent(ds, SETTINGS_TABLE, row, ["settings_id"]):
            current = self._wh.select(ds, SETTINGS_TABLE, [Eq("settings_id", "org")], limit=1)
            version = int(str(current[0]["version"]))
            changed = self._wh.compare_and_set(
                ds,
                SETTINGS_TABLE,
                {"sensitivity": level, "min_impact": impact, "version": version + 1,
                 "updated_at": now},
                [Eq("settings_id", "org")],
                {"version": version},
            )  # fmt: skip
            if not changed:
                raise Aborted("anomaly settings", "org")
        details = {"sensitivity": level, "min_impact": str(impact)}
        self._audit.record(ctx, slug, "UPDATE", "org", details)
        return Settings(level, impact)

    # ---- detection ------------------------------------------------------------------------

    def list_anomalies(
        self,
        org_slug: str,
        *,
        start_date: str,
        end_date: str,
        providers: Sequence[str],
        sensitivity: str,
        page_size: int,
        page_token: str,
    ) -> AnomalyPage:
        """Anomalies of the range, newest first, then largest impact first."""
        slug, ds = self._org(org_slug, active=False)
        today = self.today()
        last = dates.parse_date(end_date, "end_date", today=today) if end_date.strip() else today
        first = (
            dates.parse_date(start_date, "start_date", today=today)
            if start_date.strip()
            else last - dt.timedelta(days=DEFAULT_RANGE_DAYS - 1)
        )
        if last < first:
            raise InvalidArgument.field("end_date", "must not be before start_date")
        if (last - first).days + 1 > MAX_RANGE_DAYS:
            raise InvalidArgument.field("end_date", f"at most {MAX_RANGE_DAYS} days examined")
        provs = cost_filters.split(providers)
        stored = self._settings(ds)
        level = _sensitivity(sensitivity) if sensitivity.strip() else stored.sensitivity
        found = self.find(slug, first, last, provs, level, stored.min_impact)
        query = ("anomalies", slug, first, last, provs, level)
        page = paging.paginate(found, page_size, page_token, query)
        return AnomalyPage(page.items, level, page.next_page_token)

    def find(
        self,
        org: str,
        first: dt.date,
        last: dt.date,
        providers: Sequence[str],
        sensitivity: str,
        min_impact: Decimal,
    ) -> list[Anomaly]:
        """Every anomaly from ``first`` to ``last`` (with drivers), newest first."""
        history_from = first - dt.timedelta(days=detect.PROFILE_DAYS)
        f = CostFilter(start=history_from, end=last, providers=tuple(providers))
        series = self._costs.daily_grouped(org, f, metric="effective", by=(s.PROVIDER, s.SERVICE))
        out = []
        for (provider, service, currency), daily in series.items():
            for finding in detect.findings(
                daily, first, last, sensitivity=sensitivity, min_impact=min_impact
            ):
                out.append(self._explained(org, provider, service, currency, finding))
        out.sort(key=lambda a: (a.finding.day, abs(a.finding.impact)), reverse=True)
        return out

    def _explained(
        self, org: str, provider: str, service: str, currency: str, finding: detect.Finding
    ) -> Anomaly:
        day = finding.day
        f = CostFilter(
            start=day - dt.timedelta(days=detect.BASELINE_DAYS),
            end=day,
            providers=(provider.lower(),),
            currency=currency,
        )
        sign = 1 if finding.impact > 0 else -1
        candidates: list[tuple[Decimal, int, str, str, Decimal]] = []
        for rank, (name, column) in enumerate(DRIVERS.items()):
            grouped = self._costs.daily_grouped(
                org, f, metric="effective", by=(s.SERVICE, column), services=(service,)
            )
            for (svc, value, _cur), daily in grouped.items():
                if svc != service:
                    continue
                before = [
                    daily.get(day - dt.timedelta(days=i), ZERO)
                    for i in range(1, detect.BASELINE_DAYS + 1)
                ]
                deviation = daily.get(day, ZERO) - statistics.median(before)
                if sign * deviation > 0:
                    candidates.append(
                        (sign * deviation, rank, name, value or s.NONE_LABEL, deviation)
                    )
        if not candidates:
            return Anomaly(provider, service, currency, finding)
        # The most specific dimension (SKU, then sub-account, then region) whose value explains
        # nearly as much as the largest mover: a new SKU is a better answer than the
        # sub-account it ran in.
        top = max(c[0] for c in candidates)
        near = [c for c in candidates if c[0] >= top * DRIVER_TOLERANCE]
        _, _, name, value, deviation = min(near, key=lambda c: (c[1], -c[0]))
        return Anomaly(provider, service, currency, finding, name, value, deviation)


def _sensitivity(raw: str) -> str:
    value = raw.strip().lower()
    if value not in detect.SENSITIVITY:
        raise InvalidArgument.field("sensitivity", "must be low, medium or high")
    return value

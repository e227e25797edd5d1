"""Rows of the organisation services: subscription and credential rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict

from cloudact_grpc.domain.clock import Clock
from cloudact_grpc.domain.errors import Aborted, NotFound
from cloudact_grpc.domain.plans import Limits
from cloudact_grpc.ports.warehouse import Eq, IsNull, Predicate, Warehouse
from cloudact_grpc.services.columns import int_col
from cloudact_grpc.services.orgs.tables import (
    CREDENTIALS,
    DQ_RESULTS,
    PIPELINE_RUNS,
    STEP_LOGS,
    SUBSCRIPTIONS,
    USAGE_QUOTAS,
)

RUN_HISTORY = (PIPELINE_RUNS, STEP_LOGS, DQ_RESULTS)
"""The org's pipeline-run history: its runs, their step logs and data-quality results."""
RUNS_IN_FLIGHT = "runs_in_flight"
"""The quota row's column naming the runs that hold a concurrency slot (``services/quotas``)."""
CAS_ATTEMPTS = 200
"""How often a compare-and-set on a quota row is retried against fresh state before Aborted."""


def set_quota_row(
    wh: Warehouse, dataset: str, org_slug: str, row: Mapping[str, object], values: dict[str, object]
) -> bool:
    """Write ``values`` and a bumped version to quota ``row`` if its version is unchanged.

    False when someone wrote the row since it was read (a concurrent writer won).
    """
    version = int_col(row, "version")
    return wh.compare_and_set(
        dataset,
        USAGE_QUOTAS,
        {**values, "version": version + 1},
        [Eq("org_slug", org_slug), Eq("usage_date", row["usage_date"])],
        {"version": version},
    )


def subscription_row(wh: Warehouse, dataset: str, org_slug: str) -> dict[str, object]:
    """The subscription row; NotFound if there is none."""
    rows = wh.select(dataset, SUBSCRIPTIONS, [Eq("org_slug", org_slug)])
    if not rows:
        raise NotFound("subscription", org_slug)
    return rows[0]


def retired_credential(now: dt.datetime) -> dict[str, object]:
    """The columns of a retired credential: inactive, its secret no longer stored."""
    return {"is_active": False, "ciphertext_b64": None, "wrapped_data_key_b64": None,
            "updated_at": now}  # fmt: skip


def deactivate_credentials(wh: Warehouse, dataset: str, clock: Clock, org_slug: str) -> int:
    """Retire the org's integration credentials (secrets cleared); the number deactivated.

    Inactive rows that still hold a secret (retired before retiring cleared it) are cleared
    too, so deleting an org again clears what an earlier delete left.
    """
    if not wh.table_exists(dataset, CREDENTIALS):
        return 0
    retired = retired_credential(clock.now())
    count = wh.update(
        dataset, CREDENTIALS, retired, [Eq("org_slug", org_slug), Eq("is_active", True)]
    )
    still_sealed: list[Predicate] = [
        Eq("org_slug", org_slug),
        IsNull("ciphertext_b64", negate=True),
    ]
    wh.update(dataset, CREDENTIALS, retired, still_sealed)
    return count


def delete_run_history(wh: Warehouse, dataset: str, org_slug: str) -> None:
    """Delete the org's pipeline runs, step logs and data-quality results.

    The runs that held a concurrency slot go too: the open quota row names none after this.
    """
    for table in RUN_HISTORY:
        if wh.table_exists(dataset, table):
            wh.delete(dataset, table, [Eq("org_slug", org_slug)])
    if not wh.table_exists(dataset, USAGE_QUOTAS):
        return
    cleared: dict[str, object] = {RUNS_IN_FLIGHT: {}, "concurrent_pipelines_running": 0}
    for _ in range(CAS_ATTEMPTS):  # a compare-and-set: a reservation read before loses its write
        open_rows = wh.select(
            dataset, USAGE_QUOTAS, [Eq("org_slug", org_slug), IsNull("sealed_at")]
        )
        if all(set_quota_row(wh, dataset, org_slug, row, cleared) for row in open_rows):
            return
    raise Aborted("quota", org_slug, "too much contention on the quota row; retry")


def pick(given: int | None, default: int) -> int:
    """``given`` unless it is None."""
    return default if given is None else given


def limit_values(limits: Limits) -> dict[str, object]:
    """The limit columns of a subscription row (named as the fields of ``Limits``)."""
    return asdict(limits)

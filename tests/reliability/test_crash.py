"""Crash test: SIGKILL the server while onboardings and plan edits are in flight.

After a restart on the same DuckDB file every slug that was tried is either fully usable or can
be onboarded again, no key of an unfinished org works (nor is any left active), and every
acknowledged write (onboarding, plan version) is there.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import grpc
import pytest
from cloudact.v1 import (
    organizations_pb2,
    organizations_pb2_grpc,
    subscriptions_pb2,
    subscriptions_pb2_grpc,
)

from tests.support.orgs import Metadata, bootstrap
from tests.support.server_process import kill_under_load, serving

ROOT = Path(__file__).resolve().parents[2]
BASE = "crash_base"
pytestmark = pytest.mark.slow


@dataclass
class Outcomes:
    """What the clients were told before the crash."""

    tried: list[str] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)  # in flight when the server died
    onboarded: dict[str, str] = field(default_factory=dict)  # slug -> key, acknowledged
    versions: list[tuple[int, str]] = field(default_factory=list)  # acknowledged edits
    lock: threading.Lock = field(default_factory=threading.Lock)


def _onboard(
    stub: organizations_pb2_grpc.OrganizationsServiceStub, slug: str, meta: Metadata
) -> str:
    """Onboard ``slug`` with a ``request_id`` derived from it (so a retry can be matched)."""
    reply = stub.OnboardOrganization(
        organizations_pb2.OnboardOrganizationRequest(
            org_slug=slug,
            company_name=slug,
            admin_email=f"fin@{slug.replace('_', '-')}.example",
            request_id=f"onboard-{slug}",
        ),
        metadata=meta,
        timeout=60,
    )
    return str(reply.api_key)


def _onboarder(
    target: str, meta: Metadata, prefix: str, out: Outcomes, stop: threading.Event
) -> None:
    with grpc.insecure_channel(target) as chan:
        stub = organizations_pb2_grpc.OrganizationsServiceStub(chan)
        n = 0
        while not stop.is_set():
            slug = f"{prefix}_{n}"
            n += 1
            with out.lock:
                out.tried.append(slug)
            try:
                key = _onboard(stub, slug, meta)
            except grpc.RpcError as error:
                if error.code() is grpc.StatusCode.UNAVAILABLE:
                    with out.lock:
                        out.cut.append(slug)
                    return  # the server is gone: this one was in flight
                continue  # refused (a write conflict): not in flight at the kill
            with out.lock:
                out.onboarded[slug] = key


def _editor(target: str, key: str, plan_id: str, out: Outcomes, stop: threading.Event) -> None:
    day = dt.date(2025, 1, 1)
    with grpc.insecure_channel(target) as chan:
        stub = subscriptions_pb2_grpc.SubscriptionsServiceStub(chan)
        users = 1
        while not stop.is_set():
            day += dt.timedelta(days=1)
            users += 1
            try:
                reply = stub.EditSaasPlanVersion(
                    subscriptions_pb2.EditSaasPlanVersionRequest(
                        org_slug=BASE,
                        provider="slack",
                        subscription_id=plan_id,
                        effective_date=day.isoformat(),
                        number_of_users=users,
                    ),
                    metadata=(("x-api-key", key),),
                    timeout=60,
                )
            except grpc.RpcError:
                return
            with out.lock:
                out.versions.append((reply.new_plan.version, reply.new_plan.effective_date))


def _versions(chan: grpc.Channel, key: str, plan_id: str) -> set[tuple[int, str]]:
    reply = subscriptions_pb2_grpc.SubscriptionsServiceStub(chan).ListSaasPlanVersions(
        subscriptions_pb2.ListSaasPlanVersionsRequest(
            org_slug=BASE, provider="slack", subscription_id=plan_id, page_size=1000
        ),
        metadata=(("x-api-key", key),),
        timeout=60,
    )
    return {(v.version, v.effective_date) for v in reply.versions}


def test_sigkill_during_onboardings_and_plan_edits(tmp_path: Path) -> None:
    data, log = tmp_path / "data", tmp_path / "server.log"
    root_key = secrets.token_urlsafe(32)
    root: Metadata = (("x-ca-root-key", root_key),)
    out = Outcomes()

    with serving(data, root_key, log) as first:
        with grpc.insecure_channel(first.target) as chan:
            bootstrap(chan, root)
            base_key = _onboard(organizations_pb2_grpc.OrganizationsServiceStub(chan), BASE, root)
            plan = subscriptions_pb2_grpc.SubscriptionsServiceStub(chan).CreateSaasPlan(
                subscriptions_pb2.CreateSaasPlanRequest(
                    org_slug=BASE,
                    provider="slack",
                    plan_name="PRO",
                    unit_price=8.0,
                    number_of_users=1,
                    effective_date="2025-01-01",
                ),
                metadata=(("x-api-key", base_key),),
                timeout=60,
            )
        plan_id = plan.plan.subscription_id
        stop = threading.Event()
        workers = [
            threading.Thread(target=_onboarder, args=(first.target, root, f"crash_{i}", out, stop))
            for i in range(4)
        ]
        workers.append(
            threading.Thread(target=_editor, args=(first.target, base_key, plan_id, out, stop))
        )
        kill_under_load(
            first, workers, stop, lambda: len(out.onboarded) >= 4 and len(out.versions) >= 3
        )

    assert len(out.onboarded) >= 4 and len(out.versions) >= 3, "the load never got going"
    unfinished = [s for s in out.tried if s not in out.onboarded]
    assert out.cut, "no onboarding was in flight at the kill"

    with serving(data, root_key, log) as second, grpc.insecure_channel(second.target) as chan:
        orgs = organizations_pb2_grpc.OrganizationsServiceStub(chan)
        # Acknowledged onboardings are fully usable with the key the client was given.
        for slug, key in out.onboarded.items():
            got = orgs.GetOrganization(
                organizations_pb2.GetOrganizationRequest(org_slug=slug),
                metadata=(("x-api-key", key),),
                timeout=60,
            )
            assert got.status == "ACTIVE"
        # Every acknowledged plan version is there, and the plan still takes edits.
        assert set(out.versions) <= _versions(chan, base_key, plan_id)
        edited = subscriptions_pb2_grpc.SubscriptionsServiceStub(chan).EditSaasPlanVersion(
            subscriptions_pb2.EditSaasPlanVersionRequest(
                org_slug=BASE,
                provider="slack",
                subscription_id=plan_id,
                effective_date="2026-06-01",
                number_of_users=99,
            ),
            metadata=(("x-api-key", base_key),),
            timeout=60,
        )
        assert edited.new_plan.number_of_users == 99
        # An unfinished slug is either active (it committed just before the kill) or free again.
        for slug in unfinished:
            found = orgs.GetOrganization.future(
                organizations_pb2.GetOrganizationRequest(org_slug=slug),
                metadata=root,
                timeout=60,
            )
            if found.code() is grpc.StatusCode.OK:
                assert found.result().status == "ACTIVE", slug
            else:
                assert found.code() is grpc.StatusCode.NOT_FOUND, (slug, found.details())
                # The slug can be onboarded again, even with the request_id the cut-off call used
                # (its pending claim was released at start-up).
                _onboard(orgs, slug, root)
    undone_lines = [line for line in log.read_text().splitlines() if "onboardings undone" in line]
    assert undone_lines, "the restart found no unfinished onboarding to undo"

    # With the server stopped: no PROVISIONING claim is left and no key of an org that is not
    # ACTIVE is active.
    con = duckdb.connect(str(data / "cloudact.duckdb"), read_only=True)
    try:
        provisioning = con.execute(
            "SELECT count(*) FROM organizations.org_profiles WHERE status = 'PROVISIONING'"
        ).fetchone()
        orphan_keys = con.execute(
            """SELECT count(*) FROM organizations.org_api_keys k
               LEFT JOIN organizations.org_profiles p USING (org_slug)
               WHERE k.is_active AND (p.status IS NULL OR p.status <> 'ACTIVE')"""
        ).fetchone()
    finally:
        con.close()
    assert provisioning == (0,)
    assert orphan_keys == (0,)

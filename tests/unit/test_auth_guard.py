"""The failed-authentication budget, the refused-key memory and sampled denial audits."""

from __future__ import annotations

import pytest

from cloudact_grpc.adapters.shared_memory import MemorySharedState
from cloudact_grpc.domain.errors import ResourceExhausted
from cloudact_grpc.ports.warehouse import WarehouseError
from cloudact_grpc.services.auth_guard import AuthFailureGuard
from cloudact_grpc.services.denial_audit import SampledDenials
from cloudact_grpc.services.rate_limit import BucketLimit


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_budget_per_client_refills_and_remembers_refused_keys() -> None:
    clock = Clock()
    guard = AuthFailureGuard(
        per_client=BucketLimit(60, 3),
        per_key_prefix=BucketLimit(600, 100),
        state=MemorySharedState(clock=clock),
        clock=clock,
    )
    for n in range(3):
        guard.check("10.0.0.1", f"ca_key{n}xxxxxxxx")
        guard.failed("10.0.0.1", f"ca_key{n}xxxxxxxx", remember=True)
    with pytest.raises(ResourceExhausted) as caught:
        guard.check("10.0.0.1", "ca_other")
    assert caught.value.metadata["scope"] == "client"
    assert caught.value.retry_after_seconds == 1
    guard.check("10.0.0.2", "ca_other")  # another address has its own budget
    clock.now += 1.0
    guard.check("10.0.0.1", "ca_other")  # one token back after a second
    assert guard.refused_recently("ca_key0xxxxxxxx")
    assert not guard.refused_recently("ca_never_seen")
    clock.now += 60.0
    assert not guard.refused_recently("ca_key0xxxxxxxx")


def test_memory_is_bounded() -> None:
    guard = AuthFailureGuard(
        per_client=BucketLimit(60, 1),
        per_key_prefix=BucketLimit(60, 1),
        state=MemorySharedState(max_entries=10),
        max_entries=5,
    )
    for n in range(50):
        guard.failed(f"10.0.0.{n}", f"ca_{n:09d}zzz", remember=True)
    assert not guard.refused_recently("ca_000000000zzz")  # dropped, oldest first
    assert guard.refused_recently("ca_000000049zzz")
    guard.check("10.0.0.0", "ca_000000000zzz")  # its bucket was dropped too: a fresh budget


class Writer:
    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []
        self.lost: list[str] = []

    def record_denial(self, **row: object) -> None:
        self.rows.append(row)

    def count_lost(self, action: str) -> None:
        self.lost.append(action)


def test_anonymous_denials_are_sampled_and_unknown_orgs_get_none() -> None:
    clock, writer = Clock(), Writer()
    denials = SampledDenials(writer, lambda slug: slug == "known", window=60, clock=clock)
    for _ in range(100):
        for slug in ("known", "unknown"):
            denials.record_denial(
                actor="anonymous", org_slug=slug, method="/m", reason="API_KEY_INVALID",
                request_id="r",
            )  # fmt: skip
    assert [r["org_slug"] for r in writer.rows] == ["known"]
    clock.now += 61
    denials.record_denial(
        actor="anonymous", org_slug="known", method="/m", reason="API_KEY_INVALID", request_id="r"
    )
    assert writer.rows[-1]["suppressed"] == 99
    for _ in range(3):  # another org's valid key: every denial is written
        denials.record_denial(
            actor="org_key:k1", org_slug="known", method="/m", reason="ORG_ACCESS_DENIED",
            request_id="r",
        )  # fmt: skip
    assert len(writer.rows) == 5


def test_a_denial_whose_org_lookup_fails_is_counted_lost_and_raised() -> None:
    def warehouse_down(slug: str) -> bool:
        raise WarehouseError("injected: the warehouse does not answer")

    writer = Writer()
    denials = SampledDenials(writer, warehouse_down, window=60, clock=Clock())
    with pytest.raises(WarehouseError):
        denials.record_denial(
            actor="org_key:k1", org_slug="known", method="/m", reason="ORG_ACCESS_DENIED",
            request_id="r",
        )  # fmt: skip
    assert (writer.rows, writer.lost) == ([], ["DENIED"])

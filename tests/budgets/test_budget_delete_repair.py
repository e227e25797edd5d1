"""A budget delete cut off midway (one transient warehouse failure) is finished by a retry."""

from __future__ import annotations

import grpc
import pytest
from cloudact.v1 import budgets_pb2 as pb
from cloudact.v1 import budgets_pb2_grpc

from cloudact_grpc.services.orgs.tables import BUDGETS
from tests.support.errors import decode
from tests.support.faults import fail_once
from tests.support.orgs import Metadata, bootstrap, onboard


@pytest.mark.parametrize("method", ["update", "delete"])  # detach the children; delete the row
def test_a_cut_off_budget_delete_is_finished_by_a_retry(
    channel: grpc.Channel,
    root_metadata: Metadata,
    server: object,
    monkeypatch: pytest.MonkeyPatch,
    method: str,
) -> None:
    bootstrap(channel, root_metadata)
    slug, _ = onboard(channel, root_metadata, "bdel")
    stub = budgets_pb2_grpc.BudgetsServiceStub(channel)
    made = stub.AllocateBudget(
        pb.AllocateBudgetRequest(
            org_slug=slug, hierarchy_entity_id="ORG", category="cloud", budget_amount=100,
            currency="USD", period_type="monthly", period_start="2026-01-01",
            allocations=[pb.BudgetAllocationInput(hierarchy_entity_id=e, percentage=50)
                         for e in ("A", "B")],
        ),
        metadata=root_metadata,
    )  # fmt: skip
    parent = made.parent_budget.budget_id
    fired = fail_once(monkeypatch, server.app.warehouse, method, BUDGETS)  # type: ignore[attr-defined]
    request = pb.DeleteBudgetRequest(org_slug=slug, budget_id=parent)
    with pytest.raises(grpc.RpcError) as info:
        stub.DeleteBudget(request, metadata=root_metadata)
    assert fired == [BUDGETS]
    assert decode(info.value).code is not grpc.StatusCode.OK
    assert stub.DeleteBudget(request, metadata=root_metadata).deleted  # the retry finishes it
    for child in made.children:
        got = stub.GetBudget(
            pb.GetBudgetRequest(org_slug=slug, budget_id=child.budget.budget_id),
            metadata=root_metadata,
        )
        assert got.parent_budget_id == ""  # a root now, not a child of a deleted budget

"""The later frontend's budget calls (section 3.4) through real Envoy, as it builds them.

Org key plus ``Content-Type: application/json`` on every call; JSON bodies with numbers;
responses read by the frontend's field names. Also: errors as the frontend reads them, another
org's key refused, and an audit row for every mutation.
"""

from __future__ import annotations

from typing import Any

import pytest
from cloudact.v1 import admin_pb2, admin_pb2_grpc

from tests.budgets.conftest import BudgetStack
from tests.budgets.seed import cents, expected_spend, seeded_rows
from tests.support.errors import decode_rest
from tests.support.http import HTTP

ORG, OTHER = "budget_front", "budget_other"
ROWS = seeded_rows()


@pytest.fixture(scope="module")
def keys(duck_stack: BudgetStack) -> dict[str, str]:
    key = duck_stack.onboard(ORG)
    other = duck_stack.onboard(OTHER)
    duck_stack.seed(ORG)
    return {"own": key, "other": other}


def _headers(key: str) -> dict[str, str]:
    return {"X-API-Key": key, "Content-Type": "application/json"}


def _url(stack: BudgetStack, tail: str = "") -> str:
    return f"{stack.url}/api/v1/budgets/{ORG}{tail}"


CREATE = {
    "hierarchy_entity_id": "DEPT-001",
    "hierarchy_entity_name": "Engineering",
    "hierarchy_path": "/DEPT-001",
    "hierarchy_level_code": "department",
    "category": "cloud",
    "budget_type": "monetary",
    "budget_amount": 1234.56,
    "currency": "USD",
    "period_type": "monthly",
    "period_start": "2026-02-01",
    "period_end": "2026-02-28",
    "provider": "gcp",
    "notes": "Q1 cloud budget",
}


def test_budget_page_calls(duck_stack: BudgetStack, keys: dict[str, str]) -> None:
    h = _headers(keys["own"])
    created = HTTP.post(_url(duck_stack), json=CREATE, headers=h)
    assert created.status_code == 200, created.text
    budget = created.json()
    for field, value in CREATE.items():
        assert budget[field] == value, field
    assert budget["is_active"] is True
    bid = budget["budget_id"]
    assert budget["created_at"].endswith("Z")

    listed = HTTP.get(
        _url(duck_stack),
        params={"category": "cloud", "is_active": "true", "period_type": "monthly",
                "hierarchy_entity_id": "DEPT-001"},
        headers=h,
    )  # fmt: skip
    assert listed.status_code == 200, listed.text
    body = listed.json()
    assert body["total"] == 1
    assert [b["budget_id"] for b in body["budgets"]] == [bid]

    put = HTTP.put(
        _url(duck_stack, f"/{bid}"), json={"budget_amount": 2000, "notes": "raised"}, headers=h
    )
    assert put.status_code == 200, put.text
    assert (put.json()["budget_amount"], put.json()["notes"]) == (2000, "raised")

    # Actuals of February (the budget's only period), through the summary read models.
    spent = expected_spend(
        ROWS, first=_d("2026-02-01"), last=_d("2026-02-28"), currency="USD",
        categories=("cloud",), providers=("gcp",),
    )  # fmt: skip
    period = {"period_end": "2026-02-28"}
    summary = HTTP.get(_url(duck_stack, "/summary"), params=period, headers=h)
    assert summary.status_code == 200, summary.text
    s = summary.json()
    (item,) = s["items"]
    assert item["budget_id"] == bid
    assert item["actual_amount"] == cents(spent)
    assert item["variance"] == cents(2000 - spent)
    assert (s["currency"], s["total_budget"], s["total_actual"]) == ("USD", 2000, cents(spent))
    assert (s["budgets_total"], s["budgets_over"], s["budgets_under"]) == (1, 0, 1)

    by_cat = HTTP.get(_url(duck_stack, "/by-category"), params=period, headers=h).json()
    assert [(i["category"], i["actual_amount"], i["budget_count"]) for i in by_cat["items"]] == [
        ("cloud", cents(spent), 1)
    ]
    by_prov = HTTP.get(
        _url(duck_stack, "/by-provider"), params={**period, "category": "cloud"}, headers=h
    ).json()
    assert [(i["provider"], i["budget_amount"]) for i in by_prov["items"]] == [("gcp", 2000)]

    status = HTTP.get(_url(duck_stack, f"/{bid}/status"), params={"as_of": "2026-02-28"}, headers=h)
    assert status.status_code == 200, status.text
    assert status.json()["spent"] == cents(spent)

    deleted = HTTP.delete(_url(duck_stack, f"/{bid}"), headers=h)
    assert deleted.status_code == 200, deleted.text
    assert HTTP.get(_url(duck_stack, f"/{bid}"), headers=h).status_code == 404


def test_allocate_splits_to_the_cent_and_builds_the_tree(
    duck_stack: BudgetStack, keys: dict[str, str]
) -> None:
    h = _headers(keys["own"])
    body: dict[str, Any] = {
        **CREATE,
        "hierarchy_entity_id": "ORG-ROOT",
        "budget_amount": 1000,
        "allocations": [
            {"hierarchy_entity_id": "DEPT-A", "hierarchy_entity_name": "A",
             "hierarchy_level_code": "department", "percentage": 33.33},
            {"hierarchy_entity_id": "DEPT-B", "hierarchy_entity_name": "B",
             "hierarchy_level_code": "department", "percentage": 33.33},
            {"hierarchy_entity_id": "DEPT-C", "hierarchy_entity_name": "C",
             "hierarchy_level_code": "department", "percentage": 33.34},
        ],
    }  # fmt: skip
    reply = HTTP.post(_url(duck_stack, "/allocate"), json=body, headers=h)
    assert reply.status_code == 200, reply.text
    out = reply.json()
    amounts = [c["allocated_amount"] for c in out["children"]]
    assert amounts == [333.3, 333.3, 333.4]
    assert out["total_allocated"] == 1000
    assert out["unallocated_amount"] == 0
    parent_id = out["parent_budget"]["budget_id"]
    assert {c["budget"]["parent_budget_id"] for c in out["children"]} == {parent_id}

    odd = HTTP.post(
        _url(duck_stack, "/allocate"),
        json={**body, "budget_amount": 100, "allocations": [
            {"hierarchy_entity_id": f"T-{i}", "percentage": 100 / 3} for i in range(3)]},
        headers=h,
    )  # fmt: skip
    assert odd.status_code == 200, odd.text
    parts = [c["allocated_amount"] for c in odd.json()["children"]]
    assert parts == [33.34, 33.33, 33.33]

    tree = HTTP.get(
        _url(duck_stack, "/allocation-tree"),
        params={"root_entity_id": "ORG-ROOT", "period_end": "2026-02-28"},
        headers=h,
    )
    assert tree.status_code == 200, tree.text
    roots = {r["budget_id"]: r for r in tree.json()["roots"]}
    assert len(roots) == 2  # both allocations' parents belong to ORG-ROOT
    root = roots[parent_id]
    assert (root["allocated_to_children"], root["unallocated"]) == (1000, 0)
    assert sorted(c["hierarchy_entity_id"] for c in root["children"]) == [
        "DEPT-A", "DEPT-B", "DEPT-C",
    ]  # fmt: skip

    too_much = HTTP.post(
        _url(duck_stack, "/allocate"),
        json={**body, "allocations": [{"hierarchy_entity_id": "X", "percentage": 60},
                                      {"hierarchy_entity_id": "Y", "percentage": 50}]},
        headers=h,
    )  # fmt: skip
    assert too_much.status_code == 400
    assert decode_rest(too_much).violated_fields == ["allocations"]


def test_errors_isolation_and_audit(duck_stack: BudgetStack, keys: dict[str, str]) -> None:
    h = _headers(keys["own"])
    bad = HTTP.post(
        _url(duck_stack), json={**CREATE, "budget_amount": -5, "period_type": "daily"}, headers=h
    )
    assert bad.status_code == 400
    err = bad.json()
    assert "budget_amount" in err["message"]
    assert set(decode_rest(bad).violated_fields) == {"budget_amount", "period_type"}

    foreign = HTTP.get(_url(duck_stack), headers=_headers(keys["other"]))
    assert foreign.status_code == 403
    assert HTTP.get(_url(duck_stack)).status_code == 401

    made = HTTP.post(_url(duck_stack), json=CREATE, headers=h).json()
    HTTP.put(_url(duck_stack, f"/{made['budget_id']}"), json={"is_active": False}, headers=h)
    HTTP.delete(_url(duck_stack, f"/{made['budget_id']}"), headers=h)
    logs = admin_pb2_grpc.AdminServiceStub(duck_stack.channel).ListAuditLogs(
        admin_pb2.ListAuditLogsRequest(org_slug=ORG, page_size=1000),
        metadata=duck_stack.root_metadata,
    )
    mine = [e for e in logs.audit_logs if e.resource_id == made["budget_id"]]
    assert sorted((e.action, e.resource_type, e.status) for e in mine) == [
        ("CREATE", "BUDGET", "SUCCESS"),
        ("DELETE", "BUDGET", "SUCCESS"),
        ("UPDATE", "BUDGET", "SUCCESS"),
    ]
    assert len({e.request_id for e in mine}) == 3  # one row per mutation
    assert all(e.actor.startswith("org_key:") for e in mine)


def _d(text: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text)


def test_an_org_from_before_budgets_gets_the_tables_on_first_use(duck_stack: BudgetStack) -> None:
    org = "budget_legacy"
    key = duck_stack.onboard(org)
    ds = f"{org}_local"
    for table in ("budgets", "anomaly_settings", "notification_channels", "notification_rules",
                  "notification_history"):  # fmt: skip
        duck_stack.app.warehouse.drop_table(ds, table)
    h = _headers(key)
    listed = HTTP.get(f"{duck_stack.url}/api/v1/budgets/{org}", headers=h)
    assert (listed.status_code, listed.json()["total"]) == (200, 0), listed.text
    made = HTTP.post(f"{duck_stack.url}/api/v1/budgets/{org}", json=CREATE, headers=h)
    assert made.status_code == 200, made.text
    for path in ("/api/v1/notifications/{org}/channels", "/api/v1/anomalies/{org}/settings"):
        reply = HTTP.get(duck_stack.url + path.format(org=org), headers=h)
        assert reply.status_code == 200, reply.text

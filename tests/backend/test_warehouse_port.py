"""One behavioural suite for the warehouse port, run on DuckDB and on BigQuery (emulator)."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pyarrow as pa
import pytest

from cloudact_grpc.domain.errors import AlreadyExists, InvalidArgument, NotFound
from cloudact_grpc.ports.warehouse import (
    Between,
    Column,
    ColumnType,
    Eq,
    In,
    IsNull,
    Mode,
    OrderBy,
    Predicate,
    TableSchema,
    Warehouse,
)
from tests.support.backends import BOTH_BACKENDS

pytestmark = pytest.mark.parametrize("warehouse", BOTH_BACKENDS, indirect=True)

UTC = dt.UTC
T = TableSchema(
    name="items",
    columns=(
        Column("id", ColumnType.STRING, Mode.REQUIRED),
        Column("amount", ColumnType.NUMERIC),
        Column("qty", ColumnType.INT64),
        Column("ratio", ColumnType.FLOAT64),
        Column("active", ColumnType.BOOL),
        Column("day", ColumnType.DATE, Mode.REQUIRED),
        Column("at", ColumnType.TIMESTAMP),
        Column("tags", ColumnType.STRING, Mode.REPEATED),
        Column("doc", ColumnType.JSON),
        Column("version", ColumnType.INT64),
    ),
    partition_field="day",
    clustering_fields=("id", "active"),
)
FULL: dict[str, object] = {
    "id": "a",
    "amount": Decimal("12.345678901"),
    "qty": 7,
    "ratio": 0.25,
    "active": True,
    "day": dt.date(2024, 1, 2),
    "at": dt.datetime(2024, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
    "tags": ["x", "y"],
    "doc": {"b": [1, 2.5, None], "a": "text", "n": {"k": True}},
    "version": 1,
}
EMPTY: dict[str, object] = {
    "id": "b",
    "amount": None,
    "qty": None,
    "ratio": None,
    "active": None,
    "day": dt.date(2024, 1, 3),
    "at": None,
    "tags": [],
    "doc": None,
    "version": 1,
}
NASTY = [
    "a'b",
    'a"b',
    "a`b",
    "x; DROP TABLE items; --",
    "/* c */",
    "-- c",
    "ünïcødé_表",
    "\u202etxt",
    "\\",
    "",
    "a\nb",
]


@pytest.fixture
def table(warehouse: Warehouse, dataset: str) -> str:
    warehouse.create_table(dataset, T)
    return T.name


def test_round_trip_all_types_and_nulls(warehouse: Warehouse, dataset: str, table: str) -> None:
    assert (
        warehouse.insert_rows(
            dataset, table, [FULL, {"id": "b", "day": EMPTY["day"], "version": 1}]
        )
        == 2
    )
    rows = warehouse.select(dataset, table, order_by=[OrderBy("id")])
    assert rows == [FULL, EMPTY]
    got = rows[0]
    assert isinstance(got["amount"], Decimal)
    assert str(got["amount"]) == "12.345678901"
    assert isinstance(got["at"], dt.datetime)
    assert got["at"].tzinfo is UTC
    assert type(got["day"]) is dt.date


def test_numeric_is_exact_and_normalised(warehouse: Warehouse, dataset: str, table: str) -> None:
    values = [Decimal("0.000000001"), Decimal("1.5"), Decimal("-99999999999999999999.999999999"), 3]
    warehouse.insert_rows(
        dataset,
        table,
        [{"id": f"n{i}", "day": dt.date(2024, 1, 1), "amount": v} for i, v in enumerate(values)],
    )
    got = [
        r["amount"]
        for r in warehouse.select(dataset, table, columns=["amount"], order_by=[OrderBy("id")])
    ]
    assert [format(g, "f") for g in got] == [
        "0.000000001",
        "1.500000000",
        "-99999999999999999999.999999999",
        "3.000000000",
    ]
    with pytest.raises(InvalidArgument):
        warehouse.insert_rows(
            dataset, table, [{"id": "f", "day": dt.date(2024, 1, 1), "amount": 1.5}]
        )
    with pytest.raises(InvalidArgument):
        warehouse.insert_rows(
            dataset,
            table,
            [{"id": "f", "day": dt.date(2024, 1, 1), "amount": Decimal("1.0000000001")}],
        )


def test_timestamps_are_utc(warehouse: Warehouse, dataset: str, table: str) -> None:
    plus2 = dt.timezone(dt.timedelta(hours=2))
    warehouse.insert_rows(
        dataset,
        table,
        [
            {
                "id": "t",
                "day": dt.date(2024, 1, 1),
                "at": dt.datetime(2024, 6, 1, 12, 0, tzinfo=plus2),
            }
        ],
    )
    (row,) = warehouse.select(
        dataset, table, [Eq("at", dt.datetime(2024, 6, 1, 10, 0, tzinfo=UTC))], columns=["at"]
    )
    assert row["at"] == dt.datetime(2024, 6, 1, 10, 0, tzinfo=UTC)
    assert isinstance(row["at"], dt.datetime)
    assert row["at"].tzinfo is UTC
    with pytest.raises(InvalidArgument):
        warehouse.insert_rows(
            dataset, table, [{"id": "n", "day": dt.date(2024, 1, 1), "at": dt.datetime(2024, 1, 1)}]
        )


def test_required_and_unknown_columns_rejected(
    warehouse: Warehouse, dataset: str, table: str
) -> None:
    with pytest.raises(InvalidArgument):
        warehouse.insert_rows(dataset, table, [{"id": None, "day": dt.date(2024, 1, 1)}])
    with pytest.raises(InvalidArgument):
        warehouse.insert_rows(dataset, table, [{"id": "x", "day": dt.date(2024, 1, 1), "nope": 1}])
    assert warehouse.select(dataset, table) == []


def _seed(warehouse: Warehouse, dataset: str, table: str) -> None:
    rows = [
        {"id": f"r{i}", "day": dt.date(2024, 1, 1) + dt.timedelta(days=i), "qty": i,
         "active": i % 2 == 0, "amount": Decimal(i) / 4, "version": 1}
        for i in range(10)
    ]  # fmt: skip
    rows[3]["qty"] = None
    assert warehouse.insert_rows(dataset, table, rows) == 10


def test_predicates_order_and_paging(warehouse: Warehouse, dataset: str, table: str) -> None:
    _seed(warehouse, dataset, table)

    def ids(*where: Predicate, limit: int | None = None, offset: int = 0) -> list[object]:
        rows = warehouse.select(
            dataset, table, list(where), ["id"], [OrderBy("id")], limit=limit, offset=offset
        )
        return [r["id"] for r in rows]

    assert ids(Eq("id", "r2")) == ["r2"]
    assert ids(In("id", ("r1", "r5", "zz"))) == ["r1", "r5"]
    assert ids(In("id", ())) == []
    assert ids(Between("day", dt.date(2024, 1, 3), dt.date(2024, 1, 5))) == ["r2", "r3", "r4"]
    assert ids(Between("day", dt.date(2024, 1, 9), None)) == ["r8", "r9"]
    assert ids(IsNull("qty")) == ["r3"]
    assert len(ids(IsNull("qty", negate=True))) == 9
    assert ids(Eq("active", True), Between("qty", 4, 8)) == ["r4", "r6", "r8"]
    assert ids(Eq("amount", Decimal("1.25"))) == ["r5"]
    assert ids(limit=3, offset=2) == ["r2", "r3", "r4"]
    assert ids(offset=8) == ["r8", "r9"]
    desc = warehouse.select(
        dataset, table, columns=["qty"], order_by=[OrderBy("qty", descending=True)], limit=2
    )
    assert desc == [{"qty": 9}, {"qty": 8}]


def test_update_and_delete_counts(warehouse: Warehouse, dataset: str, table: str) -> None:
    _seed(warehouse, dataset, table)
    assert (
        warehouse.update(
            dataset, table, {"qty": 100, "tags": ["u"], "doc": [1, "two"]}, [Eq("active", True)]
        )
        == 5
    )
    rows = warehouse.select(
        dataset, table, [Eq("qty", 100)], columns=["id", "tags", "doc"], order_by=[OrderBy("id")]
    )
    assert [r["id"] for r in rows] == ["r0", "r2", "r4", "r6", "r8"]
    assert rows[0]["tags"] == ["u"]
    assert rows[0]["doc"] == [1, "two"]
    assert warehouse.delete(dataset, table, [Between("day", None, dt.date(2024, 1, 2))]) == 2
    assert warehouse.update(dataset, table, {"qty": 1}, [Eq("id", "missing")]) == 0
    assert len(warehouse.select(dataset, table)) == 8


def test_update_and_delete_without_a_filter_touch_every_row(
    warehouse: Warehouse, dataset: str, table: str
) -> None:
    _seed(warehouse, dataset, table)
    assert warehouse.update(dataset, table, {"qty": 5}, []) == 10
    assert {r["qty"] for r in warehouse.select(dataset, table, columns=["qty"])} == {5}
    assert warehouse.delete(dataset, table, []) == 10
    assert warehouse.select(dataset, table) == []


def test_insert_if_absent(warehouse: Warehouse, dataset: str, table: str) -> None:
    row = {"id": "k1", "day": dt.date(2024, 1, 1), "qty": 1}
    assert warehouse.insert_if_absent(dataset, table, row, ["id"]) is True
    assert warehouse.insert_if_absent(dataset, table, {**row, "qty": 2}, ["id"]) is False
    assert warehouse.select(dataset, table, columns=["id", "qty"]) == [{"id": "k1", "qty": 1}]
    assert (
        warehouse.insert_if_absent(
            dataset, table, {**row, "day": dt.date(2024, 1, 2)}, ["id", "day"]
        )
        is True
    )


def test_insert_if_absent_is_atomic_under_threads(
    warehouse: Warehouse, dataset: str, table: str
) -> None:
    results: list[bool] = []
    barrier = threading.Barrier(6)

    def worker(n: int) -> None:
        barrier.wait()
        results.append(
            warehouse.insert_if_absent(
                dataset, table, {"id": "hot", "day": dt.date(2024, 1, 1), "qty": n}, ["id"]
            )
        )

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False] * 5 + [True]
    assert len(warehouse.select(dataset, table, [Eq("id", "hot")])) == 1


def test_compare_and_set(warehouse: Warehouse, dataset: str, table: str) -> None:
    warehouse.insert_rows(
        dataset, table, [{"id": "c", "day": dt.date(2024, 1, 1), "qty": 0, "version": 1}]
    )
    assert (
        warehouse.compare_and_set(
            dataset, table, {"qty": 5, "version": 2}, [Eq("id", "c")], {"version": 1}
        )
        is True
    )
    assert (
        warehouse.compare_and_set(
            dataset, table, {"qty": 9, "version": 2}, [Eq("id", "c")], {"version": 1}
        )
        is False
    )
    assert warehouse.select(dataset, table, columns=["qty", "version"]) == [
        {"qty": 5, "version": 2}
    ]


def test_compare_and_set_counter_under_threads(
    warehouse: Warehouse, dataset: str, table: str
) -> None:
    warehouse.insert_rows(
        dataset, table, [{"id": "ctr", "day": dt.date(2024, 1, 1), "qty": 0, "version": 0}]
    )
    per_thread, n_threads = 3, 4
    errors: list[BaseException] = []

    def worker() -> None:
        done = 0
        try:
            while done < per_thread:
                (cur,) = warehouse.select(
                    dataset, table, [Eq("id", "ctr")], columns=["qty", "version"]
                )
                assert isinstance(cur["version"], int)
                assert isinstance(cur["qty"], int)
                if warehouse.compare_and_set(
                    dataset, table, {"qty": cur["qty"] + 1, "version": cur["version"] + 1},
                    [Eq("id", "ctr")], {"version": cur["version"]},
                ):  # fmt: skip
                    done += 1
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert warehouse.select(dataset, table, columns=["qty", "version"]) == [
        {"qty": per_thread * n_threads, "version": per_thread * n_threads}
    ]


def test_read_arrow_projection_and_date_range(
    warehouse: Warehouse, dataset: str, table: str
) -> None:
    _seed(warehouse, dataset, table)
    got = warehouse.read_arrow(
        dataset,
        table,
        ["day", "amount"],
        [Between("day", dt.date(2024, 1, 2), dt.date(2024, 1, 4))],
    )
    assert got.schema == pa.schema([("day", pa.date32()), ("amount", pa.decimal128(38, 9))])
    got = got.sort_by("day")
    assert got.column("day").to_pylist() == [dt.date(2024, 1, d) for d in (2, 3, 4)]
    assert got.column("amount").to_pylist() == [Decimal("0.25"), Decimal("0.5"), Decimal("0.75")]
    full = warehouse.read_arrow(dataset, table)
    assert full.num_rows == 10
    assert full.column_names == list(T.column_names)
    assert full.schema.field("at").type == pa.timestamp("us", tz="UTC")
    assert full.schema.field("tags").type == pa.list_(pa.field("item", pa.string()))
    empty = warehouse.read_arrow(dataset, table, ["id"], [Eq("id", "none")])
    assert empty.num_rows == 0
    assert empty.column_names == ["id"]


def test_describe_table_reads_back_schema(warehouse: Warehouse, dataset: str, table: str) -> None:
    got = warehouse.describe_table(dataset, table)
    assert [(c.name, c.type, c.mode) for c in got.columns] == [
        (c.name, c.type, c.mode) for c in T.columns
    ]
    assert got.partition_field == "day"
    assert got.clustering_fields == ("id", "active")
    assert warehouse.list_tables(dataset) == ["items"]


def test_dataset_and_table_lifecycle(warehouse: Warehouse, dataset: str) -> None:
    assert warehouse.dataset_exists(dataset) is True
    with pytest.raises(AlreadyExists):
        warehouse.create_dataset(dataset)
    assert warehouse.table_exists(dataset, "items") is False
    warehouse.create_table(dataset, T)
    assert warehouse.table_exists(dataset, "items") is True
    with pytest.raises(AlreadyExists):
        warehouse.create_table(dataset, T)
    warehouse.drop_table(dataset, "items")
    assert warehouse.table_exists(dataset, "items") is False
    with pytest.raises(NotFound):
        warehouse.select(dataset, "items")
    warehouse.drop_dataset(dataset)
    assert warehouse.dataset_exists(dataset) is False
    with pytest.raises(NotFound):
        warehouse.list_tables(dataset)


def test_add_columns_twice_adds_them_once(warehouse: Warehouse, dataset: str, table: str) -> None:
    """Two replicas (or two bootstraps) that both found a column missing both add it: no error."""
    warehouse.insert_rows(dataset, table, [FULL])
    added = [Column("note", ColumnType.STRING), Column("ids", ColumnType.STRING, Mode.REPEATED)]
    warehouse.add_columns(dataset, table, added)
    warehouse.add_columns(dataset, table, added)
    names = warehouse.describe_table(dataset, table).column_names
    assert [n for n in names if n in ("note", "ids")] == ["note", "ids"]
    (row,) = warehouse.select(dataset, table, [Eq("id", "a")], ["id", "note"])
    assert row == {"id": "a", "note": None}


BAD_IDENTIFIERS = [
    "it'ems",
    'it"ems',
    "it`ems",
    "items;drop",
    "items--",
    "items/*",
    "ítems",
    "Items",
    "",
    "a b",
    "items\n",
]


@pytest.mark.parametrize("bad", BAD_IDENTIFIERS)
def test_bad_identifiers_rejected_before_sql(
    warehouse: Warehouse, dataset: str, table: str, bad: str
) -> None:
    for call in (
        lambda: warehouse.select(dataset, bad),
        lambda: warehouse.select(bad, table),
        lambda: warehouse.create_dataset(bad),
        lambda: warehouse.drop_table(dataset, bad),
        lambda: warehouse.drop_dataset(bad),
        lambda: warehouse.insert_rows(
            dataset, table, [{"id": "x", "day": dt.date(2024, 1, 1), bad: 1}]
        ),
        lambda: warehouse.select(dataset, table, [Eq(bad, 1)]),
        lambda: warehouse.select(dataset, table, columns=[bad]),
        lambda: warehouse.update(dataset, table, {bad: 1}, [Eq("id", "x")]),
    ):
        with pytest.raises(InvalidArgument):
            call()
    assert warehouse.list_tables(dataset) == ["items"]


def test_hostile_values_stored_verbatim(warehouse: Warehouse, dataset: str, table: str) -> None:
    rows = [{"id": s, "day": dt.date(2024, 1, 1), "tags": [s], "doc": {s: s}} for s in NASTY]
    assert warehouse.insert_rows(dataset, table, rows) == len(NASTY)
    for s in NASTY:
        (got,) = warehouse.select(dataset, table, [Eq("id", s)], columns=["id", "tags", "doc"])
        assert got == {"id": s, "tags": [s], "doc": {s: s}}
    assert warehouse.update(dataset, table, {"tags": NASTY}, [In("id", tuple(NASTY))]) == len(NASTY)
    assert warehouse.delete(dataset, table, [Eq("id", NASTY[3])]) == 1
    assert warehouse.list_tables(dataset) == ["items"]
    assert len(warehouse.select(dataset, table)) == len(NASTY) - 1


def test_json_and_repeated_are_not_filterable(
    warehouse: Warehouse, dataset: str, table: str
) -> None:
    with pytest.raises(InvalidArgument):
        warehouse.select(dataset, table, [Eq("doc", {"a": 1})])
    with pytest.raises(InvalidArgument):
        warehouse.select(dataset, table, [Eq("tags", ["a"])])


def test_ping(warehouse: Warehouse) -> None:
    assert warehouse.ping() is True


def test_large_batch_keeps_values_exact(warehouse: Warehouse, dataset: str, table: str) -> None:
    """Above the DML batch size BigQuery switches to one load job: same values must come back."""
    rows = [
        {
            **FULL,
            "id": f"L{i:05d}",
            "amount": Decimal(i) / Decimal(10**9),
            "day": dt.date(2024, 1, 1) + dt.timedelta(days=i % 30),
        }
        for i in range(2_500)
    ]
    assert warehouse.insert_rows(dataset, table, rows) == 2_500
    (got,) = warehouse.select(dataset, table, [Eq("id", "L01234")])
    assert got == rows[1234]
    amounts = warehouse.read_arrow(dataset, table, ["amount"]).column("amount").to_pylist()
    assert sum(amounts, Decimal(0)) == sum(
        (Decimal(i) for i in range(2_500)), Decimal(0)
    ) / Decimal(10**9)

"""Typed readers of warehouse row columns, shared by the services that map rows to values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from cloudact_grpc.ports.warehouse import WarehouseError


def int_col(row: Mapping[str, object], column: str, default: int = 0) -> int:
    """An integer column; ``default`` when missing or not an integer."""
    value = row.get(column)
    return value if isinstance(value, int) else default


def ts_col(row: Mapping[str, object], column: str) -> dt.datetime:
    """A REQUIRED timestamp column; WarehouseError naming the column when it holds none."""
    value = row[column]
    if not isinstance(value, dt.datetime):
        raise WarehouseError(f"{column} is not a timestamp")
    return value

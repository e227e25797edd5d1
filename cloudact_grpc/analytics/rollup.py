"""Compacted cost rows ↔ rows of the persisted daily rollup (``cost_daily_rollup``).

A compacted frame (see ``aggregate.compact``) has one row per ``COMPACT_KEYS`` group with the
metric sums and ``ROWS``; the rollup table stores exactly that, per day, plus the id of the
build that wrote it (``BUILD_ID``) and the raw row count under its own name (``ROW_COUNT``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import polars as pl

from cloudact_grpc.analytics import aggregate
from cloudact_grpc.analytics import schema as s
from cloudact_grpc.services.orgs import tables

ROLLUP_TABLE = tables.DAILY_ROLLUP
BUILD_ID = "x_build_id"
ROW_COUNT = "x_row_count"
DIMENSIONS = tuple(k for k in aggregate.COMPACT_KEYS if k != s.DAY)
COLUMNS = (s.DAY, BUILD_ID, *DIMENSIONS, *s.METRIC_COLUMNS, ROW_COUNT)
# Compacted rows as the raw compaction produces them (NUMERIC is decimal(38, 9)).
COMPACTED_SCHEMA = pl.Schema(
    [
        (s.DAY, pl.Date()),
        *((k, pl.String()) for k in DIMENSIONS),
        *((m, pl.Decimal(38, 9)) for m in s.METRIC_COLUMNS),
        (aggregate.ROWS, pl.Int64()),
    ]
)


def to_rollup(compacted: pl.DataFrame, build_id: str) -> pl.DataFrame:
    """Rollup rows of one build from compacted rows."""
    return compacted.select(
        pl.col(s.DAY),
        pl.lit(build_id).alias(BUILD_ID),
        *DIMENSIONS,
        *s.METRIC_COLUMNS,
        pl.col(aggregate.ROWS).alias(ROW_COUNT),
    )


def from_rollup(frame: pl.DataFrame, builds: Mapping[dt.date, str]) -> pl.DataFrame:
    """Compacted rows from rollup rows, keeping only each day's current build (``builds``)."""
    current = pl.DataFrame(
        {s.DAY: list(builds), BUILD_ID: list(builds.values())},
        schema={s.DAY: pl.Date, BUILD_ID: pl.String},
    )
    return frame.join(current, on=[s.DAY, BUILD_ID], how="semi").select(
        *aggregate.COMPACT_KEYS,
        *s.METRIC_COLUMNS,
        pl.col(ROW_COUNT).cast(pl.Int64).alias(aggregate.ROWS),
    )

"""Which warehouses a test runs on."""

from __future__ import annotations

import pytest

BOTH_BACKENDS = ("duckdb", pytest.param("bigquery", marks=pytest.mark.bigquery))
"""Parameters of the ``warehouse`` and ``stack`` fixtures for tests that run on both backends.

Service and REST tests run on DuckDB; the warehouse port's behavioural suite and a small set of
end-to-end flows opt into both, e.g.
``pytestmark = pytest.mark.parametrize("stack", BOTH_BACKENDS, indirect=True)``.
"""

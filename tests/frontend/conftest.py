"""One DuckDB stack (server + real Envoy) for every frontend test, and a frontend-onboarded org."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cloudact_grpc.config import Settings
from tests.e2e.conftest import Stack, running_stack
from tests.frontend.client import Frontend


@pytest.fixture(scope="session")
def fe_stack(
    settings: Settings, root_key: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    """The stack the frontend talks to (DuckDB: the REST surface does not depend on the backend,
    which tests/e2e covers on both)."""
    with running_stack("duckdb", settings, root_key, tmp_path_factory.mktemp("fe")) as stack:
        Frontend(stack).bootstrap()
        yield stack


@pytest.fixture(scope="session")
def fe(fe_stack: Stack) -> Frontend:
    """The frontend's API client against that stack."""
    return Frontend(fe_stack)


@pytest.fixture(scope="session")
def org(fe: Frontend) -> tuple[str, str]:
    """An org onboarded exactly as the frontend does it: (slug, key)."""
    return fe.onboarded("acme_12102025")

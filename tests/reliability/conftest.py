"""One DuckDB stack (in-process server + real Envoy) per reliability module, with onboarded orgs."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cloudact_grpc.config import Environment, Settings, WarehouseKind
from tests.support.metrics import sample
from tests.support.stack import RunningStack, fresh_settings, serve


@dataclasses.dataclass
class Stack(RunningStack):
    """A running DuckDB stack and how to reach it."""

    grpc_port: int
    metrics_port: int

    def onboard(
        self, slug: str, company_name: str = "", admin_email: str = "", plan: str = ""
    ) -> str:
        """Onboard ``slug`` through Envoy (bootstrapping first), named after itself; its API key."""
        email = admin_email or f"fin@{slug.replace('_', '-')}.example"
        return super().onboard(slug, company_name or slug, email, plan)

    def metric(self, method: str, code: str) -> float:
        """``grpc_server_handled_total`` for one method and code (0 when absent)."""
        return sample(
            self.metrics_port, "grpc_server_handled_total", grpc_method=method, grpc_code=code
        )


@contextlib.contextmanager
def running_stack(
    settings: Settings, root_key: str, workdir: Path, **overrides: Any
) -> Iterator[Stack]:
    """Development settings on a DuckDB file in ``workdir`` (plus ``overrides``), with Envoy."""
    local = fresh_settings(
        settings,
        workdir,
        environment=Environment.DEVELOPMENT,
        warehouse=WarehouseKind.DUCKDB,
        **overrides,
    )
    with serve(local) as served:
        yield Stack(
            served.app, served.channel, served.envoy, root_key, served.grpc_port,
            local.metrics_port,
        )  # fmt: skip


@pytest.fixture(scope="module")
def stack_overrides() -> dict[str, Any]:
    """Settings a module's stack changes; a module overrides this fixture to change some."""
    return {}


@pytest.fixture(scope="module")
def stack(
    settings: Settings,
    root_key: str,
    tmp_path_factory: pytest.TempPathFactory,
    stack_overrides: dict[str, Any],
) -> Iterator[Stack]:
    """The reliability stack (with the module's ``stack_overrides``), fresh per module."""
    workdir = tmp_path_factory.mktemp("reliability")
    with running_stack(settings, root_key, workdir, **stack_overrides) as running:
        yield running

"""A full stack per backend: in-process server + real Envoy, on DuckDB or the BigQuery emulator."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from cloudact_grpc.config import Environment, Settings, WarehouseKind
from cloudact_grpc.demo import __main__ as demo
from tests.support.fake_providers import FakeProvider, running_fake_provider
from tests.support.stack import RunningStack, fresh_settings, serve


@dataclasses.dataclass
class Stack(RunningStack):
    """One running stack and how to reach it."""

    backend: str
    providers: FakeProvider
    grpc_port: int = 0


@contextlib.contextmanager
def running_stack(
    backend: str,
    settings: Settings,
    root_key: str,
    workdir: Path,
    bq_endpoint: str | None = None,
    **overrides: object,
) -> Iterator[Stack]:
    """Development settings (so the dev-only routes work), fresh data under ``workdir``.

    On BigQuery the stack gets a project of its own in the emulator at ``bq_endpoint``.

    Every provider's base URL points at one local fake (``Stack.providers``; by default it
    answers 200 like a provider accepting the key), so integrations validate without the network.
    """
    with contextlib.ExitStack() as cleanup:
        providers = cleanup.enter_context(running_fake_provider())
        stack_settings = fresh_settings(
            settings,
            workdir,
            environment=Environment.DEVELOPMENT,
            warehouse=WarehouseKind(backend),
            gcp_project_id=f"cloudact-{uuid.uuid4().hex[:8]}",
            bigquery_endpoint=bq_endpoint if backend == "bigquery" else None,
            provider_base_urls=tuple(
                (name, providers.url)
                for name in ("openai", "anthropic", "gemini", "deepseek", "gcp")
            ),
            provider_allow_private_hosts=True,
        )
        served = cleanup.enter_context(serve(dataclasses.replace(stack_settings, **overrides)))  # type: ignore[arg-type]
        yield Stack(
            served.app, served.channel, served.envoy, root_key, backend, providers,
            grpc_port=served.grpc_port,
        )  # fmt: skip


def demo_org(
    stack: Stack, org: str, *, days: int, end: dt.date, currencies: Sequence[str] = ("USD",)
) -> str:
    """``org`` filled by ``make demo``'s loader over ``days`` ending on ``end`` (60,000 cloud and
    LLM rows in ``currencies``, plus the SaaS plans' daily rows); its API key."""
    report = demo.run(
        url=stack.url,
        grpc_target=f"127.0.0.1:{stack.grpc_port}",
        key=stack.root_key,
        org=org,
        days=days,
        end=end,
        currencies=currencies,
    )
    assert report.rows_loaded == 60_000
    return stack.dev_key(org)


@pytest.fixture(scope="module")
def stack(
    request: pytest.FixtureRequest,
    settings: Settings,
    root_key: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Stack]:
    """A stack per module (see ``running_stack``): DuckDB unless the module opts into both
    backends (``BOTH_BACKENDS``)."""
    backend = getattr(request, "param", "duckdb")
    workdir = tmp_path_factory.mktemp(f"stack-{backend}")
    endpoint = request.getfixturevalue("bq_endpoint") if backend == "bigquery" else None
    with running_stack(backend, settings, root_key, workdir, endpoint) as running:
        yield running

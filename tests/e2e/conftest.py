"""A full stack per backend: in-process server + real Envoy, on DuckDB or the BigQuery emulator."""

from __future__ import annotations

import contextlib
import dataclasses
import uuid
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from cloudact_grpc.app import App, build_app
from cloudact_grpc.config import Environment, Settings, WarehouseKind
from tests.support.envoy import EnvoyProcess
from tests.support.fake_providers import FakeProvider, running_fake_provider
from tests.support.http import HTTP
from tests.support.ports import free_port


@dataclasses.dataclass
class Stack:
    """One running stack and how to reach it."""

    app: App
    channel: grpc.Channel
    envoy: EnvoyProcess
    root_key: str
    backend: str
    providers: FakeProvider
    grpc_port: int = 0

    @property
    def url(self) -> str:
        return self.envoy.base_url

    @property
    def root_headers(self) -> dict[str, str]:
        return {"X-CA-Root-Key": self.root_key}

    @property
    def root_metadata(self) -> tuple[tuple[str, str], ...]:
        return (("x-ca-root-key", self.root_key),)

    def onboard(self, slug: str, company_name: str = "Acme", admin_email: str = "a@acme.io") -> str:
        """Bootstrap, then onboard ``slug`` over REST; the org's API key."""
        boot = HTTP.post(f"{self.url}/api/v1/admin/bootstrap", json={}, headers=self.root_headers)
        assert boot.status_code == 200, boot.text
        onboarded = HTTP.post(
            f"{self.url}/api/v1/organizations/onboard",
            json={"org_slug": slug, "company_name": company_name, "admin_email": admin_email},
            headers=self.root_headers,
        )
        assert onboarded.status_code == 200, onboarded.text
        return str(onboarded.json()["api_key"])


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
        stack_settings = dataclasses.replace(
            settings,
            environment=Environment.DEVELOPMENT,
            data_dir=workdir,
            warehouse=WarehouseKind(backend),
            duckdb_path=str(workdir / "cloudact.duckdb"),
            gcp_project_id=f"cloudact-{uuid.uuid4().hex[:8]}",
            bigquery_endpoint=bq_endpoint if backend == "bigquery" else None,
            metrics_port=free_port(),
            master_key_file=workdir / "master-key.json",
            provider_base_urls=tuple(
                (name, providers.url)
                for name in ("openai", "anthropic", "gemini", "deepseek", "gcp")
            ),
            provider_allow_private_hosts=True,
        )
        stack_settings = dataclasses.replace(stack_settings, **overrides)  # type: ignore[arg-type]
        app = build_app(stack_settings)
        port = app.server.start("127.0.0.1", 0, stack_settings.metrics_port)
        cleanup.callback(app.close)
        cleanup.callback(app.server.stop, 1)
        envoy = EnvoyProcess.start(
            grpc_port=port,
            metrics_port=stack_settings.metrics_port,
            workdir=workdir,
            cors_origins=("http://localhost:3000",),
        )
        cleanup.callback(envoy.stop)
        channel = cleanup.enter_context(grpc.insecure_channel(f"127.0.0.1:{port}"))
        yield Stack(app, channel, envoy, root_key, backend, providers, grpc_port=port)


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

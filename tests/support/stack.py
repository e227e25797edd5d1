"""A running stack: ``build_app`` served in-process on a free port behind the real Envoy.

``tests/e2e``, ``tests/reliability`` and the fuzz test build their stacks from ``fresh_settings``
and ``serve``; ``RunningStack`` gives every stack its URL, root credentials and REST onboarding.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from pathlib import Path

import grpc

from cloudact_grpc.app import App, build_app
from cloudact_grpc.config import Settings
from tests.support.envoy import EnvoyProcess
from tests.support.http import HTTP
from tests.support.ports import free_port

CORS_ORIGINS = ("http://localhost:3000",)


def fresh_settings(settings: Settings, workdir: Path, **overrides: object) -> Settings:
    """``settings`` with fresh data under ``workdir`` (DuckDB file, master key), a free metrics
    port, and ``overrides``."""
    fresh = dataclasses.replace(
        settings,
        data_dir=workdir,
        duckdb_path=str(workdir / "cloudact.duckdb"),
        metrics_port=free_port(),
        master_key_file=workdir / "master-key.json",
    )
    return dataclasses.replace(fresh, **overrides)  # type: ignore[arg-type]


def tightly_limited(settings: Settings, workdir: Path) -> Settings:
    """``fresh_settings`` allowing three calls, then one a minute (the global rate limit)."""
    return fresh_settings(
        settings, workdir, rate_limit_global_per_minute=1, rate_limit_global_burst=3
    )


@dataclasses.dataclass(frozen=True)
class Served:
    """The parts of a served stack."""

    app: App
    channel: grpc.Channel
    envoy: EnvoyProcess
    grpc_port: int


@contextlib.contextmanager
def serve(settings: Settings, cors_origins: tuple[str, ...] = CORS_ORIGINS) -> Iterator[Served]:
    """``build_app(settings)`` on a free gRPC port, Envoy in ``settings.data_dir`` in front
    (allowing ``cors_origins``); everything stopped (Envoy, server, adapters) on exit."""
    with contextlib.ExitStack() as cleanup:
        app = build_app(settings)
        port = app.server.start("127.0.0.1", 0, settings.metrics_port)
        cleanup.callback(app.close)
        cleanup.callback(app.server.stop, 1)
        envoy = cleanup.enter_context(
            EnvoyProcess.start(
                grpc_port=port,
                metrics_port=settings.metrics_port,
                workdir=settings.data_dir,
                cors_origins=cors_origins,
            )
        )
        channel = cleanup.enter_context(grpc.insecure_channel(f"127.0.0.1:{port}"))
        yield Served(app, channel, envoy, port)


@dataclasses.dataclass
class RunningStack:
    """A running stack and REST access to it with the root key (the test stacks extend it)."""

    app: App
    channel: grpc.Channel
    envoy: EnvoyProcess
    root_key: str

    @property
    def url(self) -> str:
        return self.envoy.base_url

    @property
    def root_headers(self) -> dict[str, str]:
        return {"X-CA-Root-Key": self.root_key}

    @property
    def root_metadata(self) -> tuple[tuple[str, str], ...]:
        return (("x-ca-root-key", self.root_key),)

    def bootstrap(self) -> None:
        """Create the central tables over REST (idempotent)."""
        boot = HTTP.post(f"{self.url}/api/v1/admin/bootstrap", json={}, headers=self.root_headers)
        assert boot.status_code == 200, boot.text

    def onboard(
        self, slug: str, company_name: str = "Acme", admin_email: str = "a@acme.io", plan: str = ""
    ) -> str:
        """Bootstrap, then onboard ``slug`` over REST (on ``plan``, else the default); its key."""
        self.bootstrap()
        onboarded = HTTP.post(
            f"{self.url}/api/v1/organizations/onboard",
            json={"org_slug": slug, "company_name": company_name, "admin_email": admin_email}
            | ({"subscription_plan": plan} if plan else {}),
            headers=self.root_headers,
        )
        assert onboarded.status_code == 200, onboarded.text
        return str(onboarded.json()["api_key"])

    def dev_key(self, slug: str) -> str:
        """The org's current API key (development only)."""
        got = HTTP.get(f"{self.url}/api/v1/admin/dev/api-key/{slug}", headers=self.root_headers)
        assert got.status_code == 200, got.text
        return str(got.json()["api_key"])


@contextlib.contextmanager
def app_on_file(settings: Settings, path: Path) -> Iterator[tuple[grpc.Channel, App]]:
    """``build_app`` on the DuckDB file ``path``, gRPC only: a restart is another ``with``.

    Port 0 for metrics too: a port picked before a restart may be taken by then.
    """
    app = build_app(dataclasses.replace(settings, duckdb_path=str(path), metrics_port=0))
    port = app.server.start("127.0.0.1", 0, 0)
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield channel, app
    finally:
        app.server.stop(1)
        app.close()

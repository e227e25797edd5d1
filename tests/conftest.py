"""Shared fixtures: settings, an in-process server, and Envoy in front of it."""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from cloudact.v1 import costs_pb2_grpc
from prometheus_client import CollectorRegistry

from cloudact_grpc.api.interceptors.auth import NoOrgKeys
from cloudact_grpc.app import App, build_app, build_interceptors
from cloudact_grpc.config import Environment, Settings, WarehouseKind
from cloudact_grpc.log_setup import configure_logging
from cloudact_grpc.server import CloudActServer, ServiceRegistration
from tests.support.bqemulator import running_bqemulator
from tests.support.envoy import EnvoyProcess
from tests.support.http import HTTP
from tests.support.orgs import bootstrap
from tests.support.ports import free_port

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def _close_shared_http_client() -> Iterator[None]:
    """Close the shared REST client at the end of the run (warnings are errors here)."""
    yield
    HTTP.close()


@pytest.fixture(scope="session")
def bq_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The one BigQuery emulator of the test run, started on first use; its REST endpoint.

    Users keep apart by dataset name or by project (the emulator keeps projects apart).
    """
    with running_bqemulator(tmp_path_factory.mktemp("bqemu")) as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def root_key() -> str:
    """The root key of the test server."""
    return secrets.token_urlsafe(32)


@pytest.fixture(scope="session")
def settings(root_key: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Test settings: embedded in-memory warehouse, random ports."""
    configure_logging("INFO")
    data_dir = tmp_path_factory.mktemp("data")
    return Settings(
        environment=Environment.TEST,
        root_api_key=root_key,
        data_dir=data_dir,
        warehouse=WarehouseKind.DUCKDB,
        duckdb_path=":memory:",
        grpc_port=0,
        metrics_port=free_port(),
        max_workers=8,
        shutdown_grace_seconds=2,
        config_dir=ROOT / "configs",
        master_key_file=data_dir / "master-key.json",  # not the repository's ./data
        # Every test calls from 127.0.0.1: the isolation matrix alone fails ~4 authentications
        # per org RPC on purpose. The guard's own tests set small budgets of their own.
        auth_failures_per_minute=60_000,
        auth_failure_burst=10_000,
    )


@dataclasses.dataclass
class RunningServer:
    """An in-process server and where to reach it."""

    app: App | None
    grpc_port: int
    metrics_port: int

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.grpc_port}"

    def behind_envoy(
        self, workdir: Path, cors_origins: tuple[str, ...] = (), ready_path: str = "/health"
    ) -> EnvoyProcess:
        """A real Envoy in front of this server (stopped on leaving its ``with``)."""
        return EnvoyProcess.start(
            grpc_port=self.grpc_port,
            metrics_port=self.metrics_port,
            workdir=workdir,
            cors_origins=cors_origins,
            ready_path=ready_path,
        )


@pytest.fixture(scope="session")
def server(settings: Settings) -> Iterator[RunningServer]:
    """The real server on 127.0.0.1 with a free port, for the whole session."""
    app = build_app(settings)
    port = app.server.start("127.0.0.1", 0, settings.metrics_port)
    yield RunningServer(app, port, settings.metrics_port)
    app.server.stop(1)
    app.close()


@pytest.fixture(scope="session")
def channel(server: RunningServer) -> Iterator[grpc.Channel]:
    """A plaintext channel to the in-process server."""
    with grpc.insecure_channel(server.target) as chan:
        grpc.channel_ready_future(chan).result(timeout=10)
        yield chan


@pytest.fixture(scope="session")
def root_metadata(root_key: str) -> tuple[tuple[str, str], ...]:
    """gRPC metadata carrying the root key."""
    return (("x-ca-root-key", root_key),)


@pytest.fixture(scope="session")
def bootstrapped_channel(
    channel: grpc.Channel, root_metadata: tuple[tuple[str, str], ...]
) -> grpc.Channel:
    """``channel`` once the central tables exist."""
    bootstrap(channel, root_metadata)
    return channel


@pytest.fixture(scope="session")
def envoy(
    server: RunningServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[EnvoyProcess]:
    """A real Envoy in front of the in-process server."""
    with server.behind_envoy(
        tmp_path_factory.mktemp("envoy"), ("http://app.cloudact.test",)
    ) as proc:
        yield proc


@pytest.fixture(scope="session")
def bare_server(settings: Settings) -> Iterator[RunningServer]:
    """The real interceptor chain in front of a generated servicer base (no RPC built).

    Proves the honest default: an RPC without an implementation answers UNIMPLEMENTED.
    """
    registry = CollectorRegistry()
    server = CloudActServer(
        services=[
            ServiceRegistration(
                "cloudact.v1.CostsService",
                costs_pb2_grpc.CostsServiceServicer(),  # type: ignore[abstract]
                costs_pb2_grpc.add_CostsServiceServicer_to_server,
            )
        ],
        interceptors=build_interceptors(settings, NoOrgKeys(), registry),
        max_workers=2,
        metrics_registry=registry,
    )
    metrics_port = free_port()
    port = server.start("127.0.0.1", 0, metrics_port)
    yield RunningServer(None, port, metrics_port)
    server.stop(1)


@pytest.fixture(scope="session")
def bare_channel(bare_server: RunningServer) -> Iterator[grpc.Channel]:
    """A channel to ``bare_server``."""
    with grpc.insecure_channel(bare_server.target) as chan:
        yield chan

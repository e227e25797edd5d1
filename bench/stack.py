"""The benchmarks' server: ``build_app`` on a DuckDB file in a temporary directory, Envoy in
front, rate limits out of the way; everything stopped and the directory removed on exit."""

from __future__ import annotations

import contextlib
import dataclasses
import secrets
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from cloudact_grpc.config import Environment, Settings, WarehouseKind
from cloudact_grpc.log_setup import configure_logging
from tests.support.ports import free_port
from tests.support.stack import RunningStack, serve

ROOT = Path(__file__).resolve().parents[1]
UNLIMITED = 10_000_000


@dataclasses.dataclass
class BenchStack(RunningStack):
    """A running benchmark server, how to reach it, and its settings."""

    grpc_port: int
    settings: Settings

    @property
    def workdir(self) -> Path:
        return self.settings.data_dir


@contextlib.contextmanager
def bench_stack(
    prefix: str, log_level: str = "WARNING", log_to_file: bool = False, **overrides: object
) -> Iterator[BenchStack]:
    """A server on fresh data in a temporary directory named ``prefix…`` (``overrides`` on top of
    the bench settings); with ``log_to_file`` its log goes to ``server.log`` there."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        if log_to_file:
            sys.stderr = (workdir / "server.log").open("w")
        configure_logging(log_level)
        root_key = secrets.token_urlsafe(32)
        settings = Settings(
            environment=Environment.TEST,
            root_api_key=root_key,
            data_dir=workdir,
            warehouse=WarehouseKind.DUCKDB,
            duckdb_path=str(workdir / "bench.duckdb"),
            master_key_file=workdir / "master-key.json",
            metrics_port=free_port(),
            config_dir=ROOT / "configs",
            rate_limit_org_per_minute=UNLIMITED,
            rate_limit_org_burst=UNLIMITED,
            rate_limit_global_per_minute=UNLIMITED,
            rate_limit_global_burst=UNLIMITED,
        )
        bench_settings = dataclasses.replace(settings, **overrides)  # type: ignore[arg-type]
        with serve(bench_settings, cors_origins=()) as served:
            yield BenchStack(
                served.app, served.channel, served.envoy, root_key, served.grpc_port, bench_settings
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

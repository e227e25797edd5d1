"""CPU time of our own Python on the authenticated read, without grpc's transport or Envoy.

Usage: python bench/bench_chain.py [CALLS] [ROUNDS]
Builds the real app (embedded DuckDB in a temp dir), onboards one org over real gRPC, then calls
``GetSubscription`` through the server's own interceptor pipeline (every step: request id,
access line to a file, metrics, decoding, key check, org match, rate limit, errors) and the
servicer, CALLS times per round in a fresh context each, with the metadata Envoy sends. The
context is a small stand-in for grpc's (it records what the steps send). A trivial
``grpc.health.v1.Health/Check`` through the same pipeline is the baseline of the run. Prints
the median and the lowest CPU microseconds per call of the rounds (``time.process_time``, one
thread; the lowest is the least disturbed by other work on the machine).
"""

from __future__ import annotations

import contextvars
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "gen")]

import grpc  # noqa: E402
from cloudact.v1 import admin_pb2, admin_pb2_grpc, organizations_pb2  # noqa: E402
from cloudact.v1 import organizations_pb2_grpc as orgs_grpc  # noqa: E402
from grpc_health.v1 import health_pb2  # noqa: E402

from cloudact_grpc.app import build_app  # noqa: E402
from cloudact_grpc.config import Environment, Settings, WarehouseKind  # noqa: E402
from cloudact_grpc.log_setup import configure_logging  # noqa: E402


class Details:
    """What grpc hands an interceptor."""

    def __init__(self, method: str, metadata: tuple[tuple[str, str], ...]) -> None:
        self.method, self.invocation_metadata = method, metadata


class Context:
    """Enough of grpc's ServicerContext for a successful unary call."""

    def __init__(self, metadata: tuple[tuple[str, str], ...]) -> None:
        self._metadata = metadata
        self.sent: Any = None

    def invocation_metadata(self) -> tuple[tuple[str, str], ...]:
        return self._metadata

    def peer(self) -> str:
        return "ipv4:127.0.0.1:40000"

    def set_trailing_metadata(self, metadata: Any) -> None:
        self.sent = metadata

    def send_initial_metadata(self, metadata: Any) -> None:
        self.sent = metadata

    def abort_with_status(self, status: Any) -> None:
        raise RuntimeError(f"aborted: {status}")

    def code(self) -> None:
        return None

    def is_active(self) -> bool:
        return True

    def time_remaining(self) -> None:
        return None


def per_call_us(
    handler: Any, request: Any, metadata: tuple[tuple[str, str], ...], calls: int
) -> float:
    """CPU microseconds per call of ``handler`` (each call in a fresh context, as grpc does)."""
    context = Context(metadata)
    started = time.process_time()
    for _ in range(calls):
        contextvars.copy_context().run(handler, request, context)
    return (time.process_time() - started) * 1e6 / calls


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    workdir = Path(tempfile.mkdtemp(prefix="cloudact-chain-"))
    sys.stderr = (workdir / "server.log").open("w")
    configure_logging("INFO")
    root_key = secrets.token_urlsafe(32)
    settings = Settings(
        environment=Environment.TEST, root_api_key=root_key, data_dir=workdir,
        warehouse=WarehouseKind.DUCKDB, duckdb_path=str(workdir / "bench.duckdb"),
        config_dir=ROOT / "configs", rate_limit_org_per_minute=10_000_000,
        rate_limit_org_burst=1_000_000, rate_limit_global_per_minute=10_000_000,
        rate_limit_global_burst=1_000_000,
    )  # fmt: skip
    app = build_app(settings)
    port = app.server.start("127.0.0.1", 0)
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            root = (("x-ca-root-key", root_key),)
            admin_pb2_grpc.AdminServiceStub(channel).Bootstrap(
                admin_pb2.BootstrapRequest(), metadata=root
            )
            key = (
                orgs_grpc.OrganizationsServiceStub(channel)
                .OnboardOrganization(
                    organizations_pb2.OnboardOrganizationRequest(
                        org_slug="bench_org", company_name="Bench", admin_email="b@bench.io"
                    ),
                    metadata=root,
                )
                .api_key
            )
        grpc_server: Any = app.server._server  # grpc internals: its own handler pipeline
        state = grpc_server._state
        read_method = "/cloudact.v1.OrganizationsService/GetSubscription"
        envoy_metadata = (
            ("x-api-key", key),
            ("x-forwarded-for", "10.0.0.7"),
            ("x-forwarded-proto", "http"),
            ("x-envoy-original-path", "/api/v1/organizations/bench_org/subscription"),
            ("x-envoy-original-method", "GET"),
            ("x-request-id", "0f9c2b7e-3d1a-4b7c-9a53-2a4c8e1f6d90"),
            ("x-envoy-expected-rq-timeout-ms", "60000"),
            ("user-agent", "hey/0.0.1"),
        )
        rows = {
            "GetSubscription (authenticated read)": (
                read_method,
                organizations_pb2.GetSubscriptionRequest(org_slug="bench_org"),
            ),
            "Health/Check (baseline)": (
                "/grpc.health.v1.Health/Check",
                health_pb2.HealthCheckRequest(),
            ),
        }
        handlers = {}
        for name, (method, request) in rows.items():
            found = state.registered_method_handlers.get(method) or next(
                h for g in state.generic_handlers if (h := g.service(Details(method, ())))
            )
            wrapped = state.interceptor_pipeline.execute(
                lambda _d, found=found: found, Details(method, envoy_metadata)
            )
            handlers[name] = (wrapped.unary_unary, request)
            per_call_us(wrapped.unary_unary, request, envoy_metadata, 200)  # warm up
        samples: dict[str, list[float]] = {name: [] for name in rows}
        for _ in range(rounds):
            for name, (handler, request) in handlers.items():
                samples[name].append(per_call_us(handler, request, envoy_metadata, calls))
        print(f"{calls} calls x {rounds} interleaved rounds, one thread, CPU us per call")
        print(f"{'call':40} {'median':>8} {'lowest':>8}")
        for name, values in samples.items():
            print(f"{name:40} {statistics.median(values):8.1f} {min(values):8.1f}")
    finally:
        app.server.stop(1)
        app.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

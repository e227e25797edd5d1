"""``python -m cloudact_grpc``: serve gRPC until SIGTERM or SIGINT, then stop gracefully."""

from __future__ import annotations

import os
import signal
import sys
import threading
from types import FrameType

import structlog

from cloudact_grpc.adapters.memory import cap_malloc_arenas
from cloudact_grpc.app import build_app
from cloudact_grpc.config import ConfigError, Settings, WarehouseKind, load_settings
from cloudact_grpc.dev_root_key import with_dev_root_key
from cloudact_grpc.log_setup import configure_logging
from cloudact_grpc.server import PortUnavailable

_PORT_VARIABLES = {"gRPC": "CLOUDACT_GRPC_PORT", "metrics": "CLOUDACT_METRICS_PORT"}


def backends(settings: Settings) -> dict[str, str]:
    """Which warehouse and key manager this process uses, for the startup log (no secrets)."""
    if settings.warehouse is WarehouseKind.BIGQUERY:
        where = settings.bigquery_endpoint or "bigquery.googleapis.com"
        warehouse = f"bigquery project {settings.gcp_project_id} at {where}"
    else:
        warehouse = f"duckdb file {settings.duckdb_path}"
    if settings.kms_key_name:
        keys = f"cloud-kms {settings.kms_key_name}"
        keys += f" at {settings.kms_endpoint}" if settings.kms_endpoint else ""
    elif settings.master_keys:
        keys = "local keys from CLOUDACT_MASTER_KEYS"
    else:
        keys = f"local key file {settings.master_key_file}"
    return {"warehouse": settings.warehouse.value, "warehouse_at": warehouse, "key_manager": keys}


def serve(settings: Settings, *, ready: threading.Event | None = None) -> None:
    """Run the server until SIGTERM/SIGINT; in-flight RPCs get the grace period."""
    log = structlog.get_logger("cloudact.startup")
    cap_malloc_arenas()  # bounded resident memory under many threads (see adapters/memory.py)
    app = build_app(settings)
    try:
        port = app.server.start(settings.grpc_host, settings.grpc_port, settings.metrics_port)
    except PortUnavailable as exc:
        app.close()
        variable = _PORT_VARIABLES[exc.listener]
        raise ConfigError(
            f"{exc}; stop what holds it or choose another port ({variable})"
        ) from None
    log.info(
        "cloudact api started",
        environment=settings.environment.value,
        grpc=f"{settings.grpc_host}:{port}",
        **backends(settings),
    )
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("signal received", signal=signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if ready is not None:
        ready.set()
    while not stop.wait(0.5):
        pass
    app.server.stop(settings.shutdown_grace_seconds)
    app.close()


def main() -> int:
    """Entry point; exits 2 with a clear message on a refused configuration."""
    os.umask(0o077)  # data, key and log files the service creates are the owner's alone
    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        settings = with_dev_root_key(settings)
        settings.check_production()
    except ConfigError as exc:
        print(f"cloudact: configuration error: {exc}", file=sys.stderr)
        return 2
    try:
        serve(settings)
    except ConfigError as exc:
        print(f"cloudact: refusing to start: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

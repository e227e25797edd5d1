"""Service settings: the only module that reads the process environment.

Names follow the seed (``CA_ROOT_API_KEY``, ``ENVIRONMENT``, ``GCP_PROJECT_ID``,
``KMS_KEY_NAME``, ``DISABLE_AUTH``, ``RATE_LIMIT_ENABLED``); our own settings
use the ``CLOUDACT_`` prefix. ``Settings.check_production`` refuses unsafe
production configurations with a message that says what to fix.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

MIN_ROOT_KEY_LENGTH = 32

_DEFAULT_ORIGINS = "http://localhost:3000,http://127.0.0.1:3000"
_E = TypeVar("_E", bound=StrEnum)
_T = TypeVar("_T", int, float)
_PROVIDERS = ("openai", "anthropic", "gemini", "deepseek", "gcp")
# Table schemas and catalogues ship with the code: found from any working directory.
_CONFIG_DIR = Path(__file__).resolve().parent.parent / "configs"


class ConfigError(Exception):
    """The configuration cannot be used; the message says what to change."""


class Environment(StrEnum):
    """Where the service runs; decides the per-org dataset suffix and safety checks."""

    DEVELOPMENT = "development"
    TEST = "test"
    STAGING = "staging"
    PRODUCTION = "production"

    @property
    def dataset_suffix(self) -> str:
        """Suffix of per-org datasets: ``{org_slug}_{suffix}``."""
        return {"development": "local", "test": "test", "staging": "stage", "production": "prod"}[
            self.value
        ]


class WarehouseKind(StrEnum):
    """Which warehouse adapter serves the data."""

    DUCKDB = "duckdb"
    BIGQUERY = "bigquery"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Everything the composition root needs, read once at start-up."""

    environment: Environment = Environment.DEVELOPMENT
    service_name: str = "cloudact-api"
    root_api_key: str | None = field(default=None, repr=False)
    root_key_file: Path = Path("data/root-key")
    disable_auth: bool = False
    rate_limit_enabled: bool = True
    grpc_host: str = "127.0.0.1"
    grpc_port: int = 50051
    metrics_port: int = 9464
    max_workers: int = 16
    shutdown_grace_seconds: float = 10.0
    log_level: str = "INFO"
    data_dir: Path = Path("data")
    warehouse: WarehouseKind = WarehouseKind.DUCKDB
    duckdb_path: str = "data/cloudact.duckdb"
    # DuckDB's buffer pool for a file database ("" = DuckDB's default, 80% of RAM); larger
    # work spills to disk. Keeps the server's memory bounded however large the file grows.
    duckdb_memory_limit: str = "192MB"
    gcp_project_id: str = "cloudact-local"
    bigquery_location: str = "US"
    bigquery_endpoint: str | None = None
    kms_key_name: str | None = None
    kms_endpoint: str | None = None
    master_key_file: Path = Path("data/master-key.json")
    master_keys: str | None = field(default=None, repr=False)
    provider_base_urls: tuple[tuple[str, str], ...] = ()
    provider_allow_private_hosts: bool = False
    config_dir: Path = Path("configs")
    http_host: str = "127.0.0.1"
    http_port: int = 8000
    envoy_admin_port: int = 9901
    cors_origins: tuple[str, ...] = ("http://localhost:3000", "http://127.0.0.1:3000")
    descriptor_path: Path = Path("build/cloudact.pb")
    rate_limit_org_per_minute: int = 600
    rate_limit_org_burst: int = 100
    rate_limit_global_per_minute: int = 6000
    rate_limit_global_burst: int = 1000
    # Failed authentications per client address and per key prefix (then 429 before lookup).
    auth_failures_per_minute: int = 600
    auth_failure_burst: int = 100
    key_hash_secret: str | None = field(default=None, repr=False)
    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_from: str = "alerts@cloudact.local"
    # Webhook and Slack URLs on 127.0.0.1/localhost over http (tests, local receivers only).
    notify_allow_loopback: bool = False
    notify_retry_base_seconds: float = 0.5
    # Embedded mode: evaluate every org's alert rules this often (0: never; the scheduler calls
    # the internal EvaluateAlerts instead).
    alerts_interval_seconds: int = 0
    # The shared store of several replicas (rate-limit buckets, change notices); None: in process.
    redis_url: str | None = field(default=None, repr=False)
    # How many server processes `make run` starts behind the one Envoy (BigQuery only).
    replicas: int = 1

    def api_key_hash_secret(self) -> bytes:
        """Server secret of the API-key HMAC.

        ``CLOUDACT_KEY_HASH_SECRET`` when set; outside production a value derived from the root
        key (or a fixed development value without one). Production requires the variable.
        """
        if self.key_hash_secret:
            return self.key_hash_secret.encode()
        if self.environment is Environment.PRODUCTION:
            raise ConfigError("CLOUDACT_KEY_HASH_SECRET must be set in production")
        seed = (self.root_api_key or "cloudact-development").encode()
        return hmac.new(seed, b"cloudact-api-key-hash-secret-v1", hashlib.sha256).digest()

    def check_replicas(self) -> None:
        """Refuse a replica count the warehouse cannot serve (DuckDB is one process's file)."""
        if self.replicas < 1:
            raise ConfigError(f"CLOUDACT_REPLICAS must be at least 1, got {self.replicas}")
        if self.replicas > 1 and self.warehouse is WarehouseKind.DUCKDB:
            raise ConfigError(
                f"CLOUDACT_REPLICAS={self.replicas} needs CLOUDACT_WAREHOUSE=bigquery: DuckDB is "
                "one process's file (a single writer), so it runs one replica only "
                "(use `make run-bq` for several)"
            )

    def check_production(self) -> None:
        """Raise ``ConfigError`` listing every unsafe setting when running in production."""
        if self.environment is not Environment.PRODUCTION:
            return
        problems = []
        if not self.root_api_key or len(self.root_api_key) < MIN_ROOT_KEY_LENGTH:
            problems.append(
                f"CA_ROOT_API_KEY must be set to at least {MIN_ROOT_KEY_LENGTH} characters"
            )
        if not self.key_hash_secret or len(self.key_hash_secret) < MIN_ROOT_KEY_LENGTH:
            problems.append(
                f"CLOUDACT_KEY_HASH_SECRET must be set to at least {MIN_ROOT_KEY_LENGTH} characters"
            )
        if self.disable_auth:
            problems.append("DISABLE_AUTH=true is not allowed in production")
        if not self.rate_limit_enabled:
            problems.append("RATE_LIMIT_ENABLED=false is not allowed in production")
        if self.provider_allow_private_hosts:
            problems.append(
                "CLOUDACT_PROVIDER_ALLOW_PRIVATE_HOSTS=true is not allowed in production"
            )
        if self.notify_allow_loopback:
            problems.append("CLOUDACT_NOTIFY_ALLOW_LOOPBACK=true is not allowed in production")
        if self.kms_endpoint:
            problems.append(
                "CLOUDACT_KMS_ENDPOINT (plaintext channel) is not allowed in production"
            )
        if problems:
            raise ConfigError("refusing to start in production: " + "; ".join(problems))


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    """The boolean variable ``name`` (unset or empty: ``default``)."""
    value = env.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, got {value!r}")


def _choice(env: Mapping[str, str], name: str, default: _E) -> _E:
    """The variable ``name`` as a member of ``default``'s enum (unset or empty: ``default``)."""
    value = env.get(name)
    if not value:
        return default
    kind = type(default)
    try:
        return kind(value.strip().lower())
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise ConfigError(f"{name} must be one of {allowed}, got {value!r}") from None


def _read(
    env: Mapping[str, str], name: str, default: _T, convert: Callable[[str], _T], what: str
) -> _T:
    """The variable ``name`` through ``convert`` (unset or empty: ``default``)."""
    value = env.get(name)
    if not value:
        return default
    try:
        return convert(value)
    except ValueError:
        raise ConfigError(f"{name} must be {what}, got {value!r}") from None


def _int(
    env: Mapping[str, str], name: str, default: int, *, low: int = 0, high: int | None = None
) -> int:
    """The integer variable ``name`` (unset or empty: ``default``), from ``low`` to ``high``."""
    number = _read(env, name, default, int, "an integer")
    if number < low or (high is not None and number > high):
        bounds = f"from {low} to {high}" if high is not None else f"at least {low}"
        raise ConfigError(f"{name} must be {bounds}, got {env.get(name)!r}")
    return number


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    """A TCP port (0: any free port)."""
    return _int(env, name, default, high=65535)


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    """A non-negative number of seconds (unset or empty: ``default``)."""
    number = _read(env, name, default, float, "a number of seconds")
    if not 0 <= number < float("inf"):
        raise ConfigError(f"{name} must be 0 or more seconds, got {env.get(name)!r}")
    return number


_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _log_level(value: str) -> str:
    """``CLOUDACT_LOG_LEVEL``: one of the standard level names, any case."""
    level = value.strip().upper()
    if level not in _LOG_LEVELS:
        allowed = ", ".join(_LOG_LEVELS)
        raise ConfigError(f"CLOUDACT_LOG_LEVEL must be one of {allowed}, got {value!r}")
    return level


_MEMORY = re.compile(r"^[0-9]+(\.[0-9]+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$")


def _memory(value: str) -> str:
    """A DuckDB memory size such as "512MB" or "2GiB" ("" keeps DuckDB's default)."""
    value = value.strip()
    if value and not _MEMORY.match(value):
        raise ConfigError(
            f"CLOUDACT_DUCKDB_MEMORY_LIMIT must look like 512MB or 2GiB, got {value!r}"
        )
    return value


_REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def _redis_url(value: str | None) -> str | None:
    """``CLOUDACT_REDIS_URL``: a redis-py URL (unset or empty: no Redis)."""
    if value and not value.startswith(_REDIS_SCHEMES):
        raise ConfigError(
            f"CLOUDACT_REDIS_URL must start with {', '.join(_REDIS_SCHEMES)}, got {value!r}"
        )
    return value or None


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build ``Settings`` from the environment (or the mapping given, for tests)."""
    env = os.environ if environ is None else environ
    data_dir = Path(env.get("CLOUDACT_DATA_DIR", "data"))
    return Settings(
        environment=_choice(env, "ENVIRONMENT", Environment.DEVELOPMENT),
        root_api_key=env.get("CA_ROOT_API_KEY") or None,
        root_key_file=Path(env.get("CLOUDACT_ROOT_KEY_FILE", str(data_dir / "root-key"))),
        disable_auth=_flag(env, "DISABLE_AUTH", False),
        rate_limit_enabled=_flag(env, "RATE_LIMIT_ENABLED", True),
        grpc_host=env.get("CLOUDACT_GRPC_HOST", "127.0.0.1"),
        grpc_port=_port(env, "CLOUDACT_GRPC_PORT", 50051),
        metrics_port=_port(env, "CLOUDACT_METRICS_PORT", 9464),
        max_workers=_int(env, "CLOUDACT_MAX_WORKERS", 16, low=1),
        shutdown_grace_seconds=_seconds(env, "CLOUDACT_SHUTDOWN_GRACE_SECONDS", 10),
        log_level=_log_level(env.get("CLOUDACT_LOG_LEVEL", "INFO")),
        data_dir=data_dir,
        warehouse=_choice(env, "CLOUDACT_WAREHOUSE", WarehouseKind.DUCKDB),
        duckdb_path=env.get("CLOUDACT_DUCKDB_PATH", str(data_dir / "cloudact.duckdb")),
        duckdb_memory_limit=_memory(env.get("CLOUDACT_DUCKDB_MEMORY_LIMIT", "192MB")),
        gcp_project_id=env.get("GCP_PROJECT_ID", "cloudact-local"),
        bigquery_location=env.get("CLOUDACT_BIGQUERY_LOCATION", "US"),
        bigquery_endpoint=env.get("CLOUDACT_BIGQUERY_ENDPOINT") or None,
        kms_key_name=env.get("KMS_KEY_NAME") or None,
        kms_endpoint=env.get("CLOUDACT_KMS_ENDPOINT") or None,
        master_key_file=Path(
            env.get("CLOUDACT_MASTER_KEY_FILE", str(data_dir / "master-key.json"))
        ),
        master_keys=env.get("CLOUDACT_MASTER_KEYS") or None,
        provider_base_urls=tuple(
            (name, env[f"CLOUDACT_PROVIDER_{name.upper()}_BASE_URL"])
            for name in _PROVIDERS
            if env.get(f"CLOUDACT_PROVIDER_{name.upper()}_BASE_URL")
        ),
        provider_allow_private_hosts=_flag(env, "CLOUDACT_PROVIDER_ALLOW_PRIVATE_HOSTS", False),
        config_dir=Path(env.get("CLOUDACT_CONFIG_DIR", str(_CONFIG_DIR))),
        smtp_host=env.get("CLOUDACT_SMTP_HOST", "localhost"),
        smtp_port=_port(env, "CLOUDACT_SMTP_PORT", 25),
        smtp_from=env.get("CLOUDACT_SMTP_FROM", "alerts@cloudact.local"),
        notify_allow_loopback=_flag(env, "CLOUDACT_NOTIFY_ALLOW_LOOPBACK", False),
        alerts_interval_seconds=_int(env, "CLOUDACT_ALERTS_INTERVAL_SECONDS", 0),
        redis_url=_redis_url(env.get("CLOUDACT_REDIS_URL")),
        replicas=_int(env, "CLOUDACT_REPLICAS", 1, low=1),
        http_host=env.get("CLOUDACT_HTTP_HOST", "127.0.0.1"),
        http_port=_port(env, "CLOUDACT_HTTP_PORT", 8000),
        envoy_admin_port=_port(env, "CLOUDACT_ENVOY_ADMIN_PORT", 9901),
        cors_origins=tuple(
            origin.strip()
            for origin in env.get("CLOUDACT_CORS_ORIGINS", _DEFAULT_ORIGINS).split(",")
            if origin.strip()
        ),
        descriptor_path=Path(env.get("CLOUDACT_DESCRIPTOR", "build/cloudact.pb")),
        rate_limit_org_per_minute=_int(env, "CLOUDACT_RATE_LIMIT_ORG_PER_MINUTE", 600, low=1),
        rate_limit_org_burst=_int(env, "CLOUDACT_RATE_LIMIT_ORG_BURST", 100, low=1),
        rate_limit_global_per_minute=_int(
            env, "CLOUDACT_RATE_LIMIT_GLOBAL_PER_MINUTE", 6000, low=1
        ),
        rate_limit_global_burst=_int(env, "CLOUDACT_RATE_LIMIT_GLOBAL_BURST", 1000, low=1),
        key_hash_secret=env.get("CLOUDACT_KEY_HASH_SECRET") or None,
        auth_failures_per_minute=_int(env, "CLOUDACT_AUTH_FAILURES_PER_MINUTE", 600, low=1),
        auth_failure_burst=_int(env, "CLOUDACT_AUTH_FAILURE_BURST", 100, low=1),
    )


def child_environment(**overrides: str) -> dict[str, str]:
    """The environment plus ``overrides``: for a replica started as a child process."""
    return {**os.environ, **overrides}

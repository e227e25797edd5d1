"""Settings: environment parsing and the production refusals."""

from __future__ import annotations

import re

import pytest

from cloudact_grpc.config import ConfigError, Environment, WarehouseKind, load_settings

GOOD_PROD = {
    "ENVIRONMENT": "production",
    "CA_ROOT_API_KEY": "k" * 32,
    "CLOUDACT_KEY_HASH_SECRET": "s" * 32,
}


def test_defaults_are_the_embedded_development_setup() -> None:
    settings = load_settings({})
    assert settings.environment is Environment.DEVELOPMENT
    assert settings.warehouse is WarehouseKind.DUCKDB
    assert settings.rate_limit_enabled is True
    assert settings.disable_auth is False


def test_production_with_a_strong_key_starts() -> None:
    load_settings(GOOD_PROD).check_production()


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ({"CA_ROOT_API_KEY": "k" * 31}, "at least 32 characters"),
        ({"CA_ROOT_API_KEY": ""}, "at least 32 characters"),
        ({"DISABLE_AUTH": "true"}, "DISABLE_AUTH=true is not allowed"),
        ({"RATE_LIMIT_ENABLED": "false"}, "RATE_LIMIT_ENABLED=false is not allowed"),
        ({"CLOUDACT_NOTIFY_ALLOW_LOOPBACK": "true"}, "CLOUDACT_NOTIFY_ALLOW_LOOPBACK=true"),
    ],
)
def test_production_refuses_unsafe_settings(override: dict[str, str], expected: str) -> None:
    with pytest.raises(ConfigError, match=expected):
        load_settings({**GOOD_PROD, **override}).check_production()


def test_bad_values_are_named() -> None:
    with pytest.raises(ConfigError, match="CLOUDACT_WAREHOUSE must be one of duckdb, bigquery"):
        load_settings({"CLOUDACT_WAREHOUSE": "sqlite"})
    with pytest.raises(ConfigError, match="DISABLE_AUTH must be true or false"):
        load_settings({"DISABLE_AUTH": "maybe"})


def test_several_replicas_need_bigquery() -> None:
    with pytest.raises(ConfigError, match="CLOUDACT_REPLICAS=3 needs CLOUDACT_WAREHOUSE=bigquery"):
        load_settings({"CLOUDACT_REPLICAS": "3"}).check_replicas()
    with pytest.raises(ConfigError, match="CLOUDACT_REPLICAS must be at least 1"):
        load_settings({"CLOUDACT_REPLICAS": "0"}).check_replicas()
    load_settings({"CLOUDACT_REPLICAS": "3", "CLOUDACT_WAREHOUSE": "bigquery"}).check_replicas()
    load_settings({}).check_replicas()  # one DuckDB replica: today's default


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("CLOUDACT_SHUTDOWN_GRACE_SECONDS", "abc", "must be a number of seconds, got 'abc'"),
        ("CLOUDACT_SHUTDOWN_GRACE_SECONDS", "-1", "must be 0 or more seconds"),
        ("CLOUDACT_SHUTDOWN_GRACE_SECONDS", "nan", "must be 0 or more seconds"),
        ("CLOUDACT_GRPC_PORT", "99999", "must be from 0 to 65535, got '99999'"),
        ("CLOUDACT_METRICS_PORT", "-1", "must be from 0 to 65535"),
        ("CLOUDACT_HTTP_PORT", "http", "must be an integer, got 'http'"),
        ("CLOUDACT_ENVOY_ADMIN_PORT", "70000", "must be from 0 to 65535"),
        ("CLOUDACT_SMTP_PORT", "65536", "must be from 0 to 65535"),
        ("CLOUDACT_MAX_WORKERS", "0", "must be at least 1, got '0'"),
        ("CLOUDACT_RATE_LIMIT_ORG_BURST", "-5", "must be at least 1"),
        ("CLOUDACT_RATE_LIMIT_GLOBAL_PER_MINUTE", "0", "must be at least 1"),
        ("CLOUDACT_AUTH_FAILURE_BURST", "0", "must be at least 1"),
        ("CLOUDACT_ALERTS_INTERVAL_SECONDS", "-60", "must be at least 0"),
        ("CLOUDACT_REPLICAS", "-2", "must be at least 1"),
        ("CLOUDACT_LOG_LEVEL", "LOUD", "must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ("CLOUDACT_REDIS_URL", "localhost:6379", "must start with redis://, rediss://, unix://"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(
    variable: str, value: str, expected: str
) -> None:
    """Start-up fails fast with the variable's name, not a traceback from deep inside."""
    with pytest.raises(ConfigError, match=f"^{variable} {re.escape(expected)}"):
        load_settings({variable: value})


def test_good_edge_values_are_taken() -> None:
    settings = load_settings(
        {
            "CLOUDACT_GRPC_PORT": "0",
            "CLOUDACT_METRICS_PORT": "65535",
            "CLOUDACT_SHUTDOWN_GRACE_SECONDS": "2.5",
            "CLOUDACT_LOG_LEVEL": "warning",
            "CLOUDACT_MAX_WORKERS": "1",
        }
    )
    assert (settings.grpc_port, settings.metrics_port) == (0, 65535)
    assert settings.shutdown_grace_seconds == 2.5
    assert settings.log_level == "WARNING"
    assert settings.max_workers == 1

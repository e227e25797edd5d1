"""Settings: environment parsing and the production refusals."""

from __future__ import annotations

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

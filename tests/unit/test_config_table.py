"""The README's configuration table is what ``config.py`` reads, with every variable described."""

from __future__ import annotations

import re

import pytest

from cloudact_grpc import config_table
from cloudact_grpc.config import load_settings


def test_readme_table_matches_config_py() -> None:
    readme = config_table.README.read_text()
    assert config_table.rewrite(readme, config_table.render_table()) == readme, (
        "run `python -m cloudact_grpc.config_table` and commit README.md"
    )


def test_every_variable_read_is_described_and_none_is_stale() -> None:
    read = {v.name for v in config_table.read_variables()}
    assert read == set(config_table.MEANINGS)


def test_reader_sees_every_quoted_variable_name_in_config_py() -> None:
    source = config_table.CONFIG.read_text()
    body = source[source.index("def load_settings") :]
    quoted = set(re.findall(r'env(?:\.get\(|\[|, )f?"([A-Z][A-Z0-9_]+)"', body))
    assert quoted <= {v.name for v in config_table.read_variables()}
    assert len(quoted) >= 30


def test_literal_defaults_are_the_ones_load_settings_applies() -> None:
    settings = load_settings({})
    defaults = {v.name: v.default.strip("`") for v in config_table.read_variables()}
    assert defaults["CLOUDACT_GRPC_PORT"] == str(settings.grpc_port)
    assert defaults["CLOUDACT_WAREHOUSE"] == "" or settings.warehouse.value == "duckdb"
    assert defaults["CLOUDACT_CORS_ORIGINS"] == ",".join(settings.cors_origins)
    assert defaults["CLOUDACT_RATE_LIMIT_ORG_BURST"] == str(settings.rate_limit_org_burst)


def test_a_new_variable_without_a_meaning_fails_the_render() -> None:
    source = config_table.CONFIG.read_text().replace(
        'env.get("CLOUDACT_LOG_LEVEL", "INFO")', 'env.get("CLOUDACT_NEW_THING", "INFO")'
    )
    with pytest.raises(KeyError, match="CLOUDACT_NEW_THING"):
        config_table.render_table(config_table.read_variables(source))

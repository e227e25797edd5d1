"""A port in use stops start-up with one line naming the variable to change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cloudact_grpc.__main__ import serve
from cloudact_grpc.config import ConfigError, Settings
from tests.support.ports import held_port
from tests.support.stack import fresh_settings


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port something else listens on."""
    with held_port() as port:
        yield port


# The variable naming each listener's port: (its settings field, the listener's name).
LISTENERS = {
    "CLOUDACT_GRPC_PORT": ("grpc_port", "gRPC"),
    "CLOUDACT_METRICS_PORT": ("metrics_port", "metrics"),
}


@pytest.mark.parametrize("variable", sorted(LISTENERS))
def test_a_busy_port_is_refused_naming_its_variable(
    settings: Settings, tmp_path: Path, busy_port: int, variable: str
) -> None:
    field, listener = LISTENERS[variable]
    busy = fresh_settings(settings, tmp_path, **{field: busy_port})
    with pytest.raises(ConfigError) as refused:
        serve(busy)
    message = str(refused.value)
    assert message.startswith(f"cannot listen for {listener} on 127.0.0.1:{busy_port}: ")
    assert message.endswith(f"stop what holds it or choose another port ({variable})")

"""A transient warehouse fault at the port boundary: one call on one table fails once."""

from __future__ import annotations

import functools
from collections.abc import Callable

import pytest

from cloudact_grpc.ports.warehouse import Warehouse, WarehouseError


def fail_once(
    monkeypatch: pytest.MonkeyPatch, warehouse: Warehouse, method: str, table: str
) -> list[str]:
    """The next ``warehouse.<method>(dataset, table, ...)`` on ``table`` raises WarehouseError.

    Every other call (and every later one) goes to the real adapter. Returns the list of
    tables the fault fired on (one entry once it has), so a test can check it was reached.
    """
    real: Callable[..., object] = getattr(warehouse, method)
    fired: list[str] = []

    @functools.wraps(real)
    def flaky(dataset: str, name: str, *args: object, **kwargs: object) -> object:
        if name == table and not fired:
            fired.append(name)
            raise WarehouseError(f"injected transient failure: {method} on {table}")
        return real(dataset, name, *args, **kwargs)

    monkeypatch.setattr(warehouse, method, flaky)
    return fired

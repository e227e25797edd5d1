"""Fault injection at the warehouse port boundary: one call fails once, like a network fault."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from cloudact_grpc.ports.warehouse import Warehouse, WarehouseError


@contextmanager
def fail_once(
    monkeypatch: pytest.MonkeyPatch, warehouse: Warehouse, method: str, table: str
) -> Iterator[list[str]]:
    """The next ``method`` call on ``table`` raises ``WarehouseError``; the rest stay real.

    Yields the list of tables whose call failed (empty if the fault never fired).
    """
    real = getattr(warehouse, method)
    fired: list[str] = []

    def flaky(dataset: str, name: str, *args: Any, **kwargs: Any) -> Any:
        if name == table and not fired:
            fired.append(name)
            raise WarehouseError(f"injected transient failure of {method} on {name}")
        return real(dataset, name, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(warehouse, method, flaky)
        yield fired

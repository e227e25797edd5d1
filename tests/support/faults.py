"""A transient warehouse fault at the port boundary: one call on one table fails once."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable

import pytest

from cloudact_grpc.ports.warehouse import Warehouse, WarehouseError

ROW_WRITES = ("insert_rows", "insert_if_absent")
"""The port calls that add rows (``fail_once(..., ROW_WRITES, table)``: the first of either)."""


def fail_once(
    monkeypatch: pytest.MonkeyPatch,
    warehouse: Warehouse,
    method: str | tuple[str, ...],
    table: str,
) -> list[str]:
    """The next ``warehouse.<method>(dataset, table, ...)`` on ``table`` raises WarehouseError.

    ``method`` may name several port calls: the first call of any of them fails. Every other
    call (and every later one) goes to the real adapter. Returns the list of tables the fault
    fired on (one entry once it has), so a test can check it was reached.
    """
    fired: list[str] = []
    for name in (method,) if isinstance(method, str) else method:
        real: Callable[..., object] = getattr(warehouse, name)
        monkeypatch.setattr(warehouse, name, _flaky(real, name, table, fired))
    return fired


def _flaky(
    real: Callable[..., object], method: str, table: str, fired: list[str]
) -> Callable[..., object]:
    @functools.wraps(real)
    def flaky(dataset: str, name: str, *args: object, **kwargs: object) -> object:
        if name == table and not fired:
            fired.append(name)
            raise WarehouseError(f"injected transient failure: {method} on {table}")
        return real(dataset, name, *args, **kwargs)

    return flaky


def hold_once(
    monkeypatch: pytest.MonkeyPatch, warehouse: Warehouse, method: str, table: str
) -> tuple[threading.Event, threading.Event]:
    """The next ``warehouse.<method>`` on ``table`` waits (a stalled or dying caller).

    Returns (reached, release): ``reached`` is set when the call is held, and the call goes on
    to the real adapter once the test sets ``release``. Every other call passes through.
    """
    reached, release = threading.Event(), threading.Event()
    real: Callable[..., object] = getattr(warehouse, method)

    @functools.wraps(real)
    def held(dataset: str, name: str, *args: object, **kwargs: object) -> object:
        if name == table and not reached.is_set():
            reached.set()
            release.wait(timeout=60)
        return real(dataset, name, *args, **kwargs)

    monkeypatch.setattr(warehouse, method, held)
    return reached, release

"""Money at the wire edge, one rule each way.

In: a proto ``double`` becomes the ``Decimal`` of its shortest decimal text, so ``0.1`` is
``Decimal("0.1")`` and never ``0.1000000000000000055…``. Out: a figure (a cost, a total, a run
rate) is rounded half-up to the cent, an amount of a known currency to that currency's minor
unit, a percentage or score to 0.01; a price or rate keeps its nine stored places. Inside the
service every amount stays a ``Decimal``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from cloudact_grpc.domain.saas.terms import minor_unit

CENT: Final = Decimal("0.01")
NANO: Final = Decimal("1e-9")


def decimal_in(value: float) -> Decimal:
    """A proto double as the Decimal of its shortest repr (``0.1`` → ``Decimal("0.1")``)."""
    return Decimal(repr(value))


def decimal_sent(value: object | None) -> Decimal | None:
    """``decimal_in`` of a sent proto double; None when it was not sent."""
    if value is None:
        return None
    if not isinstance(value, float):
        raise TypeError(f"a proto double reads as float, not {type(value).__name__}")
    return decimal_in(value)


def _shown(value: Decimal, unit: Decimal) -> float:
    """``value`` rounded half-up to ``unit``; a credit that rounds away is 0, never -0."""
    return float(value.quantize(unit, rounding=ROUND_HALF_UP)) + 0.0


def figure_out(value: Decimal) -> float:
    """A money figure for the wire: rounded half-up to the cent."""
    return _shown(value, CENT)


def amount_out(value: Decimal, currency: str) -> float:
    """An amount in ``currency`` for the wire: rounded half-up to its minor unit (cent, yen)."""
    return _shown(value, minor_unit(currency))


def percent_out(value: Decimal) -> float:
    """A percentage (or score) for the wire: rounded half-up to 0.01."""
    return _shown(value, CENT)


def price_out(value: Decimal | None) -> float:
    """A unit price or rate for the wire: its nine stored places (0 when absent)."""
    if value is None:
        return 0.0
    return float(value.quantize(NANO, rounding=ROUND_HALF_UP))

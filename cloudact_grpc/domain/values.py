"""Request value parsing shared by feature services: money and names (dates: ``dates``)."""

from __future__ import annotations

import re
from decimal import Decimal

from cloudact_grpc.domain.errors import InvalidArgument

MAX_AMOUNT = Decimal(1_000_000)
_SCALE = Decimal("0.000000001")


def amount(value: Decimal, field: str) -> Decimal:
    """A money value 0…1 000 000 as Decimal (scale 9).

    Money is Decimal end to end: the wire edge turns a proto double into the Decimal of its
    shortest text (``api/convert/money.decimal_in``), so a float reaching here is a bug.
    """
    if not isinstance(value, Decimal):
        raise TypeError(f"{field}: money must be a Decimal, not {type(value).__name__}")
    if not value.is_finite():
        raise InvalidArgument.field(field, "must be a finite number")
    if not Decimal(0) <= value <= MAX_AMOUNT:
        raise InvalidArgument.field(field, "must be between 0 and 1000000")
    return value.quantize(_SCALE)


def matching(value: str, pattern: str, field: str) -> str:
    """``value`` if it fully matches ``pattern``."""
    if not re.fullmatch(pattern, value):
        raise InvalidArgument.field(field, f"must match {pattern}")
    return value


def currency(value: str, field: str = "currency") -> str:
    """An ISO 4217 code, upper-cased; empty means USD."""
    return matching(value.upper() or "USD", r"[A-Z]{3}", field)


def bounded(value: str, limit: int, field: str) -> str:
    """``value`` if it has at most ``limit`` characters."""
    if len(value) > limit:
        raise InvalidArgument.field(field, f"at most {limit} characters")
    return value

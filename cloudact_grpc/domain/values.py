"""Request value parsing shared by feature services: money and names (dates: ``dates``)."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from cloudact_grpc.domain.errors import InvalidArgument

MAX_AMOUNT = Decimal(1_000_000)
_SCALE = Decimal("0.000000001")


def amount(value: float | str | Decimal, field: str) -> Decimal:
    """A money value 0…1 000 000 as Decimal (scale 9); JSON numbers keep their shortest form."""
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidArgument.field(field, "must be a finite number")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not Decimal(0) <= number <= MAX_AMOUNT:
        raise InvalidArgument.field(field, "must be between 0 and 1000000")
    return number.quantize(_SCALE)


def matching(value: str, pattern: str, field: str) -> str:
    """``value`` if it fully matches ``pattern``."""
    if not re.fullmatch(pattern, value):
        raise InvalidArgument.field(field, f"must match {pattern}")
    return value

"""The one date rule: strict ``YYYY-MM-DD`` inside the reporting window.

Every date a caller sends is read here. A date is ``YYYY-MM-DD`` (no week dates, no ``20261001``);
where a caller sends a timestamp for a day (the billing webhook's ``toISOString()``), the
``accept_datetime`` form reads an RFC 3339 datetime as its UTC day. Every date lies in the window
``EPOCH`` … ten years after today, so no request can ask for unbounded work.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from cloudact_grpc.domain.errors import InvalidArgument

EPOCH: Final = dt.date(2000, 1, 1)
"""The first day any date may name (the reporting epoch)."""
HORIZON_YEARS: Final = 10
"""How far ahead of today a date may lie."""

_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME: Final = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})", re.ASCII
)
_SHAPE: Final = "must be a date YYYY-MM-DD"


def horizon(today: dt.date) -> dt.date:
    """The last day any date may name: ten years after ``today``."""
    try:
        return today.replace(year=today.year + HORIZON_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + HORIZON_YEARS, day=28)


def in_window(day: dt.date, field: str, today: dt.date) -> dt.date:
    """``day`` if it lies between ``EPOCH`` and ``horizon(today)``, else ``InvalidArgument``."""
    last = horizon(today)
    if not EPOCH <= day <= last:
        raise InvalidArgument.field(
            field, f"must be between {EPOCH.isoformat()} and {last.isoformat()}"
        )
    return day


def _calendar_day(text: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidArgument.field(field, "must be a valid calendar date YYYY-MM-DD") from None


def _utc_day(text: str, field: str) -> dt.date:
    try:
        stamp = dt.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        raise InvalidArgument.field(field, "must be a valid date or RFC 3339 datetime") from None
    return stamp.astimezone(dt.UTC).date()


def parse_date(raw: str, field: str, *, today: dt.date, accept_datetime: bool = False) -> dt.date:
    """``raw`` (trimmed) as a date in the window, else ``InvalidArgument`` naming ``field``.

    With ``accept_datetime`` an RFC 3339 datetime with an offset (``2026-12-31T23:30:00.000Z``)
    is read as its UTC day.
    """
    text = raw.strip()
    if _DATE.fullmatch(text):
        day = _calendar_day(text, field)
    elif accept_datetime and _DATETIME.fullmatch(text):
        day = _utc_day(text, field)
    else:
        shape = f"{_SHAPE} or an RFC 3339 datetime" if accept_datetime else _SHAPE
        raise InvalidArgument.field(field, shape)
    return in_window(day, field, today)


def optional_date(
    raw: str, field: str, *, today: dt.date, accept_datetime: bool = False
) -> dt.date | None:
    """Empty or blank → ``None``; otherwise ``parse_date``."""
    if not raw.strip():
        return None
    return parse_date(raw, field, today=today, accept_datetime=accept_datetime)

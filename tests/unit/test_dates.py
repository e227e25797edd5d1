"""The one date rule: what it accepts, what it refuses, and the field it names."""

from __future__ import annotations

import datetime as dt

import pytest

from cloudact_grpc.domain import dates
from cloudact_grpc.domain.errors import InvalidArgument

TODAY = dt.date(2026, 12, 1)

ACCEPTED = [
    ("2026-10-01", dt.date(2026, 10, 1)),
    (" 2026-10-01 ", dt.date(2026, 10, 1)),
    ("2000-01-01", dates.EPOCH),
    ("2036-12-01", dt.date(2036, 12, 1)),
]
REFUSED = [
    "20261001",  # basic ISO form
    "2026-W01-1",  # week date
    "2026-10-1",
    "2026-13-01",
    "2026-02-30",
    "1999-12-31",  # before the epoch
    "0001-01-01",
    "2036-12-02",  # past the horizon
    "9999-12-31",
    "2026-10-01T00:00:00Z",  # a datetime where only a date is taken
    "yesterday",
    "\uff12\uff10\uff12\uff16-10-01",  # non-ASCII digits
    "2026-10-01\x00",
]


@pytest.mark.parametrize(("raw", "expected"), ACCEPTED)
def test_accepted(raw: str, expected: dt.date) -> None:
    assert dates.parse_date(raw, "start_date", today=TODAY) == expected


@pytest.mark.parametrize("raw", REFUSED)
def test_refused_naming_the_field(raw: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        dates.parse_date(raw, "start_date", today=TODAY)
    assert [v.field for v in caught.value.violations] == ["start_date"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-12-31T23:30:00.000Z", dt.date(2026, 12, 31)),
        ("2026-12-31T23:30:00-05:00", dt.date(2027, 1, 1)),  # its UTC day
        ("2026-12-31T01:00:00+02:00", dt.date(2026, 12, 30)),
        ("2026-12-31", dt.date(2026, 12, 31)),
    ],
)
def test_datetime_read_as_its_utc_day_where_asked(raw: str, expected: dt.date) -> None:
    day = dates.parse_date(raw, "trial_end_date", today=TODAY, accept_datetime=True)
    assert day == expected


@pytest.mark.parametrize(
    "raw", ["2026-12-31T23:30:00", "2026-12-31T25:00:00Z", "0001-01-01T00:00Z"]
)
def test_datetime_without_offset_or_out_of_range_is_refused(raw: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        dates.parse_date(raw, "trial_end_date", today=TODAY, accept_datetime=True)
    assert [v.field for v in caught.value.violations] == ["trial_end_date"]


def test_blank_is_none_for_optional_dates() -> None:
    assert dates.optional_date("  ", "end_date", today=TODAY) is None


def test_horizon_on_29_february() -> None:
    assert dates.horizon(dt.date(2028, 2, 29)) == dt.date(2038, 2, 28)

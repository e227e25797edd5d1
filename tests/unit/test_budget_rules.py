"""Budget arithmetic and rules as pure functions: splits, periods, notification egress."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cloudact_grpc.adapters.notify.egress import check_url
from cloudact_grpc.domain.errors import InvalidArgument
from cloudact_grpc.services.budgets.periods import PeriodType, period_holding
from cloudact_grpc.services.budgets.service import split

CENT = Decimal("0.01")


@given(
    cents=st.integers(min_value=1, max_value=10**12),
    shares=st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=12),
)
def test_split_adds_back_to_the_cent(cents: int, shares: list[int]) -> None:
    amount = Decimal(cents) * CENT
    total_units = sum(shares)
    # Percentages adding up to about 100, with the six decimals the service keeps.
    percents = [(Decimal(s) * 100 / total_units).quantize(Decimal("0.000001")) for s in shares]
    parts = split(amount, percents, CENT)
    assert all(p >= 0 and p == p.quantize(CENT) for p in parts)
    exact = [amount * p / 100 for p in percents]
    # Each part within a cent of its share, plus what shares above 100 % (by the percentage
    # rounding) take back from the largest part.
    excess = max(amount * (sum(percents) - 100) / 100, Decimal(0))
    assert all(abs(part - e) <= CENT + excess for part, e in zip(parts, exact, strict=True))
    total = min(amount * sum(percents) / 100, amount)
    assert abs(sum(parts) - total) <= CENT / 2  # the total rounded half-up, nothing lost
    assert sum(parts) <= amount


def test_split_of_thirds_is_exact() -> None:
    third = Decimal("33.333333")
    assert split(Decimal(100), [third] * 3, CENT) == [Decimal("33.34"), Decimal("33.33"),
                                                       Decimal("33.33")]  # fmt: skip
    # 99.99 % of 1,000 JPY is 999.9, rounded half-up to the yen: the whole amount.
    assert split(Decimal(1000), [Decimal("33.33")] * 3, Decimal(1)) == [334, 333, 333]


@given(
    start=st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)).map(
        lambda d: d.replace(day=min(d.day, 28))
    ),
    offset=st.integers(min_value=0, max_value=2000),
    kind=st.sampled_from([PeriodType.MONTHLY, PeriodType.QUARTERLY, PeriodType.YEARLY]),
)
def test_recurring_periods_tile_the_calendar(start: dt.date, offset: int, kind: PeriodType) -> None:
    day = start + dt.timedelta(days=offset)
    period = period_holding(kind, start, None, day)
    assert period is not None
    assert period.first <= day <= period.last
    assert period.first.day == start.day  # every period starts on the anchor day
    following = period_holding(kind, start, None, period.last + dt.timedelta(days=1))
    assert following is not None and following.first == period.last + dt.timedelta(days=1)
    months = (following.first.year - period.first.year) * 12 + (
        following.first.month - period.first.month
    )
    assert months == kind.months


def test_period_cut_at_the_end_and_none_outside() -> None:
    start, end = dt.date(2026, 1, 15), dt.date(2026, 3, 1)
    assert period_holding(PeriodType.MONTHLY, start, end, dt.date(2026, 2, 20)) is not None
    last = period_holding(PeriodType.MONTHLY, start, end, dt.date(2026, 2, 28))
    assert last is not None and (last.first, last.last) == (dt.date(2026, 2, 15), end)
    assert period_holding(PeriodType.MONTHLY, start, end, dt.date(2026, 3, 2)) is None
    assert period_holding(PeriodType.MONTHLY, start, end, dt.date(2026, 1, 14)) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.5/hook",
        "https://192.168.1.1/hook",
        "http://169.254.169.254/latest/meta-data",
        "https://metadata.google.internal/computeMetadata",
        "http://[::1]:8080/hook",
        "http://127.0.0.1:9/hook",
        "ftp://example.com/hook",
    ],
)
def test_egress_refuses_private_hosts_without_the_loopback_allowance(url: str) -> None:
    with pytest.raises(InvalidArgument) as info:
        check_url(url, "webhook_url", allow_loopback=False)
    assert [v.field for v in info.value.violations] == ["webhook_url"]


def test_loopback_allowance_opens_loopback_only() -> None:
    check_url("http://127.0.0.1:9/hook", "webhook_url", allow_loopback=True)
    check_url("http://localhost:9/hook", "webhook_url", allow_loopback=True)
    for url in ("http://10.0.0.5/hook", "http://169.254.169.254/", "http://metadata/x"):
        with pytest.raises(InvalidArgument):
            check_url(url, "webhook_url", allow_loopback=True)

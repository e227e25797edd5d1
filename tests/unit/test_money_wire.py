"""Money at the wire edge: one rule in, one rule out for figures, one for prices."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cloudact_grpc.api.convert.money import (
    amount_out,
    decimal_in,
    figure_out,
    percent_out,
    price_out,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("0.125"), 0.13),  # half-up, as on an invoice
        (Decimal("0.135"), 0.14),
        (Decimal("-2.005"), -2.01),
        (Decimal("1234567.994999999"), 1234567.99),
        (Decimal("0"), 0.0),
    ],
)
def test_figures_round_half_up_to_the_cent(value: Decimal, expected: float) -> None:
    assert figure_out(value) == expected


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        (Decimal("10.005"), "USD", 10.01),  # half-up to the cent
        (Decimal("-10.005"), "EUR", -10.01),
        (Decimal("1234.5"), "JPY", 1235.0),  # the yen has no minor unit
        (Decimal("1234.49"), "jpy", 1234.0),
        (Decimal("1.2345"), "KWD", 1.235),  # the dinar has three minor digits (fils)
        (Decimal("-0.0005"), "BHD", -0.001),
    ],
)
def test_amounts_round_half_up_to_their_currencys_minor_unit(
    value: Decimal, currency: str, expected: float
) -> None:
    assert amount_out(value, currency) == expected


def test_percentages_round_half_up_to_hundredths() -> None:
    assert percent_out(Decimal("12.345")) == 12.35
    assert percent_out(Decimal("-0.005")) == -0.01


def test_prices_keep_nine_places() -> None:
    assert price_out(Decimal("0.000150000")) == 0.00015
    assert price_out(Decimal("0.0000000005")) == 0.000000001
    assert price_out(None) == 0.0


@pytest.mark.parametrize(("value", "expected"), [(0.1, "0.1"), (8.25, "8.25"), (1e-9, "1E-9")])
def test_doubles_come_in_as_their_shortest_decimal(value: float, expected: str) -> None:
    assert decimal_in(value) == Decimal(expected)


@pytest.mark.parametrize(
    "shown",
    [
        amount_out(Decimal("-0.4"), "JPY"),  # a refund under half a yen
        figure_out(Decimal("-0.004")),
        percent_out(Decimal("-0.001")),
    ],
)
def test_a_credit_that_rounds_away_is_zero_not_minus_zero(shown: float) -> None:
    assert str(shown) == "0.0"  # JSON "0", never "-0.0"

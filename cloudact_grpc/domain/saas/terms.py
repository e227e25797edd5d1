"""Pricing terms of one plan version and the exact money arithmetic on them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from cloudact_grpc.domain.errors import FieldViolation

MAX_AMOUNT = Decimal(100_000)
MAX_SEATS = 1_000_000
HUNDRED = Decimal(100)
# ISO 4217 currencies without minor units; everything else is billed in cents.
_ZERO_DECIMAL_CURRENCIES = frozenset(
    {
        "BIF",
        "CLP",
        "DJF",
        "GNF",
        "ISK",
        "JPY",
        "KMF",
        "KRW",
        "PYG",
        "RWF",
        "UGX",
        "VND",
        "VUV",
        "XAF",
        "XOF",
        "XPF",
    }
)

# ISO 4217 currencies with three minor digits (the Kuwaiti dinar has 1,000 fils).
_THREE_DECIMAL_CURRENCIES = frozenset({"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"})


class BillingCycle(StrEnum):
    """How often the plan is invoiced."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"

    @property
    def months(self) -> int:
        """Months one cycle covers."""
        return {"monthly": 1, "quarterly": 3, "annual": 12}[self.value]

    @classmethod
    def parse(cls, raw: str, field: str) -> BillingCycle | FieldViolation:
        """The cycle named by ``raw`` (``yearly`` accepted), or a violation of ``field``."""
        value = raw.strip().lower()
        value = {"yearly": "annual", "annually": "annual"}.get(value, value)
        try:
            return cls(value)
        except ValueError:
            return FieldViolation(field, "must be monthly, quarterly or annual")


class PricingModel(StrEnum):
    """Whether ``unit_price`` is per seat or for the whole plan."""

    PER_SEAT = "per_seat"
    FLAT = "flat"

    @property
    def stored(self) -> str:
        """The value kept in the plans table."""
        return "PER_SEAT" if self is PricingModel.PER_SEAT else "FLAT_FEE"

    @classmethod
    def parse(cls, raw: str, field: str) -> PricingModel | FieldViolation:
        """The model named by ``raw`` (``PER_SEAT``/``FLAT_FEE`` accepted), or a violation."""
        value = raw.strip().lower()
        value = {"flat_fee": "flat"}.get(value, value)
        try:
            return cls(value)
        except ValueError:
            return FieldViolation(field, "must be per_seat or flat")


def minor_unit(currency: str) -> Decimal:
    """The smallest billable amount of ``currency``: 0.01, 1 for e.g. JPY, 0.001 for e.g. KWD."""
    code = currency.upper()
    if code in _ZERO_DECIMAL_CURRENCIES:
        return Decimal(1)
    return Decimal("0.001") if code in _THREE_DECIMAL_CURRENCIES else Decimal("0.01")


@dataclass(frozen=True, slots=True)
class PricingTerms:
    """What one cycle costs: unit price (per cycle), seats, model, discount, currency."""

    billing_cycle: BillingCycle
    pricing_model: PricingModel
    unit_price: Decimal
    seats: int
    discount_percent: Decimal
    currency: str

    @property
    def quantity(self) -> int:
        """Priced quantity: seats for per-seat plans, 1 for flat plans."""
        return self.seats if self.pricing_model is PricingModel.PER_SEAT else 1

    @property
    def list_cycle_cost(self) -> Decimal:
        """Undiscounted cost of one full cycle, exact."""
        return self.unit_price * self.quantity

    @property
    def cycle_cost(self) -> Decimal:
        """Discounted cost of one full cycle, exact (not rounded)."""
        return self.list_cycle_cost * (HUNDRED - self.discount_percent) / HUNDRED

    @property
    def monthly_cost(self) -> Decimal:
        """Cycle cost divided by the months of the cycle, exact."""
        return self.cycle_cost / self.billing_cycle.months

    @property
    def annual_cost(self) -> Decimal:
        """Monthly cost times 12, exact."""
        return self.monthly_cost * 12

    @property
    def price_per_user_monthly(self) -> Decimal:
        """Per-seat price per month for per-seat plans; 0 for flat plans."""
        if self.pricing_model is PricingModel.FLAT:
            return Decimal(0)
        return self.unit_price / self.billing_cycle.months

    def billed(self, amount: Decimal) -> Decimal:
        """``amount`` rounded half-up to the currency's minor unit."""
        return amount.quantize(minor_unit(self.currency), rounding=ROUND_HALF_UP)

    def violations(self) -> list[FieldViolation]:
        """Every term out of bounds, named by its proto field."""
        found: list[FieldViolation] = []
        if not Decimal(0) <= self.unit_price <= MAX_AMOUNT:
            found.append(FieldViolation("unit_price", f"must be between 0 and {MAX_AMOUNT}"))
        if not 0 <= self.seats <= MAX_SEATS:
            found.append(FieldViolation("number_of_users", f"must be between 0 and {MAX_SEATS}"))
        if not Decimal(0) <= self.discount_percent <= HUNDRED:
            found.append(FieldViolation("discount_percent", "must be between 0 and 100"))
        if len(self.currency) != 3 or not self.currency.isalpha() or not self.currency.isupper():
            found.append(FieldViolation("currency", "must be a three-letter ISO 4217 code"))
        return found

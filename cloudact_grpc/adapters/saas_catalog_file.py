"""Load the SaaS provider catalogue from ``seeds/saas_plans.yaml``."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from cloudact_grpc.adapters.yaml_file import YAMLError, read_yaml
from cloudact_grpc.config import ConfigError
from cloudact_grpc.domain.saas.catalog import CATEGORIES, Catalog, PlanTemplate, Provider
from cloudact_grpc.domain.saas.terms import BillingCycle, PricingModel, PricingTerms

SEED_FILE = "saas_plans.yaml"
_PLAN_KEYS = {"plan_name", "plan_type", "display_name", "billing_cycle", "pricing_model",
              "unit_price", "currency", "discount_percent", "notes"}  # fmt: skip


def _template(provider: str, raw: dict[str, object]) -> PlanTemplate:
    unknown = set(raw) - _PLAN_KEYS
    if unknown:
        raise ValueError(f"{provider}: unknown keys {sorted(unknown)}")
    cycle = BillingCycle.parse(str(raw.get("billing_cycle", "monthly")), "billing_cycle")
    model = PricingModel.parse(str(raw.get("pricing_model", "per_seat")), "pricing_model")
    if not isinstance(cycle, BillingCycle) or not isinstance(model, PricingModel):
        raise ValueError(f"{provider}.{raw.get('plan_name')}: bad billing_cycle or pricing_model")
    terms = PricingTerms(
        billing_cycle=cycle,
        pricing_model=model,
        unit_price=Decimal(str(raw["unit_price"])),
        seats=0,
        discount_percent=Decimal(str(raw.get("discount_percent", "0"))),
        currency=str(raw.get("currency", "USD")),
    )
    if terms.violations():
        raise ValueError(f"{provider}.{raw['plan_name']}: {terms.violations()}")
    name = str(raw["plan_name"]).upper()
    return PlanTemplate(
        provider=provider,
        plan_name=name,
        plan_type=str(raw.get("plan_type", "")),
        display_name=str(raw.get("display_name", name)),
        terms=terms,
        notes=str(raw.get("notes", "")),
    )


def load_saas_catalog(seeds_dir: Path) -> Catalog:
    """Parse ``{seeds_dir}/saas_plans.yaml``; ``ConfigError`` naming the file on any problem."""
    path = seeds_dir / SEED_FILE
    try:
        doc = read_yaml(path)
        providers = []
        for pid, raw in doc["providers"].items():
            category = str(raw["category"])
            if category not in CATEGORIES:
                raise ValueError(f"{pid}: unknown category {category!r}")
            templates = tuple(_template(str(pid), t) for t in raw.get("plans") or ())
            names = [t.plan_name for t in templates]
            if len(names) != len(set(names)):
                raise ValueError(f"{pid}: duplicate plan_name")
            providers.append(Provider(str(pid), str(raw["display_name"]), category, templates))
        return Catalog(providers)
    except (OSError, YAMLError, KeyError, TypeError, ValueError, InvalidOperation) as exc:
        raise ConfigError(f"{path}: {exc}") from exc

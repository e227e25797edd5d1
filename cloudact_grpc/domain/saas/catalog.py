"""Known SaaS providers, their categories and plan templates (loaded from ``seeds/``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cloudact_grpc.domain.errors import InvalidArgument
from cloudact_grpc.domain.saas.terms import PricingTerms

PROVIDER_PATTERN = re.compile(r"[a-z0-9_]{2,50}")
CATEGORIES = ("ai", "design", "productivity", "communication", "development", "other")
# FOCUS 1.2 ServiceCategory / ServiceSubcategory of each catalogue category.
FOCUS_CATEGORY: Mapping[str, tuple[str, str]] = {
    "ai": ("AI and Machine Learning", "Generative AI"),
    "design": ("Business Applications", "Productivity and Collaboration"),
    "productivity": ("Business Applications", "Productivity and Collaboration"),
    "communication": ("Business Applications", "Productivity and Collaboration"),
    "development": ("Developer Tools", "Other (Developer Tools)"),
    "other": ("Other", "Other (Other)"),
}


@dataclass(frozen=True, slots=True)
class PlanTemplate:
    """A seed plan a provider can be enabled with."""

    provider: str
    plan_name: str
    plan_type: str
    display_name: str
    terms: PricingTerms
    notes: str


@dataclass(frozen=True, slots=True)
class Provider:
    """A SaaS provider: id, display name, category and templates."""

    provider: str
    display_name: str
    category: str
    templates: tuple[PlanTemplate, ...] = ()


def normalize_provider(raw: str) -> str:
    """The provider id of a path value; INVALID_ARGUMENT naming ``provider`` when malformed."""
    value = raw.strip().lower()
    if PROVIDER_PATTERN.fullmatch(value) is None:
        raise InvalidArgument.field("provider", "must match ^[a-z0-9_]{2,50}$")
    return value


def focus_category(category: str) -> tuple[str, str]:
    """FOCUS ServiceCategory and ServiceSubcategory of a catalogue category."""
    return FOCUS_CATEGORY.get(category, FOCUS_CATEGORY["other"])


class Catalog:
    """Lookup of known providers; unknown well-formed ids are custom providers."""

    def __init__(self, providers: Sequence[Provider]) -> None:
        self._providers = {p.provider: p for p in providers}

    @property
    def providers(self) -> tuple[Provider, ...]:
        """Known providers ordered by id, ``custom`` excluded."""
        return tuple(p for k, p in sorted(self._providers.items()) if k != "custom")

    def get(self, provider: str) -> Provider:
        """The known provider, or a custom one (title-cased name, category ``other``)."""
        known = self._providers.get(provider)
        if known is not None:
            return known
        return Provider(provider, provider.replace("_", " ").title(), "other")

"""Onboarding input: normalisation and validation (every violation names its proto field)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cloudact_grpc.domain.errors import FieldViolation, InvalidArgument
from cloudact_grpc.domain.identifiers import ORG_SLUG_PATTERN
from cloudact_grpc.domain.plans import Plan, PlanCatalogue

# A pragmatic address check: one @, a dot-atom local part, a domain of labels with a TLD of
# two or more letters, and the RFC 5321 length limits.
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL_PATTERN = re.compile(rf"{_LOCAL}@(?:{_LABEL}\.)+[A-Za-z]{{2,63}}")
COMPANY_MIN, COMPANY_MAX = 2, 200


@dataclass(frozen=True, slots=True)
class OnboardingInput:
    """Normalised, valid onboarding fields."""

    org_slug: str
    company_name: str
    admin_email: str
    plan: Plan


def normalize_slug(raw: str) -> str:
    """The slug as stored: stripped and lower-cased."""
    return raw.strip().lower()


def slug_violation(raw: str, field: str = "org_slug") -> FieldViolation | None:
    """Why ``raw`` is not an acceptable slug, or None.

    Slugs are lower case everywhere; an upper-case slug is refused (with a hint), never
    silently folded, so one organization never has two spellings.
    """
    value = raw.strip()
    if ORG_SLUG_PATTERN.fullmatch(value) is not None:
        return None
    hint = (
        f" (did you mean '{value.lower()}'?)" if ORG_SLUG_PATTERN.fullmatch(value.lower()) else ""
    )
    return FieldViolation(
        field, f"must match ^[a-z0-9_]{{3,50}}$: lower case letters, digits, _{hint}"
    )


def email_violation(raw: str, field: str = "admin_email") -> FieldViolation | None:
    """Why ``raw`` is not an acceptable email address, or None."""
    value = raw.strip()
    if len(value) > 254 or EMAIL_PATTERN.fullmatch(value) is None:
        return FieldViolation(field, "must be a valid email address")
    if len(value.split("@", 1)[0]) > 64:
        return FieldViolation(field, "local part must be at most 64 characters")
    return None


def company_violation(raw: str, field: str = "company_name") -> FieldViolation | None:
    """Why ``raw`` is not an acceptable company name, or None."""
    value = raw.strip()
    if not COMPANY_MIN <= len(value) <= COMPANY_MAX:
        return FieldViolation(field, f"must be {COMPANY_MIN} to {COMPANY_MAX} characters")
    if any(ord(ch) < 32 for ch in value):
        return FieldViolation(field, "must not contain control characters")
    return None


def plan_violation(
    raw: str, plans: PlanCatalogue, field: str = "subscription_plan"
) -> FieldViolation | None:
    """Why ``raw`` is not a known plan (empty means the default plan), or None."""
    if raw.strip() and plans.find(raw) is None:
        return FieldViolation(field, f"must be one of {', '.join(plans.names)}")
    return None


def validate_onboarding(
    org_slug: str, company_name: str, admin_email: str, subscription_plan: str, plans: PlanCatalogue
) -> OnboardingInput:
    """Return the normalised input, or raise InvalidArgument listing every bad field."""
    found = [
        v
        for v in (
            slug_violation(org_slug),
            company_violation(company_name),
            email_violation(admin_email),
            plan_violation(subscription_plan, plans),
        )
        if v is not None
    ]
    if found:
        raise InvalidArgument.fields("invalid onboarding request", found)
    plan = plans.find(subscription_plan or plans.default_plan)
    if plan is None:  # the catalogue guarantees its default plan exists
        raise RuntimeError("default plan missing from the catalogue")
    return OnboardingInput(
        org_slug=normalize_slug(org_slug),
        company_name=company_name.strip(),
        admin_email=admin_email.strip(),
        plan=plan,
    )

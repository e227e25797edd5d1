"""The catalogue of pipelines an organization can run."""

from __future__ import annotations

from dataclasses import dataclass

CATEGORIES = ("cloud", "genai", "subscription")


@dataclass(frozen=True, slots=True)
class AvailablePipeline:
    """One runnable pipeline and the run-route path segments that name it."""

    id: str
    name: str
    description: str
    category: str
    provider: str
    domain: str
    pipeline: str
    required_integration: str
    enabled: bool

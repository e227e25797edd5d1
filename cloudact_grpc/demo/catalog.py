# ruff: noqa: E501
"""What the demo org buys: GCP services, LLM models with per-1K-token prices, SaaS plans.

Prices are list prices in USD (LLM: per 1K tokens, as in ``llm_model_pricing``; SaaS: per seat
per month), written as decimal strings so generated amounts stay exact.
"""

from __future__ import annotations

from typing import Final, NamedTuple


class CloudService(NamedTuple):
    """A GCP service with its FOCUS categories, typical daily cost and list-price uplift (%)."""

    name: str
    category: str
    subcategory: str
    sku: str
    unit: str
    daily_cost: str
    uplift_pct: int


class LlmModel(NamedTuple):
    """An LLM model: provider, FOCUS names and input/output prices per 1K tokens."""

    provider: str
    publisher: str
    service: str
    model: str
    input_per_1k: str
    output_per_1k: str
    daily_tokens: int


class SaasPlan(NamedTuple):
    """A SaaS plan: provider, service name, plan, seats and monthly price per seat."""

    provider: str
    service: str
    plan: str
    seats: int
    seat_price: str


GCP: Final = (
    CloudService("Compute Engine", "Compute", "Virtual Machines", "N2-standard-4", "Hours", "41.20", 25),
    CloudService("Cloud Run", "Compute", "Serverless Compute", "CPU Allocation Time", "vCPU-Seconds", "6.75", 0),
    CloudService("Cloud Storage", "Storage", "Object Storage", "Standard Storage", "GiB-Months", "9.10", 0),
    CloudService("BigQuery", "Analytics", "Data Processing", "Analysis", "TiB", "18.40", 0),
    CloudService("Cloud SQL", "Databases", "Relational Databases", "PostgreSQL vCPU", "Hours", "14.60", 20),
    CloudService("Cloud Load Balancing", "Networking", "Network Infrastructure", "Forwarding Rule", "Hours", "3.30", 0),
    CloudService("Vertex AI", "AI and Machine Learning", "Generative AI", "Gemini 1.5 Pro Input", "1K Tokens", "7.80", 0),
)  # fmt: skip

LLM: Final = (
    LlmModel("openai", "OpenAI", "OpenAI API", "gpt-4o", "0.0025", "0.01", 2_400_000),
    LlmModel("openai", "OpenAI", "OpenAI API", "gpt-4o-mini", "0.00015", "0.0006", 9_000_000),
    LlmModel("anthropic", "Anthropic", "Claude API", "claude-3-5-sonnet", "0.003", "0.015", 1_800_000),
    LlmModel("anthropic", "Anthropic", "Claude API", "claude-3-5-haiku", "0.0008", "0.004", 4_000_000),
)  # fmt: skip

SAAS: Final = (
    SaasPlan("slack", "Slack", "PRO", 40, "8.75"),
    SaasPlan("canva", "Canva", "TEAMS", 12, "10.00"),
    SaasPlan("github", "GitHub", "TEAM", 25, "4.00"),
    SaasPlan("notion", "Notion", "PLUS", 30, "10.00"),
    SaasPlan("figma", "Figma", "PROFESSIONAL", 8, "15.00"),
)

REGIONS: Final = ("us-central1", "europe-west1", "asia-southeast1", "us-east4")
PROJECTS: Final = ("prod-platform", "prod-data", "staging", "ml-research")
TEAMS: Final = ("platform", "data", "ml", "growth")
ENVS: Final = ("prod", "staging", "dev")

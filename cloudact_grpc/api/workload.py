"""Which RPCs are heavy: the second table the interceptors read (the first is ``access.py``).

Heavy: reads over raw or rolled-up cost rows, exports, writes that rewrite cost rows or create
datasets, and calls that wait on a provider. Everything else (profile, key, quota, subscription,
plan and pricing reads) is cheap.
"""

from __future__ import annotations

_V1 = "/cloudact.v1."

HEAVY_METHODS = frozenset(
    {
        f"{_V1}AdminService/Bootstrap",
        f"{_V1}OrganizationsService/OnboardOrganization",
        f"{_V1}OrganizationsService/DeleteOrganization",
        f"{_V1}IntegrationsService/SetupIntegration",
        f"{_V1}IntegrationsService/ValidateIntegration",
        f"{_V1}SubscriptionsService/EnableSaasProvider",
        f"{_V1}SubscriptionsService/DisableSaasProvider",
        f"{_V1}SubscriptionsService/CreateSaasPlan",
        f"{_V1}SubscriptionsService/EditSaasPlanVersion",
        f"{_V1}SubscriptionsService/DeleteSaasPlan",
        f"{_V1}CostsService/GetCostSummary",
        f"{_V1}CostsService/ListCosts",
        f"{_V1}CostsService/GetCostsByProvider",
        f"{_V1}CostsService/GetCostsByService",
        f"{_V1}CostsService/GetCostTrend",
        f"{_V1}CostsService/GetCostPivot",
        f"{_V1}CostsService/ExportCosts",
        f"{_V1}CostsService/GetSaasSubscriptionCosts",
        f"{_V1}CostsService/IngestCostRows",
    }
)


def is_heavy(method: str) -> bool:
    """Whether ``method`` (``/package.Service/Method``) takes a heavy-work slot."""
    return method in HEAVY_METHODS

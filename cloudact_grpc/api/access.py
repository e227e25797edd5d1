"""Who may call each RPC: the one table the auth interceptor reads."""

from __future__ import annotations

from enum import Enum


class Access(Enum):
    """Access levels of RPCs."""

    PUBLIC = "public"  # no authentication (health, reflection)
    ROOT = "root"  # X-CA-Root-Key only
    ORG = "org"  # the org's own X-API-Key, or the root key


_V1 = "/cloudact.v1."

METHOD_ACCESS: dict[str, Access] = {
    f"{_V1}AdminService/GetHealth": Access.PUBLIC,
    f"{_V1}AdminService/GetReadiness": Access.PUBLIC,
    # The frontend reads the pipeline catalogue without a key (it holds nothing org-specific).
    f"{_V1}AdminService/ListAvailablePipelines": Access.PUBLIC,
    f"{_V1}AdminService/Bootstrap": Access.ROOT,
    f"{_V1}AdminService/GetDevApiKey": Access.ROOT,
    f"{_V1}AdminService/ListAuditLogs": Access.ROOT,
    f"{_V1}OrganizationsService/DryRunOnboarding": Access.ROOT,
    f"{_V1}OrganizationsService/OnboardOrganization": Access.ROOT,
    f"{_V1}OrganizationsService/GetOrganization": Access.ORG,
    f"{_V1}OrganizationsService/GetSubscription": Access.ORG,
    f"{_V1}OrganizationsService/UpdateSubscription": Access.ROOT,
    f"{_V1}OrganizationsService/DeleteOrganization": Access.ROOT,
    f"{_V1}OrganizationsService/RotateApiKey": Access.ORG,
    f"{_V1}OrganizationsService/GetApiKeyInfo": Access.ORG,
    f"{_V1}OrganizationsService/GetQuota": Access.ORG,
    f"{_V1}OrganizationsService/ReservePipelineRun": Access.ROOT,
    f"{_V1}OrganizationsService/CompletePipelineRun": Access.ROOT,
    f"{_V1}OrganizationsService/RenewPipelineRun": Access.ROOT,
    f"{_V1}OrganizationsService/CancelPipelineRun": Access.ROOT,
    f"{_V1}OrganizationsService/ListPipelineRuns": Access.ROOT,
}

# Services whose every method is ORG unless listed above; internal RPCs are listed as ROOT.
ORG_SERVICES = (
    f"{_V1}IntegrationsService/",
    f"{_V1}SubscriptionsService/",
    f"{_V1}CostsService/",
    f"{_V1}BudgetsService/",
    f"{_V1}NotificationsService/",
    f"{_V1}PipelinesService/",
)
ROOT_ONLY_METHODS = frozenset(
    {
        f"{_V1}IntegrationsService/GetIntegrationCredential",
        f"{_V1}IntegrationsService/RewrapCredentials",
        f"{_V1}CostsService/IngestCostRows",
        f"{_V1}CostsService/NotifyCostsChanged",
        f"{_V1}NotificationsService/EvaluateAlerts",
    }
)
PUBLIC_PREFIXES = ("/grpc.health.v1.Health/", "/grpc.reflection.")


# Methods whose request is validated field by field by the service (the dry-run reports a bad
# slug as a failed check). Every other method gets its ``org_slug`` checked by the auth layer.
SELF_VALIDATING = frozenset(
    {
        f"{_V1}OrganizationsService/DryRunOnboarding",
        f"{_V1}OrganizationsService/OnboardOrganization",
    }
)


def access_for(method: str) -> Access:
    """Access level of a full method name (``/package.Service/Method``); ROOT when unknown."""
    if method in METHOD_ACCESS:
        return METHOD_ACCESS[method]
    if method.startswith(PUBLIC_PREFIXES):
        return Access.PUBLIC
    if method in ROOT_ONLY_METHODS:
        return Access.ROOT
    if method.startswith(ORG_SERVICES):
        return Access.ORG
    return Access.ROOT


INTERNAL_METHODS = frozenset(
    {
        f"{_V1}OrganizationsService/ReservePipelineRun",
        f"{_V1}OrganizationsService/CompletePipelineRun",
        f"{_V1}OrganizationsService/RenewPipelineRun",
        f"{_V1}OrganizationsService/CancelPipelineRun",
        f"{_V1}OrganizationsService/ListPipelineRuns",
    }
    | ROOT_ONLY_METHODS
)

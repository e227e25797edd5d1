"""OrganizationsService: converts requests and results; the services do the work."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import grpc
from cloudact.v1 import organizations_pb2, organizations_pb2_grpc

from cloudact_grpc.api.convert import call_context, fields_from, message, timestamp
from cloudact_grpc.services.onboarding import OnboardingService
from cloudact_grpc.services.org_subscriptions import (
    OrgSubscriptionService,
    Subscription,
    SubscriptionUpdate,
)
from cloudact_grpc.services.organizations import OrganizationService
from cloudact_grpc.services.pipeline_runs import PipelineRunService, run_filter
from cloudact_grpc.services.quotas import QuotaService, QuotaView


def _quota(view: QuotaView) -> organizations_pb2.Quota:
    return message(organizations_pb2.Quota, view, usage_date=view.usage_date.isoformat())


def _subscription(sub: Subscription) -> organizations_pb2.OrgSubscription:
    return message(
        organizations_pb2.OrgSubscription,
        sub,
        **dataclasses.asdict(sub.limits),
        trial_end_date=sub.trial_end_date.isoformat() if sub.trial_end_date else "",
        create_time=timestamp(sub.created_at),
        update_time=timestamp(sub.updated_at),
    )


@dataclass(frozen=True, eq=False)
class OrganizationsServicer(organizations_pb2_grpc.OrganizationsServiceServicer):
    """Converts and delegates."""

    orgs: OrganizationService
    onboarding: OnboardingService
    subscriptions: OrgSubscriptionService
    quotas: QuotaService
    runs: PipelineRunService

    def DryRunOnboarding(
        self, request: organizations_pb2.DryRunOnboardingRequest, context: grpc.ServicerContext
    ) -> organizations_pb2.DryRunOnboardingResponse:
        result = self.onboarding.dry_run(
            request.org_slug, request.company_name, request.admin_email, request.subscription_plan
        )
        passed = sum(c.passed for c in result.checks)
        total = len(result.checks)
        return message(
            organizations_pb2.DryRunOnboardingResponse,
            result,
            status="SUCCESS" if result.ready else "FAILED",
            validation_summary=organizations_pb2.ValidationSummary(
                total_checks=total, passed=passed, failed=total - passed, all_passed=result.ready
            ),
            validation_results=[
                organizations_pb2.ValidationResult(
                    check_name=c.name, passed=c.passed, message=c.message
                )
                for c in result.checks
            ],
            message=(
                f"Dry-run validation {'passed' if result.ready else 'failed'}: "
                f"{passed}/{total} checks passed"
            ),
            ready_for_onboarding=result.ready,
        )

    def OnboardOrganization(
        self, request: organizations_pb2.OnboardOrganizationRequest, context: grpc.ServicerContext
    ) -> organizations_pb2.OnboardOrganizationResponse:
        result = self.onboarding.onboard(
            call_context(),
            request.org_slug,
            request.company_name,
            request.admin_email,
            request.subscription_plan,
            dataset_location=request.dataset_location,
            regenerate_api_key_if_exists=request.regenerate_api_key_if_exists,
        )
        return message(organizations_pb2.OnboardOrganizationResponse, result)

    def GetOrganization(
        self, request: organizations_pb2.GetOrganizationRequest, context: grpc.ServicerContext
    ) -> organizations_pb2.Organization:
        p = self.orgs.get_profile(request.org_slug)
        return message(
            organizations_pb2.Organization,
            p,
            create_time=timestamp(p.created_at),
            update_time=timestamp(p.updated_at),
        )

    def GetSubscription(
        self, request: organizations_pb2.GetSubscriptionRequest, context: grpc.ServicerContext
    ) -> organizations_pb2.OrgSubscription:
        return _subscription(self.subscriptions.get(request.org_slug))

    def UpdateSubscription(
        self, request: organizations_pb2.UpdateSubscriptionRequest, context: grpc.ServicerContext
    ) -> organizations_pb2.OrgSubscription:
        change = fields_from(SubscriptionUpdate, request)
        sub = self.subscriptions.update(call_context(), request.org_slug, change)
        return _subscription(sub)

    def DeleteOrganization(
        self, request: organizations_pb2.DeleteOrganizationRequest, context: grpc.ServicerContext
    ) -> organizations_pb2.DeleteOrganizationResponse:
        result = self.orgs.delete(
            call_context(),
            request.org_slug,
            request.confirm_org_slug,
            delete_dataset=request.delete_dataset,
        )
        return message(
            organizations_pb2.DeleteOrganizationResponse,
            result,
            status="DELETED",
            message=f"Organization '{result.org_slug}' deleted.",
        )

    def RotateApiKey(
        self, request: organizations_pb2.RotateApiKeyRequest, context: grpc.ServicerContext
    ) -> organizations_pb2.RotateApiKeyResponse:
        slug = request.org_slug
        issued, revoked = self.orgs.rotate_api_key(call_context(), slug)
        return organizations_pb2.RotateApiKeyResponse(
            org_slug=slug,
            api_key=issued.api_key,
            api_key_fingerprint=issued.fingerprint,
            previous_key_revoked=revoked > 0,
            message="New API key issued; the previous key no longer works.",
        )

    def GetApiKeyInfo(
        self, request: organizations_pb2.GetApiKeyInfoRequest, context: grpc.ServicerContext
    ) -> organizations_pb2.ApiKeyInfo:
        info = self.orgs.key_info(request.org_slug)
        return message(
            organizations_pb2.ApiKeyInfo,
            info,
            api_key_fingerprint=info.fingerprint,
            create_time=timestamp(info.created_at),
            created_at=timestamp(info.created_at).ToJsonString(),
        )

    def GetQuota(
        self, request: organizations_pb2.GetQuotaRequest, context: grpc.ServicerContext
    ) -> organizations_pb2.Quota:
        slug = request.org_slug
        self.orgs.get_profile(slug)
        return _quota(self.quotas.get(slug))

    def ReservePipelineRun(
        self, request: organizations_pb2.ReservePipelineRunRequest, context: grpc.ServicerContext
    ) -> organizations_pb2.ReservePipelineRunResponse:
        reserved = self.runs.reserve(
            call_context(),
            request.org_slug,
            request.pipeline_id,
            request.request_id,
            lease_seconds=request.lease_seconds,
        )
        return organizations_pb2.ReservePipelineRunResponse(
            run_id=reserved.run_id,
            quota=_quota(reserved.quota),
            lease_expires_at=timestamp(reserved.lease_expires_at),
        )

    def CompletePipelineRun(
        self, request: organizations_pb2.CompletePipelineRunRequest, context: grpc.ServicerContext
    ) -> organizations_pb2.CompletePipelineRunResponse:
        view = self.runs.complete(
            request.org_slug,
            request.run_id,
            succeeded=request.succeeded,
            error_message=request.error_message,
        )
        return organizations_pb2.CompletePipelineRunResponse(
            run_id=request.run_id, quota=_quota(view)
        )

    def RenewPipelineRun(
        self, request: organizations_pb2.RenewPipelineRunRequest, context: grpc.ServicerContext
    ) -> organizations_pb2.RenewPipelineRunResponse:
        expires = self.runs.renew(
            request.org_slug, request.run_id, lease_seconds=request.lease_seconds
        )
        return organizations_pb2.RenewPipelineRunResponse(
            run_id=request.run_id, lease_expires_at=timestamp(expires)
        )

    def CancelPipelineRun(
        self, request: organizations_pb2.CancelPipelineRunRequest, context: grpc.ServicerContext
    ) -> organizations_pb2.CancelPipelineRunResponse:
        run = self.runs.cancel(request.org_slug, request.run_id, request.reason)
        return organizations_pb2.CancelPipelineRunResponse(run=pipeline_run(run))

    def ListPipelineRuns(
        self, request: organizations_pb2.ListPipelineRunsRequest, context: grpc.ServicerContext
    ) -> organizations_pb2.ListPipelineRunsResponse:
        f = run_filter(
            status=request.status,
            pipeline_id=request.pipeline_id,
            start_date="",
            end_date="",
            today=self.runs.today(),
            status_field="status",
        )
        page = self.runs.list_runs(
            request.org_slug,
            f,
            limit=request.page_size,
            page_token=request.page_token,
            limit_field="page_size",
        )
        return organizations_pb2.ListPipelineRunsResponse(
            runs=[pipeline_run(r) for r in page.runs],
            total=page.total,
            next_page_token=page.next_page_token,
        )


def pipeline_run(row: Mapping[str, object]) -> organizations_pb2.PipelineRun:
    """A stored run row as a PipelineRun."""
    msg = organizations_pb2.PipelineRun(
        org_slug=str(row["org_slug"]),
        run_id=str(row["pipeline_logging_id"]),
        pipeline_id=str(row["pipeline_id"]),
        status=str(row["status"]),
        trigger_type=str(row.get("trigger_type") or ""),
        trigger_by=str(row.get("trigger_by") or ""),
        error_message=str(row.get("error_message") or ""),
    )
    for name in ("start_time", "end_time", "lease_expires_at"):
        value = row.get(name)
        if isinstance(value, dt.datetime):
            getattr(msg, name).CopyFrom(timestamp(value))
    duration = row.get("duration_ms")
    if isinstance(duration, int):
        msg.duration_ms = duration
    return msg

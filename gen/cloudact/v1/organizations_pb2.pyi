import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DryRunOnboardingRequest(_message.Message):
    __slots__ = ("org_slug", "company_name", "admin_email", "subscription_plan")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    COMPANY_NAME_FIELD_NUMBER: _ClassVar[int]
    ADMIN_EMAIL_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_PLAN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    company_name: str
    admin_email: str
    subscription_plan: str
    def __init__(self, org_slug: _Optional[str] = ..., company_name: _Optional[str] = ..., admin_email: _Optional[str] = ..., subscription_plan: _Optional[str] = ...) -> None: ...

class ValidationResult(_message.Message):
    __slots__ = ("check_name", "passed", "message")
    CHECK_NAME_FIELD_NUMBER: _ClassVar[int]
    PASSED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    check_name: str
    passed: bool
    message: str
    def __init__(self, check_name: _Optional[str] = ..., passed: _Optional[bool] = ..., message: _Optional[str] = ...) -> None: ...

class ValidationSummary(_message.Message):
    __slots__ = ("total_checks", "passed", "failed", "all_passed")
    TOTAL_CHECKS_FIELD_NUMBER: _ClassVar[int]
    PASSED_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    ALL_PASSED_FIELD_NUMBER: _ClassVar[int]
    total_checks: int
    passed: int
    failed: int
    all_passed: bool
    def __init__(self, total_checks: _Optional[int] = ..., passed: _Optional[int] = ..., failed: _Optional[int] = ..., all_passed: _Optional[bool] = ...) -> None: ...

class DryRunOnboardingResponse(_message.Message):
    __slots__ = ("status", "org_slug", "subscription_plan", "company_name", "admin_email", "validation_summary", "validation_results", "message", "ready_for_onboarding")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_PLAN_FIELD_NUMBER: _ClassVar[int]
    COMPANY_NAME_FIELD_NUMBER: _ClassVar[int]
    ADMIN_EMAIL_FIELD_NUMBER: _ClassVar[int]
    VALIDATION_SUMMARY_FIELD_NUMBER: _ClassVar[int]
    VALIDATION_RESULTS_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    READY_FOR_ONBOARDING_FIELD_NUMBER: _ClassVar[int]
    status: str
    org_slug: str
    subscription_plan: str
    company_name: str
    admin_email: str
    validation_summary: ValidationSummary
    validation_results: _containers.RepeatedCompositeFieldContainer[ValidationResult]
    message: str
    ready_for_onboarding: bool
    def __init__(self, status: _Optional[str] = ..., org_slug: _Optional[str] = ..., subscription_plan: _Optional[str] = ..., company_name: _Optional[str] = ..., admin_email: _Optional[str] = ..., validation_summary: _Optional[_Union[ValidationSummary, _Mapping]] = ..., validation_results: _Optional[_Iterable[_Union[ValidationResult, _Mapping]]] = ..., message: _Optional[str] = ..., ready_for_onboarding: _Optional[bool] = ...) -> None: ...

class OnboardOrganizationRequest(_message.Message):
    __slots__ = ("org_slug", "company_name", "admin_email", "subscription_plan", "dataset_location", "regenerate_api_key_if_exists", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    COMPANY_NAME_FIELD_NUMBER: _ClassVar[int]
    ADMIN_EMAIL_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_PLAN_FIELD_NUMBER: _ClassVar[int]
    DATASET_LOCATION_FIELD_NUMBER: _ClassVar[int]
    REGENERATE_API_KEY_IF_EXISTS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    company_name: str
    admin_email: str
    subscription_plan: str
    dataset_location: str
    regenerate_api_key_if_exists: bool
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., company_name: _Optional[str] = ..., admin_email: _Optional[str] = ..., subscription_plan: _Optional[str] = ..., dataset_location: _Optional[str] = ..., regenerate_api_key_if_exists: _Optional[bool] = ..., request_id: _Optional[str] = ...) -> None: ...

class OnboardOrganizationResponse(_message.Message):
    __slots__ = ("org_slug", "api_key", "subscription_plan", "dataset_id", "dataset_location", "dataset_created", "tables_created", "message")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    API_KEY_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_PLAN_FIELD_NUMBER: _ClassVar[int]
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    DATASET_LOCATION_FIELD_NUMBER: _ClassVar[int]
    DATASET_CREATED_FIELD_NUMBER: _ClassVar[int]
    TABLES_CREATED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    api_key: str
    subscription_plan: str
    dataset_id: str
    dataset_location: str
    dataset_created: bool
    tables_created: _containers.RepeatedScalarFieldContainer[str]
    message: str
    def __init__(self, org_slug: _Optional[str] = ..., api_key: _Optional[str] = ..., subscription_plan: _Optional[str] = ..., dataset_id: _Optional[str] = ..., dataset_location: _Optional[str] = ..., dataset_created: _Optional[bool] = ..., tables_created: _Optional[_Iterable[str]] = ..., message: _Optional[str] = ...) -> None: ...

class GetOrganizationRequest(_message.Message):
    __slots__ = ("org_slug",)
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    def __init__(self, org_slug: _Optional[str] = ...) -> None: ...

class Organization(_message.Message):
    __slots__ = ("org_slug", "company_name", "admin_email", "subscription_plan", "status", "dataset_id", "dataset_location", "create_time", "update_time")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    COMPANY_NAME_FIELD_NUMBER: _ClassVar[int]
    ADMIN_EMAIL_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_PLAN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    DATASET_LOCATION_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    company_name: str
    admin_email: str
    subscription_plan: str
    status: str
    dataset_id: str
    dataset_location: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, org_slug: _Optional[str] = ..., company_name: _Optional[str] = ..., admin_email: _Optional[str] = ..., subscription_plan: _Optional[str] = ..., status: _Optional[str] = ..., dataset_id: _Optional[str] = ..., dataset_location: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetSubscriptionRequest(_message.Message):
    __slots__ = ("org_slug",)
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    def __init__(self, org_slug: _Optional[str] = ...) -> None: ...

class OrgSubscription(_message.Message):
    __slots__ = ("org_slug", "subscription_id", "plan_name", "status", "daily_limit", "monthly_limit", "concurrent_limit", "seat_limit", "providers_limit", "trial_end_date", "create_time", "update_time")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    PLAN_NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DAILY_LIMIT_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_LIMIT_FIELD_NUMBER: _ClassVar[int]
    CONCURRENT_LIMIT_FIELD_NUMBER: _ClassVar[int]
    SEAT_LIMIT_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_LIMIT_FIELD_NUMBER: _ClassVar[int]
    TRIAL_END_DATE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    subscription_id: str
    plan_name: str
    status: str
    daily_limit: int
    monthly_limit: int
    concurrent_limit: int
    seat_limit: int
    providers_limit: int
    trial_end_date: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, org_slug: _Optional[str] = ..., subscription_id: _Optional[str] = ..., plan_name: _Optional[str] = ..., status: _Optional[str] = ..., daily_limit: _Optional[int] = ..., monthly_limit: _Optional[int] = ..., concurrent_limit: _Optional[int] = ..., seat_limit: _Optional[int] = ..., providers_limit: _Optional[int] = ..., trial_end_date: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class UpdateSubscriptionRequest(_message.Message):
    __slots__ = ("org_slug", "plan_name", "daily_limit", "monthly_limit", "concurrent_limit", "seat_limit", "providers_limit", "status", "trial_end_date", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PLAN_NAME_FIELD_NUMBER: _ClassVar[int]
    DAILY_LIMIT_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_LIMIT_FIELD_NUMBER: _ClassVar[int]
    CONCURRENT_LIMIT_FIELD_NUMBER: _ClassVar[int]
    SEAT_LIMIT_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_LIMIT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TRIAL_END_DATE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    plan_name: str
    daily_limit: int
    monthly_limit: int
    concurrent_limit: int
    seat_limit: int
    providers_limit: int
    status: str
    trial_end_date: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., plan_name: _Optional[str] = ..., daily_limit: _Optional[int] = ..., monthly_limit: _Optional[int] = ..., concurrent_limit: _Optional[int] = ..., seat_limit: _Optional[int] = ..., providers_limit: _Optional[int] = ..., status: _Optional[str] = ..., trial_end_date: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteOrganizationRequest(_message.Message):
    __slots__ = ("org_slug", "confirm_org_slug", "delete_dataset", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    CONFIRM_ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    DELETE_DATASET_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    confirm_org_slug: str
    delete_dataset: bool
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., confirm_org_slug: _Optional[str] = ..., delete_dataset: _Optional[bool] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteOrganizationResponse(_message.Message):
    __slots__ = ("org_slug", "status", "api_keys_revoked", "credentials_deactivated", "dataset_deleted", "message")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    API_KEYS_REVOKED_FIELD_NUMBER: _ClassVar[int]
    CREDENTIALS_DEACTIVATED_FIELD_NUMBER: _ClassVar[int]
    DATASET_DELETED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    status: str
    api_keys_revoked: int
    credentials_deactivated: int
    dataset_deleted: bool
    message: str
    def __init__(self, org_slug: _Optional[str] = ..., status: _Optional[str] = ..., api_keys_revoked: _Optional[int] = ..., credentials_deactivated: _Optional[int] = ..., dataset_deleted: _Optional[bool] = ..., message: _Optional[str] = ...) -> None: ...

class RotateApiKeyRequest(_message.Message):
    __slots__ = ("org_slug", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class RotateApiKeyResponse(_message.Message):
    __slots__ = ("org_slug", "api_key", "api_key_fingerprint", "previous_key_revoked", "message")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    API_KEY_FIELD_NUMBER: _ClassVar[int]
    API_KEY_FINGERPRINT_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_KEY_REVOKED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    api_key: str
    api_key_fingerprint: str
    previous_key_revoked: bool
    message: str
    def __init__(self, org_slug: _Optional[str] = ..., api_key: _Optional[str] = ..., api_key_fingerprint: _Optional[str] = ..., previous_key_revoked: _Optional[bool] = ..., message: _Optional[str] = ...) -> None: ...

class GetApiKeyInfoRequest(_message.Message):
    __slots__ = ("org_slug",)
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    def __init__(self, org_slug: _Optional[str] = ...) -> None: ...

class ApiKeyInfo(_message.Message):
    __slots__ = ("org_slug", "key_id", "key_prefix", "api_key_fingerprint", "is_active", "scopes", "create_time", "created_at")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_PREFIX_FIELD_NUMBER: _ClassVar[int]
    API_KEY_FINGERPRINT_FIELD_NUMBER: _ClassVar[int]
    IS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    SCOPES_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    key_id: str
    key_prefix: str
    api_key_fingerprint: str
    is_active: bool
    scopes: _containers.RepeatedScalarFieldContainer[str]
    create_time: _timestamp_pb2.Timestamp
    created_at: str
    def __init__(self, org_slug: _Optional[str] = ..., key_id: _Optional[str] = ..., key_prefix: _Optional[str] = ..., api_key_fingerprint: _Optional[str] = ..., is_active: _Optional[bool] = ..., scopes: _Optional[_Iterable[str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_at: _Optional[str] = ...) -> None: ...

class GetQuotaRequest(_message.Message):
    __slots__ = ("org_slug",)
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    def __init__(self, org_slug: _Optional[str] = ...) -> None: ...

class Quota(_message.Message):
    __slots__ = ("org_slug", "usage_date", "pipelines_run_today", "daily_limit", "pipelines_run_month", "monthly_limit", "concurrent_running", "concurrent_limit", "pipelines_succeeded_today", "pipelines_failed_today", "daily_usage_percent", "monthly_usage_percent")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    USAGE_DATE_FIELD_NUMBER: _ClassVar[int]
    PIPELINES_RUN_TODAY_FIELD_NUMBER: _ClassVar[int]
    DAILY_LIMIT_FIELD_NUMBER: _ClassVar[int]
    PIPELINES_RUN_MONTH_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_LIMIT_FIELD_NUMBER: _ClassVar[int]
    CONCURRENT_RUNNING_FIELD_NUMBER: _ClassVar[int]
    CONCURRENT_LIMIT_FIELD_NUMBER: _ClassVar[int]
    PIPELINES_SUCCEEDED_TODAY_FIELD_NUMBER: _ClassVar[int]
    PIPELINES_FAILED_TODAY_FIELD_NUMBER: _ClassVar[int]
    DAILY_USAGE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_USAGE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    usage_date: str
    pipelines_run_today: int
    daily_limit: int
    pipelines_run_month: int
    monthly_limit: int
    concurrent_running: int
    concurrent_limit: int
    pipelines_succeeded_today: int
    pipelines_failed_today: int
    daily_usage_percent: float
    monthly_usage_percent: float
    def __init__(self, org_slug: _Optional[str] = ..., usage_date: _Optional[str] = ..., pipelines_run_today: _Optional[int] = ..., daily_limit: _Optional[int] = ..., pipelines_run_month: _Optional[int] = ..., monthly_limit: _Optional[int] = ..., concurrent_running: _Optional[int] = ..., concurrent_limit: _Optional[int] = ..., pipelines_succeeded_today: _Optional[int] = ..., pipelines_failed_today: _Optional[int] = ..., daily_usage_percent: _Optional[float] = ..., monthly_usage_percent: _Optional[float] = ...) -> None: ...

class ReservePipelineRunRequest(_message.Message):
    __slots__ = ("org_slug", "pipeline_id", "request_id", "lease_seconds")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    LEASE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    pipeline_id: str
    request_id: str
    lease_seconds: int
    def __init__(self, org_slug: _Optional[str] = ..., pipeline_id: _Optional[str] = ..., request_id: _Optional[str] = ..., lease_seconds: _Optional[int] = ...) -> None: ...

class ReservePipelineRunResponse(_message.Message):
    __slots__ = ("run_id", "quota", "lease_expires_at")
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    QUOTA_FIELD_NUMBER: _ClassVar[int]
    LEASE_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    quota: Quota
    lease_expires_at: _timestamp_pb2.Timestamp
    def __init__(self, run_id: _Optional[str] = ..., quota: _Optional[_Union[Quota, _Mapping]] = ..., lease_expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CompletePipelineRunRequest(_message.Message):
    __slots__ = ("org_slug", "run_id", "succeeded", "error_message", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    SUCCEEDED_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    run_id: str
    succeeded: bool
    error_message: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., run_id: _Optional[str] = ..., succeeded: _Optional[bool] = ..., error_message: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class CompletePipelineRunResponse(_message.Message):
    __slots__ = ("run_id", "quota")
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    QUOTA_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    quota: Quota
    def __init__(self, run_id: _Optional[str] = ..., quota: _Optional[_Union[Quota, _Mapping]] = ...) -> None: ...

class RenewPipelineRunRequest(_message.Message):
    __slots__ = ("org_slug", "run_id", "lease_seconds")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    LEASE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    run_id: str
    lease_seconds: int
    def __init__(self, org_slug: _Optional[str] = ..., run_id: _Optional[str] = ..., lease_seconds: _Optional[int] = ...) -> None: ...

class RenewPipelineRunResponse(_message.Message):
    __slots__ = ("run_id", "lease_expires_at")
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    LEASE_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    run_id: str
    lease_expires_at: _timestamp_pb2.Timestamp
    def __init__(self, run_id: _Optional[str] = ..., lease_expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CancelPipelineRunRequest(_message.Message):
    __slots__ = ("org_slug", "run_id", "reason", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    run_id: str
    reason: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., run_id: _Optional[str] = ..., reason: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class CancelPipelineRunResponse(_message.Message):
    __slots__ = ("run",)
    RUN_FIELD_NUMBER: _ClassVar[int]
    run: PipelineRun
    def __init__(self, run: _Optional[_Union[PipelineRun, _Mapping]] = ...) -> None: ...

class ListPipelineRunsRequest(_message.Message):
    __slots__ = ("org_slug", "status", "pipeline_id", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    status: str
    pipeline_id: str
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., status: _Optional[str] = ..., pipeline_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListPipelineRunsResponse(_message.Message):
    __slots__ = ("runs", "total", "next_page_token")
    RUNS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    runs: _containers.RepeatedCompositeFieldContainer[PipelineRun]
    total: int
    next_page_token: str
    def __init__(self, runs: _Optional[_Iterable[_Union[PipelineRun, _Mapping]]] = ..., total: _Optional[int] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PipelineRun(_message.Message):
    __slots__ = ("org_slug", "run_id", "pipeline_id", "status", "trigger_type", "trigger_by", "start_time", "end_time", "duration_ms", "lease_expires_at", "error_message")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    RUN_ID_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_TYPE_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_BY_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    LEASE_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    run_id: str
    pipeline_id: str
    status: str
    trigger_type: str
    trigger_by: str
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    duration_ms: int
    lease_expires_at: _timestamp_pb2.Timestamp
    error_message: str
    def __init__(self, org_slug: _Optional[str] = ..., run_id: _Optional[str] = ..., pipeline_id: _Optional[str] = ..., status: _Optional[str] = ..., trigger_type: _Optional[str] = ..., trigger_by: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., duration_ms: _Optional[int] = ..., lease_expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., error_message: _Optional[str] = ...) -> None: ...

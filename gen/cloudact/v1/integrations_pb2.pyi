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

class SetupIntegrationRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "api_key", "credential", "credential_name", "metadata", "skip_validation", "request_id")
    class MetadataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    API_KEY_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_NAME_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    SKIP_VALIDATION_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    api_key: str
    credential: str
    credential_name: str
    metadata: _containers.ScalarMap[str, str]
    skip_validation: bool
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., api_key: _Optional[str] = ..., credential: _Optional[str] = ..., credential_name: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ..., skip_validation: _Optional[bool] = ..., request_id: _Optional[str] = ...) -> None: ...

class SetupIntegrationResponse(_message.Message):
    __slots__ = ("success", "provider", "credential_id", "validation_status", "validation_error", "message")
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATION_STATUS_FIELD_NUMBER: _ClassVar[int]
    VALIDATION_ERROR_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    success: bool
    provider: str
    credential_id: str
    validation_status: str
    validation_error: str
    message: str
    def __init__(self, success: _Optional[bool] = ..., provider: _Optional[str] = ..., credential_id: _Optional[str] = ..., validation_status: _Optional[str] = ..., validation_error: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class ValidateIntegrationRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ValidateIntegrationResponse(_message.Message):
    __slots__ = ("success", "provider", "credential_id", "validation_status", "validation_error", "message", "last_validate_time")
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATION_STATUS_FIELD_NUMBER: _ClassVar[int]
    VALIDATION_ERROR_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    LAST_VALIDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    success: bool
    provider: str
    credential_id: str
    validation_status: str
    validation_error: str
    message: str
    last_validate_time: _timestamp_pb2.Timestamp
    def __init__(self, success: _Optional[bool] = ..., provider: _Optional[str] = ..., credential_id: _Optional[str] = ..., validation_status: _Optional[str] = ..., validation_error: _Optional[str] = ..., message: _Optional[str] = ..., last_validate_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListIntegrationsRequest(_message.Message):
    __slots__ = ("org_slug",)
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    def __init__(self, org_slug: _Optional[str] = ...) -> None: ...

class Integration(_message.Message):
    __slots__ = ("provider", "status", "credential_id", "credential_name", "credential_type", "metadata", "last_error", "last_validate_time", "create_time", "update_time")
    class MetadataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_NAME_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    LAST_VALIDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    provider: str
    status: str
    credential_id: str
    credential_name: str
    credential_type: str
    metadata: _containers.ScalarMap[str, str]
    last_error: str
    last_validate_time: _timestamp_pb2.Timestamp
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, provider: _Optional[str] = ..., status: _Optional[str] = ..., credential_id: _Optional[str] = ..., credential_name: _Optional[str] = ..., credential_type: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ..., last_error: _Optional[str] = ..., last_validate_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListIntegrationsResponse(_message.Message):
    __slots__ = ("org_slug", "integrations", "all_valid", "providers_configured")
    class IntegrationsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: Integration
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[Integration, _Mapping]] = ...) -> None: ...
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    INTEGRATIONS_FIELD_NUMBER: _ClassVar[int]
    ALL_VALID_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_CONFIGURED_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    integrations: _containers.MessageMap[str, Integration]
    all_valid: bool
    providers_configured: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, org_slug: _Optional[str] = ..., integrations: _Optional[_Mapping[str, Integration]] = ..., all_valid: _Optional[bool] = ..., providers_configured: _Optional[_Iterable[str]] = ...) -> None: ...

class GetIntegrationRequest(_message.Message):
    __slots__ = ("org_slug", "provider")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ...) -> None: ...

class GetIntegrationResponse(_message.Message):
    __slots__ = ("integration",)
    INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    integration: Integration
    def __init__(self, integration: _Optional[_Union[Integration, _Mapping]] = ...) -> None: ...

class DeleteIntegrationRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteIntegrationResponse(_message.Message):
    __slots__ = ("success", "provider", "credential_id", "message")
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    success: bool
    provider: str
    credential_id: str
    message: str
    def __init__(self, success: _Optional[bool] = ..., provider: _Optional[str] = ..., credential_id: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class ListModelPricingRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "as_of_date", "include_history", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    AS_OF_DATE_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_HISTORY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    as_of_date: str
    include_history: bool
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., as_of_date: _Optional[str] = ..., include_history: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ModelPricing(_message.Message):
    __slots__ = ("provider", "model_id", "model_name", "price_per_1k_input_tokens", "price_per_1k_output_tokens", "price_per_1k_cached_input_tokens", "price_per_1k_batch_input_tokens", "price_per_1k_batch_output_tokens", "currency", "effective_date", "end_date", "notes", "is_custom", "create_time", "update_time", "input_price_per_1k", "output_price_per_1k")
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    MODEL_ID_FIELD_NUMBER: _ClassVar[int]
    MODEL_NAME_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_1K_INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_1K_OUTPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_1K_CACHED_INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_1K_BATCH_INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_1K_BATCH_OUTPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    IS_CUSTOM_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    INPUT_PRICE_PER_1K_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_PRICE_PER_1K_FIELD_NUMBER: _ClassVar[int]
    provider: str
    model_id: str
    model_name: str
    price_per_1k_input_tokens: float
    price_per_1k_output_tokens: float
    price_per_1k_cached_input_tokens: float
    price_per_1k_batch_input_tokens: float
    price_per_1k_batch_output_tokens: float
    currency: str
    effective_date: str
    end_date: str
    notes: str
    is_custom: bool
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    input_price_per_1k: float
    output_price_per_1k: float
    def __init__(self, provider: _Optional[str] = ..., model_id: _Optional[str] = ..., model_name: _Optional[str] = ..., price_per_1k_input_tokens: _Optional[float] = ..., price_per_1k_output_tokens: _Optional[float] = ..., price_per_1k_cached_input_tokens: _Optional[float] = ..., price_per_1k_batch_input_tokens: _Optional[float] = ..., price_per_1k_batch_output_tokens: _Optional[float] = ..., currency: _Optional[str] = ..., effective_date: _Optional[str] = ..., end_date: _Optional[str] = ..., notes: _Optional[str] = ..., is_custom: _Optional[bool] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., input_price_per_1k: _Optional[float] = ..., output_price_per_1k: _Optional[float] = ...) -> None: ...

class ListModelPricingResponse(_message.Message):
    __slots__ = ("org_slug", "provider", "pricing", "count", "next_page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PRICING_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    pricing: _containers.RepeatedCompositeFieldContainer[ModelPricing]
    count: int
    next_page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., pricing: _Optional[_Iterable[_Union[ModelPricing, _Mapping]]] = ..., count: _Optional[int] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateModelPricingRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "model_id", "model_name", "price_per_1k_input_tokens", "price_per_1k_output_tokens", "price_per_1k_cached_input_tokens", "price_per_1k_batch_input_tokens", "price_per_1k_batch_output_tokens", "currency", "effective_date", "end_date", "notes", "request_id", "input_price_per_1k", "output_price_per_1k")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    MODEL_ID_FIELD_NUMBER: _ClassVar[int]
    MODEL_NAME_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_1K_INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_1K_OUTPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_1K_CACHED_INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_1K_BATCH_INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_1K_BATCH_OUTPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    INPUT_PRICE_PER_1K_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_PRICE_PER_1K_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    model_id: str
    model_name: str
    price_per_1k_input_tokens: float
    price_per_1k_output_tokens: float
    price_per_1k_cached_input_tokens: float
    price_per_1k_batch_input_tokens: float
    price_per_1k_batch_output_tokens: float
    currency: str
    effective_date: str
    end_date: str
    notes: str
    request_id: str
    input_price_per_1k: float
    output_price_per_1k: float
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., model_id: _Optional[str] = ..., model_name: _Optional[str] = ..., price_per_1k_input_tokens: _Optional[float] = ..., price_per_1k_output_tokens: _Optional[float] = ..., price_per_1k_cached_input_tokens: _Optional[float] = ..., price_per_1k_batch_input_tokens: _Optional[float] = ..., price_per_1k_batch_output_tokens: _Optional[float] = ..., currency: _Optional[str] = ..., effective_date: _Optional[str] = ..., end_date: _Optional[str] = ..., notes: _Optional[str] = ..., request_id: _Optional[str] = ..., input_price_per_1k: _Optional[float] = ..., output_price_per_1k: _Optional[float] = ...) -> None: ...

class CreateModelPricingResponse(_message.Message):
    __slots__ = ("pricing",)
    PRICING_FIELD_NUMBER: _ClassVar[int]
    pricing: ModelPricing
    def __init__(self, pricing: _Optional[_Union[ModelPricing, _Mapping]] = ...) -> None: ...

class GetModelPricingRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "model_id", "as_of_date")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    MODEL_ID_FIELD_NUMBER: _ClassVar[int]
    AS_OF_DATE_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    model_id: str
    as_of_date: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., model_id: _Optional[str] = ..., as_of_date: _Optional[str] = ...) -> None: ...

class GetModelPricingResponse(_message.Message):
    __slots__ = ("pricing",)
    PRICING_FIELD_NUMBER: _ClassVar[int]
    pricing: ModelPricing
    def __init__(self, pricing: _Optional[_Union[ModelPricing, _Mapping]] = ...) -> None: ...

class UpdateModelPricingRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "model_id", "effective_date", "model_name", "price_per_1k_input_tokens", "price_per_1k_output_tokens", "price_per_1k_cached_input_tokens", "price_per_1k_batch_input_tokens", "price_per_1k_batch_output_tokens", "currency", "end_date", "notes", "request_id", "input_price_per_1k", "output_price_per_1k")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    MODEL_ID_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    MODEL_NAME_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_1K_INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_1K_OUTPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_1K_CACHED_INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_1K_BATCH_INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_1K_BATCH_OUTPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    INPUT_PRICE_PER_1K_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_PRICE_PER_1K_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    model_id: str
    effective_date: str
    model_name: str
    price_per_1k_input_tokens: float
    price_per_1k_output_tokens: float
    price_per_1k_cached_input_tokens: float
    price_per_1k_batch_input_tokens: float
    price_per_1k_batch_output_tokens: float
    currency: str
    end_date: str
    notes: str
    request_id: str
    input_price_per_1k: float
    output_price_per_1k: float
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., model_id: _Optional[str] = ..., effective_date: _Optional[str] = ..., model_name: _Optional[str] = ..., price_per_1k_input_tokens: _Optional[float] = ..., price_per_1k_output_tokens: _Optional[float] = ..., price_per_1k_cached_input_tokens: _Optional[float] = ..., price_per_1k_batch_input_tokens: _Optional[float] = ..., price_per_1k_batch_output_tokens: _Optional[float] = ..., currency: _Optional[str] = ..., end_date: _Optional[str] = ..., notes: _Optional[str] = ..., request_id: _Optional[str] = ..., input_price_per_1k: _Optional[float] = ..., output_price_per_1k: _Optional[float] = ...) -> None: ...

class UpdateModelPricingResponse(_message.Message):
    __slots__ = ("pricing",)
    PRICING_FIELD_NUMBER: _ClassVar[int]
    pricing: ModelPricing
    def __init__(self, pricing: _Optional[_Union[ModelPricing, _Mapping]] = ...) -> None: ...

class DeleteModelPricingRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "model_id", "effective_date", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    MODEL_ID_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    model_id: str
    effective_date: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., model_id: _Optional[str] = ..., effective_date: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteModelPricingResponse(_message.Message):
    __slots__ = ("model_id", "deleted_count")
    MODEL_ID_FIELD_NUMBER: _ClassVar[int]
    DELETED_COUNT_FIELD_NUMBER: _ClassVar[int]
    model_id: str
    deleted_count: int
    def __init__(self, model_id: _Optional[str] = ..., deleted_count: _Optional[int] = ...) -> None: ...

class ListLlmSubscriptionsRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "enabled_only", "page_size", "page_token", "show_deleted")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    ENABLED_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SHOW_DELETED_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    enabled_only: bool
    page_size: int
    page_token: str
    show_deleted: bool
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., enabled_only: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., show_deleted: _Optional[bool] = ...) -> None: ...

class LlmSubscription(_message.Message):
    __slots__ = ("provider", "subscription_name", "plan_name", "monthly_cost", "currency", "start_date", "end_date", "seats", "billing_cycle", "notes", "status", "create_time", "update_time", "quantity", "unit_price_usd", "subscription_id", "tier_type", "rpm_limit", "tpm_limit")
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_NAME_FIELD_NUMBER: _ClassVar[int]
    PLAN_NAME_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_COST_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    SEATS_FIELD_NUMBER: _ClassVar[int]
    BILLING_CYCLE_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    UNIT_PRICE_USD_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    TIER_TYPE_FIELD_NUMBER: _ClassVar[int]
    RPM_LIMIT_FIELD_NUMBER: _ClassVar[int]
    TPM_LIMIT_FIELD_NUMBER: _ClassVar[int]
    provider: str
    subscription_name: str
    plan_name: str
    monthly_cost: float
    currency: str
    start_date: str
    end_date: str
    seats: int
    billing_cycle: str
    notes: str
    status: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    quantity: int
    unit_price_usd: float
    subscription_id: str
    tier_type: str
    rpm_limit: int
    tpm_limit: int
    def __init__(self, provider: _Optional[str] = ..., subscription_name: _Optional[str] = ..., plan_name: _Optional[str] = ..., monthly_cost: _Optional[float] = ..., currency: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., seats: _Optional[int] = ..., billing_cycle: _Optional[str] = ..., notes: _Optional[str] = ..., status: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., quantity: _Optional[int] = ..., unit_price_usd: _Optional[float] = ..., subscription_id: _Optional[str] = ..., tier_type: _Optional[str] = ..., rpm_limit: _Optional[int] = ..., tpm_limit: _Optional[int] = ...) -> None: ...

class ListLlmSubscriptionsResponse(_message.Message):
    __slots__ = ("org_slug", "provider", "subscriptions", "count", "next_page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTIONS_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    subscriptions: _containers.RepeatedCompositeFieldContainer[LlmSubscription]
    count: int
    next_page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., subscriptions: _Optional[_Iterable[_Union[LlmSubscription, _Mapping]]] = ..., count: _Optional[int] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateLlmSubscriptionRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "subscription_name", "plan_name", "monthly_cost", "currency", "start_date", "end_date", "seats", "billing_cycle", "notes", "request_id", "quantity", "unit_price_usd", "effective_date", "subscription_id", "tier_type", "rpm_limit", "tpm_limit")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_NAME_FIELD_NUMBER: _ClassVar[int]
    PLAN_NAME_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_COST_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    SEATS_FIELD_NUMBER: _ClassVar[int]
    BILLING_CYCLE_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    UNIT_PRICE_USD_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    TIER_TYPE_FIELD_NUMBER: _ClassVar[int]
    RPM_LIMIT_FIELD_NUMBER: _ClassVar[int]
    TPM_LIMIT_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    subscription_name: str
    plan_name: str
    monthly_cost: float
    currency: str
    start_date: str
    end_date: str
    seats: int
    billing_cycle: str
    notes: str
    request_id: str
    quantity: int
    unit_price_usd: float
    effective_date: str
    subscription_id: str
    tier_type: str
    rpm_limit: int
    tpm_limit: int
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., subscription_name: _Optional[str] = ..., plan_name: _Optional[str] = ..., monthly_cost: _Optional[float] = ..., currency: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., seats: _Optional[int] = ..., billing_cycle: _Optional[str] = ..., notes: _Optional[str] = ..., request_id: _Optional[str] = ..., quantity: _Optional[int] = ..., unit_price_usd: _Optional[float] = ..., effective_date: _Optional[str] = ..., subscription_id: _Optional[str] = ..., tier_type: _Optional[str] = ..., rpm_limit: _Optional[int] = ..., tpm_limit: _Optional[int] = ...) -> None: ...

class CreateLlmSubscriptionResponse(_message.Message):
    __slots__ = ("subscription",)
    SUBSCRIPTION_FIELD_NUMBER: _ClassVar[int]
    subscription: LlmSubscription
    def __init__(self, subscription: _Optional[_Union[LlmSubscription, _Mapping]] = ...) -> None: ...

class GetLlmSubscriptionRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "subscription_name")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_NAME_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    subscription_name: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., subscription_name: _Optional[str] = ...) -> None: ...

class GetLlmSubscriptionResponse(_message.Message):
    __slots__ = ("subscription",)
    SUBSCRIPTION_FIELD_NUMBER: _ClassVar[int]
    subscription: LlmSubscription
    def __init__(self, subscription: _Optional[_Union[LlmSubscription, _Mapping]] = ...) -> None: ...

class UpdateLlmSubscriptionRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "subscription_name", "plan_name", "monthly_cost", "currency", "start_date", "end_date", "seats", "billing_cycle", "notes", "request_id", "quantity", "unit_price_usd", "effective_date", "rpm_limit", "tpm_limit")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_NAME_FIELD_NUMBER: _ClassVar[int]
    PLAN_NAME_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_COST_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    SEATS_FIELD_NUMBER: _ClassVar[int]
    BILLING_CYCLE_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    UNIT_PRICE_USD_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    RPM_LIMIT_FIELD_NUMBER: _ClassVar[int]
    TPM_LIMIT_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    subscription_name: str
    plan_name: str
    monthly_cost: float
    currency: str
    start_date: str
    end_date: str
    seats: int
    billing_cycle: str
    notes: str
    request_id: str
    quantity: int
    unit_price_usd: float
    effective_date: str
    rpm_limit: int
    tpm_limit: int
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., subscription_name: _Optional[str] = ..., plan_name: _Optional[str] = ..., monthly_cost: _Optional[float] = ..., currency: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., seats: _Optional[int] = ..., billing_cycle: _Optional[str] = ..., notes: _Optional[str] = ..., request_id: _Optional[str] = ..., quantity: _Optional[int] = ..., unit_price_usd: _Optional[float] = ..., effective_date: _Optional[str] = ..., rpm_limit: _Optional[int] = ..., tpm_limit: _Optional[int] = ...) -> None: ...

class UpdateLlmSubscriptionResponse(_message.Message):
    __slots__ = ("subscription",)
    SUBSCRIPTION_FIELD_NUMBER: _ClassVar[int]
    subscription: LlmSubscription
    def __init__(self, subscription: _Optional[_Union[LlmSubscription, _Mapping]] = ...) -> None: ...

class DeleteLlmSubscriptionRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "subscription_name", "end_date", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_NAME_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    subscription_name: str
    end_date: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., subscription_name: _Optional[str] = ..., end_date: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteLlmSubscriptionResponse(_message.Message):
    __slots__ = ("subscription",)
    SUBSCRIPTION_FIELD_NUMBER: _ClassVar[int]
    subscription: LlmSubscription
    def __init__(self, subscription: _Optional[_Union[LlmSubscription, _Mapping]] = ...) -> None: ...

class GetIntegrationCredentialRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "pipeline_run_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_RUN_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    pipeline_run_id: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., pipeline_run_id: _Optional[str] = ...) -> None: ...

class GetIntegrationCredentialResponse(_message.Message):
    __slots__ = ("credential", "credential_id", "credential_type", "validation_status", "metadata")
    class MetadataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    VALIDATION_STATUS_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    credential: str
    credential_id: str
    credential_type: str
    validation_status: str
    metadata: _containers.ScalarMap[str, str]
    def __init__(self, credential: _Optional[str] = ..., credential_id: _Optional[str] = ..., credential_type: _Optional[str] = ..., validation_status: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ...) -> None: ...

class RewrapCredentialsRequest(_message.Message):
    __slots__ = ("org_slug", "dry_run", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    dry_run: bool
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., dry_run: _Optional[bool] = ..., request_id: _Optional[str] = ...) -> None: ...

class RewrapCredentialsResponse(_message.Message):
    __slots__ = ("key_version", "total_count", "rewrapped_count", "skipped_count", "failed_count")
    KEY_VERSION_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COUNT_FIELD_NUMBER: _ClassVar[int]
    REWRAPPED_COUNT_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_COUNT_FIELD_NUMBER: _ClassVar[int]
    FAILED_COUNT_FIELD_NUMBER: _ClassVar[int]
    key_version: str
    total_count: int
    rewrapped_count: int
    skipped_count: int
    failed_count: int
    def __init__(self, key_version: _Optional[str] = ..., total_count: _Optional[int] = ..., rewrapped_count: _Optional[int] = ..., skipped_count: _Optional[int] = ..., failed_count: _Optional[int] = ...) -> None: ...

class ResetModelPricingRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ResetModelPricingResponse(_message.Message):
    __slots__ = ("org_slug", "provider", "pricing", "count", "deleted_count")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PRICING_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    DELETED_COUNT_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    pricing: _containers.RepeatedCompositeFieldContainer[ModelPricing]
    count: int
    deleted_count: int
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., pricing: _Optional[_Iterable[_Union[ModelPricing, _Mapping]]] = ..., count: _Optional[int] = ..., deleted_count: _Optional[int] = ...) -> None: ...

class ResetLlmSubscriptionsRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ResetLlmSubscriptionsResponse(_message.Message):
    __slots__ = ("org_slug", "provider", "subscriptions", "count", "cancelled_count")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTIONS_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_COUNT_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    subscriptions: _containers.RepeatedCompositeFieldContainer[LlmSubscription]
    count: int
    cancelled_count: int
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., subscriptions: _Optional[_Iterable[_Union[LlmSubscription, _Mapping]]] = ..., count: _Optional[int] = ..., cancelled_count: _Optional[int] = ...) -> None: ...

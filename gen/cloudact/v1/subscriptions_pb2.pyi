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

class ListSaasProvidersRequest(_message.Message):
    __slots__ = ("org_slug", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class SaasProvider(_message.Message):
    __slots__ = ("provider", "display_name", "category", "enabled", "plan_count")
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    PLAN_COUNT_FIELD_NUMBER: _ClassVar[int]
    provider: str
    display_name: str
    category: str
    enabled: bool
    plan_count: int
    def __init__(self, provider: _Optional[str] = ..., display_name: _Optional[str] = ..., category: _Optional[str] = ..., enabled: _Optional[bool] = ..., plan_count: _Optional[int] = ...) -> None: ...

class ListSaasProvidersResponse(_message.Message):
    __slots__ = ("providers", "next_page_token")
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    providers: _containers.RepeatedCompositeFieldContainer[SaasProvider]
    next_page_token: str
    def __init__(self, providers: _Optional[_Iterable[_Union[SaasProvider, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class EnableSaasProviderRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class EnableSaasProviderResponse(_message.Message):
    __slots__ = ("success", "provider", "plans_seeded", "message")
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PLANS_SEEDED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    success: bool
    provider: str
    plans_seeded: int
    message: str
    def __init__(self, success: _Optional[bool] = ..., provider: _Optional[str] = ..., plans_seeded: _Optional[int] = ..., message: _Optional[str] = ...) -> None: ...

class DisableSaasProviderRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "end_date", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    end_date: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., end_date: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DisableSaasProviderResponse(_message.Message):
    __slots__ = ("success", "provider", "plans_ended", "message")
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PLANS_ENDED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    success: bool
    provider: str
    plans_ended: int
    message: str
    def __init__(self, success: _Optional[bool] = ..., provider: _Optional[str] = ..., plans_ended: _Optional[int] = ..., message: _Optional[str] = ...) -> None: ...

class ListAvailableSaasPlansRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class SaasPlanTemplate(_message.Message):
    __slots__ = ("provider", "plan_name", "plan_type", "display_name", "category", "price_per_user_monthly", "unit_price", "currency", "billing_cycle", "pricing_model", "discount_percent", "notes", "unit_price_usd", "seats")
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PLAN_NAME_FIELD_NUMBER: _ClassVar[int]
    PLAN_TYPE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_USER_MONTHLY_FIELD_NUMBER: _ClassVar[int]
    UNIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    BILLING_CYCLE_FIELD_NUMBER: _ClassVar[int]
    PRICING_MODEL_FIELD_NUMBER: _ClassVar[int]
    DISCOUNT_PERCENT_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    UNIT_PRICE_USD_FIELD_NUMBER: _ClassVar[int]
    SEATS_FIELD_NUMBER: _ClassVar[int]
    provider: str
    plan_name: str
    plan_type: str
    display_name: str
    category: str
    price_per_user_monthly: float
    unit_price: float
    currency: str
    billing_cycle: str
    pricing_model: str
    discount_percent: float
    notes: str
    unit_price_usd: float
    seats: int
    def __init__(self, provider: _Optional[str] = ..., plan_name: _Optional[str] = ..., plan_type: _Optional[str] = ..., display_name: _Optional[str] = ..., category: _Optional[str] = ..., price_per_user_monthly: _Optional[float] = ..., unit_price: _Optional[float] = ..., currency: _Optional[str] = ..., billing_cycle: _Optional[str] = ..., pricing_model: _Optional[str] = ..., discount_percent: _Optional[float] = ..., notes: _Optional[str] = ..., unit_price_usd: _Optional[float] = ..., seats: _Optional[int] = ...) -> None: ...

class ListAvailableSaasPlansResponse(_message.Message):
    __slots__ = ("provider", "plans", "next_page_token")
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PLANS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    provider: str
    plans: _containers.RepeatedCompositeFieldContainer[SaasPlanTemplate]
    next_page_token: str
    def __init__(self, provider: _Optional[str] = ..., plans: _Optional[_Iterable[_Union[SaasPlanTemplate, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListSaasPlansRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "enabled_only", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    ENABLED_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    enabled_only: bool
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., enabled_only: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class SaasPlan(_message.Message):
    __slots__ = ("subscription_id", "version", "provider", "plan_name", "plan_type", "display_name", "category", "price_per_user_monthly", "unit_price", "currency", "number_of_users", "billing_cycle", "pricing_model", "discount_percent", "effective_date", "end_date", "status", "owner_email", "department", "renewal_date", "notes", "monthly_cost", "annual_cost", "create_time", "update_time", "unit_price_usd", "seats", "start_date")
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PLAN_NAME_FIELD_NUMBER: _ClassVar[int]
    PLAN_TYPE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_USER_MONTHLY_FIELD_NUMBER: _ClassVar[int]
    UNIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    NUMBER_OF_USERS_FIELD_NUMBER: _ClassVar[int]
    BILLING_CYCLE_FIELD_NUMBER: _ClassVar[int]
    PRICING_MODEL_FIELD_NUMBER: _ClassVar[int]
    DISCOUNT_PERCENT_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    OWNER_EMAIL_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    RENEWAL_DATE_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_COST_FIELD_NUMBER: _ClassVar[int]
    ANNUAL_COST_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UNIT_PRICE_USD_FIELD_NUMBER: _ClassVar[int]
    SEATS_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    subscription_id: str
    version: int
    provider: str
    plan_name: str
    plan_type: str
    display_name: str
    category: str
    price_per_user_monthly: float
    unit_price: float
    currency: str
    number_of_users: int
    billing_cycle: str
    pricing_model: str
    discount_percent: float
    effective_date: str
    end_date: str
    status: str
    owner_email: str
    department: str
    renewal_date: str
    notes: str
    monthly_cost: float
    annual_cost: float
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    unit_price_usd: float
    seats: int
    start_date: str
    def __init__(self, subscription_id: _Optional[str] = ..., version: _Optional[int] = ..., provider: _Optional[str] = ..., plan_name: _Optional[str] = ..., plan_type: _Optional[str] = ..., display_name: _Optional[str] = ..., category: _Optional[str] = ..., price_per_user_monthly: _Optional[float] = ..., unit_price: _Optional[float] = ..., currency: _Optional[str] = ..., number_of_users: _Optional[int] = ..., billing_cycle: _Optional[str] = ..., pricing_model: _Optional[str] = ..., discount_percent: _Optional[float] = ..., effective_date: _Optional[str] = ..., end_date: _Optional[str] = ..., status: _Optional[str] = ..., owner_email: _Optional[str] = ..., department: _Optional[str] = ..., renewal_date: _Optional[str] = ..., notes: _Optional[str] = ..., monthly_cost: _Optional[float] = ..., annual_cost: _Optional[float] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., unit_price_usd: _Optional[float] = ..., seats: _Optional[int] = ..., start_date: _Optional[str] = ...) -> None: ...

class SaasCurrencyTotal(_message.Message):
    __slots__ = ("currency", "monthly_cost", "annual_cost", "plan_count")
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_COST_FIELD_NUMBER: _ClassVar[int]
    ANNUAL_COST_FIELD_NUMBER: _ClassVar[int]
    PLAN_COUNT_FIELD_NUMBER: _ClassVar[int]
    currency: str
    monthly_cost: float
    annual_cost: float
    plan_count: int
    def __init__(self, currency: _Optional[str] = ..., monthly_cost: _Optional[float] = ..., annual_cost: _Optional[float] = ..., plan_count: _Optional[int] = ...) -> None: ...

class ListSaasPlansResponse(_message.Message):
    __slots__ = ("plans", "totals", "total_monthly_cost", "total_annual_cost", "currency", "total_count", "next_page_token")
    PLANS_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_MONTHLY_COST_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ANNUAL_COST_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COUNT_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    plans: _containers.RepeatedCompositeFieldContainer[SaasPlan]
    totals: _containers.RepeatedCompositeFieldContainer[SaasCurrencyTotal]
    total_monthly_cost: float
    total_annual_cost: float
    currency: str
    total_count: int
    next_page_token: str
    def __init__(self, plans: _Optional[_Iterable[_Union[SaasPlan, _Mapping]]] = ..., totals: _Optional[_Iterable[_Union[SaasCurrencyTotal, _Mapping]]] = ..., total_monthly_cost: _Optional[float] = ..., total_annual_cost: _Optional[float] = ..., currency: _Optional[str] = ..., total_count: _Optional[int] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateSaasPlanRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "plan_name", "plan_type", "display_name", "category", "price_per_user_monthly", "unit_price", "currency", "number_of_users", "billing_cycle", "pricing_model", "discount_percent", "effective_date", "end_date", "owner_email", "department", "renewal_date", "notes", "request_id", "unit_price_usd", "seats", "start_date")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PLAN_NAME_FIELD_NUMBER: _ClassVar[int]
    PLAN_TYPE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_USER_MONTHLY_FIELD_NUMBER: _ClassVar[int]
    UNIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    NUMBER_OF_USERS_FIELD_NUMBER: _ClassVar[int]
    BILLING_CYCLE_FIELD_NUMBER: _ClassVar[int]
    PRICING_MODEL_FIELD_NUMBER: _ClassVar[int]
    DISCOUNT_PERCENT_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    OWNER_EMAIL_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    RENEWAL_DATE_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_PRICE_USD_FIELD_NUMBER: _ClassVar[int]
    SEATS_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    plan_name: str
    plan_type: str
    display_name: str
    category: str
    price_per_user_monthly: float
    unit_price: float
    currency: str
    number_of_users: int
    billing_cycle: str
    pricing_model: str
    discount_percent: float
    effective_date: str
    end_date: str
    owner_email: str
    department: str
    renewal_date: str
    notes: str
    request_id: str
    unit_price_usd: float
    seats: int
    start_date: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., plan_name: _Optional[str] = ..., plan_type: _Optional[str] = ..., display_name: _Optional[str] = ..., category: _Optional[str] = ..., price_per_user_monthly: _Optional[float] = ..., unit_price: _Optional[float] = ..., currency: _Optional[str] = ..., number_of_users: _Optional[int] = ..., billing_cycle: _Optional[str] = ..., pricing_model: _Optional[str] = ..., discount_percent: _Optional[float] = ..., effective_date: _Optional[str] = ..., end_date: _Optional[str] = ..., owner_email: _Optional[str] = ..., department: _Optional[str] = ..., renewal_date: _Optional[str] = ..., notes: _Optional[str] = ..., request_id: _Optional[str] = ..., unit_price_usd: _Optional[float] = ..., seats: _Optional[int] = ..., start_date: _Optional[str] = ...) -> None: ...

class CreateSaasPlanResponse(_message.Message):
    __slots__ = ("success", "plan", "message")
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    PLAN_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    success: bool
    plan: SaasPlan
    message: str
    def __init__(self, success: _Optional[bool] = ..., plan: _Optional[_Union[SaasPlan, _Mapping]] = ..., message: _Optional[str] = ...) -> None: ...

class EditSaasPlanVersionRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "subscription_id", "effective_date", "plan_type", "display_name", "price_per_user_monthly", "unit_price", "currency", "number_of_users", "billing_cycle", "pricing_model", "discount_percent", "end_date", "owner_email", "department", "renewal_date", "notes", "request_id", "unit_price_usd", "seats")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    PLAN_TYPE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    PRICE_PER_USER_MONTHLY_FIELD_NUMBER: _ClassVar[int]
    UNIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    NUMBER_OF_USERS_FIELD_NUMBER: _ClassVar[int]
    BILLING_CYCLE_FIELD_NUMBER: _ClassVar[int]
    PRICING_MODEL_FIELD_NUMBER: _ClassVar[int]
    DISCOUNT_PERCENT_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    OWNER_EMAIL_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    RENEWAL_DATE_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_PRICE_USD_FIELD_NUMBER: _ClassVar[int]
    SEATS_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    subscription_id: str
    effective_date: str
    plan_type: str
    display_name: str
    price_per_user_monthly: float
    unit_price: float
    currency: str
    number_of_users: int
    billing_cycle: str
    pricing_model: str
    discount_percent: float
    end_date: str
    owner_email: str
    department: str
    renewal_date: str
    notes: str
    request_id: str
    unit_price_usd: float
    seats: int
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., subscription_id: _Optional[str] = ..., effective_date: _Optional[str] = ..., plan_type: _Optional[str] = ..., display_name: _Optional[str] = ..., price_per_user_monthly: _Optional[float] = ..., unit_price: _Optional[float] = ..., currency: _Optional[str] = ..., number_of_users: _Optional[int] = ..., billing_cycle: _Optional[str] = ..., pricing_model: _Optional[str] = ..., discount_percent: _Optional[float] = ..., end_date: _Optional[str] = ..., owner_email: _Optional[str] = ..., department: _Optional[str] = ..., renewal_date: _Optional[str] = ..., notes: _Optional[str] = ..., request_id: _Optional[str] = ..., unit_price_usd: _Optional[float] = ..., seats: _Optional[int] = ...) -> None: ...

class EditSaasPlanVersionResponse(_message.Message):
    __slots__ = ("success", "new_plan", "old_plan", "message")
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    NEW_PLAN_FIELD_NUMBER: _ClassVar[int]
    OLD_PLAN_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    success: bool
    new_plan: SaasPlan
    old_plan: SaasPlan
    message: str
    def __init__(self, success: _Optional[bool] = ..., new_plan: _Optional[_Union[SaasPlan, _Mapping]] = ..., old_plan: _Optional[_Union[SaasPlan, _Mapping]] = ..., message: _Optional[str] = ...) -> None: ...

class DeleteSaasPlanRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "subscription_id", "end_date", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    subscription_id: str
    end_date: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., subscription_id: _Optional[str] = ..., end_date: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteSaasPlanResponse(_message.Message):
    __slots__ = ("success", "subscription_id", "plan", "message")
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    PLAN_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    success: bool
    subscription_id: str
    plan: SaasPlan
    message: str
    def __init__(self, success: _Optional[bool] = ..., subscription_id: _Optional[str] = ..., plan: _Optional[_Union[SaasPlan, _Mapping]] = ..., message: _Optional[str] = ...) -> None: ...

class ListSaasPlanVersionsRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "subscription_id", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    subscription_id: str
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., subscription_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListSaasPlanVersionsResponse(_message.Message):
    __slots__ = ("subscription_id", "versions", "next_page_token")
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    VERSIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    subscription_id: str
    versions: _containers.RepeatedCompositeFieldContainer[SaasPlan]
    next_page_token: str
    def __init__(self, subscription_id: _Optional[str] = ..., versions: _Optional[_Iterable[_Union[SaasPlan, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListAllSaasPlansRequest(_message.Message):
    __slots__ = ("org_slug", "enabled_only", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    ENABLED_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    enabled_only: bool
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., enabled_only: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAllSaasPlansResponse(_message.Message):
    __slots__ = ("plans", "totals", "total_monthly_cost", "total_annual_cost", "currency", "total_count", "active_count", "next_page_token", "summary")
    PLANS_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_MONTHLY_COST_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ANNUAL_COST_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COUNT_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_COUNT_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    plans: _containers.RepeatedCompositeFieldContainer[SaasPlan]
    totals: _containers.RepeatedCompositeFieldContainer[SaasCurrencyTotal]
    total_monthly_cost: float
    total_annual_cost: float
    currency: str
    total_count: int
    active_count: int
    next_page_token: str
    summary: SaasPlansSummary
    def __init__(self, plans: _Optional[_Iterable[_Union[SaasPlan, _Mapping]]] = ..., totals: _Optional[_Iterable[_Union[SaasCurrencyTotal, _Mapping]]] = ..., total_monthly_cost: _Optional[float] = ..., total_annual_cost: _Optional[float] = ..., currency: _Optional[str] = ..., total_count: _Optional[int] = ..., active_count: _Optional[int] = ..., next_page_token: _Optional[str] = ..., summary: _Optional[_Union[SaasPlansSummary, _Mapping]] = ...) -> None: ...

class SaasPlansSummary(_message.Message):
    __slots__ = ("total_monthly_cost", "total_annual_cost", "enabled_count", "total_count", "count_by_category")
    class CountByCategoryEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    TOTAL_MONTHLY_COST_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ANNUAL_COST_FIELD_NUMBER: _ClassVar[int]
    ENABLED_COUNT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COUNT_FIELD_NUMBER: _ClassVar[int]
    COUNT_BY_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    total_monthly_cost: float
    total_annual_cost: float
    enabled_count: int
    total_count: int
    count_by_category: _containers.ScalarMap[str, int]
    def __init__(self, total_monthly_cost: _Optional[float] = ..., total_annual_cost: _Optional[float] = ..., enabled_count: _Optional[int] = ..., total_count: _Optional[int] = ..., count_by_category: _Optional[_Mapping[str, int]] = ...) -> None: ...

class UpdateSaasPlanRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "subscription_id", "status", "end_date", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    subscription_id: str
    status: str
    end_date: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., subscription_id: _Optional[str] = ..., status: _Optional[str] = ..., end_date: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class UpdateSaasPlanResponse(_message.Message):
    __slots__ = ("success", "plan", "message")
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    PLAN_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    success: bool
    plan: SaasPlan
    message: str
    def __init__(self, success: _Optional[bool] = ..., plan: _Optional[_Union[SaasPlan, _Mapping]] = ..., message: _Optional[str] = ...) -> None: ...

class ResetSaasProviderRequest(_message.Message):
    __slots__ = ("org_slug", "provider", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    provider: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., provider: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ResetSaasProviderResponse(_message.Message):
    __slots__ = ("success", "provider", "plans_seeded", "message")
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PLANS_SEEDED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    success: bool
    provider: str
    plans_seeded: int
    message: str
    def __init__(self, success: _Optional[bool] = ..., provider: _Optional[str] = ..., plans_seeded: _Optional[int] = ..., message: _Optional[str] = ...) -> None: ...

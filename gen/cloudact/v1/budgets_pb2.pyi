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

class BudgetScope(_message.Message):
    __slots__ = ("providers", "categories", "services", "sub_accounts", "tags")
    class TagsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    SUB_ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    providers: _containers.RepeatedScalarFieldContainer[str]
    categories: _containers.RepeatedScalarFieldContainer[str]
    services: _containers.RepeatedScalarFieldContainer[str]
    sub_accounts: _containers.RepeatedScalarFieldContainer[str]
    tags: _containers.ScalarMap[str, str]
    def __init__(self, providers: _Optional[_Iterable[str]] = ..., categories: _Optional[_Iterable[str]] = ..., services: _Optional[_Iterable[str]] = ..., sub_accounts: _Optional[_Iterable[str]] = ..., tags: _Optional[_Mapping[str, str]] = ...) -> None: ...

class BudgetThreshold(_message.Message):
    __slots__ = ("percent", "basis")
    PERCENT_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    percent: float
    basis: str
    def __init__(self, percent: _Optional[float] = ..., basis: _Optional[str] = ...) -> None: ...

class Budget(_message.Message):
    __slots__ = ("budget_id", "hierarchy_entity_id", "hierarchy_entity_name", "hierarchy_path", "hierarchy_level_code", "category", "budget_type", "budget_amount", "currency", "period_type", "period_start", "period_end", "provider", "notes", "is_active", "scope", "thresholds", "metric", "parent_budget_id", "allocation_percentage", "name", "version", "created_at", "updated_at")
    BUDGET_ID_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_NAME_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_PATH_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_LEVEL_CODE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    BUDGET_TYPE_FIELD_NUMBER: _ClassVar[int]
    BUDGET_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    PERIOD_TYPE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    IS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    PARENT_BUDGET_ID_FIELD_NUMBER: _ClassVar[int]
    ALLOCATION_PERCENTAGE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    budget_id: str
    hierarchy_entity_id: str
    hierarchy_entity_name: str
    hierarchy_path: str
    hierarchy_level_code: str
    category: str
    budget_type: str
    budget_amount: float
    currency: str
    period_type: str
    period_start: str
    period_end: str
    provider: str
    notes: str
    is_active: bool
    scope: BudgetScope
    thresholds: _containers.RepeatedCompositeFieldContainer[BudgetThreshold]
    metric: str
    parent_budget_id: str
    allocation_percentage: float
    name: str
    version: int
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, budget_id: _Optional[str] = ..., hierarchy_entity_id: _Optional[str] = ..., hierarchy_entity_name: _Optional[str] = ..., hierarchy_path: _Optional[str] = ..., hierarchy_level_code: _Optional[str] = ..., category: _Optional[str] = ..., budget_type: _Optional[str] = ..., budget_amount: _Optional[float] = ..., currency: _Optional[str] = ..., period_type: _Optional[str] = ..., period_start: _Optional[str] = ..., period_end: _Optional[str] = ..., provider: _Optional[str] = ..., notes: _Optional[str] = ..., is_active: _Optional[bool] = ..., scope: _Optional[_Union[BudgetScope, _Mapping]] = ..., thresholds: _Optional[_Iterable[_Union[BudgetThreshold, _Mapping]]] = ..., metric: _Optional[str] = ..., parent_budget_id: _Optional[str] = ..., allocation_percentage: _Optional[float] = ..., name: _Optional[str] = ..., version: _Optional[int] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListBudgetsRequest(_message.Message):
    __slots__ = ("org_slug", "category", "hierarchy_entity_id", "is_active", "period_type", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    IS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_TYPE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    category: str
    hierarchy_entity_id: str
    is_active: str
    period_type: str
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., category: _Optional[str] = ..., hierarchy_entity_id: _Optional[str] = ..., is_active: _Optional[str] = ..., period_type: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListBudgetsResponse(_message.Message):
    __slots__ = ("budgets", "total", "next_page_token")
    BUDGETS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    budgets: _containers.RepeatedCompositeFieldContainer[Budget]
    total: int
    next_page_token: str
    def __init__(self, budgets: _Optional[_Iterable[_Union[Budget, _Mapping]]] = ..., total: _Optional[int] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateBudgetRequest(_message.Message):
    __slots__ = ("org_slug", "hierarchy_entity_id", "hierarchy_entity_name", "hierarchy_path", "hierarchy_level_code", "category", "budget_type", "budget_amount", "currency", "period_type", "period_start", "period_end", "provider", "notes", "is_active", "scope", "thresholds", "metric", "name", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_NAME_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_PATH_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_LEVEL_CODE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    BUDGET_TYPE_FIELD_NUMBER: _ClassVar[int]
    BUDGET_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    PERIOD_TYPE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    IS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    hierarchy_entity_id: str
    hierarchy_entity_name: str
    hierarchy_path: str
    hierarchy_level_code: str
    category: str
    budget_type: str
    budget_amount: float
    currency: str
    period_type: str
    period_start: str
    period_end: str
    provider: str
    notes: str
    is_active: bool
    scope: BudgetScope
    thresholds: _containers.RepeatedCompositeFieldContainer[BudgetThreshold]
    metric: str
    name: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., hierarchy_entity_id: _Optional[str] = ..., hierarchy_entity_name: _Optional[str] = ..., hierarchy_path: _Optional[str] = ..., hierarchy_level_code: _Optional[str] = ..., category: _Optional[str] = ..., budget_type: _Optional[str] = ..., budget_amount: _Optional[float] = ..., currency: _Optional[str] = ..., period_type: _Optional[str] = ..., period_start: _Optional[str] = ..., period_end: _Optional[str] = ..., provider: _Optional[str] = ..., notes: _Optional[str] = ..., is_active: _Optional[bool] = ..., scope: _Optional[_Union[BudgetScope, _Mapping]] = ..., thresholds: _Optional[_Iterable[_Union[BudgetThreshold, _Mapping]]] = ..., metric: _Optional[str] = ..., name: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetBudgetRequest(_message.Message):
    __slots__ = ("org_slug", "budget_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    BUDGET_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    budget_id: str
    def __init__(self, org_slug: _Optional[str] = ..., budget_id: _Optional[str] = ...) -> None: ...

class UpdateBudgetRequest(_message.Message):
    __slots__ = ("org_slug", "budget_id", "hierarchy_entity_name", "hierarchy_path", "budget_amount", "currency", "period_type", "period_start", "period_end", "provider", "notes", "is_active", "scope", "thresholds", "replace_thresholds", "name", "version", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    BUDGET_ID_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_NAME_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_PATH_FIELD_NUMBER: _ClassVar[int]
    BUDGET_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    PERIOD_TYPE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    IS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    REPLACE_THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    budget_id: str
    hierarchy_entity_name: str
    hierarchy_path: str
    budget_amount: float
    currency: str
    period_type: str
    period_start: str
    period_end: str
    provider: str
    notes: str
    is_active: bool
    scope: BudgetScope
    thresholds: _containers.RepeatedCompositeFieldContainer[BudgetThreshold]
    replace_thresholds: bool
    name: str
    version: int
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., budget_id: _Optional[str] = ..., hierarchy_entity_name: _Optional[str] = ..., hierarchy_path: _Optional[str] = ..., budget_amount: _Optional[float] = ..., currency: _Optional[str] = ..., period_type: _Optional[str] = ..., period_start: _Optional[str] = ..., period_end: _Optional[str] = ..., provider: _Optional[str] = ..., notes: _Optional[str] = ..., is_active: _Optional[bool] = ..., scope: _Optional[_Union[BudgetScope, _Mapping]] = ..., thresholds: _Optional[_Iterable[_Union[BudgetThreshold, _Mapping]]] = ..., replace_thresholds: _Optional[bool] = ..., name: _Optional[str] = ..., version: _Optional[int] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteBudgetRequest(_message.Message):
    __slots__ = ("org_slug", "budget_id", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    BUDGET_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    budget_id: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., budget_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteBudgetResponse(_message.Message):
    __slots__ = ("deleted", "budget_id")
    DELETED_FIELD_NUMBER: _ClassVar[int]
    BUDGET_ID_FIELD_NUMBER: _ClassVar[int]
    deleted: bool
    budget_id: str
    def __init__(self, deleted: _Optional[bool] = ..., budget_id: _Optional[str] = ...) -> None: ...

class GetBudgetStatusRequest(_message.Message):
    __slots__ = ("org_slug", "budget_id", "as_of")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    BUDGET_ID_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    budget_id: str
    as_of: str
    def __init__(self, org_slug: _Optional[str] = ..., budget_id: _Optional[str] = ..., as_of: _Optional[str] = ...) -> None: ...

class ThresholdState(_message.Message):
    __slots__ = ("percent", "basis", "amount", "crossed")
    PERCENT_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CROSSED_FIELD_NUMBER: _ClassVar[int]
    percent: float
    basis: str
    amount: float
    crossed: bool
    def __init__(self, percent: _Optional[float] = ..., basis: _Optional[str] = ..., amount: _Optional[float] = ..., crossed: _Optional[bool] = ...) -> None: ...

class ForecastPoint(_message.Message):
    __slots__ = ("date", "mean", "lower", "upper")
    DATE_FIELD_NUMBER: _ClassVar[int]
    MEAN_FIELD_NUMBER: _ClassVar[int]
    LOWER_FIELD_NUMBER: _ClassVar[int]
    UPPER_FIELD_NUMBER: _ClassVar[int]
    date: str
    mean: float
    lower: float
    upper: float
    def __init__(self, date: _Optional[str] = ..., mean: _Optional[float] = ..., lower: _Optional[float] = ..., upper: _Optional[float] = ...) -> None: ...

class CurrencyAmount(_message.Message):
    __slots__ = ("currency", "amount")
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    currency: str
    amount: float
    def __init__(self, currency: _Optional[str] = ..., amount: _Optional[float] = ...) -> None: ...

class BudgetStatus(_message.Message):
    __slots__ = ("budget_id", "currency", "period_start", "period_end", "as_of", "budget_amount", "spent", "remaining", "percent_used", "forecast_total", "forecast_lower", "forecast_upper", "forecast_percent", "interval_level", "forecast_method", "history_days", "daily_forecast", "thresholds", "is_over_budget", "other_currencies")
    BUDGET_ID_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    BUDGET_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    SPENT_FIELD_NUMBER: _ClassVar[int]
    REMAINING_FIELD_NUMBER: _ClassVar[int]
    PERCENT_USED_FIELD_NUMBER: _ClassVar[int]
    FORECAST_TOTAL_FIELD_NUMBER: _ClassVar[int]
    FORECAST_LOWER_FIELD_NUMBER: _ClassVar[int]
    FORECAST_UPPER_FIELD_NUMBER: _ClassVar[int]
    FORECAST_PERCENT_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_LEVEL_FIELD_NUMBER: _ClassVar[int]
    FORECAST_METHOD_FIELD_NUMBER: _ClassVar[int]
    HISTORY_DAYS_FIELD_NUMBER: _ClassVar[int]
    DAILY_FORECAST_FIELD_NUMBER: _ClassVar[int]
    THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    IS_OVER_BUDGET_FIELD_NUMBER: _ClassVar[int]
    OTHER_CURRENCIES_FIELD_NUMBER: _ClassVar[int]
    budget_id: str
    currency: str
    period_start: str
    period_end: str
    as_of: str
    budget_amount: float
    spent: float
    remaining: float
    percent_used: float
    forecast_total: float
    forecast_lower: float
    forecast_upper: float
    forecast_percent: float
    interval_level: float
    forecast_method: str
    history_days: int
    daily_forecast: _containers.RepeatedCompositeFieldContainer[ForecastPoint]
    thresholds: _containers.RepeatedCompositeFieldContainer[ThresholdState]
    is_over_budget: bool
    other_currencies: _containers.RepeatedCompositeFieldContainer[CurrencyAmount]
    def __init__(self, budget_id: _Optional[str] = ..., currency: _Optional[str] = ..., period_start: _Optional[str] = ..., period_end: _Optional[str] = ..., as_of: _Optional[str] = ..., budget_amount: _Optional[float] = ..., spent: _Optional[float] = ..., remaining: _Optional[float] = ..., percent_used: _Optional[float] = ..., forecast_total: _Optional[float] = ..., forecast_lower: _Optional[float] = ..., forecast_upper: _Optional[float] = ..., forecast_percent: _Optional[float] = ..., interval_level: _Optional[float] = ..., forecast_method: _Optional[str] = ..., history_days: _Optional[int] = ..., daily_forecast: _Optional[_Iterable[_Union[ForecastPoint, _Mapping]]] = ..., thresholds: _Optional[_Iterable[_Union[ThresholdState, _Mapping]]] = ..., is_over_budget: _Optional[bool] = ..., other_currencies: _Optional[_Iterable[_Union[CurrencyAmount, _Mapping]]] = ...) -> None: ...

class ForecastCostsRequest(_message.Message):
    __slots__ = ("org_slug", "currency", "providers", "categories", "services", "metric", "start_date", "as_of", "end_date")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    currency: str
    providers: _containers.RepeatedScalarFieldContainer[str]
    categories: _containers.RepeatedScalarFieldContainer[str]
    services: _containers.RepeatedScalarFieldContainer[str]
    metric: str
    start_date: str
    as_of: str
    end_date: str
    def __init__(self, org_slug: _Optional[str] = ..., currency: _Optional[str] = ..., providers: _Optional[_Iterable[str]] = ..., categories: _Optional[_Iterable[str]] = ..., services: _Optional[_Iterable[str]] = ..., metric: _Optional[str] = ..., start_date: _Optional[str] = ..., as_of: _Optional[str] = ..., end_date: _Optional[str] = ...) -> None: ...

class ForecastCostsResponse(_message.Message):
    __slots__ = ("currency", "start_date", "as_of", "end_date", "actual", "forecast_total", "forecast_lower", "forecast_upper", "interval_level", "forecast_method", "history_days", "daily_forecast")
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    ACTUAL_FIELD_NUMBER: _ClassVar[int]
    FORECAST_TOTAL_FIELD_NUMBER: _ClassVar[int]
    FORECAST_LOWER_FIELD_NUMBER: _ClassVar[int]
    FORECAST_UPPER_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_LEVEL_FIELD_NUMBER: _ClassVar[int]
    FORECAST_METHOD_FIELD_NUMBER: _ClassVar[int]
    HISTORY_DAYS_FIELD_NUMBER: _ClassVar[int]
    DAILY_FORECAST_FIELD_NUMBER: _ClassVar[int]
    currency: str
    start_date: str
    as_of: str
    end_date: str
    actual: float
    forecast_total: float
    forecast_lower: float
    forecast_upper: float
    interval_level: float
    forecast_method: str
    history_days: int
    daily_forecast: _containers.RepeatedCompositeFieldContainer[ForecastPoint]
    def __init__(self, currency: _Optional[str] = ..., start_date: _Optional[str] = ..., as_of: _Optional[str] = ..., end_date: _Optional[str] = ..., actual: _Optional[float] = ..., forecast_total: _Optional[float] = ..., forecast_lower: _Optional[float] = ..., forecast_upper: _Optional[float] = ..., interval_level: _Optional[float] = ..., forecast_method: _Optional[str] = ..., history_days: _Optional[int] = ..., daily_forecast: _Optional[_Iterable[_Union[ForecastPoint, _Mapping]]] = ...) -> None: ...

class GetBudgetSummaryRequest(_message.Message):
    __slots__ = ("org_slug", "category", "hierarchy_entity_id", "period_type", "period_start", "period_end")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_TYPE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    category: str
    hierarchy_entity_id: str
    period_type: str
    period_start: str
    period_end: str
    def __init__(self, org_slug: _Optional[str] = ..., category: _Optional[str] = ..., hierarchy_entity_id: _Optional[str] = ..., period_type: _Optional[str] = ..., period_start: _Optional[str] = ..., period_end: _Optional[str] = ...) -> None: ...

class BudgetSummaryItem(_message.Message):
    __slots__ = ("budget_id", "hierarchy_entity_id", "hierarchy_entity_name", "hierarchy_path", "hierarchy_level_code", "category", "provider", "budget_amount", "actual_amount", "variance", "variance_percent", "currency", "period_type", "period_start", "period_end", "is_over_budget")
    BUDGET_ID_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_NAME_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_PATH_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_LEVEL_CODE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    BUDGET_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    ACTUAL_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    VARIANCE_FIELD_NUMBER: _ClassVar[int]
    VARIANCE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    PERIOD_TYPE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    IS_OVER_BUDGET_FIELD_NUMBER: _ClassVar[int]
    budget_id: str
    hierarchy_entity_id: str
    hierarchy_entity_name: str
    hierarchy_path: str
    hierarchy_level_code: str
    category: str
    provider: str
    budget_amount: float
    actual_amount: float
    variance: float
    variance_percent: float
    currency: str
    period_type: str
    period_start: str
    period_end: str
    is_over_budget: bool
    def __init__(self, budget_id: _Optional[str] = ..., hierarchy_entity_id: _Optional[str] = ..., hierarchy_entity_name: _Optional[str] = ..., hierarchy_path: _Optional[str] = ..., hierarchy_level_code: _Optional[str] = ..., category: _Optional[str] = ..., provider: _Optional[str] = ..., budget_amount: _Optional[float] = ..., actual_amount: _Optional[float] = ..., variance: _Optional[float] = ..., variance_percent: _Optional[float] = ..., currency: _Optional[str] = ..., period_type: _Optional[str] = ..., period_start: _Optional[str] = ..., period_end: _Optional[str] = ..., is_over_budget: _Optional[bool] = ...) -> None: ...

class BudgetCurrencyTotal(_message.Message):
    __slots__ = ("currency", "total_budget", "total_actual", "total_variance", "total_variance_percent")
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_BUDGET_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ACTUAL_FIELD_NUMBER: _ClassVar[int]
    TOTAL_VARIANCE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_VARIANCE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    currency: str
    total_budget: float
    total_actual: float
    total_variance: float
    total_variance_percent: float
    def __init__(self, currency: _Optional[str] = ..., total_budget: _Optional[float] = ..., total_actual: _Optional[float] = ..., total_variance: _Optional[float] = ..., total_variance_percent: _Optional[float] = ...) -> None: ...

class GetBudgetSummaryResponse(_message.Message):
    __slots__ = ("items", "total_budget", "total_actual", "total_variance", "total_variance_percent", "currency", "budgets_over", "budgets_under", "budgets_total", "totals_by_currency")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_BUDGET_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ACTUAL_FIELD_NUMBER: _ClassVar[int]
    TOTAL_VARIANCE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_VARIANCE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    BUDGETS_OVER_FIELD_NUMBER: _ClassVar[int]
    BUDGETS_UNDER_FIELD_NUMBER: _ClassVar[int]
    BUDGETS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    TOTALS_BY_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[BudgetSummaryItem]
    total_budget: float
    total_actual: float
    total_variance: float
    total_variance_percent: float
    currency: str
    budgets_over: int
    budgets_under: int
    budgets_total: int
    totals_by_currency: _containers.RepeatedCompositeFieldContainer[BudgetCurrencyTotal]
    def __init__(self, items: _Optional[_Iterable[_Union[BudgetSummaryItem, _Mapping]]] = ..., total_budget: _Optional[float] = ..., total_actual: _Optional[float] = ..., total_variance: _Optional[float] = ..., total_variance_percent: _Optional[float] = ..., currency: _Optional[str] = ..., budgets_over: _Optional[int] = ..., budgets_under: _Optional[int] = ..., budgets_total: _Optional[int] = ..., totals_by_currency: _Optional[_Iterable[_Union[BudgetCurrencyTotal, _Mapping]]] = ...) -> None: ...

class GetBudgetsByCategoryRequest(_message.Message):
    __slots__ = ("org_slug", "hierarchy_entity_id", "period_type", "period_start", "period_end")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_TYPE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    hierarchy_entity_id: str
    period_type: str
    period_start: str
    period_end: str
    def __init__(self, org_slug: _Optional[str] = ..., hierarchy_entity_id: _Optional[str] = ..., period_type: _Optional[str] = ..., period_start: _Optional[str] = ..., period_end: _Optional[str] = ...) -> None: ...

class CategoryBudget(_message.Message):
    __slots__ = ("category", "budget_amount", "actual_amount", "variance", "variance_percent", "budget_count", "currency", "is_over_budget")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    BUDGET_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    ACTUAL_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    VARIANCE_FIELD_NUMBER: _ClassVar[int]
    VARIANCE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    BUDGET_COUNT_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    IS_OVER_BUDGET_FIELD_NUMBER: _ClassVar[int]
    category: str
    budget_amount: float
    actual_amount: float
    variance: float
    variance_percent: float
    budget_count: int
    currency: str
    is_over_budget: bool
    def __init__(self, category: _Optional[str] = ..., budget_amount: _Optional[float] = ..., actual_amount: _Optional[float] = ..., variance: _Optional[float] = ..., variance_percent: _Optional[float] = ..., budget_count: _Optional[int] = ..., currency: _Optional[str] = ..., is_over_budget: _Optional[bool] = ...) -> None: ...

class GetBudgetsByCategoryResponse(_message.Message):
    __slots__ = ("items", "currency")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[CategoryBudget]
    currency: str
    def __init__(self, items: _Optional[_Iterable[_Union[CategoryBudget, _Mapping]]] = ..., currency: _Optional[str] = ...) -> None: ...

class GetBudgetsByProviderRequest(_message.Message):
    __slots__ = ("org_slug", "category", "hierarchy_entity_id", "period_type", "period_start", "period_end")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_TYPE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    category: str
    hierarchy_entity_id: str
    period_type: str
    period_start: str
    period_end: str
    def __init__(self, org_slug: _Optional[str] = ..., category: _Optional[str] = ..., hierarchy_entity_id: _Optional[str] = ..., period_type: _Optional[str] = ..., period_start: _Optional[str] = ..., period_end: _Optional[str] = ...) -> None: ...

class ProviderBudget(_message.Message):
    __slots__ = ("provider", "category", "budget_amount", "actual_amount", "variance", "variance_percent", "currency", "is_over_budget")
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    BUDGET_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    ACTUAL_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    VARIANCE_FIELD_NUMBER: _ClassVar[int]
    VARIANCE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    IS_OVER_BUDGET_FIELD_NUMBER: _ClassVar[int]
    provider: str
    category: str
    budget_amount: float
    actual_amount: float
    variance: float
    variance_percent: float
    currency: str
    is_over_budget: bool
    def __init__(self, provider: _Optional[str] = ..., category: _Optional[str] = ..., budget_amount: _Optional[float] = ..., actual_amount: _Optional[float] = ..., variance: _Optional[float] = ..., variance_percent: _Optional[float] = ..., currency: _Optional[str] = ..., is_over_budget: _Optional[bool] = ...) -> None: ...

class GetBudgetsByProviderResponse(_message.Message):
    __slots__ = ("category", "items", "currency")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    category: str
    items: _containers.RepeatedCompositeFieldContainer[ProviderBudget]
    currency: str
    def __init__(self, category: _Optional[str] = ..., items: _Optional[_Iterable[_Union[ProviderBudget, _Mapping]]] = ..., currency: _Optional[str] = ...) -> None: ...

class GetAllocationTreeRequest(_message.Message):
    __slots__ = ("org_slug", "category", "root_entity_id", "period_type", "period_start", "period_end")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    ROOT_ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_TYPE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    category: str
    root_entity_id: str
    period_type: str
    period_start: str
    period_end: str
    def __init__(self, org_slug: _Optional[str] = ..., category: _Optional[str] = ..., root_entity_id: _Optional[str] = ..., period_type: _Optional[str] = ..., period_start: _Optional[str] = ..., period_end: _Optional[str] = ...) -> None: ...

class AllocationNode(_message.Message):
    __slots__ = ("budget_id", "hierarchy_entity_id", "hierarchy_entity_name", "hierarchy_path", "hierarchy_level_code", "category", "budget_amount", "allocated_to_children", "unallocated", "actual_amount", "variance", "currency", "children")
    BUDGET_ID_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_NAME_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_PATH_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_LEVEL_CODE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    BUDGET_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    ALLOCATED_TO_CHILDREN_FIELD_NUMBER: _ClassVar[int]
    UNALLOCATED_FIELD_NUMBER: _ClassVar[int]
    ACTUAL_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    VARIANCE_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    CHILDREN_FIELD_NUMBER: _ClassVar[int]
    budget_id: str
    hierarchy_entity_id: str
    hierarchy_entity_name: str
    hierarchy_path: str
    hierarchy_level_code: str
    category: str
    budget_amount: float
    allocated_to_children: float
    unallocated: float
    actual_amount: float
    variance: float
    currency: str
    children: _containers.RepeatedCompositeFieldContainer[AllocationNode]
    def __init__(self, budget_id: _Optional[str] = ..., hierarchy_entity_id: _Optional[str] = ..., hierarchy_entity_name: _Optional[str] = ..., hierarchy_path: _Optional[str] = ..., hierarchy_level_code: _Optional[str] = ..., category: _Optional[str] = ..., budget_amount: _Optional[float] = ..., allocated_to_children: _Optional[float] = ..., unallocated: _Optional[float] = ..., actual_amount: _Optional[float] = ..., variance: _Optional[float] = ..., currency: _Optional[str] = ..., children: _Optional[_Iterable[_Union[AllocationNode, _Mapping]]] = ...) -> None: ...

class GetAllocationTreeResponse(_message.Message):
    __slots__ = ("roots", "total_budget", "total_allocated", "currency")
    ROOTS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_BUDGET_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ALLOCATED_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    roots: _containers.RepeatedCompositeFieldContainer[AllocationNode]
    total_budget: float
    total_allocated: float
    currency: str
    def __init__(self, roots: _Optional[_Iterable[_Union[AllocationNode, _Mapping]]] = ..., total_budget: _Optional[float] = ..., total_allocated: _Optional[float] = ..., currency: _Optional[str] = ...) -> None: ...

class BudgetAllocationInput(_message.Message):
    __slots__ = ("hierarchy_entity_id", "hierarchy_entity_name", "hierarchy_path", "hierarchy_level_code", "percentage", "provider", "notes")
    HIERARCHY_ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_NAME_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_PATH_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_LEVEL_CODE_FIELD_NUMBER: _ClassVar[int]
    PERCENTAGE_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    hierarchy_entity_id: str
    hierarchy_entity_name: str
    hierarchy_path: str
    hierarchy_level_code: str
    percentage: float
    provider: str
    notes: str
    def __init__(self, hierarchy_entity_id: _Optional[str] = ..., hierarchy_entity_name: _Optional[str] = ..., hierarchy_path: _Optional[str] = ..., hierarchy_level_code: _Optional[str] = ..., percentage: _Optional[float] = ..., provider: _Optional[str] = ..., notes: _Optional[str] = ...) -> None: ...

class AllocateBudgetRequest(_message.Message):
    __slots__ = ("org_slug", "hierarchy_entity_id", "hierarchy_entity_name", "hierarchy_path", "hierarchy_level_code", "category", "budget_type", "budget_amount", "currency", "period_type", "period_start", "period_end", "provider", "notes", "allocations", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_NAME_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_PATH_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_LEVEL_CODE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    BUDGET_TYPE_FIELD_NUMBER: _ClassVar[int]
    BUDGET_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    PERIOD_TYPE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    ALLOCATIONS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    hierarchy_entity_id: str
    hierarchy_entity_name: str
    hierarchy_path: str
    hierarchy_level_code: str
    category: str
    budget_type: str
    budget_amount: float
    currency: str
    period_type: str
    period_start: str
    period_end: str
    provider: str
    notes: str
    allocations: _containers.RepeatedCompositeFieldContainer[BudgetAllocationInput]
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., hierarchy_entity_id: _Optional[str] = ..., hierarchy_entity_name: _Optional[str] = ..., hierarchy_path: _Optional[str] = ..., hierarchy_level_code: _Optional[str] = ..., category: _Optional[str] = ..., budget_type: _Optional[str] = ..., budget_amount: _Optional[float] = ..., currency: _Optional[str] = ..., period_type: _Optional[str] = ..., period_start: _Optional[str] = ..., period_end: _Optional[str] = ..., provider: _Optional[str] = ..., notes: _Optional[str] = ..., allocations: _Optional[_Iterable[_Union[BudgetAllocationInput, _Mapping]]] = ..., request_id: _Optional[str] = ...) -> None: ...

class AllocatedChild(_message.Message):
    __slots__ = ("budget", "allocation_id", "allocated_amount", "allocation_percentage")
    BUDGET_FIELD_NUMBER: _ClassVar[int]
    ALLOCATION_ID_FIELD_NUMBER: _ClassVar[int]
    ALLOCATED_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    ALLOCATION_PERCENTAGE_FIELD_NUMBER: _ClassVar[int]
    budget: Budget
    allocation_id: str
    allocated_amount: float
    allocation_percentage: float
    def __init__(self, budget: _Optional[_Union[Budget, _Mapping]] = ..., allocation_id: _Optional[str] = ..., allocated_amount: _Optional[float] = ..., allocation_percentage: _Optional[float] = ...) -> None: ...

class AllocateBudgetResponse(_message.Message):
    __slots__ = ("parent_budget", "children", "total_allocated", "total_allocated_percentage", "unallocated_amount", "unallocated_percentage")
    PARENT_BUDGET_FIELD_NUMBER: _ClassVar[int]
    CHILDREN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ALLOCATED_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ALLOCATED_PERCENTAGE_FIELD_NUMBER: _ClassVar[int]
    UNALLOCATED_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    UNALLOCATED_PERCENTAGE_FIELD_NUMBER: _ClassVar[int]
    parent_budget: Budget
    children: _containers.RepeatedCompositeFieldContainer[AllocatedChild]
    total_allocated: float
    total_allocated_percentage: float
    unallocated_amount: float
    unallocated_percentage: float
    def __init__(self, parent_budget: _Optional[_Union[Budget, _Mapping]] = ..., children: _Optional[_Iterable[_Union[AllocatedChild, _Mapping]]] = ..., total_allocated: _Optional[float] = ..., total_allocated_percentage: _Optional[float] = ..., unallocated_amount: _Optional[float] = ..., unallocated_percentage: _Optional[float] = ...) -> None: ...

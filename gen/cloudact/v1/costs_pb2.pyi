import datetime

from cloudact.v1 import focus_pb2 as _focus_pb2
from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CostCurrencyTotal(_message.Message):
    __slots__ = ("currency", "total_cost", "billed_cost", "effective_cost", "list_cost", "record_count")
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COST_FIELD_NUMBER: _ClassVar[int]
    BILLED_COST_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_COST_FIELD_NUMBER: _ClassVar[int]
    LIST_COST_FIELD_NUMBER: _ClassVar[int]
    RECORD_COUNT_FIELD_NUMBER: _ClassVar[int]
    currency: str
    total_cost: float
    billed_cost: float
    effective_cost: float
    list_cost: float
    record_count: int
    def __init__(self, currency: _Optional[str] = ..., total_cost: _Optional[float] = ..., billed_cost: _Optional[float] = ..., effective_cost: _Optional[float] = ..., list_cost: _Optional[float] = ..., record_count: _Optional[int] = ...) -> None: ...

class GetCostSummaryRequest(_message.Message):
    __slots__ = ("org_slug", "start_date", "end_date", "providers", "categories", "currency", "metric", "top_n")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    TOP_N_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    start_date: str
    end_date: str
    providers: _containers.RepeatedScalarFieldContainer[str]
    categories: _containers.RepeatedScalarFieldContainer[str]
    currency: str
    metric: str
    top_n: int
    def __init__(self, org_slug: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., providers: _Optional[_Iterable[str]] = ..., categories: _Optional[_Iterable[str]] = ..., currency: _Optional[str] = ..., metric: _Optional[str] = ..., top_n: _Optional[int] = ...) -> None: ...

class ProviderCost(_message.Message):
    __slots__ = ("provider", "currency", "total_cost", "billed_cost", "effective_cost", "list_cost", "percent_of_total", "record_count", "categories")
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COST_FIELD_NUMBER: _ClassVar[int]
    BILLED_COST_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_COST_FIELD_NUMBER: _ClassVar[int]
    LIST_COST_FIELD_NUMBER: _ClassVar[int]
    PERCENT_OF_TOTAL_FIELD_NUMBER: _ClassVar[int]
    RECORD_COUNT_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    provider: str
    currency: str
    total_cost: float
    billed_cost: float
    effective_cost: float
    list_cost: float
    percent_of_total: float
    record_count: int
    categories: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, provider: _Optional[str] = ..., currency: _Optional[str] = ..., total_cost: _Optional[float] = ..., billed_cost: _Optional[float] = ..., effective_cost: _Optional[float] = ..., list_cost: _Optional[float] = ..., percent_of_total: _Optional[float] = ..., record_count: _Optional[int] = ..., categories: _Optional[_Iterable[str]] = ...) -> None: ...

class CategoryCost(_message.Message):
    __slots__ = ("category", "currency", "total_cost", "percent_of_total", "record_count")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COST_FIELD_NUMBER: _ClassVar[int]
    PERCENT_OF_TOTAL_FIELD_NUMBER: _ClassVar[int]
    RECORD_COUNT_FIELD_NUMBER: _ClassVar[int]
    category: str
    currency: str
    total_cost: float
    percent_of_total: float
    record_count: int
    def __init__(self, category: _Optional[str] = ..., currency: _Optional[str] = ..., total_cost: _Optional[float] = ..., percent_of_total: _Optional[float] = ..., record_count: _Optional[int] = ...) -> None: ...

class CostTrendPoint(_message.Message):
    __slots__ = ("period", "currency", "total_cost", "billed_cost", "effective_cost", "record_count")
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COST_FIELD_NUMBER: _ClassVar[int]
    BILLED_COST_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_COST_FIELD_NUMBER: _ClassVar[int]
    RECORD_COUNT_FIELD_NUMBER: _ClassVar[int]
    period: str
    currency: str
    total_cost: float
    billed_cost: float
    effective_cost: float
    record_count: int
    def __init__(self, period: _Optional[str] = ..., currency: _Optional[str] = ..., total_cost: _Optional[float] = ..., billed_cost: _Optional[float] = ..., effective_cost: _Optional[float] = ..., record_count: _Optional[int] = ...) -> None: ...

class ServiceCost(_message.Message):
    __slots__ = ("service_name", "provider", "category", "service_category", "currency", "total_cost", "billed_cost", "effective_cost", "percent_of_total", "record_count")
    SERVICE_NAME_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SERVICE_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COST_FIELD_NUMBER: _ClassVar[int]
    BILLED_COST_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_COST_FIELD_NUMBER: _ClassVar[int]
    PERCENT_OF_TOTAL_FIELD_NUMBER: _ClassVar[int]
    RECORD_COUNT_FIELD_NUMBER: _ClassVar[int]
    service_name: str
    provider: str
    category: str
    service_category: str
    currency: str
    total_cost: float
    billed_cost: float
    effective_cost: float
    percent_of_total: float
    record_count: int
    def __init__(self, service_name: _Optional[str] = ..., provider: _Optional[str] = ..., category: _Optional[str] = ..., service_category: _Optional[str] = ..., currency: _Optional[str] = ..., total_cost: _Optional[float] = ..., billed_cost: _Optional[float] = ..., effective_cost: _Optional[float] = ..., percent_of_total: _Optional[float] = ..., record_count: _Optional[int] = ...) -> None: ...

class GetCostSummaryResponse(_message.Message):
    __slots__ = ("total_cost", "currency", "breakdown_by_provider", "breakdown_by_category", "daily_trend", "top_services", "totals_by_currency", "start_date", "end_date", "metric", "record_count")
    TOTAL_COST_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    BREAKDOWN_BY_PROVIDER_FIELD_NUMBER: _ClassVar[int]
    BREAKDOWN_BY_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    DAILY_TREND_FIELD_NUMBER: _ClassVar[int]
    TOP_SERVICES_FIELD_NUMBER: _ClassVar[int]
    TOTALS_BY_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    RECORD_COUNT_FIELD_NUMBER: _ClassVar[int]
    total_cost: float
    currency: str
    breakdown_by_provider: _containers.RepeatedCompositeFieldContainer[ProviderCost]
    breakdown_by_category: _containers.RepeatedCompositeFieldContainer[CategoryCost]
    daily_trend: _containers.RepeatedCompositeFieldContainer[CostTrendPoint]
    top_services: _containers.RepeatedCompositeFieldContainer[ServiceCost]
    totals_by_currency: _containers.RepeatedCompositeFieldContainer[CostCurrencyTotal]
    start_date: str
    end_date: str
    metric: str
    record_count: int
    def __init__(self, total_cost: _Optional[float] = ..., currency: _Optional[str] = ..., breakdown_by_provider: _Optional[_Iterable[_Union[ProviderCost, _Mapping]]] = ..., breakdown_by_category: _Optional[_Iterable[_Union[CategoryCost, _Mapping]]] = ..., daily_trend: _Optional[_Iterable[_Union[CostTrendPoint, _Mapping]]] = ..., top_services: _Optional[_Iterable[_Union[ServiceCost, _Mapping]]] = ..., totals_by_currency: _Optional[_Iterable[_Union[CostCurrencyTotal, _Mapping]]] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., metric: _Optional[str] = ..., record_count: _Optional[int] = ...) -> None: ...

class ListCostsRequest(_message.Message):
    __slots__ = ("org_slug", "start_date", "end_date", "providers", "categories", "currency", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    start_date: str
    end_date: str
    providers: _containers.RepeatedScalarFieldContainer[str]
    categories: _containers.RepeatedScalarFieldContainer[str]
    currency: str
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., providers: _Optional[_Iterable[str]] = ..., categories: _Optional[_Iterable[str]] = ..., currency: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class CostRow(_message.Message):
    __slots__ = ("charge_date", "charge_period_start", "charge_period_end", "billing_period_start", "billing_period_end", "billed_cost", "effective_cost", "list_cost", "contracted_cost", "billing_currency", "provider_name", "publisher_name", "invoice_issuer_name", "service_name", "service_category", "service_subcategory", "charge_category", "charge_class", "charge_frequency", "charge_description", "billing_account_id", "sub_account_id", "sub_account_name", "region_id", "region_name", "resource_id", "resource_name", "resource_type", "sku_id", "sku_price_id", "sku_meter", "pricing_quantity", "pricing_unit", "consumed_quantity", "consumed_unit", "list_unit_price", "contracted_unit_price", "pricing_category", "invoice_id", "tags", "x_category", "x_source_system", "x_source_record_id", "update_time")
    class TagsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CHARGE_DATE_FIELD_NUMBER: _ClassVar[int]
    CHARGE_PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    CHARGE_PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    BILLING_PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    BILLING_PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    BILLED_COST_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_COST_FIELD_NUMBER: _ClassVar[int]
    LIST_COST_FIELD_NUMBER: _ClassVar[int]
    CONTRACTED_COST_FIELD_NUMBER: _ClassVar[int]
    BILLING_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_NAME_FIELD_NUMBER: _ClassVar[int]
    PUBLISHER_NAME_FIELD_NUMBER: _ClassVar[int]
    INVOICE_ISSUER_NAME_FIELD_NUMBER: _ClassVar[int]
    SERVICE_NAME_FIELD_NUMBER: _ClassVar[int]
    SERVICE_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SERVICE_SUBCATEGORY_FIELD_NUMBER: _ClassVar[int]
    CHARGE_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CHARGE_CLASS_FIELD_NUMBER: _ClassVar[int]
    CHARGE_FREQUENCY_FIELD_NUMBER: _ClassVar[int]
    CHARGE_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    BILLING_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SUB_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SUB_ACCOUNT_NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_NAME_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_NAME_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_TYPE_FIELD_NUMBER: _ClassVar[int]
    SKU_ID_FIELD_NUMBER: _ClassVar[int]
    SKU_PRICE_ID_FIELD_NUMBER: _ClassVar[int]
    SKU_METER_FIELD_NUMBER: _ClassVar[int]
    PRICING_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    PRICING_UNIT_FIELD_NUMBER: _ClassVar[int]
    CONSUMED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    CONSUMED_UNIT_FIELD_NUMBER: _ClassVar[int]
    LIST_UNIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    CONTRACTED_UNIT_PRICE_FIELD_NUMBER: _ClassVar[int]
    PRICING_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    INVOICE_ID_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    X_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    X_SOURCE_SYSTEM_FIELD_NUMBER: _ClassVar[int]
    X_SOURCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    charge_date: str
    charge_period_start: _timestamp_pb2.Timestamp
    charge_period_end: _timestamp_pb2.Timestamp
    billing_period_start: _timestamp_pb2.Timestamp
    billing_period_end: _timestamp_pb2.Timestamp
    billed_cost: float
    effective_cost: float
    list_cost: float
    contracted_cost: float
    billing_currency: str
    provider_name: str
    publisher_name: str
    invoice_issuer_name: str
    service_name: str
    service_category: str
    service_subcategory: str
    charge_category: str
    charge_class: str
    charge_frequency: str
    charge_description: str
    billing_account_id: str
    sub_account_id: str
    sub_account_name: str
    region_id: str
    region_name: str
    resource_id: str
    resource_name: str
    resource_type: str
    sku_id: str
    sku_price_id: str
    sku_meter: str
    pricing_quantity: float
    pricing_unit: str
    consumed_quantity: float
    consumed_unit: str
    list_unit_price: float
    contracted_unit_price: float
    pricing_category: str
    invoice_id: str
    tags: _containers.ScalarMap[str, str]
    x_category: str
    x_source_system: str
    x_source_record_id: str
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, charge_date: _Optional[str] = ..., charge_period_start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., charge_period_end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., billing_period_start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., billing_period_end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., billed_cost: _Optional[float] = ..., effective_cost: _Optional[float] = ..., list_cost: _Optional[float] = ..., contracted_cost: _Optional[float] = ..., billing_currency: _Optional[str] = ..., provider_name: _Optional[str] = ..., publisher_name: _Optional[str] = ..., invoice_issuer_name: _Optional[str] = ..., service_name: _Optional[str] = ..., service_category: _Optional[str] = ..., service_subcategory: _Optional[str] = ..., charge_category: _Optional[str] = ..., charge_class: _Optional[str] = ..., charge_frequency: _Optional[str] = ..., charge_description: _Optional[str] = ..., billing_account_id: _Optional[str] = ..., sub_account_id: _Optional[str] = ..., sub_account_name: _Optional[str] = ..., region_id: _Optional[str] = ..., region_name: _Optional[str] = ..., resource_id: _Optional[str] = ..., resource_name: _Optional[str] = ..., resource_type: _Optional[str] = ..., sku_id: _Optional[str] = ..., sku_price_id: _Optional[str] = ..., sku_meter: _Optional[str] = ..., pricing_quantity: _Optional[float] = ..., pricing_unit: _Optional[str] = ..., consumed_quantity: _Optional[float] = ..., consumed_unit: _Optional[str] = ..., list_unit_price: _Optional[float] = ..., contracted_unit_price: _Optional[float] = ..., pricing_category: _Optional[str] = ..., invoice_id: _Optional[str] = ..., tags: _Optional[_Mapping[str, str]] = ..., x_category: _Optional[str] = ..., x_source_system: _Optional[str] = ..., x_source_record_id: _Optional[str] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListCostsResponse(_message.Message):
    __slots__ = ("costs", "total_size", "next_page_token")
    COSTS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    costs: _containers.RepeatedCompositeFieldContainer[CostRow]
    total_size: int
    next_page_token: str
    def __init__(self, costs: _Optional[_Iterable[_Union[CostRow, _Mapping]]] = ..., total_size: _Optional[int] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetCostsByProviderRequest(_message.Message):
    __slots__ = ("org_slug", "start_date", "end_date", "providers", "categories", "currency", "metric")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    start_date: str
    end_date: str
    providers: _containers.RepeatedScalarFieldContainer[str]
    categories: _containers.RepeatedScalarFieldContainer[str]
    currency: str
    metric: str
    def __init__(self, org_slug: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., providers: _Optional[_Iterable[str]] = ..., categories: _Optional[_Iterable[str]] = ..., currency: _Optional[str] = ..., metric: _Optional[str] = ...) -> None: ...

class GetCostsByProviderResponse(_message.Message):
    __slots__ = ("providers", "totals_by_currency", "start_date", "end_date")
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    TOTALS_BY_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    providers: _containers.RepeatedCompositeFieldContainer[ProviderCost]
    totals_by_currency: _containers.RepeatedCompositeFieldContainer[CostCurrencyTotal]
    start_date: str
    end_date: str
    def __init__(self, providers: _Optional[_Iterable[_Union[ProviderCost, _Mapping]]] = ..., totals_by_currency: _Optional[_Iterable[_Union[CostCurrencyTotal, _Mapping]]] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ...) -> None: ...

class GetCostsByServiceRequest(_message.Message):
    __slots__ = ("org_slug", "start_date", "end_date", "providers", "categories", "currency", "metric", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    start_date: str
    end_date: str
    providers: _containers.RepeatedScalarFieldContainer[str]
    categories: _containers.RepeatedScalarFieldContainer[str]
    currency: str
    metric: str
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., providers: _Optional[_Iterable[str]] = ..., categories: _Optional[_Iterable[str]] = ..., currency: _Optional[str] = ..., metric: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class GetCostsByServiceResponse(_message.Message):
    __slots__ = ("services", "totals_by_currency", "start_date", "end_date", "next_page_token")
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    TOTALS_BY_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    services: _containers.RepeatedCompositeFieldContainer[ServiceCost]
    totals_by_currency: _containers.RepeatedCompositeFieldContainer[CostCurrencyTotal]
    start_date: str
    end_date: str
    next_page_token: str
    def __init__(self, services: _Optional[_Iterable[_Union[ServiceCost, _Mapping]]] = ..., totals_by_currency: _Optional[_Iterable[_Union[CostCurrencyTotal, _Mapping]]] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetCostTrendRequest(_message.Message):
    __slots__ = ("org_slug", "start_date", "end_date", "providers", "categories", "currency", "metric", "granularity")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    GRANULARITY_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    start_date: str
    end_date: str
    providers: _containers.RepeatedScalarFieldContainer[str]
    categories: _containers.RepeatedScalarFieldContainer[str]
    currency: str
    metric: str
    granularity: str
    def __init__(self, org_slug: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., providers: _Optional[_Iterable[str]] = ..., categories: _Optional[_Iterable[str]] = ..., currency: _Optional[str] = ..., metric: _Optional[str] = ..., granularity: _Optional[str] = ...) -> None: ...

class GetCostTrendResponse(_message.Message):
    __slots__ = ("points", "totals_by_currency", "granularity", "start_date", "end_date")
    POINTS_FIELD_NUMBER: _ClassVar[int]
    TOTALS_BY_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    GRANULARITY_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    points: _containers.RepeatedCompositeFieldContainer[CostTrendPoint]
    totals_by_currency: _containers.RepeatedCompositeFieldContainer[CostCurrencyTotal]
    granularity: str
    start_date: str
    end_date: str
    def __init__(self, points: _Optional[_Iterable[_Union[CostTrendPoint, _Mapping]]] = ..., totals_by_currency: _Optional[_Iterable[_Union[CostCurrencyTotal, _Mapping]]] = ..., granularity: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ...) -> None: ...

class GetCostPivotRequest(_message.Message):
    __slots__ = ("org_slug", "start_date", "end_date", "providers", "categories", "currency", "rows", "columns", "metric", "granularity", "column_limit", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    GRANULARITY_FIELD_NUMBER: _ClassVar[int]
    COLUMN_LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    start_date: str
    end_date: str
    providers: _containers.RepeatedScalarFieldContainer[str]
    categories: _containers.RepeatedScalarFieldContainer[str]
    currency: str
    rows: _containers.RepeatedScalarFieldContainer[str]
    columns: _containers.RepeatedScalarFieldContainer[str]
    metric: str
    granularity: str
    column_limit: int
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., providers: _Optional[_Iterable[str]] = ..., categories: _Optional[_Iterable[str]] = ..., currency: _Optional[str] = ..., rows: _Optional[_Iterable[str]] = ..., columns: _Optional[_Iterable[str]] = ..., metric: _Optional[str] = ..., granularity: _Optional[str] = ..., column_limit: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class CostPivotColumn(_message.Message):
    __slots__ = ("values",)
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, values: _Optional[_Iterable[str]] = ...) -> None: ...

class CostPivotRow(_message.Message):
    __slots__ = ("values", "currency", "cells", "total")
    VALUES_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    CELLS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedScalarFieldContainer[str]
    currency: str
    cells: _containers.RepeatedScalarFieldContainer[float]
    total: float
    def __init__(self, values: _Optional[_Iterable[str]] = ..., currency: _Optional[str] = ..., cells: _Optional[_Iterable[float]] = ..., total: _Optional[float] = ...) -> None: ...

class CostPivotTotal(_message.Message):
    __slots__ = ("currency", "cells", "total")
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    CELLS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    currency: str
    cells: _containers.RepeatedScalarFieldContainer[float]
    total: float
    def __init__(self, currency: _Optional[str] = ..., cells: _Optional[_Iterable[float]] = ..., total: _Optional[float] = ...) -> None: ...

class GetCostPivotResponse(_message.Message):
    __slots__ = ("row_dimensions", "column_dimensions", "metric", "column_headers", "rows", "column_totals", "start_date", "end_date", "next_page_token")
    ROW_DIMENSIONS_FIELD_NUMBER: _ClassVar[int]
    COLUMN_DIMENSIONS_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    COLUMN_HEADERS_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    COLUMN_TOTALS_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    row_dimensions: _containers.RepeatedScalarFieldContainer[str]
    column_dimensions: _containers.RepeatedScalarFieldContainer[str]
    metric: str
    column_headers: _containers.RepeatedCompositeFieldContainer[CostPivotColumn]
    rows: _containers.RepeatedCompositeFieldContainer[CostPivotRow]
    column_totals: _containers.RepeatedCompositeFieldContainer[CostPivotTotal]
    start_date: str
    end_date: str
    next_page_token: str
    def __init__(self, row_dimensions: _Optional[_Iterable[str]] = ..., column_dimensions: _Optional[_Iterable[str]] = ..., metric: _Optional[str] = ..., column_headers: _Optional[_Iterable[_Union[CostPivotColumn, _Mapping]]] = ..., rows: _Optional[_Iterable[_Union[CostPivotRow, _Mapping]]] = ..., column_totals: _Optional[_Iterable[_Union[CostPivotTotal, _Mapping]]] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ExportCostsRequest(_message.Message):
    __slots__ = ("org_slug", "start_date", "end_date", "providers", "categories", "currency", "format", "columns", "layout")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    LAYOUT_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    start_date: str
    end_date: str
    providers: _containers.RepeatedScalarFieldContainer[str]
    categories: _containers.RepeatedScalarFieldContainer[str]
    currency: str
    format: str
    columns: _containers.RepeatedScalarFieldContainer[str]
    layout: str
    def __init__(self, org_slug: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., providers: _Optional[_Iterable[str]] = ..., categories: _Optional[_Iterable[str]] = ..., currency: _Optional[str] = ..., format: _Optional[str] = ..., columns: _Optional[_Iterable[str]] = ..., layout: _Optional[str] = ...) -> None: ...

class GetSaasSubscriptionCostsRequest(_message.Message):
    __slots__ = ("org_slug", "start_date", "end_date", "providers", "currency", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    start_date: str
    end_date: str
    providers: _containers.RepeatedScalarFieldContainer[str]
    currency: str
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., providers: _Optional[_Iterable[str]] = ..., currency: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class SaasPlanCost(_message.Message):
    __slots__ = ("subscription_id", "provider", "plan_name", "display_name", "currency", "total_cost", "days_charged", "daily_run_rate", "monthly_run_rate", "annual_run_rate", "number_of_users", "pricing_model", "billing_cycle", "status")
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PLAN_NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COST_FIELD_NUMBER: _ClassVar[int]
    DAYS_CHARGED_FIELD_NUMBER: _ClassVar[int]
    DAILY_RUN_RATE_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_RUN_RATE_FIELD_NUMBER: _ClassVar[int]
    ANNUAL_RUN_RATE_FIELD_NUMBER: _ClassVar[int]
    NUMBER_OF_USERS_FIELD_NUMBER: _ClassVar[int]
    PRICING_MODEL_FIELD_NUMBER: _ClassVar[int]
    BILLING_CYCLE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    subscription_id: str
    provider: str
    plan_name: str
    display_name: str
    currency: str
    total_cost: float
    days_charged: int
    daily_run_rate: float
    monthly_run_rate: float
    annual_run_rate: float
    number_of_users: int
    pricing_model: str
    billing_cycle: str
    status: str
    def __init__(self, subscription_id: _Optional[str] = ..., provider: _Optional[str] = ..., plan_name: _Optional[str] = ..., display_name: _Optional[str] = ..., currency: _Optional[str] = ..., total_cost: _Optional[float] = ..., days_charged: _Optional[int] = ..., daily_run_rate: _Optional[float] = ..., monthly_run_rate: _Optional[float] = ..., annual_run_rate: _Optional[float] = ..., number_of_users: _Optional[int] = ..., pricing_model: _Optional[str] = ..., billing_cycle: _Optional[str] = ..., status: _Optional[str] = ...) -> None: ...

class SaasRunRateTotal(_message.Message):
    __slots__ = ("currency", "total_cost", "daily_run_rate", "monthly_run_rate", "annual_run_rate", "plan_count")
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COST_FIELD_NUMBER: _ClassVar[int]
    DAILY_RUN_RATE_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_RUN_RATE_FIELD_NUMBER: _ClassVar[int]
    ANNUAL_RUN_RATE_FIELD_NUMBER: _ClassVar[int]
    PLAN_COUNT_FIELD_NUMBER: _ClassVar[int]
    currency: str
    total_cost: float
    daily_run_rate: float
    monthly_run_rate: float
    annual_run_rate: float
    plan_count: int
    def __init__(self, currency: _Optional[str] = ..., total_cost: _Optional[float] = ..., daily_run_rate: _Optional[float] = ..., monthly_run_rate: _Optional[float] = ..., annual_run_rate: _Optional[float] = ..., plan_count: _Optional[int] = ...) -> None: ...

class GetSaasSubscriptionCostsResponse(_message.Message):
    __slots__ = ("plans", "totals", "total_cost", "total_monthly_cost", "total_annual_cost", "currency", "start_date", "end_date", "next_page_token", "success", "data", "summary", "cache_hit", "query_time_ms")
    PLANS_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COST_FIELD_NUMBER: _ClassVar[int]
    TOTAL_MONTHLY_COST_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ANNUAL_COST_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    CACHE_HIT_FIELD_NUMBER: _ClassVar[int]
    QUERY_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    plans: _containers.RepeatedCompositeFieldContainer[SaasPlanCost]
    totals: _containers.RepeatedCompositeFieldContainer[SaasRunRateTotal]
    total_cost: float
    total_monthly_cost: float
    total_annual_cost: float
    currency: str
    start_date: str
    end_date: str
    next_page_token: str
    success: bool
    data: _containers.RepeatedCompositeFieldContainer[_focus_pb2.SaasFocusRow]
    summary: SaasCostSummary
    cache_hit: bool
    query_time_ms: int
    def __init__(self, plans: _Optional[_Iterable[_Union[SaasPlanCost, _Mapping]]] = ..., totals: _Optional[_Iterable[_Union[SaasRunRateTotal, _Mapping]]] = ..., total_cost: _Optional[float] = ..., total_monthly_cost: _Optional[float] = ..., total_annual_cost: _Optional[float] = ..., currency: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., next_page_token: _Optional[str] = ..., success: _Optional[bool] = ..., data: _Optional[_Iterable[_Union[_focus_pb2.SaasFocusRow, _Mapping]]] = ..., summary: _Optional[_Union[SaasCostSummary, _Mapping]] = ..., cache_hit: _Optional[bool] = ..., query_time_ms: _Optional[int] = ...) -> None: ...

class IngestCostRowsRequest(_message.Message):
    __slots__ = ("org_slug", "arrow_ipc_stream", "batch_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    ARROW_IPC_STREAM_FIELD_NUMBER: _ClassVar[int]
    BATCH_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    arrow_ipc_stream: bytes
    batch_id: str
    def __init__(self, org_slug: _Optional[str] = ..., arrow_ipc_stream: _Optional[bytes] = ..., batch_id: _Optional[str] = ...) -> None: ...

class IngestCostRowsResponse(_message.Message):
    __slots__ = ("inserted_rows", "already_stored")
    INSERTED_ROWS_FIELD_NUMBER: _ClassVar[int]
    ALREADY_STORED_FIELD_NUMBER: _ClassVar[int]
    inserted_rows: int
    already_stored: bool
    def __init__(self, inserted_rows: _Optional[int] = ..., already_stored: _Optional[bool] = ...) -> None: ...

class NotifyCostsChangedRequest(_message.Message):
    __slots__ = ("org_slug", "start_date", "end_date")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    start_date: str
    end_date: str
    def __init__(self, org_slug: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ...) -> None: ...

class NotifyCostsChangedResponse(_message.Message):
    __slots__ = ("forgotten_days", "dropped_results")
    FORGOTTEN_DAYS_FIELD_NUMBER: _ClassVar[int]
    DROPPED_RESULTS_FIELD_NUMBER: _ClassVar[int]
    forgotten_days: int
    dropped_results: int
    def __init__(self, forgotten_days: _Optional[int] = ..., dropped_results: _Optional[int] = ...) -> None: ...

class SaasCostSummary(_message.Message):
    __slots__ = ("total_billed_cost", "total_monthly_cost", "total_annual_cost", "providers", "service_categories", "record_count", "date_range")
    TOTAL_BILLED_COST_FIELD_NUMBER: _ClassVar[int]
    TOTAL_MONTHLY_COST_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ANNUAL_COST_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    SERVICE_CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    RECORD_COUNT_FIELD_NUMBER: _ClassVar[int]
    DATE_RANGE_FIELD_NUMBER: _ClassVar[int]
    total_billed_cost: float
    total_monthly_cost: float
    total_annual_cost: float
    providers: _containers.RepeatedScalarFieldContainer[str]
    service_categories: _containers.RepeatedScalarFieldContainer[str]
    record_count: int
    date_range: SaasCostDateRange
    def __init__(self, total_billed_cost: _Optional[float] = ..., total_monthly_cost: _Optional[float] = ..., total_annual_cost: _Optional[float] = ..., providers: _Optional[_Iterable[str]] = ..., service_categories: _Optional[_Iterable[str]] = ..., record_count: _Optional[int] = ..., date_range: _Optional[_Union[SaasCostDateRange, _Mapping]] = ...) -> None: ...

class SaasCostDateRange(_message.Message):
    __slots__ = ("start", "end")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    start: str
    end: str
    def __init__(self, start: _Optional[str] = ..., end: _Optional[str] = ...) -> None: ...

import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CostAnomaly(_message.Message):
    __slots__ = ("date", "provider", "service_name", "currency", "actual_amount", "expected_amount", "lower_bound", "upper_bound", "impact", "impact_percent", "direction", "driver_dimension", "driver_value", "driver_impact", "score")
    DATE_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SERVICE_NAME_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    ACTUAL_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    LOWER_BOUND_FIELD_NUMBER: _ClassVar[int]
    UPPER_BOUND_FIELD_NUMBER: _ClassVar[int]
    IMPACT_FIELD_NUMBER: _ClassVar[int]
    IMPACT_PERCENT_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    DRIVER_DIMENSION_FIELD_NUMBER: _ClassVar[int]
    DRIVER_VALUE_FIELD_NUMBER: _ClassVar[int]
    DRIVER_IMPACT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    date: str
    provider: str
    service_name: str
    currency: str
    actual_amount: float
    expected_amount: float
    lower_bound: float
    upper_bound: float
    impact: float
    impact_percent: float
    direction: str
    driver_dimension: str
    driver_value: str
    driver_impact: float
    score: float
    def __init__(self, date: _Optional[str] = ..., provider: _Optional[str] = ..., service_name: _Optional[str] = ..., currency: _Optional[str] = ..., actual_amount: _Optional[float] = ..., expected_amount: _Optional[float] = ..., lower_bound: _Optional[float] = ..., upper_bound: _Optional[float] = ..., impact: _Optional[float] = ..., impact_percent: _Optional[float] = ..., direction: _Optional[str] = ..., driver_dimension: _Optional[str] = ..., driver_value: _Optional[str] = ..., driver_impact: _Optional[float] = ..., score: _Optional[float] = ...) -> None: ...

class ListCostAnomaliesRequest(_message.Message):
    __slots__ = ("org_slug", "start_date", "end_date", "providers", "sensitivity", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    SENSITIVITY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    start_date: str
    end_date: str
    providers: _containers.RepeatedScalarFieldContainer[str]
    sensitivity: str
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., providers: _Optional[_Iterable[str]] = ..., sensitivity: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCostAnomaliesResponse(_message.Message):
    __slots__ = ("anomalies", "sensitivity", "next_page_token")
    ANOMALIES_FIELD_NUMBER: _ClassVar[int]
    SENSITIVITY_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    anomalies: _containers.RepeatedCompositeFieldContainer[CostAnomaly]
    sensitivity: str
    next_page_token: str
    def __init__(self, anomalies: _Optional[_Iterable[_Union[CostAnomaly, _Mapping]]] = ..., sensitivity: _Optional[str] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class AnomalySettings(_message.Message):
    __slots__ = ("sensitivity", "min_impact")
    SENSITIVITY_FIELD_NUMBER: _ClassVar[int]
    MIN_IMPACT_FIELD_NUMBER: _ClassVar[int]
    sensitivity: str
    min_impact: float
    def __init__(self, sensitivity: _Optional[str] = ..., min_impact: _Optional[float] = ...) -> None: ...

class GetAnomalySettingsRequest(_message.Message):
    __slots__ = ("org_slug",)
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    def __init__(self, org_slug: _Optional[str] = ...) -> None: ...

class UpdateAnomalySettingsRequest(_message.Message):
    __slots__ = ("org_slug", "sensitivity", "min_impact", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    SENSITIVITY_FIELD_NUMBER: _ClassVar[int]
    MIN_IMPACT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    sensitivity: str
    min_impact: float
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., sensitivity: _Optional[str] = ..., min_impact: _Optional[float] = ..., request_id: _Optional[str] = ...) -> None: ...

class Channel(_message.Message):
    __slots__ = ("channel_id", "channel_type", "name", "is_default", "is_active", "email_recipients", "email_cc_recipients", "email_subject_prefix", "slack_channel", "slack_mention_users", "slack_mention_channel", "slack_webhook_configured", "webhook_configured", "webhook_method", "webhook_secret", "created_at")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_TYPE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    IS_DEFAULT_FIELD_NUMBER: _ClassVar[int]
    IS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    EMAIL_RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    EMAIL_CC_RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    EMAIL_SUBJECT_PREFIX_FIELD_NUMBER: _ClassVar[int]
    SLACK_CHANNEL_FIELD_NUMBER: _ClassVar[int]
    SLACK_MENTION_USERS_FIELD_NUMBER: _ClassVar[int]
    SLACK_MENTION_CHANNEL_FIELD_NUMBER: _ClassVar[int]
    SLACK_WEBHOOK_CONFIGURED_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_CONFIGURED_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_METHOD_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_SECRET_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    channel_type: str
    name: str
    is_default: bool
    is_active: bool
    email_recipients: _containers.RepeatedScalarFieldContainer[str]
    email_cc_recipients: _containers.RepeatedScalarFieldContainer[str]
    email_subject_prefix: str
    slack_channel: str
    slack_mention_users: _containers.RepeatedScalarFieldContainer[str]
    slack_mention_channel: bool
    slack_webhook_configured: bool
    webhook_configured: bool
    webhook_method: str
    webhook_secret: str
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, channel_id: _Optional[str] = ..., channel_type: _Optional[str] = ..., name: _Optional[str] = ..., is_default: _Optional[bool] = ..., is_active: _Optional[bool] = ..., email_recipients: _Optional[_Iterable[str]] = ..., email_cc_recipients: _Optional[_Iterable[str]] = ..., email_subject_prefix: _Optional[str] = ..., slack_channel: _Optional[str] = ..., slack_mention_users: _Optional[_Iterable[str]] = ..., slack_mention_channel: _Optional[bool] = ..., slack_webhook_configured: _Optional[bool] = ..., webhook_configured: _Optional[bool] = ..., webhook_method: _Optional[str] = ..., webhook_secret: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListChannelsRequest(_message.Message):
    __slots__ = ("org_slug", "channel_type", "active_only", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_TYPE_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    channel_type: str
    active_only: bool
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., channel_type: _Optional[str] = ..., active_only: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListChannelsResponse(_message.Message):
    __slots__ = ("channels", "next_page_token")
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    channels: _containers.RepeatedCompositeFieldContainer[Channel]
    next_page_token: str
    def __init__(self, channels: _Optional[_Iterable[_Union[Channel, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateChannelRequest(_message.Message):
    __slots__ = ("org_slug", "name", "channel_type", "is_default", "is_active", "email_recipients", "email_cc_recipients", "email_subject_prefix", "slack_webhook_url", "slack_channel", "slack_mention_users", "slack_mention_channel", "webhook_url", "webhook_headers", "webhook_method", "request_id")
    class WebhookHeadersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_TYPE_FIELD_NUMBER: _ClassVar[int]
    IS_DEFAULT_FIELD_NUMBER: _ClassVar[int]
    IS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    EMAIL_RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    EMAIL_CC_RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    EMAIL_SUBJECT_PREFIX_FIELD_NUMBER: _ClassVar[int]
    SLACK_WEBHOOK_URL_FIELD_NUMBER: _ClassVar[int]
    SLACK_CHANNEL_FIELD_NUMBER: _ClassVar[int]
    SLACK_MENTION_USERS_FIELD_NUMBER: _ClassVar[int]
    SLACK_MENTION_CHANNEL_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_URL_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_HEADERS_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_METHOD_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    name: str
    channel_type: str
    is_default: bool
    is_active: bool
    email_recipients: _containers.RepeatedScalarFieldContainer[str]
    email_cc_recipients: _containers.RepeatedScalarFieldContainer[str]
    email_subject_prefix: str
    slack_webhook_url: str
    slack_channel: str
    slack_mention_users: _containers.RepeatedScalarFieldContainer[str]
    slack_mention_channel: bool
    webhook_url: str
    webhook_headers: _containers.ScalarMap[str, str]
    webhook_method: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., name: _Optional[str] = ..., channel_type: _Optional[str] = ..., is_default: _Optional[bool] = ..., is_active: _Optional[bool] = ..., email_recipients: _Optional[_Iterable[str]] = ..., email_cc_recipients: _Optional[_Iterable[str]] = ..., email_subject_prefix: _Optional[str] = ..., slack_webhook_url: _Optional[str] = ..., slack_channel: _Optional[str] = ..., slack_mention_users: _Optional[_Iterable[str]] = ..., slack_mention_channel: _Optional[bool] = ..., webhook_url: _Optional[str] = ..., webhook_headers: _Optional[_Mapping[str, str]] = ..., webhook_method: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class UpdateChannelRequest(_message.Message):
    __slots__ = ("org_slug", "channel_id", "name", "is_default", "is_active", "email_recipients", "email_subject_prefix", "slack_webhook_url", "webhook_url", "request_id", "email_cc_recipients", "slack_channel", "slack_mention_users", "slack_mention_channel", "webhook_headers", "webhook_method")
    class WebhookHeadersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    IS_DEFAULT_FIELD_NUMBER: _ClassVar[int]
    IS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    EMAIL_RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    EMAIL_SUBJECT_PREFIX_FIELD_NUMBER: _ClassVar[int]
    SLACK_WEBHOOK_URL_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_URL_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    EMAIL_CC_RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    SLACK_CHANNEL_FIELD_NUMBER: _ClassVar[int]
    SLACK_MENTION_USERS_FIELD_NUMBER: _ClassVar[int]
    SLACK_MENTION_CHANNEL_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_HEADERS_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_METHOD_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    channel_id: str
    name: str
    is_default: bool
    is_active: bool
    email_recipients: _containers.RepeatedScalarFieldContainer[str]
    email_subject_prefix: str
    slack_webhook_url: str
    webhook_url: str
    request_id: str
    email_cc_recipients: _containers.RepeatedScalarFieldContainer[str]
    slack_channel: str
    slack_mention_users: _containers.RepeatedScalarFieldContainer[str]
    slack_mention_channel: bool
    webhook_headers: _containers.ScalarMap[str, str]
    webhook_method: str
    def __init__(self, org_slug: _Optional[str] = ..., channel_id: _Optional[str] = ..., name: _Optional[str] = ..., is_default: _Optional[bool] = ..., is_active: _Optional[bool] = ..., email_recipients: _Optional[_Iterable[str]] = ..., email_subject_prefix: _Optional[str] = ..., slack_webhook_url: _Optional[str] = ..., webhook_url: _Optional[str] = ..., request_id: _Optional[str] = ..., email_cc_recipients: _Optional[_Iterable[str]] = ..., slack_channel: _Optional[str] = ..., slack_mention_users: _Optional[_Iterable[str]] = ..., slack_mention_channel: _Optional[bool] = ..., webhook_headers: _Optional[_Mapping[str, str]] = ..., webhook_method: _Optional[str] = ...) -> None: ...

class DeleteChannelRequest(_message.Message):
    __slots__ = ("org_slug", "channel_id", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    channel_id: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., channel_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteChannelResponse(_message.Message):
    __slots__ = ("deleted",)
    DELETED_FIELD_NUMBER: _ClassVar[int]
    deleted: bool
    def __init__(self, deleted: _Optional[bool] = ...) -> None: ...

class TestChannelRequest(_message.Message):
    __slots__ = ("org_slug", "channel_id", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    channel_id: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., channel_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class TestChannelResponse(_message.Message):
    __slots__ = ("message", "attempts")
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    message: str
    attempts: int
    def __init__(self, message: _Optional[str] = ..., attempts: _Optional[int] = ...) -> None: ...

class Rule(_message.Message):
    __slots__ = ("rule_id", "name", "description", "is_active", "priority", "rule_category", "rule_type", "conditions", "provider_filter", "notify_channel_ids", "last_triggered_at", "created_at", "service_filter", "hierarchy_entity_id", "hierarchy_path", "escalate_after_mins", "escalate_to_channel_ids", "cooldown_minutes", "batch_window_minutes", "quiet_hours_start", "quiet_hours_end", "quiet_hours_timezone")
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    IS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    RULE_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    RULE_TYPE_FIELD_NUMBER: _ClassVar[int]
    CONDITIONS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FILTER_FIELD_NUMBER: _ClassVar[int]
    NOTIFY_CHANNEL_IDS_FIELD_NUMBER: _ClassVar[int]
    LAST_TRIGGERED_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FILTER_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_PATH_FIELD_NUMBER: _ClassVar[int]
    ESCALATE_AFTER_MINS_FIELD_NUMBER: _ClassVar[int]
    ESCALATE_TO_CHANNEL_IDS_FIELD_NUMBER: _ClassVar[int]
    COOLDOWN_MINUTES_FIELD_NUMBER: _ClassVar[int]
    BATCH_WINDOW_MINUTES_FIELD_NUMBER: _ClassVar[int]
    QUIET_HOURS_START_FIELD_NUMBER: _ClassVar[int]
    QUIET_HOURS_END_FIELD_NUMBER: _ClassVar[int]
    QUIET_HOURS_TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    rule_id: str
    name: str
    description: str
    is_active: bool
    priority: str
    rule_category: str
    rule_type: str
    conditions: _struct_pb2.Struct
    provider_filter: _containers.RepeatedScalarFieldContainer[str]
    notify_channel_ids: _containers.RepeatedScalarFieldContainer[str]
    last_triggered_at: _timestamp_pb2.Timestamp
    created_at: _timestamp_pb2.Timestamp
    service_filter: _containers.RepeatedScalarFieldContainer[str]
    hierarchy_entity_id: str
    hierarchy_path: str
    escalate_after_mins: int
    escalate_to_channel_ids: _containers.RepeatedScalarFieldContainer[str]
    cooldown_minutes: int
    batch_window_minutes: int
    quiet_hours_start: str
    quiet_hours_end: str
    quiet_hours_timezone: str
    def __init__(self, rule_id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., is_active: _Optional[bool] = ..., priority: _Optional[str] = ..., rule_category: _Optional[str] = ..., rule_type: _Optional[str] = ..., conditions: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., provider_filter: _Optional[_Iterable[str]] = ..., notify_channel_ids: _Optional[_Iterable[str]] = ..., last_triggered_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., service_filter: _Optional[_Iterable[str]] = ..., hierarchy_entity_id: _Optional[str] = ..., hierarchy_path: _Optional[str] = ..., escalate_after_mins: _Optional[int] = ..., escalate_to_channel_ids: _Optional[_Iterable[str]] = ..., cooldown_minutes: _Optional[int] = ..., batch_window_minutes: _Optional[int] = ..., quiet_hours_start: _Optional[str] = ..., quiet_hours_end: _Optional[str] = ..., quiet_hours_timezone: _Optional[str] = ...) -> None: ...

class ListRulesRequest(_message.Message):
    __slots__ = ("org_slug", "category", "priority", "active_only", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    category: str
    priority: str
    active_only: bool
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., category: _Optional[str] = ..., priority: _Optional[str] = ..., active_only: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRulesResponse(_message.Message):
    __slots__ = ("rules", "next_page_token")
    RULES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    rules: _containers.RepeatedCompositeFieldContainer[Rule]
    next_page_token: str
    def __init__(self, rules: _Optional[_Iterable[_Union[Rule, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateRuleRequest(_message.Message):
    __slots__ = ("org_slug", "name", "description", "rule_category", "rule_type", "conditions", "notify_channel_ids", "priority", "provider_filter", "request_id", "service_filter", "hierarchy_entity_id", "hierarchy_path", "escalate_after_mins", "escalate_to_channel_ids", "cooldown_minutes", "batch_window_minutes", "quiet_hours_start", "quiet_hours_end", "quiet_hours_timezone", "is_active")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    RULE_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    RULE_TYPE_FIELD_NUMBER: _ClassVar[int]
    CONDITIONS_FIELD_NUMBER: _ClassVar[int]
    NOTIFY_CHANNEL_IDS_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FILTER_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FILTER_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_PATH_FIELD_NUMBER: _ClassVar[int]
    ESCALATE_AFTER_MINS_FIELD_NUMBER: _ClassVar[int]
    ESCALATE_TO_CHANNEL_IDS_FIELD_NUMBER: _ClassVar[int]
    COOLDOWN_MINUTES_FIELD_NUMBER: _ClassVar[int]
    BATCH_WINDOW_MINUTES_FIELD_NUMBER: _ClassVar[int]
    QUIET_HOURS_START_FIELD_NUMBER: _ClassVar[int]
    QUIET_HOURS_END_FIELD_NUMBER: _ClassVar[int]
    QUIET_HOURS_TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    IS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    name: str
    description: str
    rule_category: str
    rule_type: str
    conditions: _struct_pb2.Struct
    notify_channel_ids: _containers.RepeatedScalarFieldContainer[str]
    priority: str
    provider_filter: _containers.RepeatedScalarFieldContainer[str]
    request_id: str
    service_filter: _containers.RepeatedScalarFieldContainer[str]
    hierarchy_entity_id: str
    hierarchy_path: str
    escalate_after_mins: int
    escalate_to_channel_ids: _containers.RepeatedScalarFieldContainer[str]
    cooldown_minutes: int
    batch_window_minutes: int
    quiet_hours_start: str
    quiet_hours_end: str
    quiet_hours_timezone: str
    is_active: bool
    def __init__(self, org_slug: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., rule_category: _Optional[str] = ..., rule_type: _Optional[str] = ..., conditions: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., notify_channel_ids: _Optional[_Iterable[str]] = ..., priority: _Optional[str] = ..., provider_filter: _Optional[_Iterable[str]] = ..., request_id: _Optional[str] = ..., service_filter: _Optional[_Iterable[str]] = ..., hierarchy_entity_id: _Optional[str] = ..., hierarchy_path: _Optional[str] = ..., escalate_after_mins: _Optional[int] = ..., escalate_to_channel_ids: _Optional[_Iterable[str]] = ..., cooldown_minutes: _Optional[int] = ..., batch_window_minutes: _Optional[int] = ..., quiet_hours_start: _Optional[str] = ..., quiet_hours_end: _Optional[str] = ..., quiet_hours_timezone: _Optional[str] = ..., is_active: _Optional[bool] = ...) -> None: ...

class UpdateRuleRequest(_message.Message):
    __slots__ = ("org_slug", "rule_id", "name", "description", "priority", "notify_channel_ids", "request_id", "service_filter", "hierarchy_entity_id", "hierarchy_path", "escalate_after_mins", "escalate_to_channel_ids", "cooldown_minutes", "batch_window_minutes", "quiet_hours_start", "quiet_hours_end", "quiet_hours_timezone", "is_active", "conditions", "provider_filter", "rule_category", "rule_type")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    NOTIFY_CHANNEL_IDS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FILTER_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_PATH_FIELD_NUMBER: _ClassVar[int]
    ESCALATE_AFTER_MINS_FIELD_NUMBER: _ClassVar[int]
    ESCALATE_TO_CHANNEL_IDS_FIELD_NUMBER: _ClassVar[int]
    COOLDOWN_MINUTES_FIELD_NUMBER: _ClassVar[int]
    BATCH_WINDOW_MINUTES_FIELD_NUMBER: _ClassVar[int]
    QUIET_HOURS_START_FIELD_NUMBER: _ClassVar[int]
    QUIET_HOURS_END_FIELD_NUMBER: _ClassVar[int]
    QUIET_HOURS_TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    IS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    CONDITIONS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FILTER_FIELD_NUMBER: _ClassVar[int]
    RULE_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    RULE_TYPE_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    rule_id: str
    name: str
    description: str
    priority: str
    notify_channel_ids: _containers.RepeatedScalarFieldContainer[str]
    request_id: str
    service_filter: _containers.RepeatedScalarFieldContainer[str]
    hierarchy_entity_id: str
    hierarchy_path: str
    escalate_after_mins: int
    escalate_to_channel_ids: _containers.RepeatedScalarFieldContainer[str]
    cooldown_minutes: int
    batch_window_minutes: int
    quiet_hours_start: str
    quiet_hours_end: str
    quiet_hours_timezone: str
    is_active: bool
    conditions: _struct_pb2.Struct
    provider_filter: _containers.RepeatedScalarFieldContainer[str]
    rule_category: str
    rule_type: str
    def __init__(self, org_slug: _Optional[str] = ..., rule_id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., priority: _Optional[str] = ..., notify_channel_ids: _Optional[_Iterable[str]] = ..., request_id: _Optional[str] = ..., service_filter: _Optional[_Iterable[str]] = ..., hierarchy_entity_id: _Optional[str] = ..., hierarchy_path: _Optional[str] = ..., escalate_after_mins: _Optional[int] = ..., escalate_to_channel_ids: _Optional[_Iterable[str]] = ..., cooldown_minutes: _Optional[int] = ..., batch_window_minutes: _Optional[int] = ..., quiet_hours_start: _Optional[str] = ..., quiet_hours_end: _Optional[str] = ..., quiet_hours_timezone: _Optional[str] = ..., is_active: _Optional[bool] = ..., conditions: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., provider_filter: _Optional[_Iterable[str]] = ..., rule_category: _Optional[str] = ..., rule_type: _Optional[str] = ...) -> None: ...

class DeleteRuleRequest(_message.Message):
    __slots__ = ("org_slug", "rule_id", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    rule_id: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., rule_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteRuleResponse(_message.Message):
    __slots__ = ("deleted",)
    DELETED_FIELD_NUMBER: _ClassVar[int]
    deleted: bool
    def __init__(self, deleted: _Optional[bool] = ...) -> None: ...

class PauseRuleRequest(_message.Message):
    __slots__ = ("org_slug", "rule_id", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    rule_id: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., rule_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ResumeRuleRequest(_message.Message):
    __slots__ = ("org_slug", "rule_id", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    rule_id: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., rule_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class NotificationEntry(_message.Message):
    __slots__ = ("notification_id", "rule_id", "channel_id", "notification_type", "priority", "subject", "body_preview", "status", "sent_at", "error_message", "retry_count", "acknowledged_at", "acknowledged_by", "created_at", "event_key")
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_TYPE_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    BODY_PREVIEW_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SENT_AT_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    RETRY_COUNT_FIELD_NUMBER: _ClassVar[int]
    ACKNOWLEDGED_AT_FIELD_NUMBER: _ClassVar[int]
    ACKNOWLEDGED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    EVENT_KEY_FIELD_NUMBER: _ClassVar[int]
    notification_id: str
    rule_id: str
    channel_id: str
    notification_type: str
    priority: str
    subject: str
    body_preview: str
    status: str
    sent_at: _timestamp_pb2.Timestamp
    error_message: str
    retry_count: int
    acknowledged_at: _timestamp_pb2.Timestamp
    acknowledged_by: str
    created_at: _timestamp_pb2.Timestamp
    event_key: str
    def __init__(self, notification_id: _Optional[str] = ..., rule_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., notification_type: _Optional[str] = ..., priority: _Optional[str] = ..., subject: _Optional[str] = ..., body_preview: _Optional[str] = ..., status: _Optional[str] = ..., sent_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., error_message: _Optional[str] = ..., retry_count: _Optional[int] = ..., acknowledged_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., acknowledged_by: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., event_key: _Optional[str] = ...) -> None: ...

class ListNotificationHistoryRequest(_message.Message):
    __slots__ = ("org_slug", "notification_type", "channel_id", "status", "days", "limit", "offset", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_TYPE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DAYS_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    notification_type: str
    channel_id: str
    status: str
    days: int
    limit: int
    offset: int
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., notification_type: _Optional[str] = ..., channel_id: _Optional[str] = ..., status: _Optional[str] = ..., days: _Optional[int] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListNotificationHistoryResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[NotificationEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[NotificationEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class AcknowledgeNotificationRequest(_message.Message):
    __slots__ = ("org_slug", "notification_id", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    notification_id: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., notification_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class Summary(_message.Message):
    __slots__ = ("summary_id", "name", "summary_type", "is_active", "schedule_cron", "schedule_timezone", "notify_channel_ids", "include_sections", "top_n_items", "currency_display", "provider_filter", "last_sent_at", "created_at")
    SUMMARY_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_TYPE_FIELD_NUMBER: _ClassVar[int]
    IS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_CRON_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    NOTIFY_CHANNEL_IDS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_SECTIONS_FIELD_NUMBER: _ClassVar[int]
    TOP_N_ITEMS_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_DISPLAY_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FILTER_FIELD_NUMBER: _ClassVar[int]
    LAST_SENT_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    summary_id: str
    name: str
    summary_type: str
    is_active: bool
    schedule_cron: str
    schedule_timezone: str
    notify_channel_ids: _containers.RepeatedScalarFieldContainer[str]
    include_sections: _containers.RepeatedScalarFieldContainer[str]
    top_n_items: int
    currency_display: str
    provider_filter: _containers.RepeatedScalarFieldContainer[str]
    last_sent_at: _timestamp_pb2.Timestamp
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, summary_id: _Optional[str] = ..., name: _Optional[str] = ..., summary_type: _Optional[str] = ..., is_active: _Optional[bool] = ..., schedule_cron: _Optional[str] = ..., schedule_timezone: _Optional[str] = ..., notify_channel_ids: _Optional[_Iterable[str]] = ..., include_sections: _Optional[_Iterable[str]] = ..., top_n_items: _Optional[int] = ..., currency_display: _Optional[str] = ..., provider_filter: _Optional[_Iterable[str]] = ..., last_sent_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListSummariesRequest(_message.Message):
    __slots__ = ("org_slug", "summary_type", "active_only", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_TYPE_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    summary_type: str
    active_only: bool
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., summary_type: _Optional[str] = ..., active_only: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListSummariesResponse(_message.Message):
    __slots__ = ("summaries", "next_page_token")
    SUMMARIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    summaries: _containers.RepeatedCompositeFieldContainer[Summary]
    next_page_token: str
    def __init__(self, summaries: _Optional[_Iterable[_Union[Summary, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateSummaryRequest(_message.Message):
    __slots__ = ("org_slug", "name", "summary_type", "schedule_cron", "schedule_timezone", "notify_channel_ids", "include_sections", "top_n_items", "currency_display", "provider_filter", "is_active", "request_id", "hierarchy_filter")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_TYPE_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_CRON_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    NOTIFY_CHANNEL_IDS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_SECTIONS_FIELD_NUMBER: _ClassVar[int]
    TOP_N_ITEMS_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_DISPLAY_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FILTER_FIELD_NUMBER: _ClassVar[int]
    IS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_FILTER_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    name: str
    summary_type: str
    schedule_cron: str
    schedule_timezone: str
    notify_channel_ids: _containers.RepeatedScalarFieldContainer[str]
    include_sections: _containers.RepeatedScalarFieldContainer[str]
    top_n_items: int
    currency_display: str
    provider_filter: _containers.RepeatedScalarFieldContainer[str]
    is_active: bool
    request_id: str
    hierarchy_filter: _struct_pb2.Struct
    def __init__(self, org_slug: _Optional[str] = ..., name: _Optional[str] = ..., summary_type: _Optional[str] = ..., schedule_cron: _Optional[str] = ..., schedule_timezone: _Optional[str] = ..., notify_channel_ids: _Optional[_Iterable[str]] = ..., include_sections: _Optional[_Iterable[str]] = ..., top_n_items: _Optional[int] = ..., currency_display: _Optional[str] = ..., provider_filter: _Optional[_Iterable[str]] = ..., is_active: _Optional[bool] = ..., request_id: _Optional[str] = ..., hierarchy_filter: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class UpdateSummaryRequest(_message.Message):
    __slots__ = ("org_slug", "summary_id", "name", "is_active", "notify_channel_ids", "request_id", "summary_type", "schedule_cron", "schedule_timezone", "include_sections", "top_n_items", "currency_display", "provider_filter", "hierarchy_filter")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    IS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    NOTIFY_CHANNEL_IDS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_TYPE_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_CRON_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_SECTIONS_FIELD_NUMBER: _ClassVar[int]
    TOP_N_ITEMS_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_DISPLAY_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FILTER_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_FILTER_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    summary_id: str
    name: str
    is_active: bool
    notify_channel_ids: _containers.RepeatedScalarFieldContainer[str]
    request_id: str
    summary_type: str
    schedule_cron: str
    schedule_timezone: str
    include_sections: _containers.RepeatedScalarFieldContainer[str]
    top_n_items: int
    currency_display: str
    provider_filter: _containers.RepeatedScalarFieldContainer[str]
    hierarchy_filter: _struct_pb2.Struct
    def __init__(self, org_slug: _Optional[str] = ..., summary_id: _Optional[str] = ..., name: _Optional[str] = ..., is_active: _Optional[bool] = ..., notify_channel_ids: _Optional[_Iterable[str]] = ..., request_id: _Optional[str] = ..., summary_type: _Optional[str] = ..., schedule_cron: _Optional[str] = ..., schedule_timezone: _Optional[str] = ..., include_sections: _Optional[_Iterable[str]] = ..., top_n_items: _Optional[int] = ..., currency_display: _Optional[str] = ..., provider_filter: _Optional[_Iterable[str]] = ..., hierarchy_filter: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class DeleteSummaryRequest(_message.Message):
    __slots__ = ("org_slug", "summary_id", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    summary_id: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., summary_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteSummaryResponse(_message.Message):
    __slots__ = ("deleted",)
    DELETED_FIELD_NUMBER: _ClassVar[int]
    deleted: bool
    def __init__(self, deleted: _Optional[bool] = ...) -> None: ...

class SendSummaryNowRequest(_message.Message):
    __slots__ = ("org_slug", "summary_id", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    summary_id: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., summary_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class SendSummaryNowResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: str
    def __init__(self, message: _Optional[str] = ...) -> None: ...

class CostAlert(_message.Message):
    __slots__ = ("alert_id", "name", "description", "scope", "threshold_value", "threshold_currency", "period", "is_enabled", "last_triggered_at", "severity", "channels", "cooldown_hours", "schedule_cron", "schedule_timezone", "created_at")
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_VALUE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    IS_ENABLED_FIELD_NUMBER: _ClassVar[int]
    LAST_TRIGGERED_AT_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    COOLDOWN_HOURS_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_CRON_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    name: str
    description: str
    scope: str
    threshold_value: float
    threshold_currency: str
    period: str
    is_enabled: bool
    last_triggered_at: _timestamp_pb2.Timestamp
    severity: str
    channels: _containers.RepeatedScalarFieldContainer[str]
    cooldown_hours: int
    schedule_cron: str
    schedule_timezone: str
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, alert_id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., scope: _Optional[str] = ..., threshold_value: _Optional[float] = ..., threshold_currency: _Optional[str] = ..., period: _Optional[str] = ..., is_enabled: _Optional[bool] = ..., last_triggered_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., severity: _Optional[str] = ..., channels: _Optional[_Iterable[str]] = ..., cooldown_hours: _Optional[int] = ..., schedule_cron: _Optional[str] = ..., schedule_timezone: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListCostAlertsRequest(_message.Message):
    __slots__ = ("org_slug", "scope", "enabled_only", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    ENABLED_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    scope: str
    enabled_only: bool
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., scope: _Optional[str] = ..., enabled_only: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCostAlertsResponse(_message.Message):
    __slots__ = ("alerts", "next_page_token")
    ALERTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    alerts: _containers.RepeatedCompositeFieldContainer[CostAlert]
    next_page_token: str
    def __init__(self, alerts: _Optional[_Iterable[_Union[CostAlert, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateCostAlertRequest(_message.Message):
    __slots__ = ("org_slug", "name", "description", "scope", "threshold_value", "threshold_currency", "period", "severity", "channels", "cooldown_hours", "schedule_cron", "schedule_timezone", "hierarchy_path", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_VALUE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    COOLDOWN_HOURS_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_CRON_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    HIERARCHY_PATH_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    name: str
    description: str
    scope: str
    threshold_value: float
    threshold_currency: str
    period: str
    severity: str
    channels: _containers.RepeatedScalarFieldContainer[str]
    cooldown_hours: int
    schedule_cron: str
    schedule_timezone: str
    hierarchy_path: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., scope: _Optional[str] = ..., threshold_value: _Optional[float] = ..., threshold_currency: _Optional[str] = ..., period: _Optional[str] = ..., severity: _Optional[str] = ..., channels: _Optional[_Iterable[str]] = ..., cooldown_hours: _Optional[int] = ..., schedule_cron: _Optional[str] = ..., schedule_timezone: _Optional[str] = ..., hierarchy_path: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class UpdateCostAlertRequest(_message.Message):
    __slots__ = ("org_slug", "alert_id", "name", "description", "severity", "channels", "is_enabled", "request_id", "threshold_value", "threshold_currency", "cooldown_hours", "schedule_cron")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    IS_ENABLED_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_VALUE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_CURRENCY_FIELD_NUMBER: _ClassVar[int]
    COOLDOWN_HOURS_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_CRON_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    alert_id: str
    name: str
    description: str
    severity: str
    channels: _containers.RepeatedScalarFieldContainer[str]
    is_enabled: bool
    request_id: str
    threshold_value: float
    threshold_currency: str
    cooldown_hours: int
    schedule_cron: str
    def __init__(self, org_slug: _Optional[str] = ..., alert_id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., severity: _Optional[str] = ..., channels: _Optional[_Iterable[str]] = ..., is_enabled: _Optional[bool] = ..., request_id: _Optional[str] = ..., threshold_value: _Optional[float] = ..., threshold_currency: _Optional[str] = ..., cooldown_hours: _Optional[int] = ..., schedule_cron: _Optional[str] = ...) -> None: ...

class DeleteCostAlertRequest(_message.Message):
    __slots__ = ("org_slug", "alert_id", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    alert_id: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., alert_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DeleteCostAlertResponse(_message.Message):
    __slots__ = ("deleted",)
    DELETED_FIELD_NUMBER: _ClassVar[int]
    deleted: bool
    def __init__(self, deleted: _Optional[bool] = ...) -> None: ...

class EnableCostAlertRequest(_message.Message):
    __slots__ = ("org_slug", "alert_id", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    alert_id: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., alert_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class DisableCostAlertRequest(_message.Message):
    __slots__ = ("org_slug", "alert_id", "request_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    alert_id: str
    request_id: str
    def __init__(self, org_slug: _Optional[str] = ..., alert_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetNotificationStatsRequest(_message.Message):
    __slots__ = ("org_slug",)
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    def __init__(self, org_slug: _Optional[str] = ...) -> None: ...

class NotificationStats(_message.Message):
    __slots__ = ("total_channels", "active_channels", "total_rules", "active_rules", "total_summaries", "active_summaries", "notifications_24h", "alerts_24h", "delivery_rate", "pending_acknowledgments")
    TOTAL_CHANNELS_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_CHANNELS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_RULES_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_RULES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SUMMARIES_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_SUMMARIES_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATIONS_24H_FIELD_NUMBER: _ClassVar[int]
    ALERTS_24H_FIELD_NUMBER: _ClassVar[int]
    DELIVERY_RATE_FIELD_NUMBER: _ClassVar[int]
    PENDING_ACKNOWLEDGMENTS_FIELD_NUMBER: _ClassVar[int]
    total_channels: int
    active_channels: int
    total_rules: int
    active_rules: int
    total_summaries: int
    active_summaries: int
    notifications_24h: int
    alerts_24h: int
    delivery_rate: float
    pending_acknowledgments: int
    def __init__(self, total_channels: _Optional[int] = ..., active_channels: _Optional[int] = ..., total_rules: _Optional[int] = ..., active_rules: _Optional[int] = ..., total_summaries: _Optional[int] = ..., active_summaries: _Optional[int] = ..., notifications_24h: _Optional[int] = ..., alerts_24h: _Optional[int] = ..., delivery_rate: _Optional[float] = ..., pending_acknowledgments: _Optional[int] = ...) -> None: ...

class EvaluateAlertsRequest(_message.Message):
    __slots__ = ("org_slug", "as_of")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    as_of: str
    def __init__(self, org_slug: _Optional[str] = ..., as_of: _Optional[str] = ...) -> None: ...

class EvaluateAlertsResponse(_message.Message):
    __slots__ = ("organizations", "rules_evaluated", "alerts_raised", "delivered", "failed", "errors")
    ORGANIZATIONS_FIELD_NUMBER: _ClassVar[int]
    RULES_EVALUATED_FIELD_NUMBER: _ClassVar[int]
    ALERTS_RAISED_FIELD_NUMBER: _ClassVar[int]
    DELIVERED_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    organizations: int
    rules_evaluated: int
    alerts_raised: int
    delivered: int
    failed: int
    errors: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, organizations: _Optional[int] = ..., rules_evaluated: _Optional[int] = ..., alerts_raised: _Optional[int] = ..., delivered: _Optional[int] = ..., failed: _Optional[int] = ..., errors: _Optional[_Iterable[str]] = ...) -> None: ...

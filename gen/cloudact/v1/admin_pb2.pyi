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

class GetHealthRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetHealthResponse(_message.Message):
    __slots__ = ("status", "service", "version", "environment")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ENVIRONMENT_FIELD_NUMBER: _ClassVar[int]
    status: str
    service: str
    version: str
    environment: str
    def __init__(self, status: _Optional[str] = ..., service: _Optional[str] = ..., version: _Optional[str] = ..., environment: _Optional[str] = ...) -> None: ...

class GetReadinessRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetReadinessResponse(_message.Message):
    __slots__ = ("status", "warehouse", "warehouse_ready")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    WAREHOUSE_READY_FIELD_NUMBER: _ClassVar[int]
    status: str
    warehouse: str
    warehouse_ready: bool
    def __init__(self, status: _Optional[str] = ..., warehouse: _Optional[str] = ..., warehouse_ready: _Optional[bool] = ...) -> None: ...

class BootstrapRequest(_message.Message):
    __slots__ = ("force_recreate_tables", "force_recreate_dataset", "request_id")
    FORCE_RECREATE_TABLES_FIELD_NUMBER: _ClassVar[int]
    FORCE_RECREATE_DATASET_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    force_recreate_tables: bool
    force_recreate_dataset: bool
    request_id: str
    def __init__(self, force_recreate_tables: _Optional[bool] = ..., force_recreate_dataset: _Optional[bool] = ..., request_id: _Optional[str] = ...) -> None: ...

class BootstrapResponse(_message.Message):
    __slots__ = ("status", "dataset_created", "total_tables", "created_tables", "existing_tables", "message")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DATASET_CREATED_FIELD_NUMBER: _ClassVar[int]
    TOTAL_TABLES_FIELD_NUMBER: _ClassVar[int]
    CREATED_TABLES_FIELD_NUMBER: _ClassVar[int]
    EXISTING_TABLES_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    status: str
    dataset_created: bool
    total_tables: int
    created_tables: _containers.RepeatedScalarFieldContainer[str]
    existing_tables: _containers.RepeatedScalarFieldContainer[str]
    message: str
    def __init__(self, status: _Optional[str] = ..., dataset_created: _Optional[bool] = ..., total_tables: _Optional[int] = ..., created_tables: _Optional[_Iterable[str]] = ..., existing_tables: _Optional[_Iterable[str]] = ..., message: _Optional[str] = ...) -> None: ...

class GetDevApiKeyRequest(_message.Message):
    __slots__ = ("org_slug",)
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    def __init__(self, org_slug: _Optional[str] = ...) -> None: ...

class GetDevApiKeyResponse(_message.Message):
    __slots__ = ("org_slug", "api_key")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    API_KEY_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    api_key: str
    def __init__(self, org_slug: _Optional[str] = ..., api_key: _Optional[str] = ...) -> None: ...

class ListAuditLogsRequest(_message.Message):
    __slots__ = ("org_slug", "action", "resource_type", "status", "start_date", "end_date", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_TYPE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    action: str
    resource_type: str
    status: str
    start_date: str
    end_date: str
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., action: _Optional[str] = ..., resource_type: _Optional[str] = ..., status: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class AuditLogEntry(_message.Message):
    __slots__ = ("audit_id", "org_slug", "actor", "action", "resource_type", "resource_id", "status", "request_id", "details_json", "create_time")
    AUDIT_ID_FIELD_NUMBER: _ClassVar[int]
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_TYPE_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    DETAILS_JSON_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    audit_id: str
    org_slug: str
    actor: str
    action: str
    resource_type: str
    resource_id: str
    status: str
    request_id: str
    details_json: str
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, audit_id: _Optional[str] = ..., org_slug: _Optional[str] = ..., actor: _Optional[str] = ..., action: _Optional[str] = ..., resource_type: _Optional[str] = ..., resource_id: _Optional[str] = ..., status: _Optional[str] = ..., request_id: _Optional[str] = ..., details_json: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListAuditLogsResponse(_message.Message):
    __slots__ = ("audit_logs", "next_page_token")
    AUDIT_LOGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    audit_logs: _containers.RepeatedCompositeFieldContainer[AuditLogEntry]
    next_page_token: str
    def __init__(self, audit_logs: _Optional[_Iterable[_Union[AuditLogEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListAvailablePipelinesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AvailablePipeline(_message.Message):
    __slots__ = ("id", "name", "description", "provider", "domain", "pipeline", "required_integration", "enabled", "category")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    DOMAIN_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    description: str
    provider: str
    domain: str
    pipeline: str
    required_integration: str
    enabled: bool
    category: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., provider: _Optional[str] = ..., domain: _Optional[str] = ..., pipeline: _Optional[str] = ..., required_integration: _Optional[str] = ..., enabled: _Optional[bool] = ..., category: _Optional[str] = ...) -> None: ...

class ListAvailablePipelinesResponse(_message.Message):
    __slots__ = ("success", "pipelines", "total")
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    PIPELINES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    success: bool
    pipelines: _containers.RepeatedCompositeFieldContainer[AvailablePipeline]
    total: int
    def __init__(self, success: _Optional[bool] = ..., pipelines: _Optional[_Iterable[_Union[AvailablePipeline, _Mapping]]] = ..., total: _Optional[int] = ...) -> None: ...

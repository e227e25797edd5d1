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

class ListRunsRequest(_message.Message):
    __slots__ = ("org_slug", "limit", "offset", "status_filter", "pipeline_id", "start_date", "end_date", "page_size", "page_token")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    STATUS_FILTER_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_ID_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    limit: int
    offset: int
    status_filter: str
    pipeline_id: str
    start_date: str
    end_date: str
    page_size: int
    page_token: str
    def __init__(self, org_slug: _Optional[str] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ..., status_filter: _Optional[str] = ..., pipeline_id: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class RunSummary(_message.Message):
    __slots__ = ("pipeline_logging_id", "pipeline_id", "status", "start_time", "duration_ms", "trigger_type", "error_message")
    PIPELINE_LOGGING_ID_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_TYPE_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    pipeline_logging_id: str
    pipeline_id: str
    status: str
    start_time: _timestamp_pb2.Timestamp
    duration_ms: int
    trigger_type: str
    error_message: str
    def __init__(self, pipeline_logging_id: _Optional[str] = ..., pipeline_id: _Optional[str] = ..., status: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., duration_ms: _Optional[int] = ..., trigger_type: _Optional[str] = ..., error_message: _Optional[str] = ...) -> None: ...

class ListRunsResponse(_message.Message):
    __slots__ = ("runs", "total", "limit", "offset", "next_page_token")
    RUNS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    runs: _containers.RepeatedCompositeFieldContainer[RunSummary]
    total: int
    limit: int
    offset: int
    next_page_token: str
    def __init__(self, runs: _Optional[_Iterable[_Union[RunSummary, _Mapping]]] = ..., total: _Optional[int] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetRunRequest(_message.Message):
    __slots__ = ("org_slug", "pipeline_logging_id")
    ORG_SLUG_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_LOGGING_ID_FIELD_NUMBER: _ClassVar[int]
    org_slug: str
    pipeline_logging_id: str
    def __init__(self, org_slug: _Optional[str] = ..., pipeline_logging_id: _Optional[str] = ...) -> None: ...

class RunStep(_message.Message):
    __slots__ = ("step_logging_id", "step_index", "step_name", "step_type", "status", "duration_ms", "rows_processed", "error_message")
    STEP_LOGGING_ID_FIELD_NUMBER: _ClassVar[int]
    STEP_INDEX_FIELD_NUMBER: _ClassVar[int]
    STEP_NAME_FIELD_NUMBER: _ClassVar[int]
    STEP_TYPE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    ROWS_PROCESSED_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    step_logging_id: str
    step_index: int
    step_name: str
    step_type: str
    status: str
    duration_ms: int
    rows_processed: int
    error_message: str
    def __init__(self, step_logging_id: _Optional[str] = ..., step_index: _Optional[int] = ..., step_name: _Optional[str] = ..., step_type: _Optional[str] = ..., status: _Optional[str] = ..., duration_ms: _Optional[int] = ..., rows_processed: _Optional[int] = ..., error_message: _Optional[str] = ...) -> None: ...

class GetRunResponse(_message.Message):
    __slots__ = ("pipeline_logging_id", "pipeline_id", "status", "start_time", "duration_ms", "trigger_type", "error_message", "steps")
    PIPELINE_LOGGING_ID_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_TYPE_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    pipeline_logging_id: str
    pipeline_id: str
    status: str
    start_time: _timestamp_pb2.Timestamp
    duration_ms: int
    trigger_type: str
    error_message: str
    steps: _containers.RepeatedCompositeFieldContainer[RunStep]
    def __init__(self, pipeline_logging_id: _Optional[str] = ..., pipeline_id: _Optional[str] = ..., status: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., duration_ms: _Optional[int] = ..., trigger_type: _Optional[str] = ..., error_message: _Optional[str] = ..., steps: _Optional[_Iterable[_Union[RunStep, _Mapping]]] = ...) -> None: ...

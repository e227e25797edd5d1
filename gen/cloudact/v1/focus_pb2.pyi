from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class SaasFocusRow(_message.Message):
    __slots__ = ("Provider", "ServiceName", "ServiceCategory", "ServiceSubcategory", "BilledCost", "MonthlyRunRate", "AnnualRunRate", "BillingCurrency", "ChargePeriodStart", "ChargePeriodEnd", "ResourceId", "ResourceName")
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SERVICENAME_FIELD_NUMBER: _ClassVar[int]
    SERVICECATEGORY_FIELD_NUMBER: _ClassVar[int]
    SERVICESUBCATEGORY_FIELD_NUMBER: _ClassVar[int]
    BILLEDCOST_FIELD_NUMBER: _ClassVar[int]
    MONTHLYRUNRATE_FIELD_NUMBER: _ClassVar[int]
    ANNUALRUNRATE_FIELD_NUMBER: _ClassVar[int]
    BILLINGCURRENCY_FIELD_NUMBER: _ClassVar[int]
    CHARGEPERIODSTART_FIELD_NUMBER: _ClassVar[int]
    CHARGEPERIODEND_FIELD_NUMBER: _ClassVar[int]
    RESOURCEID_FIELD_NUMBER: _ClassVar[int]
    RESOURCENAME_FIELD_NUMBER: _ClassVar[int]
    Provider: str
    ServiceName: str
    ServiceCategory: str
    ServiceSubcategory: str
    BilledCost: float
    MonthlyRunRate: float
    AnnualRunRate: float
    BillingCurrency: str
    ChargePeriodStart: str
    ChargePeriodEnd: str
    ResourceId: str
    ResourceName: str
    def __init__(self, Provider: _Optional[str] = ..., ServiceName: _Optional[str] = ..., ServiceCategory: _Optional[str] = ..., ServiceSubcategory: _Optional[str] = ..., BilledCost: _Optional[float] = ..., MonthlyRunRate: _Optional[float] = ..., AnnualRunRate: _Optional[float] = ..., BillingCurrency: _Optional[str] = ..., ChargePeriodStart: _Optional[str] = ..., ChargePeriodEnd: _Optional[str] = ..., ResourceId: _Optional[str] = ..., ResourceName: _Optional[str] = ...) -> None: ...

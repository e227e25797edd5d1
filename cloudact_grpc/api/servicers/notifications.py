"""NotificationsService: converts requests and results; anomaly and alert services do the work."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import grpc
from cloudact.v1 import notifications_pb2 as pb
from cloudact.v1 import notifications_pb2_grpc

from cloudact_grpc.api.convert import call_context
from cloudact_grpc.domain.saas.terms import minor_unit
from cloudact_grpc.services.anomalies.service import Anomaly, AnomalyService, Settings

CENT = Decimal("0.01")


def _money(value: Decimal, currency: str) -> float:
    return float(value.quantize(minor_unit(currency), ROUND_HALF_UP))


def _anomaly(a: Anomaly) -> pb.CostAnomaly:
    f, cur = a.finding, a.currency
    percent = f.impact * 100 / f.expected if f.expected else Decimal(0)
    return pb.CostAnomaly(
        date=f.day.isoformat(),
        provider=a.provider,
        service_name=a.service,
        currency=cur,
        actual_amount=_money(f.actual, cur),
        expected_amount=_money(f.expected, cur),
        lower_bound=_money(f.lower, cur),
        upper_bound=_money(f.upper, cur),
        impact=_money(f.impact, cur),
        impact_percent=float(percent.quantize(CENT, ROUND_HALF_UP)),
        direction=f.direction,
        driver_dimension=a.driver_dimension,
        driver_value=a.driver_value,
        driver_impact=_money(a.driver_impact, cur),
        score=float(f.score.quantize(CENT, ROUND_HALF_UP)),
    )


def _settings(s: Settings) -> pb.AnomalySettings:
    return pb.AnomalySettings(sensitivity=s.sensitivity, min_impact=float(s.min_impact))


class NotificationsServicer(notifications_pb2_grpc.NotificationsServiceServicer):
    """Converts and delegates."""

    def __init__(self, anomalies: AnomalyService) -> None:
        self._anomalies = anomalies

    def ListCostAnomalies(
        self, request: pb.ListCostAnomaliesRequest, context: grpc.ServicerContext
    ) -> pb.ListCostAnomaliesResponse:
        page = self._anomalies.list_anomalies(
            request.org_slug,
            start_date=request.start_date,
            end_date=request.end_date,
            providers=list(request.providers),
            sensitivity=request.sensitivity,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return pb.ListCostAnomaliesResponse(
            anomalies=[_anomaly(a) for a in page.anomalies],
            sensitivity=page.sensitivity,
            next_page_token=page.next_page_token,
        )

    def GetAnomalySettings(
        self, request: pb.GetAnomalySettingsRequest, context: grpc.ServicerContext
    ) -> pb.AnomalySettings:
        return _settings(self._anomalies.settings(request.org_slug))

    def UpdateAnomalySettings(
        self, request: pb.UpdateAnomalySettingsRequest, context: grpc.ServicerContext
    ) -> pb.AnomalySettings:
        impact = request.min_impact if request.HasField("min_impact") else None
        return _settings(
            self._anomalies.update_settings(
                call_context(), request.org_slug, request.sensitivity, impact
            )
        )

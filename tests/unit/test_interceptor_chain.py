"""The one interceptor: steps in order around a real grpc handler, wrapped once per method."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import grpc
from cloudact.v1 import organizations_pb2
from prometheus_client import CollectorRegistry

from cloudact_grpc.api.interceptors.admission import takes_writes
from cloudact_grpc.api.interceptors.auth import AuthStep, NoOrgKeys
from cloudact_grpc.api.interceptors.chain import Call, InterceptorChain, Step
from cloudact_grpc.api.interceptors.context import RequestContextStep
from cloudact_grpc.api.interceptors.decoding import DecodingStep
from cloudact_grpc.api.interceptors.errors import ErrorMappingStep
from cloudact_grpc.api.interceptors.rate_limit import RateLimitStep
from cloudact_grpc.api.interceptors.workload import WorkloadStep
from cloudact_grpc.app import build_interceptors
from cloudact_grpc.config import Settings


@dataclass
class Details:
    """What grpc hands an interceptor: the method and the request metadata."""

    method: str
    invocation_metadata: tuple[tuple[str, str | bytes], ...] = ()


class Recording(Step):
    """Records entry and exit; optionally replaces the request before proceeding."""

    def __init__(self, name: str, log: list[str], replace: Any = None) -> None:
        self._name, self._log, self._replace = name, log, replace

    def run(self, call: Call) -> Any:
        self._log.append(f"{self._name}>")
        if self._replace is not None:
            call.request = self._replace
        result = call.proceed()
        self._log.append(f"<{self._name}")
        return result


def _echo(request: Any, _context: Any) -> Any:
    return ("handled", request)


def test_steps_run_outermost_first_and_may_replace_the_request() -> None:
    log: list[str] = []
    chain = InterceptorChain([Recording("a", log), Recording("b", log, replace="decoded")])
    handler: Any = grpc.unary_unary_rpc_method_handler(_echo)

    wrapped = chain.intercept_service(lambda _d: handler, Details("/pkg.S/M"))

    assert wrapped.unary_unary("raw", None) == ("handled", "decoded")
    assert log == ["a>", "b>", "<b", "<a"]


def test_a_method_is_wrapped_once_and_rewrapped_when_its_handler_changes() -> None:
    chain = InterceptorChain([Step()])
    first: Any = grpc.unary_unary_rpc_method_handler(_echo)
    second: Any = grpc.unary_unary_rpc_method_handler(_echo)

    once = chain.intercept_service(lambda _d: first, Details("/pkg.S/M"))
    again = chain.intercept_service(lambda _d: first, Details("/pkg.S/M"))
    other = chain.intercept_service(lambda _d: second, Details("/pkg.S/M"))

    assert once is again
    assert other is not once
    assert chain.intercept_service(lambda _d: None, Details("/pkg.S/Unknown")) is None


def test_the_server_gets_one_interceptor_with_the_documented_order(settings: Settings) -> None:
    chain, *rest = build_interceptors(settings, NoOrgKeys(), CollectorRegistry())

    assert rest == []
    assert isinstance(chain, InterceptorChain)
    assert [type(step) for step in chain.steps] == [
        RequestContextStep,
        DecodingStep,
        AuthStep,
        RateLimitStep,
        WorkloadStep,
        ErrorMappingStep,
    ]


class OnlyFor(Recording):
    """A recording step that applies to one method only."""

    def __init__(self, name: str, log: list[str], method: str) -> None:
        super().__init__(name, log)
        self._method = method

    def applies_to(self, method_name: str, handler: Any) -> bool:
        return method_name == self._method


def test_a_method_runs_only_the_steps_that_apply_to_it() -> None:
    log: list[str] = []
    chain = InterceptorChain([Recording("all", log), OnlyFor("writes", log, "/pkg.S/Write")])
    handler: Any = grpc.unary_unary_rpc_method_handler(_echo)

    read = chain.intercept_service(lambda _d: handler, Details("/pkg.S/Read"))
    write = chain.intercept_service(lambda _d: handler, Details("/pkg.S/Write"))
    read.unary_unary("r", None)
    write.unary_unary("w", None)

    assert log == ["all>", "<all", "all>", "writes>", "<writes", "<all"]


def test_reads_skip_write_steps_and_cheap_calls_skip_the_heavy_work_slot(
    settings: Settings,
) -> None:
    chain, *_ = build_interceptors(settings, NoOrgKeys(), CollectorRegistry())
    assert isinstance(chain, InterceptorChain)
    read: Any = grpc.unary_unary_rpc_method_handler(
        _echo, request_deserializer=organizations_pb2.GetSubscriptionRequest.FromString
    )
    heavy_write: Any = grpc.unary_unary_rpc_method_handler(
        _echo, request_deserializer=organizations_pb2.OnboardOrganizationRequest.FromString
    )

    def applied(method: str, handler: Any) -> list[str]:
        return [type(s).__name__ for s in chain.steps if s.applies_to(method, handler)]

    service = "/cloudact.v1.OrganizationsService/"
    assert applied(service + "GetSubscription", read) == [
        "RequestContextStep", "DecodingStep", "AuthStep", "RateLimitStep", "ErrorMappingStep",
    ]  # fmt: skip
    assert "WorkloadStep" in applied(service + "OnboardOrganization", heavy_write)
    assert takes_writes(heavy_write) and not takes_writes(read)
    assert applied("/grpc.health.v1.Health/Check", read)[2:] == ["ErrorMappingStep"]

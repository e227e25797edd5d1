"""Malformed input to every gRPC method and every REST route, driven by the descriptors.

No call may answer INTERNAL (or UNKNOWN / DATA_LOSS), and through Envoy no call may answer a
5xx except 503 with an ``ErrorInfo`` reason. Deterministic (seeded); once an OpenAPI document
exists, extend this with schemathesis.
"""

from __future__ import annotations

import json
import math
import random
import re
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import grpc
import httpx
import pytest
from google.api import annotations_pb2
from google.protobuf import descriptor as d
from google.protobuf import message_factory

from cloudact_grpc.config import Settings
from tests.reliability.conftest import Stack, running_stack
from tests.support.descriptors import all_methods
from tests.support.errors import decode
from tests.support.fake_providers import running_fake_provider

pytestmark = pytest.mark.slow
ORG = "fuzz_org"
FORBIDDEN = {grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN, grpc.StatusCode.DATA_LOSS}
STRINGS = [
    "", " ", "   ", "a" * 5000, "0001-01-01", "9999-12-31", "2026-02-30", "2026-1-1", "-1",
    "null", "../../etc/passwd", "%00", "\u0000", "ünïcödé", "🙂" * 50, "' OR 1=1 --",
    "${jndi:ldap://x}", "UPPER_Case", ORG, "other_org", "gcp", "openai", "slack", "csv",
    "provider", "2026-01-01T00:00:00Z", "1e400", "NaN",
]  # fmt: skip
INTS = [-1, 0, 1, 2**31 - 1, -(2**31)]
INT64S = [-1, 2**63 - 1, -(2**63)]
DOUBLES = [-1.0, 0.0, 1e308, -1e308, math.nan, math.inf, 1e-12, 123456789.123456789]


def _methods() -> list[d.MethodDescriptor]:
    return list(all_methods())


_BY_TYPE: dict[int, list[Any]] = {
    d.FieldDescriptor.TYPE_STRING: STRINGS,
    d.FieldDescriptor.TYPE_BOOL: [True, False],
    d.FieldDescriptor.TYPE_DOUBLE: DOUBLES,
    d.FieldDescriptor.TYPE_FLOAT: DOUBLES,
    d.FieldDescriptor.TYPE_INT64: INT64S,
    d.FieldDescriptor.TYPE_SINT64: INT64S,
    d.FieldDescriptor.TYPE_INT32: INTS,
    d.FieldDescriptor.TYPE_SINT32: INTS,
    d.FieldDescriptor.TYPE_BYTES: [b"", b"\xff" * 100, b"not arrow"],
}


def _values(field: d.FieldDescriptor) -> list[Any]:
    if field.enum_type is not None:
        return [v.number for v in field.enum_type.values] + [999]
    return _BY_TYPE.get(field.type, [])


def _set(msg: Any, field: d.FieldDescriptor, value: Any) -> None:
    if field.message_type is not None:
        if field.message_type.GetOptions().map_entry:
            getattr(msg, field.name)["k"] = value if isinstance(value, str) else "v"
        return
    if field.is_repeated:
        getattr(msg, field.name).extend([value] * 3)
    else:
        setattr(msg, field.name, value)


def grpc_cases(method: d.MethodDescriptor, rng: random.Random) -> Iterator[bytes]:
    """Serialized requests: one odd value per field, several odd fields, and raw junk."""
    cls: Any = message_factory.GetMessageClass(method.input_type)
    fields = [f for f in method.input_type.fields if _values(f) or f.message_type is not None]
    for _ in range(30):
        msg = cls()
        if "org_slug" in method.input_type.fields_by_name:
            msg.org_slug = ORG
        for field in rng.sample(fields, min(len(fields), rng.choice((1, 1, 2, 4)))):
            values = _values(field) or ["x"]
            _set(msg, field, rng.choice(values))
        yield msg.SerializeToString()
    valid = cls(**({"org_slug": ORG} if "org_slug" in method.input_type.fields_by_name else {}))
    raw = valid.SerializeToString()
    yield raw[: max(0, len(raw) - 2)] + b"\x0a\x20"  # truncated field
    yield raw.replace(ORG.encode(), b"\xff" * len(ORG))  # invalid UTF-8
    for _ in range(5):
        yield bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))


@pytest.fixture(scope="module")
def stack(
    settings: Settings, root_key: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    """Limits out of the way (the fuzzer is one fast caller); providers answered locally."""
    unlimited = 10_000_000
    with (
        running_fake_provider() as providers,
        running_stack(
            settings, root_key, tmp_path_factory.mktemp("fuzz"),
            rate_limit_org_per_minute=unlimited, rate_limit_org_burst=unlimited,
            rate_limit_global_per_minute=unlimited, rate_limit_global_burst=unlimited,
            provider_base_urls=tuple(
                (n, providers.url) for n in ("openai", "anthropic", "gemini", "gcp")
            ),
            provider_allow_private_hosts=True,
        ) as running,
    ):  # fmt: skip
        running.onboard(ORG)
        yield running


def test_every_grpc_method_survives_malformed_requests(stack: Stack) -> None:
    rng = random.Random(13)  # noqa: S311 - fuzz inputs, not secrets
    bad: list[str] = []
    calls = 0
    for method in _methods():
        path = f"/{method.containing_service.full_name}/{method.name}"
        for payload in grpc_cases(method, rng):
            calls += 1
            kind = (
                stack.channel.unary_stream if method.server_streaming else stack.channel.unary_unary
            )
            call = kind(path, request_serializer=lambda b: b, response_deserializer=lambda b: b)
            metadata = (*stack.root_metadata, ("x-request-id", f"fuzz-{calls}"))
            try:
                result = call(payload, metadata=metadata, timeout=60)
                if method.server_streaming:
                    list(result)
            except grpc.RpcError as exc:
                error = decode(exc)
                if error.code in FORBIDDEN or (
                    error.code is grpc.StatusCode.UNAVAILABLE and not error.reason
                ):
                    bad.append(f"{path} {payload[:60]!r}: {error.code.name} {error.message}")
    assert calls > 1500
    assert not bad, "\n".join(bad[:20])


def _routes() -> list[tuple[str, str, d.MethodDescriptor, str]]:
    out = []
    for method in _methods():
        options = method.GetOptions()
        if not options.HasExtension(annotations_pb2.http):
            continue
        rule = options.Extensions[annotations_pb2.http]
        verb = rule.WhichOneof("pattern")
        out.append((verb.upper(), getattr(rule, verb), method, rule.body))
    return out


def _json_value(field: d.FieldDescriptor, rng: random.Random) -> Any:
    return rng.choice(
        [
            rng.choice(STRINGS), rng.choice(INTS), 1e400 if rng.random() < 0.1 else -1.5,
            None, [], {}, {"nested": {"deep": [1, "x"]}}, True, "9" * 400,
            [rng.choice(STRINGS)] * 3,
        ]
    )  # fmt: skip


def _path(template: str, rng: random.Random) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "org_slug" and rng.random() < 0.6:
            return ORG
        return quote(rng.choice([*STRINGS[1:], "%FF%FE", "x" * 300]), safe="%")

    return re.sub(r"\{([a-z_]+)\}", fill, template)


def test_every_rest_route_survives_malformed_requests(stack: Stack) -> None:
    rng = random.Random(31)  # noqa: S311 - fuzz inputs, not secrets
    bad: list[str] = []
    calls = 0
    with httpx.Client(timeout=60.0) as http:
        for verb, template, method, body in _routes():
            fields = [f for f in method.input_type.fields if f.name != "org_slug"]
            for n in range(25):
                calls += 1
                url = stack.url + _path(template, rng)
                chosen = rng.sample(fields, min(len(fields), rng.choice((1, 2, 3))))
                params = {} if verb != "GET" else {
                    f.name: quote(str(_json_value(f, rng)))[:2000] for f in chosen
                }  # fmt: skip
                payload: Any = {f.name: _json_value(f, rng) for f in chosen}
                content: bytes | None = None
                if body and n % 5 == 4:  # not JSON, or not an object
                    content = rng.choice([b"{", b"[]", b"\xff\xfe", b"null", b'"x"', b"{}" * 999])
                headers = {**stack.root_headers, "content-type": "application/json",
                           "idempotency-key": str(uuid.uuid4())}  # fmt: skip
                reply = http.request(
                    verb, url, params=params or None, headers=headers,
                    content=content if content is not None else (
                        json.dumps(payload).encode() if body else None
                    ),
                )  # fmt: skip
                ok = reply.status_code < 500
                if reply.status_code == 503:
                    try:
                        reasons = [x.get("reason") for x in reply.json().get("details", [])]
                    except ValueError:
                        reasons = []
                    ok = any(reasons)
                if not ok:
                    bad.append(
                        f"{verb} {url} {payload!r:.200}: {reply.status_code} {reply.text:.200}"
                    )
    assert calls > 1000
    assert not bad, "\n".join(bad[:20])

"""Provider checks against local servers answering like each provider."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from cloudact_grpc.adapters.providers.egress import check_url
from cloudact_grpc.adapters.providers.http_checks import HttpCredentialChecker
from cloudact_grpc.adapters.providers.registry_file import load_registry
from cloudact_grpc.domain.errors import InvalidArgument, Reason, Unavailable
from cloudact_grpc.domain.providers import Registry, Status, check_format
from tests.support.fake_providers import (
    FakeProvider,
    Reply,
    new_service_account,
    running_fake_provider,
    token_endpoint,
)

CONFIGS = Path(__file__).resolve().parents[2] / "configs"
KEYS = {
    "openai": "sk-test-0123456789",
    "anthropic": "sk-ant-test-0123456789",
    "gemini": "AIzaTest0123456789",
}


@pytest.fixture
def fake() -> Iterator[FakeProvider]:
    with running_fake_provider() as f:
        yield f


def registry_for(url: str) -> Registry:
    overrides = dict.fromkeys(("openai", "anthropic", "gemini", "gcp"), url)
    return load_registry(CONFIGS, base_url_overrides=overrides, allow_private_hosts=True)


@pytest.mark.parametrize("provider", ["openai", "anthropic", "gemini"])
def test_ok_is_valid_and_auth_is_sent_the_providers_way(fake: FakeProvider, provider: str) -> None:
    registry = registry_for(fake.url)
    result = HttpCredentialChecker(registry).check(registry.get(provider), KEYS[provider])
    assert result.status is Status.VALID and result.error == ""
    (seen,) = fake.seen
    headers = {k.lower(): v for k, v in seen.headers.items()}
    if provider == "openai":
        assert seen.path == "/v1/models" and headers["authorization"] == f"Bearer {KEYS[provider]}"
    elif provider == "anthropic":
        assert seen.path == "/v1/models" and headers["x-api-key"] == KEYS[provider]
        assert headers["anthropic-version"] == "2023-06-01"
    else:
        assert seen.path == "/v1beta/models" and headers["x-goog-api-key"] == KEYS[provider]


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (
            401,
            {"error": {"message": "Incorrect API key provided: sk-test-0123456789"}},
            "Invalid API key: Incorrect API key provided: [redacted]",
        ),
        (
            403,
            {"error": {"message": "project lacks access"}},
            "API key lacks required permissions: project lacks access",
        ),
        (
            400,
            {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key."}},
            "API error: API key not valid. Please pass a valid API key.",
        ),
    ],
)
def test_rejections_are_invalid_with_the_providers_reason(
    fake: FakeProvider, status: int, body: object, expected: str
) -> None:
    fake.reply = Reply(status, body)
    registry = registry_for(fake.url)
    result = HttpCredentialChecker(registry).check(registry.get("openai"), KEYS["openai"])
    assert result.status is Status.INVALID and result.error == expected
    assert KEYS["openai"] not in result.error


@pytest.mark.parametrize(
    "reply",
    [
        Reply(429, {"error": {"message": "slow down"}}, {"Retry-After": "7"}),
        Reply(500, {"error": {"message": "boom"}}),
        Reply(503, {}),
        Reply(302, {}, {"Location": "http://169.254.169.254/latest"}),
        Reply(200, {}, delay=1.5),
    ],
    ids=["429", "500", "503", "redirect", "slow"],
)
def test_provider_trouble_is_unavailable_never_invalid(fake: FakeProvider, reply: Reply) -> None:
    fake.reply = reply
    registry = registry_for(fake.url)
    spec = dataclasses.replace(registry.get("anthropic"), timeout_seconds=0.5)
    with pytest.raises(Unavailable) as info:
        HttpCredentialChecker(registry).check(spec, KEYS["anthropic"])
    assert info.value.reason is Reason.PROVIDER_UNREACHABLE
    assert KEYS["anthropic"] not in info.value.message
    assert len(fake.seen) == 1  # the redirect was not followed
    if reply.status == 429:
        assert info.value.retry_after_seconds == 7.0


def test_connection_refused_is_unavailable() -> None:
    registry = registry_for("http://127.0.0.1:1")
    with pytest.raises(Unavailable):
        HttpCredentialChecker(registry).check(registry.get("gemini"), KEYS["gemini"])


def test_gcp_real_token_exchange(fake: FakeProvider) -> None:
    registry = registry_for(fake.url)
    good, good_public = new_service_account(f"{fake.url}/token")
    stranger, _ = new_service_account(f"{fake.url}/token")
    fake.responder = token_endpoint([good_public])
    checker = HttpCredentialChecker(registry)
    spec = registry.get("gcp")
    assert check_format(spec, good, "credential") == {
        "project_id": "proj-1",
        "client_email": "svc@proj-1.iam.gserviceaccount.com",
    }
    assert checker.check(spec, good).status is Status.VALID
    assert fake.seen[-1].method == "POST" and fake.seen[-1].path == "/token"
    rejected = checker.check(spec, stranger)
    assert rejected.status is Status.INVALID
    assert rejected.error == "token exchange refused: invalid_grant: Invalid JWT Signature."
    fake.responder = lambda seen: Reply(500, {"error": "internal"})
    with pytest.raises(Unavailable):
        checker.check(spec, good)


def test_gcp_token_uri_outside_the_allow_list_is_refused(fake: FakeProvider) -> None:
    registry = registry_for(fake.url)
    evil, _ = new_service_account("http://169.254.169.254/computeMetadata/v1/token")
    with pytest.raises(InvalidArgument) as info:
        HttpCredentialChecker(registry).check(registry.get("gcp"), evil)
    assert info.value.violations[0].field == "credential.token_uri"
    assert fake.seen == []


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://api.openai.com/v1/models", True),
        ("http://api.openai.com/v1/models", False),
        ("https://evil.example.com/v1/models", False),
        ("https://169.254.169.254/latest", False),
        ("https://metadata.google.internal/x", False),
        ("https://localhost/v1/models", False),
    ],
)
def test_egress_guard(url: str, ok: bool) -> None:
    hosts = ("api.openai.com", "localhost", "169.254.169.254", "metadata.google.internal")
    if ok:
        check_url(url, hosts, allow_private=False)
    else:
        with pytest.raises(InvalidArgument):
            check_url(url, hosts, allow_private=False)


@pytest.mark.parametrize(
    ("provider", "secret", "field"),
    [
        ("openai", "short", "credential"),
        ("openai", "pk-0123456789abc", "credential"),
        ("gemini", "sk-0123456789abc", "credential"),
        ("gcp", "not json at all", "credential"),
        ("gcp", '{"type": "service_account", "project_id": "p"}', "credential.private_key"),
        (
            "gcp",
            '{"type": "user", "project_id": "p", "private_key": "x", "client_email": "e"}',
            "credential.type",
        ),
    ],
)
def test_format_checks_name_the_field(provider: str, secret: str, field: str) -> None:
    registry = load_registry(CONFIGS)
    with pytest.raises(InvalidArgument) as info:
        check_format(registry.get(provider), secret, "credential")
    assert field in [v.field for v in info.value.violations]
    assert secret not in info.value.message or len(secret) < 10

"""Live credential checks over ``httpx``: API-key GETs and the GCP service-account token exchange.

Outcome rules: 2xx VALID; 400/401/403 INVALID with the provider's reason; anything else (3xx
redirects, 429, 5xx, other statuses, timeouts, connection failures) is ``Unavailable`` with
reason PROVIDER_UNREACHABLE, never INVALID. Redirects are not followed.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Mapping

import httpx
from google.auth import exceptions as gauth_exc
from google.auth import transport
from google.oauth2 import service_account

from cloudact_grpc.adapters.providers.egress import check_url
from cloudact_grpc.domain.errors import Reason, Unavailable
from cloudact_grpc.domain.providers import (
    CheckResult,
    ProviderSpec,
    Registry,
    Status,
    parse_service_account,
)

_MAX_REASON = 300
_KEYLIKE = re.compile(r"(sk-[A-Za-z0-9_*\-]{4,}|AIza[A-Za-z0-9_\-]{4,})")


class HttpCredentialChecker:
    """Checks credentials against the providers of ``registry`` (implements the checker port)."""

    def __init__(self, registry: Registry) -> None:
        self._registry = registry

    def check(self, spec: ProviderSpec, secret: str) -> CheckResult:
        """VALID or INVALID; ``Unavailable`` when the provider cannot give an answer."""
        if spec.method == "service_account_token":
            return self._check_service_account(spec, secret)
        url = f"{spec.base_url}{spec.path}"
        headers = dict(spec.extra_headers)
        # Keys travel in headers only, never in the URL (URLs end up in logs).
        if spec.method == "bearer_get":
            headers["Authorization"] = f"Bearer {secret}"
        elif spec.method == "header_get":
            headers[spec.header] = secret
        else:
            raise ValueError(f"unknown validation method {spec.method!r}")
        check_url(url, spec.allowed_hosts, allow_private=self._registry.allow_private_hosts)
        try:
            with _client(spec) as client:
                resp = client.get(url, headers=headers)
        except httpx.HTTPError as exc:
            raise _unreachable(spec, f"network error ({type(exc).__name__})") from None
        return _classify(spec, resp.status_code, resp.headers, resp.text, secret)

    def _check_service_account(self, spec: ProviderSpec, secret: str) -> CheckResult:
        info = parse_service_account(secret)
        token_uri = str(info.get("token_uri") or f"{spec.base_url}/token")
        check_url(
            token_uri,
            spec.allowed_hosts,
            allow_private=self._registry.allow_private_hosts,
            field_name="credential.token_uri",
        )
        try:
            creds = service_account.Credentials.from_service_account_info(  # type: ignore[no-untyped-call]
                {**info, "token_uri": token_uri}, scopes=[spec.scope]
            )
        except (ValueError, TypeError) as exc:
            return CheckResult(Status.INVALID, f"unusable service account: {type(exc).__name__}")
        with _client(spec) as client:
            try:
                creds.refresh(_AuthRequest(client))
            except gauth_exc.RefreshError as exc:
                if exc.retryable:
                    raise _unreachable(spec, "token endpoint failed") from None
                return CheckResult(Status.INVALID, _redact(_refresh_reason(exc), secret))
            except gauth_exc.TransportError:
                raise _unreachable(spec, "token endpoint unreachable") from None
        return CheckResult(Status.VALID)


def _client(spec: ProviderSpec) -> httpx.Client:
    return httpx.Client(timeout=spec.timeout_seconds, follow_redirects=False, trust_env=False)


def _classify(
    spec: ProviderSpec, status: int, headers: Mapping[str, str], body: str, secret: str
) -> CheckResult:
    if 200 <= status < 300:
        return CheckResult(Status.VALID)
    if status == 401:
        return CheckResult(Status.INVALID, _reason("Invalid API key", body, secret))
    if status == 403:
        return CheckResult(
            Status.INVALID, _reason("API key lacks required permissions", body, secret)
        )
    if status == 400:
        return CheckResult(Status.INVALID, _reason("API error", body, secret))
    if 300 <= status < 400:
        raise _unreachable(spec, f"unexpected redirect (HTTP {status})")
    retry = 5.0
    if status == 429:
        with contextlib.suppress(ValueError):
            retry = max(1.0, float(headers.get("retry-after", "5")))
        raise _unreachable(spec, "rate limited by the provider (HTTP 429)", retry)
    raise _unreachable(spec, f"provider answered HTTP {status}", retry)


def _reason(prefix: str, body: str, secret: str) -> str:
    message = ""
    try:
        doc = json.loads(body)
        error = doc.get("error") if isinstance(doc, dict) else None
        if isinstance(error, dict):
            message = str(error.get("message") or "")
        elif isinstance(error, str):
            message = error
    except ValueError:
        pass
    text = f"{prefix}: {message}" if message else prefix
    return _redact(text, secret)[:_MAX_REASON]


def _redact(text: str, secret: str) -> str:
    """Remove the secret (and anything key-shaped) from a provider message."""
    if secret:
        text = text.replace(secret, "[redacted]")
    return _KEYLIKE.sub("[redacted]", text)


def _refresh_reason(exc: gauth_exc.RefreshError) -> str:
    detail = exc.args[1] if len(exc.args) > 1 else None
    if isinstance(detail, dict):
        error = str(detail.get("error") or "")
        description = str(detail.get("error_description") or "")
        return f"token exchange refused: {error}: {description}".rstrip(": ")[:_MAX_REASON]
    return "token exchange refused"


def _unreachable(spec: ProviderSpec, why: str, retry: float = 5.0) -> Unavailable:
    return Unavailable(
        f"{spec.display_name} could not be checked: {why}",
        retry_after_seconds=retry,
        reason=Reason.PROVIDER_UNREACHABLE,
        metadata={"provider": spec.name},
    )


class _AuthResponse(transport.Response):
    def __init__(self, resp: httpx.Response) -> None:
        self._resp = resp

    @property
    def status(self) -> int:
        return self._resp.status_code

    @property
    def headers(self) -> Mapping[str, str]:
        return dict(self._resp.headers)

    @property
    def data(self) -> bytes:
        return self._resp.content


class _AuthRequest(transport.Request):
    """google-auth transport over our no-redirect httpx client."""

    def __init__(self, client: httpx.Client) -> None:
        self._client = client

    def __call__(
        self,
        url: str,
        method: str = "GET",
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
        **kwargs: object,
    ) -> transport.Response:
        try:
            resp = self._client.request(method, url, content=body, headers=dict(headers or {}))
        except httpx.HTTPError as exc:
            raise gauth_exc.TransportError(type(exc).__name__) from None  # type: ignore[no-untyped-call]
        if 300 <= resp.status_code < 400:
            raise gauth_exc.TransportError("unexpected redirect")  # type: ignore[no-untyped-call]
        return _AuthResponse(resp)

"""Authentication: the root key or an org key, per the method's access level.

Failed authentications are budgeted per client address and key prefix (``AuthFailureGuard``):
over budget, a caller gets RESOURCE_EXHAUSTED before any key lookup, and a refused key is
remembered briefly so repeating it costs no lookup. The client address is the peer's, or, for a
loopback peer (Envoy, configured with ``use_remote_address``), the last ``x-forwarded-for`` hop.
A credential header sent twice is refused (never "last one wins").
"""

from __future__ import annotations

import functools
import hmac
import ipaddress
from typing import Any, Protocol

import grpc
import structlog

from cloudact_grpc.api import request_context
from cloudact_grpc.api.access import SELF_VALIDATING, Access, access_for
from cloudact_grpc.api.http_paths import path_org_slug
from cloudact_grpc.api.interceptors.chain import Call, Step
from cloudact_grpc.api.interceptors.errors import abort_with
from cloudact_grpc.domain import errors, identifiers
from cloudact_grpc.domain.principal import ROOT, Principal
from cloudact_grpc.services.auth_guard import AuthFailureGuard

_log = structlog.get_logger("cloudact.auth")
ROOT_KEY_HEADER = "x-ca-root-key"
API_KEY_HEADER = "x-api-key"


class ApiKeyAuthenticator(Protocol):
    """Resolves an org API key to its principal, or raises Unauthenticated/PermissionDenied."""

    def authenticate(self, api_key: str) -> Principal: ...


class DenialRecorder(Protocol):
    """Audits refused mutations."""

    def record_denial(
        self, *, actor: str, org_slug: str, method: str, reason: str, request_id: str
    ) -> None: ...


class NoOrgKeys:
    """Authenticator used until org keys exist: every org key is refused."""

    def authenticate(self, api_key: str) -> Principal:
        """Refuse the key."""
        raise errors.Unauthenticated.invalid_api_key(api_key)


class AuthStep(Step):
    """Sets the caller's principal, or aborts with UNAUTHENTICATED / PERMISSION_DENIED."""

    def __init__(
        self,
        root_key: str | None,
        org_keys: ApiKeyAuthenticator,
        *,
        disabled: bool = False,
        denials: DenialRecorder | None = None,
        guard: AuthFailureGuard | None = None,
    ) -> None:
        self._root_key = root_key.encode() if root_key else None
        self._org_keys = org_keys
        self._disabled = disabled
        self._denials = denials
        self._guard = guard

    def applies_to(self, method_name: str, handler: Any) -> bool:
        return access_for(method_name) is not Access.PUBLIC

    def run(self, call: Call) -> Any:
        request, context, method_name = call.request, call.context, call.method_name
        access = access_for(method_name)
        if access is not Access.PUBLIC:
            try:
                principal = self._principal(access, context, method_name)
                state = request_context.current()
                state.principal = principal
                org_slug = getattr(request, "org_slug", None)
                # An org-level call names its org: an empty one is a malformed slug, never "all
                # orgs" (which only root-only methods may mean by it).
                if isinstance(org_slug, str) and (org_slug or access is Access.ORG):
                    if method_name not in SELF_VALIDATING:
                        # Format before permission: a malformed slug (upper case included) is a
                        # 400 for every caller and names no organization whose existence
                        # could leak; servicers then pass it on unchanged.
                        identifiers.org_slug(org_slug)
                    state.org_slug = org_slug
                    _same_as_path(context, method_name, org_slug)
                    principal.require_org(org_slug)
            except errors.DomainError as exc:
                if isinstance(exc, errors.ResourceExhausted):
                    request_context.current().response_headers["retry-after"] = str(
                        int(exc.retry_after_seconds)
                    )
                else:
                    self._audit_denial(request, method_name, exc)
                abort_with(context, exc)
        return call.proceed()

    def _audit_denial(self, request: Any, method_name: str, exc: errors.DomainError) -> None:
        """Audit refused mutations of an org (requests with ``request_id`` are mutations)."""
        org_slug = getattr(request, "org_slug", "")
        malformed = isinstance(exc, errors.InvalidArgument)  # no organization to file it under
        if self._denials is None or malformed or not org_slug or not hasattr(request, "request_id"):
            return
        state = request_context.current()
        actor = state.principal.actor if state.principal else "anonymous"
        try:
            self._denials.record_denial(
                actor=actor,
                org_slug=str(org_slug),
                method=method_name,
                reason=exc.reason.value,
                request_id=state.request_id,
            )
        except Exception:  # noqa: BLE001 - auditing must never turn a denial into INTERNAL
            _log.warning("could not audit a denial", method=method_name, exc_info=True)

    def _principal(
        self, access: Access, context: grpc.ServicerContext, method_name: str
    ) -> Principal:
        if self._disabled:
            return ROOT
        root_key = _single_header(context, ROOT_KEY_HEADER)
        api_key = _single_header(context, API_KEY_HEADER)
        presented = root_key if root_key is not None else api_key if access is Access.ORG else None
        if presented:
            return self._guarded(presented, root=root_key is not None, context=context,
                                 method_name=method_name)  # fmt: skip
        if root_key is not None:
            return self._check_root(root_key, method_name)
        if access is Access.ROOT:
            raise errors.Unauthenticated(
                "this method requires the X-CA-Root-Key header",
                reason=errors.Reason.ROOT_KEY_MISSING,
                metadata={"method": method_name},
            )
        raise errors.Unauthenticated(
            "this method requires the X-API-Key header (or X-CA-Root-Key)",
            reason=errors.Reason.API_KEY_MISSING,
            metadata={"method": method_name},
        )

    def _guarded(
        self, key: str, *, root: bool, context: grpc.ServicerContext, method_name: str
    ) -> Principal:
        """Check ``key`` within the failure budget of its client address and key prefix."""
        guard = self._guard
        if guard is None:
            return self._check_root(key, method_name) if root else self._org_keys.authenticate(key)
        client = client_address(context)
        guard.check(client, key)
        try:
            if root:
                return self._check_root(key, method_name)
            if guard.refused_recently(key):
                raise errors.Unauthenticated.invalid_api_key(key)
            principal = self._org_keys.authenticate(key)
            guard.succeeded(key)
            return principal
        except errors.DomainError as exc:
            if exc.reason in (errors.Reason.API_KEY_INVALID, errors.Reason.ROOT_KEY_INVALID):
                guard.failed(client, key, remember=exc.reason is errors.Reason.API_KEY_INVALID)
            raise

    def _check_root(self, given: str, method_name: str) -> Principal:
        if self._root_key is not None and hmac.compare_digest(given.encode(), self._root_key):
            return ROOT
        raise errors.PermissionDenied(
            "the X-CA-Root-Key is not valid",
            reason=errors.Reason.ROOT_KEY_INVALID,
            metadata={"method": method_name},
        )


def _single_header(context: grpc.ServicerContext, name: str) -> str | None:
    """The one value of header ``name``; INVALID_ARGUMENT when it was sent more than once."""
    values = [str(v) for k, v in context.invocation_metadata() or () if k == name]
    if len(values) > 1:
        raise errors.InvalidArgument.field(name, "send this header once")
    return values[0] if values else None


def client_address(context: grpc.ServicerContext) -> str:
    """The caller's address: the peer's, or the last x-forwarded-for hop behind a local proxy."""
    peer = context.peer() or ""
    host = peer.split(":", 1)[1] if ":" in peer else peer
    if peer.startswith("ipv6:"):
        host = host.rsplit("]", 1)[0].lstrip("[")
    elif peer.startswith("ipv4:"):
        host = host.rsplit(":", 1)[0]
    if _is_loopback(host) or peer.startswith("unix:"):
        forwarded = [
            str(v) for k, v in context.invocation_metadata() or () if k == "x-forwarded-for"
        ]
        hops = [h.strip() for h in ",".join(forwarded).split(",") if h.strip()]
        if hops:
            return hops[-1]
    return host


@functools.lru_cache(maxsize=1024)
def _is_loopback(host: str) -> bool:
    """True for a loopback address (cached: Envoy's one address is asked on every call)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _same_as_path(context: grpc.ServicerContext, method_name: str, org_slug: str) -> None:
    """INVALID_ARGUMENT when a REST call's query or body names another org than its path."""
    original = _single_header(context, "x-envoy-original-path")
    named = path_org_slug(method_name, original) if original else None
    if named is not None and named != org_slug:
        raise errors.InvalidArgument.field(
            "org_slug", "the query or body names another organization than the path"
        )

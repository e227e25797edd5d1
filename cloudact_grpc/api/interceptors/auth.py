"""Authentication: the root key or an org key, per the method's access level."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Any, Protocol

import grpc
import structlog
from grpc_interceptor import ServerInterceptor

from cloudact_grpc.api import request_context
from cloudact_grpc.api.access import SELF_VALIDATING, Access, access_for
from cloudact_grpc.api.interceptors.errors import abort_with
from cloudact_grpc.domain import errors, identifiers
from cloudact_grpc.domain.principal import ROOT, Principal

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


class AuthInterceptor(ServerInterceptor):
    """Sets the caller's principal, or aborts with UNAUTHENTICATED / PERMISSION_DENIED."""

    def __init__(
        self,
        root_key: str | None,
        org_keys: ApiKeyAuthenticator,
        *,
        disabled: bool = False,
        denials: DenialRecorder | None = None,
    ) -> None:
        self._root_key = root_key.encode() if root_key else None
        self._org_keys = org_keys
        self._disabled = disabled
        self._denials = denials

    def intercept(
        self,
        method: Callable[[Any, grpc.ServicerContext], Any],
        request_or_iterator: Any,
        context: grpc.ServicerContext,
        method_name: str,
    ) -> Any:
        access = access_for(method_name)
        if access is not Access.PUBLIC:
            try:
                principal = self._principal(access, context, method_name)
                state = request_context.current()
                state.principal = principal
                org_slug = getattr(request_or_iterator, "org_slug", None)
                if isinstance(org_slug, str) and org_slug:
                    if method_name not in SELF_VALIDATING:
                        # Format before permission: a malformed slug (upper case included) is a
                        # 400 for every caller and names no organization whose existence
                        # could leak; servicers then pass it on unchanged.
                        identifiers.org_slug(org_slug)
                    state.org_slug = org_slug
                    principal.require_org(org_slug)
            except errors.DomainError as exc:
                self._audit_denial(request_or_iterator, method_name, exc)
                abort_with(context, exc)
        return method(request_or_iterator, context)

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
        headers = dict(context.invocation_metadata() or ())
        root_key = headers.get(ROOT_KEY_HEADER)
        api_key = headers.get(API_KEY_HEADER)
        if root_key is not None:
            return self._check_root(str(root_key), method_name)
        if access is Access.ORG and api_key:
            return self._org_keys.authenticate(str(api_key))
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

    def _check_root(self, given: str, method_name: str) -> Principal:
        if self._root_key is not None and hmac.compare_digest(given.encode(), self._root_key):
            return ROOT
        raise errors.PermissionDenied(
            "the X-CA-Root-Key is not valid",
            reason=errors.Reason.ROOT_KEY_INVALID,
            metadata={"method": method_name},
        )

"""Integration providers: registry entries, credential format checks and check outcomes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from cloudact_grpc.domain.errors import FieldViolation, InvalidArgument

MIN_CREDENTIAL_CHARS = 10
MAX_CREDENTIAL_CHARS = 100_000
SA_REQUIRED = ("type", "project_id", "private_key", "client_email")


class CredentialType(StrEnum):
    """How a provider authenticates."""

    API_KEY = "API_KEY"
    SERVICE_ACCOUNT_JSON = "SERVICE_ACCOUNT_JSON"


class Status(StrEnum):
    """Stored and reported credential states."""

    VALID = "VALID"
    INVALID = "INVALID"
    PENDING = "PENDING"
    NOT_CONFIGURED = "NOT_CONFIGURED"


@dataclass(frozen=True, slots=True)
class ProviderSpec:
    """One registry entry (after base-URL overrides were applied)."""

    name: str
    display_name: str
    group: str
    credential_type: CredentialType
    default_credential_name: str
    key_prefixes: tuple[str, ...]
    method: str
    base_url: str
    allowed_hosts: tuple[str, ...]
    timeout_seconds: float
    path: str = ""
    header: str = ""
    scope: str = ""
    extra_headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_llm(self) -> bool:
        """Whether the provider has LLM pricing and subscriptions."""
        return self.group == "llm"


@dataclass(frozen=True, slots=True)
class Registry:
    """All providers, by name; ``allow_private_hosts`` is for tests against local servers."""

    providers: Mapping[str, ProviderSpec]
    allow_private_hosts: bool = False

    def get(self, name: str, field_name: str = "provider") -> ProviderSpec:
        """The provider called ``name`` (case-insensitive); ``InvalidArgument`` otherwise."""
        spec = self.providers.get(name.strip().lower())
        if spec is None:
            valid = ", ".join(sorted(self.providers))
            raise InvalidArgument.field(field_name, f"must be one of {valid}")
        return spec


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What the provider said: VALID, or INVALID with its reason (never the secret)."""

    status: Status
    error: str = ""


def check_format(spec: ProviderSpec, secret: str, field_name: str) -> dict[str, str]:
    """Raise ``InvalidArgument`` unless ``secret`` can be a credential of ``spec``.

    Returns non-secret metadata derived from the credential (for GCP: project and account).
    """
    if not MIN_CREDENTIAL_CHARS <= len(secret) <= MAX_CREDENTIAL_CHARS:
        raise InvalidArgument.field(
            field_name, f"must be {MIN_CREDENTIAL_CHARS} to {MAX_CREDENTIAL_CHARS} characters"
        )
    if spec.credential_type is CredentialType.API_KEY:
        if secret != secret.strip() or any(c.isspace() for c in secret):
            raise InvalidArgument.field(field_name, "must not contain whitespace")
        if spec.key_prefixes and not secret.startswith(spec.key_prefixes):
            prefixes = " or ".join(repr(p) for p in spec.key_prefixes)
            raise InvalidArgument.field(
                field_name, f"{spec.display_name} keys start with {prefixes}"
            )
        return {}
    return _service_account_metadata(secret, field_name)


def parse_service_account(secret: str) -> dict[str, object]:
    """The service-account JSON object (format already checked)."""
    info = json.loads(secret)
    if not isinstance(info, dict):
        raise InvalidArgument.field("credential", "must be a JSON object")
    return info


def _service_account_metadata(secret: str, field_name: str) -> dict[str, str]:
    try:
        info = json.loads(secret)
    except ValueError:
        raise InvalidArgument.field(field_name, "must be service-account JSON") from None
    if not isinstance(info, dict):
        raise InvalidArgument.field(field_name, "must be a JSON object")
    missing = [k for k in SA_REQUIRED if not isinstance(info.get(k), str) or not info[k].strip()]
    if missing:
        raise InvalidArgument(
            f"{field_name}: missing {', '.join(missing)}",
            violations=[FieldViolation(f"{field_name}.{k}", "required") for k in missing],
        )
    if info["type"] != "service_account":
        raise InvalidArgument.field(f"{field_name}.type", "must be 'service_account'")
    if "-----BEGIN PRIVATE KEY-----" not in info["private_key"]:
        raise InvalidArgument.field(f"{field_name}.private_key", "must be a PEM private key")
    return {"project_id": str(info["project_id"]), "client_email": str(info["client_email"])}

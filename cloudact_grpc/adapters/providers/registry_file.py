"""Load ``configs/providers.yaml`` into a ``Registry``, applying base-URL overrides."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from cloudact_grpc.adapters.yaml_file import YAMLError, read_yaml
from cloudact_grpc.config import ConfigError
from cloudact_grpc.domain.providers import CredentialType, ProviderSpec, Registry

PROVIDERS_FILE = "providers.yaml"


def load_registry(
    config_dir: Path,
    *,
    base_url_overrides: Mapping[str, str] | None = None,
    allow_private_hosts: bool = False,
) -> Registry:
    """Parse the registry; ``ConfigError`` naming the file on any problem."""
    path = config_dir / PROVIDERS_FILE
    overrides = {k.lower(): v for k, v in (base_url_overrides or {}).items()}
    try:
        doc = read_yaml(path)
        default_timeout = float(doc.get("defaults", {}).get("timeout_seconds", 10))
        providers: dict[str, ProviderSpec] = {}
        for name, raw in doc["providers"].items():
            check = raw["validation"]
            base_url = overrides.pop(name, None) or str(raw["base_url"])
            hosts = [str(h).lower() for h in raw.get("allowed_hosts") or ()]
            host = urlsplit(base_url).hostname
            if not host:
                raise ValueError(f"{name}: base_url {base_url!r} has no host")
            if host.lower() not in hosts:
                hosts.append(host.lower())  # an operator-configured base URL is trusted
            providers[name] = ProviderSpec(
                name=name,
                display_name=str(raw["display_name"]),
                group=str(raw["group"]),
                credential_type=CredentialType(raw["credential_type"]),
                default_credential_name=str(raw["default_credential_name"]),
                key_prefixes=tuple(str(p) for p in raw.get("key_prefixes") or ()),
                method=str(check["method"]),
                path=str(check.get("path", "")),
                header=str(check.get("header", "")),
                scope=str(check.get("scope", "")),
                extra_headers={
                    str(k): str(v) for k, v in (check.get("extra_headers") or {}).items()
                },
                base_url=base_url.rstrip("/"),
                allowed_hosts=tuple(hosts),
                timeout_seconds=float(raw.get("timeout_seconds", default_timeout)),
            )
        if overrides:
            raise ValueError(f"base URL override for unknown provider(s) {sorted(overrides)}")
        return Registry(providers, allow_private_hosts=allow_private_hosts)
    except (OSError, YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc

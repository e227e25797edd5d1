"""The credential-checker port: asks a provider whether a credential works."""

from __future__ import annotations

from typing import Protocol

from cloudact_grpc.domain.providers import CheckResult, ProviderSpec


class CredentialChecker(Protocol):
    """VALID or INVALID (with the provider's reason); ``Unavailable`` when it cannot tell."""

    def check(self, spec: ProviderSpec, secret: str) -> CheckResult: ...

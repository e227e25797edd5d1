"""Integration credentials: setup, validation, status, deletion, internal read and re-wrap.

Secrets are envelope-encrypted before they reach the warehouse, never logged, never put in an
audit row and never returned, except by ``get_credential`` (internal, root only).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import KW_ONLY, asdict, dataclass, field

from cloudact_grpc.domain.clock import Clock, SystemClock
from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import (
    DomainError,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
)
from cloudact_grpc.domain.providers import Registry, Status, check_format
from cloudact_grpc.ports.provider_check import CredentialChecker
from cloudact_grpc.ports.warehouse import Eq, IsNull, OrderBy, Predicate, Warehouse
from cloudact_grpc.services.audit import FAILURE, SUCCESS, AuditService
from cloudact_grpc.services.bootstrap import CENTRAL_DATASET
from cloudact_grpc.services.envelope import EnvelopeCipher, Sealed, credential_aad
from cloudact_grpc.services.llm_pricing import LlmPricingService
from cloudact_grpc.services.org_rows import retired_credential
from cloudact_grpc.services.orgs import tables
from cloudact_grpc.services.orgs.lifecycle import require_org

TABLE = tables.CREDENTIALS
RESOURCE = "INTEGRATION"


@dataclass(frozen=True, slots=True)
class Integration:
    """One provider's credential state (never the secret)."""

    provider: str
    status: str
    credential_id: str = ""
    credential_name: str = ""
    credential_type: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    last_error: str = ""
    last_validated_at: dt.datetime | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """Result of setup or validate."""

    success: bool
    provider: str
    credential_id: str
    status: str
    error: str
    message: str
    validated_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Credential:
    """A decrypted credential for the pipeline service (internal)."""

    secret: str = field(repr=False)
    credential_id: str
    credential_type: str
    status: str
    metadata: dict[str, str]


@dataclass(frozen=True, slots=True)
class RewrapResult:
    """Counts of a re-wrap run."""

    key_version: str
    total: int
    rewrapped: int
    skipped: int
    failed: int


@dataclass(frozen=True, slots=True)
class IntegrationService:
    """Provider credentials of organisations."""

    warehouse: Warehouse
    registry: Registry
    checker: CredentialChecker
    cipher: EnvelopeCipher
    audit: AuditService
    pricing: LlmPricingService
    _: KW_ONLY
    dataset: str = CENTRAL_DATASET
    clock: Clock = field(default_factory=SystemClock)

    # ---- setup / validate ------------------------------------------------------------------

    def setup(
        self,
        ctx: CallContext,
        org_slug: str,
        provider: str,
        *,
        api_key: str = "",
        credential: str = "",
        credential_name: str = "",
        metadata: Mapping[str, str] | None = None,
        skip_validation: bool = False,
    ) -> CheckOutcome:
        """Check, encrypt and store a credential; an INVALID one is reported, never stored."""
        spec = self.registry.get(provider)
        if bool(api_key) == bool(credential):
            raise InvalidArgument(
                "send exactly one of api_key and credential",
                violations=[
                    FieldViolation("credential", "send exactly one of api_key and credential")
                ],
            )
        field_name = "api_key" if api_key else "credential"
        secret = api_key or credential
        derived = check_format(spec, secret, field_name)
        name = credential_name.strip() or spec.default_credential_name.format(**derived)
        if not 3 <= len(name) <= 200:
            raise InvalidArgument.field("credential_name", "must be 3 to 200 characters")
        labels = {**{str(k): str(v) for k, v in (metadata or {}).items()}, **derived}
        slug = require_org(self.warehouse, self.dataset, org_slug, active=True)
        if skip_validation:
            status, error = Status.PENDING, ""
        else:
            result = self.checker.check(spec, secret)
            status, error = result.status, result.error
        if status is Status.INVALID:
            self._record(
                ctx,
                slug,
                "CREATE",
                spec.name,
                {"provider": spec.name, "validation_status": status.value},
                error=error,
            )
            return CheckOutcome(
                False,
                spec.name,
                "",
                status.value,
                error,
                f"{spec.display_name} credential rejected: {error}",
            )
        credential_id = uuid.uuid4().hex
        now = self.clock.now()
        sealed = self.cipher.seal(secret, credential_aad(slug, spec.name, credential_id))
        previous = self._active_rows(slug, spec.name)
        self.warehouse.insert_rows(
            self.dataset,
            TABLE,
            [
                {
                    "credential_id": credential_id,
                    "org_slug": slug,
                    "provider": spec.name,
                    "credential_name": name,
                    "credential_type": spec.credential_type.value,
                    **asdict(sealed),
                    "credential_fingerprint": hashlib.sha256(secret.encode()).hexdigest()[:8],
                    "validation_status": status.value,
                    "last_validated_at": now if status is Status.VALID else None,
                    "last_error": None,
                    "metadata": labels,
                    "is_active": True,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            ],
        )
        for row in previous:  # the new credential is active first: never a gap
            self._retire(str(row["credential_id"]), now)
        seeded = 0
        if status is Status.VALID and spec.is_llm:
            seeded = self.pricing.seed_defaults(ctx, slug, spec.name)
        self._record(
            ctx,
            slug,
            "CREATE",
            credential_id,
            {
                "provider": spec.name,
                "validation_status": status.value,
                "replaced": len(previous),
                "pricing_seeded": seeded,
            },
        )
        message = (
            f"{spec.display_name} integration configured and validated "
            f"({seeded} default prices seeded)"
            if status is Status.VALID
            else f"{spec.display_name} integration configured (validation pending)"
        )
        return CheckOutcome(
            True,
            spec.name,
            credential_id,
            status.value,
            "",
            message,
            now if status is Status.VALID else None,
        )

    def validate(self, ctx: CallContext, org_slug: str, provider: str) -> CheckOutcome:
        """Re-check the active credential whatever its status; store the new status."""
        spec = self.registry.get(provider)
        slug = require_org(self.warehouse, self.dataset, org_slug, active=True)
        row = self._active_row(slug, spec.name)
        secret = self._open(row)
        result = self.checker.check(spec, secret)  # Unavailable leaves the row unchanged
        now = self.clock.now()
        credential_id = str(row["credential_id"])
        self.warehouse.update(
            self.dataset,
            TABLE,
            {
                "validation_status": result.status.value,
                "last_validated_at": now,
                "last_error": result.error or None,
                "updated_at": now,
            },
            [Eq("credential_id", credential_id)],
        )
        if result.status is Status.VALID and spec.is_llm:
            self.pricing.seed_defaults(ctx, slug, spec.name)
        self._record(
            ctx,
            slug,
            "VALIDATE",
            credential_id,
            {"provider": spec.name, "validation_status": result.status.value},
        )
        ok = result.status is Status.VALID
        message = (
            f"{spec.display_name} credential is valid"
            if ok
            else f"{spec.display_name} credential rejected: {result.error}"
        )
        return CheckOutcome(
            ok, spec.name, credential_id, result.status.value, result.error, message, now
        )

    # ---- reads -----------------------------------------------------------------------------

    def get(self, org_slug: str, provider: str) -> Integration:
        """One provider's state; NOT_CONFIGURED without an active credential."""
        spec = self.registry.get(provider)
        slug = require_org(self.warehouse, self.dataset, org_slug, active=False)
        rows = self._active_rows(slug, spec.name)
        return _view(rows[0]) if rows else Integration(spec.name, Status.NOT_CONFIGURED.value)

    def list_all(self, org_slug: str) -> dict[str, Integration]:
        """Every registry provider's state."""
        slug = require_org(self.warehouse, self.dataset, org_slug, active=False)
        rows = self.warehouse.select(
            self.dataset,
            TABLE,
            [Eq("org_slug", slug), Eq("is_active", True)],
            order_by=[OrderBy("created_at", descending=True)],
        )
        out: dict[str, Integration] = {}
        for row in rows:
            out.setdefault(str(row["provider"]), _view(row))
        return {
            name: out.get(name, Integration(name, Status.NOT_CONFIGURED.value))
            for name in sorted(self.registry.providers)
        }

    # ---- delete / internal -----------------------------------------------------------------

    def delete(self, ctx: CallContext, org_slug: str, provider: str) -> str:
        """Deactivate the provider's credentials and destroy their ciphertexts.

        Idempotent (AIP-135 ``allow_missing``): with nothing stored (a setup that came back
        INVALID, or a retried delete) it changes nothing and returns ``""``; the audit row says
        ``deleted: false``, as a budget delete of a missing budget does.
        """
        spec = self.registry.get(provider)
        slug = require_org(self.warehouse, self.dataset, org_slug, active=False)
        rows = self._active_rows(slug, spec.name)
        now = self.clock.now()
        for row in rows:
            self._retire(str(row["credential_id"]), now)
        credential_id = str(rows[0]["credential_id"]) if rows else ""
        details = {"provider": spec.name, "deleted": bool(rows)}
        self._record(ctx, slug, "DELETE", credential_id or spec.name, details)
        return credential_id

    def get_credential(
        self, ctx: CallContext, org_slug: str, provider: str, pipeline_run_id: str = ""
    ) -> Credential:
        """The decrypted active credential: active org and VALID credential only; audited."""
        spec = self.registry.get(provider)
        slug = require_org(self.warehouse, self.dataset, org_slug, active=True)
        row = self._active_row(slug, spec.name)
        details = {"provider": spec.name, "pipeline_run_id": pipeline_run_id}
        if ended := self._ended_run(slug, pipeline_run_id):
            message = f"pipeline run '{pipeline_run_id}' is {ended}, not RUNNING: it must stop"
            self._record(
                ctx, slug, "READ_SECRET", str(row["credential_id"]), details, error=message
            )
            raise FailedPrecondition("pipeline_run", pipeline_run_id, ended, message)
        if row["validation_status"] != Status.VALID.value:
            self._record(
                ctx,
                slug,
                "READ_SECRET",
                str(row["credential_id"]),
                details,
                error="credential is not VALID",
            )
            raise FailedPrecondition(
                "integration", spec.name, str(row["validation_status"]),
                f"the {spec.name} credential is {row['validation_status']}, not VALID; validate it",
            )  # fmt: skip
        secret = self._open(row)
        self._record(ctx, slug, "READ_SECRET", str(row["credential_id"]), details)
        view = _view(row)
        return Credential(
            secret, view.credential_id, view.credential_type, view.status, view.metadata
        )

    def _ended_run(self, slug: str, run_id: str) -> str:
        """How the named run of the org ended (EXPIRED once past its lease); "" while it runs.

        A run id the org does not have is only recorded, as before runs were checked.
        """
        if not run_id:
            return ""
        runs = self.warehouse.select(
            self.dataset,
            tables.PIPELINE_RUNS,
            [Eq("org_slug", slug), Eq("pipeline_logging_id", run_id)],
            ["status", "lease_expires_at"],
        )
        if not runs:
            return ""
        status, lease = str(runs[0]["status"]), runs[0]["lease_expires_at"]
        if status == "RUNNING" and isinstance(lease, dt.datetime) and lease <= self.clock.now():
            return "EXPIRED"
        return "" if status == "RUNNING" else status

    def rewrap(
        self, ctx: CallContext, org_slug: str = "", *, dry_run: bool = False
    ) -> RewrapResult:
        """Re-wrap data keys under the current master key version; ciphertexts are untouched."""
        where: list[Predicate] = [IsNull("wrapped_data_key_b64", negate=True)]
        if org_slug:
            where.append(
                Eq("org_slug", require_org(self.warehouse, self.dataset, org_slug, active=False))
            )
        version = self.cipher.keys.current_version()
        total = rewrapped = skipped = failed = 0
        for row in self.warehouse.select(self.dataset, TABLE, where):
            total += 1
            sealed = _sealed(row)
            if not self.cipher.needs_rewrap(sealed, version):
                skipped += 1
                continue
            if dry_run:
                rewrapped += 1
                continue
            try:
                moved = self.cipher.rewrap(sealed, _aad(row))
                changed = self.warehouse.compare_and_set(
                    self.dataset,
                    TABLE,
                    asdict(moved),
                    [Eq("credential_id", row["credential_id"])],
                    {"wrapped_data_key_b64": sealed.wrapped_data_key_b64},
                )
            except DomainError:
                changed = False
            rewrapped, failed = (rewrapped + 1, failed) if changed else (rewrapped, failed + 1)
        if not dry_run:
            self.audit.record(
                ctx,
                org_slug=org_slug or "*",
                action="REWRAP",
                resource_type="CREDENTIAL_KEYS",
                resource_id=version,
                details={
                    "total": total,
                    "rewrapped": rewrapped,
                    "skipped": skipped,
                    "failed": failed,
                },
            )
        return RewrapResult(version, total, rewrapped, skipped, failed)

    # ---- helpers ---------------------------------------------------------------------------

    def _record(
        self,
        ctx: CallContext,
        slug: str,
        action: str,
        resource_id: str,
        details: Mapping[str, object],
        *,
        error: str | None = None,
    ) -> None:
        """One audit row about a credential; a FAILURE carrying ``error`` when one is given."""
        self.audit.record(
            ctx, org_slug=slug, action=action, resource_type=RESOURCE, resource_id=resource_id,
            status=SUCCESS if error is None else FAILURE, details=details, error_message=error,
        )  # fmt: skip

    def _active_rows(self, slug: str, provider: str) -> list[dict[str, object]]:
        return self.warehouse.select(
            self.dataset,
            TABLE,
            [Eq("org_slug", slug), Eq("provider", provider), Eq("is_active", True)],
            order_by=[OrderBy("created_at", descending=True)],
        )

    def _active_row(self, slug: str, provider: str) -> dict[str, object]:
        rows = self._active_rows(slug, provider)
        if not rows:
            raise NotFound("integration", f"{slug}/{provider}")
        return rows[0]

    def _open(self, row: Mapping[str, object]) -> str:
        return self.cipher.open(_sealed(row), _aad(row))

    def _retire(self, credential_id: str, now: dt.datetime) -> None:
        self.warehouse.update(
            self.dataset,
            TABLE,
            retired_credential(now),
            [Eq("credential_id", credential_id)],
        )


def _aad(row: Mapping[str, object]) -> bytes:
    return credential_aad(str(row["org_slug"]), str(row["provider"]), str(row["credential_id"]))


def _sealed(row: Mapping[str, object]) -> Sealed:
    if not row.get("ciphertext_b64") or not row.get("wrapped_data_key_b64"):
        raise FailedPrecondition(
            "credential", str(row.get("credential_id", "")), "DESTROYED",
            "the credential's ciphertext was destroyed",
        )  # fmt: skip
    return Sealed(
        str(row["ciphertext_b64"]),
        str(row["wrapped_data_key_b64"]),
        str(row["key_name"]),
        str(row.get("key_version") or ""),
    )


def _ts(value: object) -> dt.datetime | None:
    return value if isinstance(value, dt.datetime) else None


def _view(row: Mapping[str, object]) -> Integration:
    meta = row.get("metadata")
    return Integration(
        provider=str(row["provider"]),
        status=str(row["validation_status"]),
        credential_id=str(row["credential_id"]),
        credential_name=str(row.get("credential_name") or ""),
        credential_type=str(row["credential_type"]),
        metadata={str(k): str(v) for k, v in meta.items()} if isinstance(meta, dict) else {},
        last_error=str(row.get("last_error") or ""),
        last_validated_at=_ts(row.get("last_validated_at")),
        created_at=_ts(row.get("created_at")),
        updated_at=_ts(row.get("updated_at")),
    )

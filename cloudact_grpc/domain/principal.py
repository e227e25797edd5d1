"""Who is calling: the root operator or one organization's key."""

from __future__ import annotations

from dataclasses import dataclass

from cloudact_grpc.domain.errors import PermissionDenied, Reason


@dataclass(frozen=True, slots=True)
class Principal:
    """An authenticated caller; ``org_slug`` is set for org keys, ``None`` for root."""

    org_slug: str | None
    key_id: str | None = None

    @property
    def is_root(self) -> bool:
        """Whether this is the root operator."""
        return self.org_slug is None

    @property
    def actor(self) -> str:
        """Audit name of the caller; never a secret."""
        return "root" if self.is_root else f"org_key:{self.key_id or self.org_slug}"

    def require_org(self, org_slug: str) -> None:
        """Raise PERMISSION_DENIED unless this caller may act on ``org_slug``.

        Called before any lookup, so a foreign org's existence is never revealed.
        """
        if self.is_root or self.org_slug == org_slug:
            return
        raise PermissionDenied(
            "this API key does not give access to the requested organization",
            reason=Reason.ORG_ACCESS_DENIED,
            metadata={"org_slug": org_slug},
        )


ROOT = Principal(org_slug=None)

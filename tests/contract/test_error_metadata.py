"""Every ``ErrorReason`` carries the metadata keys its proto comment documents."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from cloudact_grpc.domain import errors
from cloudact_grpc.domain.errors import METADATA_KEYS, DomainError, Reason

PROTOS = Path(__file__).resolve().parents[2] / "protos/cloudact/v1"


def _comments() -> dict[str, str]:
    """Leading comment of each enum value, read from the .proto source."""
    text = (PROTOS / "error_reason.proto").read_text()
    found: dict[str, str] = {}
    comment: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("//"):
            comment.append(stripped[2:].strip())
            continue
        match = re.match(r"([A-Z_]+) = \d+;", stripped)
        if match:
            found[match.group(1)] = " ".join(comment)
        comment = []
    return found


def test_table_matches_the_proto_comments() -> None:
    for name, comment in _comments().items():
        if name == "ERROR_REASON_UNSPECIFIED":
            continue
        keys = re.sub(r"\([^)]*\)", "", comment.split("Metadata:", 1)[1]).split(".")[0]
        documented = tuple(re.findall(r"`([a-z_]+)`", keys))
        assert METADATA_KEYS[Reason(name)] == documented, name


@pytest.mark.parametrize(
    "build",
    [
        lambda: errors.FailedPrecondition("plan", "p1", "CANCELLED"),
        lambda: errors.Aborted("plan", "p1"),
        lambda: errors.Unauthenticated.invalid_api_key("ca_secret"),
        lambda: errors.NotFound("organization", "acme"),
    ],
)
def test_constructors_carry_their_keys(build: Callable[[], DomainError]) -> None:
    error = build()
    assert set(METADATA_KEYS[error.reason]) <= set(error.metadata)
    assert "secret" not in "".join(error.metadata.values())


def test_a_reason_without_its_metadata_cannot_be_raised() -> None:
    with pytest.raises(TypeError, match="ORG_INACTIVE"):
        errors.PermissionDenied("inactive", reason=Reason.ORG_INACTIVE, metadata={"org_slug": "a"})

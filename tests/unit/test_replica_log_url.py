"""The shared store's URL in the replicas' start-up log line never carries its password."""

from __future__ import annotations

import pytest

from cloudact_grpc.replicas import without_credentials


@pytest.mark.parametrize(
    ("url", "logged"),
    [
        ("redis://:s3cret@cache.internal:6380/0", "redis://cache.internal:6380/0"),
        ("rediss://app:s3cret@cache.internal/2", "rediss://cache.internal/2"),
        ("redis://cache.internal:6379", "redis://cache.internal:6379"),
        ("unix:///tmp/redis.sock", "unix:///tmp/redis.sock"),
    ],
)
def test_the_password_is_taken_out(url: str, logged: str) -> None:
    assert without_credentials(url) == logged
    assert "s3cret" not in without_credentials(url)

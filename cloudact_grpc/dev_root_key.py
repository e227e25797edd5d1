"""Development convenience: a random root key kept in a git-ignored file."""

from __future__ import annotations

import dataclasses
import os
import secrets

import structlog

from cloudact_grpc.config import Environment, Settings

_log = structlog.get_logger("cloudact.startup")


def with_dev_root_key(settings: Settings) -> Settings:
    """In development without ``CA_ROOT_API_KEY``, read or create the key file (0600).

    Logs where the key is, never the key itself.
    """
    if settings.root_api_key or settings.environment is not Environment.DEVELOPMENT:
        return settings
    path = settings.root_key_file
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(32) + "\n")
        _log.warning("created a development root key", path=str(path.resolve()))
    else:
        _log.info("using the development root key file", path=str(path.resolve()))
    return dataclasses.replace(settings, root_api_key=path.read_text().strip())

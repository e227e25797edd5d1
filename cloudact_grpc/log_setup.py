"""Structured JSON logging (structlog): one JSON object per line on stderr."""

from __future__ import annotations

import logging
import sys

import structlog


def _stderr_logger(*_args: object) -> structlog.PrintLogger:
    return structlog.PrintLogger(sys.stderr)


def configure_logging(level: str = "INFO") -> None:
    """Route structlog and stdlib logging to JSON lines on stderr."""
    logging.basicConfig(format="%(message)s", stream=sys.stderr, level=level, force=True)
    # httpx logs every request URL at INFO; a provider key sent as a query parameter (Gemini's
    # ``?key=``) would land in the log. Only their warnings and errors are kept.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(sort_keys=True),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
        # Resolve sys.stderr per logger so redirected streams (tests, daemons) are honoured.
        logger_factory=_stderr_logger,
        cache_logger_on_first_use=False,
    )

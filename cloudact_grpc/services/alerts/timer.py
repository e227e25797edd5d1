"""Opt-in timer for the embedded mode: evaluates every org's alert rules periodically."""

from __future__ import annotations

import threading
from collections.abc import Callable

import structlog

_log = structlog.get_logger(__name__)


class AlertTimer:
    """Calls ``tick`` every ``interval`` seconds on a daemon thread until stopped."""

    def __init__(self, interval: float, tick: Callable[[], object]) -> None:
        self._interval = interval
        self._tick = tick
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="alert-timer", daemon=True)

    def start(self) -> None:
        """Start the thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop and wait for the thread."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                outcome = self._tick()
                _log.info("alerts_evaluated", outcome=repr(outcome))
            except Exception as exc:  # noqa: BLE001 - the timer must survive one bad run
                _log.warning("alerts_timer_failed", error=str(exc))

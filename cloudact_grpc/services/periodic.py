"""Background steps of the embedded mode: call a function every so often on a daemon thread.

Used for the opt-in alert evaluation and the SaaS cost catch-up (at startup, then hourly).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import structlog

_log = structlog.get_logger(__name__)


class Periodic:
    """Calls ``tick`` every ``interval`` seconds (first at start if ``at_start``) until stopped."""

    def __init__(
        self,
        name: str,
        interval: float,
        tick: Callable[[], object],
        *,
        at_start: bool = False,
    ) -> None:
        self._name = name
        self._interval = interval
        self._tick = tick
        self._at_start = at_start
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"{name}-timer", daemon=True)

    def start(self) -> None:
        """Start the thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop and wait for the thread."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=30)

    def _run(self) -> None:
        if self._at_start:
            self._once()
        while not self._stop.wait(self._interval):
            self._once()

    def _once(self) -> None:
        try:
            outcome = self._tick()
            _log.info("periodic_step_ran", step=self._name, outcome=repr(outcome))
        except Exception as exc:  # noqa: BLE001 - the timer must survive one bad run
            _log.warning("periodic_step_failed", step=self._name, error=str(exc))

"""Audits refused mutations without letting anonymous callers write unbounded rows.

A denial is audited only for an organization that exists (none for slugs never onboarded).
Authenticated callers (another org's valid key) get one row per denial: their own org's rate
limit bounds them. Anonymous callers (no valid key) get at most one row per organization and
reason per ``window`` seconds; the denials not written are counted and reported as
``suppressed`` on the next row of that kind. Memory is bounded to ``max_entries`` kinds and slugs.
A denial whose org lookup fails is counted as a lost row (``count_lost``) and the failure raised.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol

from cloudact_grpc.domain.errors import Unavailable
from cloudact_grpc.ports.warehouse import WarehouseError
from cloudact_grpc.services.audit import DENIED

ANONYMOUS = "anonymous"
"""The actor of a request without a valid key."""


class DenialWriter(Protocol):
    """Writes one DENIED audit row."""

    def record_denial(
        self,
        *,
        actor: str,
        org_slug: str,
        method: str,
        reason: str,
        request_id: str,
        suppressed: int = 0,
    ) -> None: ...

    def count_lost(self, action: str) -> None:
        """Count a row that could not be written."""


class SampledDenials:
    """The ``DenialRecorder`` of the auth layer (see module docstring)."""

    def __init__(
        self,
        writer: DenialWriter,
        org_exists: Callable[[str], bool],
        *,
        window: float = 60.0,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._writer = writer
        self._org_exists = org_exists
        self._window = window
        self._max = max_entries
        self._clock = clock
        self._lock = threading.Lock()
        self._kinds: OrderedDict[tuple[str, str, str], tuple[float, int]] = OrderedDict()
        self._orgs: OrderedDict[str, tuple[float, bool]] = OrderedDict()

    def record_denial(
        self, *, actor: str, org_slug: str, method: str, reason: str, request_id: str
    ) -> None:
        """Write the denial, count it for a later row, or drop it (unknown organization)."""
        kind = (org_slug, actor, reason)
        suppressed = 0
        if actor == ANONYMOUS:
            with self._lock:
                now = self._clock()
                opened, suppressed = self._kinds.get(kind, (-self._window, 0))
                if now - opened < self._window:
                    self._kinds[kind] = (opened, suppressed + 1)
                    return
                self._kinds[kind] = (now, 0)
                self._kinds.move_to_end(kind)
                _trim(self._kinds, self._max)
        try:
            exists = self._exists(org_slug)
        except (WarehouseError, Unavailable):  # the backend failed (not: no such table yet)
            # Whether a row was due is unknown: the denial is counted as lost, not dropped.
            self._writer.count_lost(DENIED)
            raise
        if not exists:
            return
        self._writer.record_denial(
            actor=actor,
            org_slug=org_slug,
            method=method,
            reason=reason,
            request_id=request_id,
            suppressed=suppressed,
        )

    def _exists(self, org_slug: str) -> bool:
        with self._lock:
            known = self._orgs.get(org_slug)
            if known is not None and self._clock() - known[0] < self._window:
                return known[1]
        exists = self._org_exists(org_slug)
        with self._lock:
            self._orgs[org_slug] = (self._clock(), exists)
            self._orgs.move_to_end(org_slug)
            _trim(self._orgs, self._max)
        return exists


def _trim(items: OrderedDict[Any, Any], size: int) -> None:
    while len(items) > size:
        items.popitem(last=False)

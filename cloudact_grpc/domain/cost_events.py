"""Ports between cost writers and cost readers, so neither depends on the other's internals.

``CostsChanged``: told after an org's cost rows were rewritten (the cost cache implements it, the
SaaS cost writer calls it). ``CostsFreshness``: asked before an org's costs are read, to bring
derived cost rows up to date (the SaaS plan service implements it, the costs service calls it).
"""

from __future__ import annotations

from typing import Protocol


class CostsChanged(Protocol):
    """Listener told that an org's cost rows changed."""

    def costs_changed(self, org_slug: str) -> None:
        """The cost rows of ``org_slug`` were rewritten; forget anything derived from them."""
        ...


class CostsFreshness(Protocol):
    """Something that can bring an org's derived cost rows up to date before a read."""

    def ensure_current(self, org_slug: str) -> None:
        """Write any cost rows of ``org_slug`` that today's date requires and are missing."""
        ...

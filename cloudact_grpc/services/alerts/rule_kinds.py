"""One kind of rule under the name a frontend page gives it (cost alerts, summaries)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cloudact_grpc.domain.context import CallContext
from cloudact_grpc.domain.errors import NotFound
from cloudact_grpc.services.alerts.rules import Rule, RuleService


@dataclass(frozen=True, slots=True)
class RulesOfKind:
    """The rules of one ``kind`` in the rule store; errors call them ``noun``."""

    rules: RuleService
    kind: str
    noun: str

    def list_rules(
        self, org_slug: str, active_only: bool, conditions: Mapping[str, object] | None = None
    ) -> list[Rule]:
        """Rules of the kind whose conditions hold every item of ``conditions``, oldest first."""
        wanted = (conditions or {}).items()
        found = self.rules.list_rules(org_slug, "", "", active_only)
        return [
            x
            for x in found
            if x.kind == self.kind and all(x.conditions.get(k) == v for k, v in wanted)
        ]

    def require(self, org_slug: str, rule_id: str) -> Rule:
        """The rule; NotFound (naming ``noun``) when absent or of another kind."""
        for x in self.list_rules(org_slug, active_only=False):
            if x.rule_id == rule_id.strip():
                return x
        raise NotFound(self.noun, rule_id.strip())

    def delete(self, ctx: CallContext, org_slug: str, rule_id: str) -> bool:
        """Delete; False when absent or of another kind."""
        try:
            self.require(org_slug, rule_id)
        except NotFound:
            return False
        return self.rules.delete(ctx, org_slug, rule_id)

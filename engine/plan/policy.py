"""The plan policy in force for a KB, and the length of a goal under it."""

from __future__ import annotations

from ..kb.base import KnowledgeBase
from ..kb.policy import LengthRule, PlanPolicy


def plan_policy(kb: KnowledgeBase) -> PlanPolicy:
    """The KB's `plan_policy`, or the built-in default when the KB has none."""
    found = kb.sections.get("plan_policy")
    return found if isinstance(found, PlanPolicy) else PlanPolicy()


def length_rule(policy: PlanPolicy, cause: str | None, severity: str) -> LengthRule:
    """The first row of `lengths` matching the goal's cause and severity (the last row always
    matches: the policy model checks that it has no conditions)."""
    for row in policy.lengths:
        if row.patterns and cause not in row.patterns:
            continue
        if row.severities and severity not in row.severities:
            continue
        return row
    return policy.lengths[-1]


def policy_location(kb: KnowledgeBase) -> str:
    """Where the policy comes from, for hints: file:line, or "the built-in default"."""
    if "plan_policy" in kb.sections:
        return kb.location("plan_policy", "")
    return "the built-in default plan policy"

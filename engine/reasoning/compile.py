"""Compile a knowledge base's rules into a durable_rules ruleset definition (plain JSON data).

Each branch of each rule becomes one durable rule named `RULE-ID#branch`. Every rule starts with a
stage gate: a control fact the wrapper asserts only after all facts its stage may see are in, so
a `not` is never judged before the facts it negates have arrived. One catch-all rule per fact
type makes durable_rules store every fact (a fact no rule matches would be dropped).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..kb.base import KnowledgeBase
from ..kb.conditions import AnyOf, Branch, Expr, Pattern, Ref, Test
from ..kb.operators import OPERATORS
from ..kb.rules import Rule
from ..kb.vocabulary import FACT_TYPES

GATE_TYPE = "$stage"
GATE_ALIAS = "gate"
KEEP_PREFIX = "$keep:"
ALIAS_PREFIX = "a_"  # durable aliases are prefixed so no rule alias can collide with its words
# durable_rules treats a fact's `id` as its identity and silently never matches a join that refers
# to it (found by the cross-check property test). Every fact carries a copy of its id under this
# name, and conditions on `id` are compiled against the copy.
ID_COPY = "fid"


def _field(name: str) -> str:
    return ID_COPY if name == "id" else name

Action = Callable[[Any], None]


def gate_fact(stage: str, sid: str) -> dict[str, Any]:
    return {"id": f"$stage-{stage}", "t": GATE_TYPE, "stage": stage, "sid": sid}


def durable_alias(alias: str) -> str:
    return ALIAS_PREFIX + alias


def rule_alias(durable_name: str) -> str:
    return durable_name[len(ALIAS_PREFIX):]


def _test(test: Test) -> dict[str, Any]:
    op = OPERATORS[test.op]
    value = test.value
    field = _field(test.field)
    if isinstance(value, Ref):
        return op.durable(field, (durable_alias(value.alias), _field(value.field)))
    if isinstance(value, tuple):
        return op.durable(field, list(value))
    return op.durable(field, value)


def _and(parts: list[dict[str, Any]]) -> dict[str, Any]:
    return parts[0] if len(parts) == 1 else {"$and": parts}


def _expr(expr: Expr) -> dict[str, Any]:
    if isinstance(expr, Test):
        return _test(expr)
    assert isinstance(expr, AnyOf)
    options = [_and([_expr(e) for e in option]) for option in expr.options]
    return {"$or": options}


def pattern_json(pattern: Pattern) -> dict[str, Any]:
    parts = [{"t": pattern.fact}] + [_expr(e) for e in pattern.tests]
    key = durable_alias(pattern.alias) + ("$not" if pattern.negated else "")
    return {key: _and(parts)}


def branch_json(stage: str, branch: Branch) -> list[dict[str, Any]]:
    gate = {GATE_ALIAS: {"$and": [{"t": GATE_TYPE}, {"stage": stage}]}}
    return [gate] + [pattern_json(p) for p in branch.patterns]


def ruleset_definition(kb: KnowledgeBase, fire: Callable[[str], Action],
                       keep: Action, only: Sequence[Rule] | None = None) -> dict[str, Any]:
    """The ruleset as durable_rules takes it; `fire(name)` gives the action of each rule.
    `only`: these of the KB's rules instead of all (to find the one the engine refuses)."""
    rules: dict[str, Any] = {}
    for rule in kb.rules if only is None else only:
        for b, branch in enumerate(rule.branches):
            name = f"{rule.id}#{b}"
            rules[name] = {"all": branch_json(rule.stage, branch), "run": fire(name)}
    for fact_type in list(FACT_TYPES) + [GATE_TYPE]:
        rules[KEEP_PREFIX + fact_type] = {"all": [{"m": {"t": fact_type}}], "pri": 1000,
                                          "run": keep}
    return rules

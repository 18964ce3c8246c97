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
from ..kb.operators import OPERATORS, true_or_unknown
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


def _test(test: Test, unknowable: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A test's durable JSON; on a field in `unknowable` (inside a `not`), true or unknown."""
    op = OPERATORS[test.op]
    value = test.value
    field = _field(test.field)
    if isinstance(value, Ref):
        out = op.durable(field, (durable_alias(value.alias), _field(value.field)))
    elif isinstance(value, tuple):
        out = op.durable(field, list(value))
    else:
        out = op.durable(field, value)
    return true_or_unknown(field, out) if test.field in unknowable else out


def _and(parts: list[dict[str, Any]]) -> dict[str, Any]:
    return parts[0] if len(parts) == 1 else {"$and": parts}


def _expr(expr: Expr, unknowable: frozenset[str] = frozenset()) -> dict[str, Any]:
    if isinstance(expr, Test):
        return _test(expr, unknowable)
    assert isinstance(expr, AnyOf)
    options = [_and([_expr(e, unknowable) for e in option]) for option in expr.options]
    return {"$or": options}


def _unknowable(pattern: Pattern) -> frozenset[str]:
    """Fields of a negated pattern that a case may answer "unknown": an unknown must block it."""
    fact_type = FACT_TYPES.get(pattern.fact)
    if not pattern.negated or fact_type is None:
        # fact types of other rule sets (the team wing's `team_cause` ...) are never answered
        # "unknown" by a case
        return frozenset()
    return frozenset(f.name for f in fact_type.fields.values() if f.may_be_unknown)


def pattern_json(pattern: Pattern) -> dict[str, Any]:
    unknowable = _unknowable(pattern)
    compiled = [(e, _expr(e, unknowable)) for e in pattern.tests]
    # durable_rules silently ignores a join that follows a nested `$and` or `$or` in the same
    # expression, and keeps one that comes before them (measured on 2.0.28: the scope join sits
    # beside lists of values, `is_not` compiles to `$and`, an unknown-aware `not` adds `$or`).
    # Single tests stay first: they narrow the facts a condition follows, and durable_rules can
    # follow only about 60 at once (lint W208).
    def order(item: tuple[Expr, dict[str, Any]]) -> int:
        e, js = item
        if isinstance(e, Test) and e.op == "same_as":
            return 1
        return 2 if set(js) & {"$and", "$or"} else 0

    parts = [{"t": pattern.fact}] + [js for _e, js in sorted(compiled, key=order)]
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
        for b, branch in enumerate(rule.engine_branches):
            name = f"{rule.id}#{b}"
            rules[name] = {"all": branch_json(rule.stage, branch), "run": fire(name)}
    for fact_type in list(FACT_TYPES) + [GATE_TYPE]:
        rules[KEEP_PREFIX + fact_type] = {"all": [{"m": {"t": fact_type}}], "pri": 1000,
                                          "run": keep}
    return rules

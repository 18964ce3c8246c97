"""How well the scenario tests exercise the rules: `perfdx kb test --coverage`.

Two measures, over the final facts of every scenario that ran:
- rules that never fired: nothing tests what they conclude;
- conditions never false: for a rule that fired, a test that never once was the reason the rule
  did not fire. Such a condition is untested: deleting it, or getting its threshold wrong, would
  change no scenario's result. A condition counts as false when, with it removed, the rest of its
  alternative matches some facts on which it fails (the pure-Python evaluator of evaluate.py
  decides, as in the engine cross-check).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..kb.conditions import Branch, Expr, Pattern, Ref, Test
from ..kb.rules import Rule
from ..kb.scope import is_scope_test
from ..reasoning.evaluate import bindings, expr_holds, index_by_type, pattern_blocks

Facts = Mapping[str, list[Mapping[str, Any]]]  # facts of one scenario, by type


@dataclass(frozen=True)
class Condition:
    """One condition of a rule, as coverage sees it: a test, an `any` of tests, or a `not`."""

    rule: Rule
    branch: int
    pattern: Pattern
    expr: Expr | None  # None: the whole (negated) pattern

    @property
    def line(self) -> int:
        return self.expr.line if self.expr is not None else self.pattern.line

    @property
    def col(self) -> int:
        return self.expr.col if self.expr is not None else self.pattern.col

    def words(self) -> str:
        """The condition in the words of the rule file: `rating score below 3.0`."""
        if self.expr is None:
            tests = " ".join(_expr_words(e) for e in self.pattern.tests if not _selector(
                self.pattern, e))
            return f"not {_subject(self.pattern)}" + (f" {tests}" if tests else "")
        return f"{_subject(self.pattern)} {_expr_words(self.expr)}"


def _selector(p: Pattern, e: Expr) -> bool:
    return isinstance(e, Test) and p.fact == "observation" and e.field == "name"


def _subject(p: Pattern) -> str:
    pinned = [t for t in p.tests if isinstance(t, Test) and t.field == "name" and t.op == "is"]
    if p.fact == "observation" and pinned:
        return f"observation {pinned[0].value}"
    return p.fact


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, Ref):
        return str(v)
    return str(v)


def _expr_words(e: Expr) -> str:
    if isinstance(e, Test):
        if e.op in ("exists", "missing"):
            return f"{e.field} {e.op}"
        return f"{e.field} {e.op} {_value(e.value)}"
    return "any of (" + " | ".join(" and ".join(_expr_words(x) for x in option)
                                   for option in e.options) + ")"


def conditions(rule: Rule) -> Iterable[Condition]:
    for b, branch in enumerate(rule.engine_branches):
        for p in branch.patterns:
            if p.negated:
                yield Condition(rule, b, p, None)
                continue
            for e in p.tests:
                # which observation it is about, and the gap the engine joins it to, are not
                # conditions an author wrote to be tested
                if not _selector(p, e) and not (isinstance(e, Test) and is_scope_test(e)):
                    yield Condition(rule, b, p, e)


def _without(branch: Branch, c: Condition) -> Branch:
    patterns = []
    for p in branch.patterns:
        if p is not c.pattern:
            patterns.append(p)
        elif c.expr is not None:
            patterns.append(replace(p, tests=tuple(e for e in p.tests if e is not c.expr)))
    return Branch(tuple(patterns))


def was_false(c: Condition, facts: Facts) -> bool:
    """Did this condition alone stop its alternative matching, on these facts?"""
    relaxed = _without(c.rule.engine_branches[c.branch], c)
    if not relaxed.positive:
        return False
    for binding in bindings(relaxed, facts):
        if c.expr is None:
            if any(pattern_blocks(c.pattern, f, binding) for f in facts.get(c.pattern.fact, [])):
                return True
        elif not expr_holds(c.expr, binding[c.pattern.alias], binding):
            return True
    return False


@dataclass
class Coverage:
    scenarios: int
    never_fired: list[Rule]
    never_false: list[Condition]
    rules: int


def coverage(rules: Sequence[Rule], fired: Iterable[set[str]],
             facts: Iterable[Iterable[Mapping[str, Any]]]) -> Coverage:
    """Coverage of `rules` by scenarios that fired these rules and ended with these facts."""
    fired_sets = list(fired)
    indexed = [index_by_type(f) for f in facts]
    ever_fired = set().union(*fired_sets) if fired_sets else set()
    never_fired = [r for r in rules if r.id not in ever_fired]
    never_false = [c for r in rules if r.id in ever_fired for c in conditions(r)
                   if not any(was_false(c, f) for f in indexed)]
    return Coverage(len(indexed), never_fired, never_false, len(rules))

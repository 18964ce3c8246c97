"""How the engine reads a rule's condition: scope, and the usual-drivers gate made soft.

Scope: a finding counts only for the gap it is about, without rule authors writing it.

Before the evidence stage the engine gives every gap its own copy of each observation that applies
to it (a case-wide one, or one `about` the gap's KPI or area), carrying the gap's id in `gap`
(reasoning/scope.py). Here every observation pattern of a rule is joined to the gap its branch is
about, so a finding about one task cannot count for another. Compilation, the reference evaluator
and why-not all read a branch through `scoped`, so the three agree.

The usual-drivers gate: many rules count a finding only on a gap whose KPI or area lists the
pattern they conclude among its usual drivers (`gap: {drivers: {contains: P}}`). Whether the
specialist filed a gap under one KPI or another area should not decide whether a finding counts,
so the engine drops that test from the condition (`soften`) and, when the gap does not list P,
scales the rule's certainty by `off_driver_factor` (settings.yaml) in a `scale` step of the trace.
Rule authors keep writing the gate; they never write a second, weaker copy of the rule.

`engine_branches(rule)` is what compilation, the reference evaluator, why-not, missing evidence
and coverage read: the branches softened, then scoped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from .conditions import Branch, Pattern, Ref, Test

SCOPED_TYPES = ("observation",)  # fact types copied per gap
GAP_KEY = "gap"  # the field of a copy, and of derived facts, naming the gap
SCOPE_PATH = "(scope)"  # marks the join the engine adds, so explanations can word it


def gap_key(fact_type: str) -> str | None:
    """The field of a fact type that names its gap: `id` for a gap, `gap` for derived facts."""
    if fact_type == "gap":
        return "id"
    if fact_type in ("evidence", "cause", "recommendation", "training"):
        return GAP_KEY
    return None


def anchor(branch: Branch) -> Pattern | None:
    """The pattern whose gap the branch is about: the first gap, else the first derived fact."""
    positive = branch.positive
    return next((p for p in positive if p.fact == "gap"), None) or next(
        (p for p in positive if gap_key(p.fact) is not None), None)


def is_scope_test(test: Test) -> bool:
    return test.path == SCOPE_PATH


@lru_cache(maxsize=4096)
def scoped(branch: Branch) -> Branch:
    """The branch with every observation pattern joined to its gap (placed after the anchor)."""
    a = anchor(branch)
    if a is None or not any(p.fact in SCOPED_TYPES for p in branch.patterns):
        return branch
    key = gap_key(a.fact)
    assert key is not None
    before: list[Pattern] = []
    moved: list[Pattern] = []
    after: list[Pattern] = []
    seen_anchor = False
    for p in branch.patterns:
        if p.fact in SCOPED_TYPES:
            join = Test(GAP_KEY, "same_as", Ref(a.alias, key), SCOPE_PATH, p.line, p.col)
            p = Pattern(p.fact, p.alias, (*p.tests, join), p.negated, p.path, p.line, p.col,
                        p.named)
            (after if seen_anchor else moved).append(p)
        elif p is a:
            before.append(p)
            seen_anchor = True
            after.extend(moved)  # an observation written before its gap follows it
            moved = []
        else:
            (after if seen_anchor else before).append(p)
    return Branch((*before, *after))


@dataclass(frozen=True)
class SoftGate:
    """A usual-drivers test the engine took out of a branch: weigh, do not gate."""

    alias: str  # the gap pattern it was on
    pattern: str  # the pattern the rule concludes, which the gap's drivers should list


def is_driver_gate(test: object, concluded: Iterable[str]) -> bool:
    return (isinstance(test, Test) and test.field == "drivers" and test.op == "contains"
            and test.value in set(concluded))


def soften(branch: Branch, concluded: frozenset[str]) -> tuple[Branch, tuple[SoftGate, ...]]:
    """The branch without its usual-drivers tests on gap patterns, and what was taken out."""
    gates: list[SoftGate] = []
    patterns: list[Pattern] = []
    for p in branch.patterns:
        if p.fact == "gap" and not p.negated:
            kept = tuple(e for e in p.tests if not is_driver_gate(e, concluded))
            gates.extend(SoftGate(p.alias, str(e.value)) for e in p.tests  # type: ignore[union-attr]
                         if is_driver_gate(e, concluded))
            p = replace(p, tests=kept)
        patterns.append(p)
    return Branch(tuple(patterns)), tuple(gates)

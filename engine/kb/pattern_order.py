"""The order in which the patterns of one alternative are matched, as durable_rules needs it.

Two constraints, both found by running the engine:
- a join (`same_as`) may only refer to a fact bound before it;
- durable_rules judges a `not` against the facts that the patterns before it have *not* bound
  (they bind distinct facts, and it applies that to `not` too). So a `not` placed after a positive
  pattern of its own type that one fact could match together with it is judged without that fact:
  `all: [gap, not {rating: score at least 3}, rating]` fired on the 4.3 rating itself (fuzz finding
  D01b). perfdx means by `not` that no fact of the case matches, so such a `not` goes before those
  positive patterns; one that joins to a fact bound only after them cannot, and is refused (E120).

Otherwise the written order is kept, with every other `not` after the positive patterns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .operators import is_number, same

if TYPE_CHECKING:
    from .conditions import Pattern, Test


@dataclass(frozen=True)
class OrderProblem:
    """Why the patterns cannot be ordered: message and hint, about `pattern`."""

    pattern: Pattern
    message: str
    hint: str | None = None


def _points(t: Test) -> tuple[Any, ...] | None:
    if t.op == "is":
        return (t.value,)
    if t.op == "in":
        return tuple(t.value)
    return None


def _range(tests: Sequence[Test]) -> tuple[float, bool, float, bool]:
    low, low_open, high, high_open = float("-inf"), False, float("inf"), False
    for t in tests:
        if not is_number(t.value):
            continue
        if t.op in ("above", "at_least") and (t.value > low or (
                t.value == low and t.op == "above")):
            low, low_open = t.value, t.op == "above"
        elif t.op in ("below", "at_most") and (t.value < high or (
                t.value == high and t.op == "below")):
            high, high_open = t.value, t.op == "below"
    return low, low_open, high, high_open


def _field_disjoint(a: Sequence[Test], b: Sequence[Test]) -> bool:
    """Can no value pass both sets of tests on one field? (Sound, not complete.)"""
    tests = list(a) + list(b)
    ops = {t.op for t in tests}
    if "exists" in ops and "missing" in ops:
        return True
    points_a = [p for t in a for p in [_points(t)] if p is not None]
    points_b = [p for t in b for p in [_points(t)] if p is not None]
    if points_a and points_b:
        common = [v for v in points_a[0] if all(any(same(v, w) for w in p)
                                                 for p in points_a[1:] + points_b)]
        excluded = [t.value if t.op == "is_not" else v for t in tests
                    if t.op in ("is_not", "not_in")
                    for v in (t.value if t.op == "not_in" else (t.value,))]
        if not [v for v in common if not any(same(v, x) for x in excluded)]:
            return True
    low, low_open, high, high_open = _range(tests)
    return bool(low > high or (low == high and (low_open or high_open)))


def may_match_one_fact(p: Pattern, q: Pattern) -> bool:
    """Could one fact match both patterns (ignoring joins and `any`)?"""
    from .conditions import Test  # runtime import: conditions imports this module

    if p.fact != q.fact:
        return False

    def by_field(pattern: Pattern) -> dict[str, list[Test]]:
        out: dict[str, list[Test]] = {}
        for e in pattern.tests:
            if isinstance(e, Test) and e.op != "same_as":
                out.setdefault(e.field, []).append(e)
        return out

    mine, theirs = by_field(p), by_field(q)
    return not any(_field_disjoint(mine[f], theirs[f]) for f in mine.keys() & theirs.keys())


def _must_precede(n: Pattern, p: Pattern) -> bool:
    """Must the `not` n be matched before the positive pattern p?"""
    return n.negated and not p.negated and may_match_one_fact(n, p)


def order_patterns(patterns: Sequence[Pattern]) -> list[Pattern] | OrderProblem:
    """The patterns in matching order, or why there is none (a join cycle, a blocked `not`)."""
    ordered: list[Pattern] = []
    bound: set[str] = set()
    pending = list(patterns)
    while pending:
        positives_left = any(not q.negated for q in pending)
        for p in pending:
            if not all(r.alias in bound for r in p.refs()):
                continue
            if p.negated:
                if positives_left and not any(_must_precede(p, q) for q in pending):
                    continue  # negations go after every positive fact, unless they must not
            elif any(_must_precede(n, p) for n in pending):
                continue
            ordered.append(p)
            bound.add(p.alias)
            pending.remove(p)
            break
        else:
            return _stuck(pending, ordered, patterns)
    return ordered


def _stuck(pending: list[Pattern], ordered: list[Pattern], patterns: Sequence[Pattern]
           ) -> OrderProblem:
    by_alias = {p.alias: p for p in patterns}
    for n in pending:
        blocked = [q for q in pending if _must_precede(n, q)]
        if not blocked:
            continue
        q = blocked[0]
        ref = next(r for r in n.refs() if r.alias not in {p.alias for p in ordered})
        target = by_alias[ref.alias]
        via = ("a" if target is q or target.fact == n.fact
               else f"which is bound after `{q.alias}`, a")
        return OrderProblem(
            n, f"this `not` over `{n.fact}` facts joins to `{ref.alias}` (line {target.line}), "
               f"{via} `{n.fact}` of the same rule: the rule engine would leave the fact bound to "
               f"`{q.alias}` out of the `not`, so the rule could fire although a matching "
               f"`{n.fact}` exists",
            "join the `not` to a fact of another type, such as `dimension: {same_as: gap.kpi}`, "
            f"or give it a test that `{q.alias}` cannot pass (e.g. another `source`)")
    return OrderProblem(pending[0], "the joins (`same_as`) of this condition form a cycle")

"""When one condition implies another: the reasoning behind duplicate and shadowed rules.

`branch_implies(b, a)` answers "whenever alternative `b` matches, does alternative `a` match the
same facts too?" It is sound but not complete: it says yes only when it can show it from the tests
themselves (a tighter limit implies a looser one, a value implies a list holding it, ...), so a
warning built on it is never a false alarm, and some overlaps are left unreported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import permutations
from typing import Any

from .conditions import AnyOf, Branch, Expr, Pattern, Ref, Test
from .operators import OPERATORS, is_number, same

Translate = Callable[[str], str | None]  # premise-side alias -> conclusion-side alias


# "is a number" exactly as the operator table defines it for the engine (and `same`).
_num = is_number


def _member(v: Any, values: Sequence[Any]) -> bool:
    return any(same(v, x) for x in values)


def _point_values(t: Test) -> tuple[Any, ...] | None:
    """The values a test allows, when it allows only a few (`is`, `in`)."""
    if t.op == "is":
        return (t.value,)
    if t.op == "in":
        return tuple(t.value)
    return None


def _within(v: Any, op: str, limit: float) -> bool:
    if not _num(v):
        return False
    return bool({"below": v < limit, "at_most": v <= limit, "above": v > limit,
                 "at_least": v >= limit}[op])


def _bound_implies(p: Test, a: Test) -> bool:
    """A limit implies a limit: `below: 2` implies `below: 3` and `at_most: 3`."""
    x, y = a.value, p.value
    if not (_num(x) and _num(y)):
        return False
    upper = ("below", "at_most")
    if a.op in upper and p.op in upper:
        return bool(y < x or (y == x and (p.op == "below" or a.op == "at_most")))
    lower = ("above", "at_least")
    if a.op in lower and p.op in lower:
        return bool(y > x or (y == x and (p.op == "above" or a.op == "at_least")))
    return False


def test_implied(premise: Sequence[Expr], a: Test, translate: Translate, own_alias: str) -> bool:
    """Do the tests in `premise` (on one fact) guarantee that test `a` holds on it?"""
    tests = [t for t in premise if isinstance(t, Test) and t.field == a.field]
    if a.op == "exists":
        return any(t.op != "missing" for t in tests)
    if a.op == "same_as":
        ref: Ref = a.value
        if ref.alias == own_alias and ref.field == a.field:
            return True  # a fact's field always equals itself
        return any(t.op == "same_as" and t.value.field == ref.field
                   and translate(t.value.alias) == ref.alias for t in tests)
    for t in tests:
        if t.op == a.op and t.op != "same_as" and _same_value(t.value, a.value):
            return True
        points = _point_values(t)
        if a.op in ("is", "in") and points is not None:
            allowed = _point_values(a) or ()
            if all(_member(v, allowed) for v in points):
                return True
        if a.op in ("is_not", "not_in"):
            excluded = (a.value,) if a.op == "is_not" else tuple(a.value)
            if points is not None and not any(_member(v, excluded) for v in points):
                return True
            if t.op in ("is_not", "not_in"):
                have = (t.value,) if t.op == "is_not" else tuple(t.value)
                if all(_member(v, have) for v in excluded):
                    return True
        if OPERATORS[a.op].numeric:
            if points is not None and all(_within(v, a.op, a.value) for v in points):
                return True
            if OPERATORS[t.op].numeric and _bound_implies(t, a):
                return True
    return False


def _same_value(x: Any, y: Any) -> bool:
    if isinstance(x, tuple) and isinstance(y, tuple):
        return len(x) == len(y) and all(_member(v, y) for v in x)
    return same(x, y)


def expr_implied(premise: Sequence[Expr], a: Expr, translate: Translate, own_alias: str) -> bool:
    if isinstance(a, Test):
        return test_implied(premise, a, translate, own_alias)
    assert isinstance(a, AnyOf)
    return any(all(expr_implied(premise, e, translate, own_alias) for e in option)
               for option in a.options)


def pattern_implies(p: Pattern, a: Pattern, translate: Translate) -> bool:
    """Does every fact matching `p` (premise side) also match `a` (conclusion side)?"""
    return p.fact == a.fact and all(expr_implied(p.tests, t, translate, p.alias)
                                    for t in a.tests)


def mappings(b: Branch, a: Branch) -> Iterator[dict[str, str]]:
    """Ways to match each positive fact of `a` with a distinct positive fact of `b` of its type."""
    a_pos, b_pos = a.positive, b.positive
    if len(a_pos) > len(b_pos):
        return
    for chosen in permutations(b_pos, len(a_pos)):
        pairs = list(zip(a_pos, chosen, strict=True))
        if all(x.fact == y.fact for x, y in pairs):
            yield {x.alias: y.alias for x, y in pairs}


def branch_implies(b: Branch, a: Branch, fixed: Mapping[str, str] | None = None
                   ) -> dict[str, str] | None:
    """A mapping (a's aliases -> b's) under which `b` matching implies `a` matching, or None.

    `fixed` pins some aliases (e.g. the facts both rules conclude about must correspond).
    """
    b_by_alias = {p.alias: p for p in b.patterns}
    for m in mappings(b, a):
        if fixed and any(m.get(k) != v for k, v in fixed.items()):
            continue
        back = {v: k for k, v in m.items()}
        if not all(pattern_implies(b_by_alias[m[x.alias]], x, back.get) for x in a.positive):
            continue
        # `not A` holds whenever `not B` holds if every fact A matches, B matches too.
        if all(any(pattern_implies(na, nb, m.get) for nb in b.patterns if nb.negated)
               for na in a.patterns if na.negated):
            return m
        continue
    return None

"""Pure-Python evaluation of rule conditions over a set of facts.

It never produces results: durable_rules does the chaining. It exists to explain (why-not) and to
cross-check the engine, using the same operator table (`operators.OPERATORS`).

Logic is three-valued (see operators.py): a test on an unknown value is None, `all` is Kleene
AND, `any` Kleene OR; a positive pattern binds a fact only when it is True, and a negated pattern
holds only when it is False for every candidate.

Binding semantics (knowledge_base/README.md, "Two facts of one type"), as durable_rules runs them:
- the positive patterns of one alternative bind distinct facts: one fact never stands for two
  patterns of a rule (`already_bound`);
- a negated pattern holds when no fact of working memory matches it (or might, being unknown),
  whichever facts the positive patterns bound (the compiler orders patterns so that durable_rules
  judges it that way too).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..kb.conditions import AnyOf, Branch, Expr, Pattern, Ref, Test
from ..kb.operators import ABSENT, OPERATORS, fact_value, truth

Fact = Mapping[str, Any]
Binding = dict[str, Fact]  # alias -> fact


def field_value(fact: Fact, name: str) -> Any:
    """The field's value, `operators.UNKNOWN` when answered unknown, or `operators.ABSENT`."""
    return fact_value(fact, name)


def _and(values: Iterable[bool | None]) -> bool | None:
    """Kleene AND: False wins, then unknown."""
    out: bool | None = True
    for v in values:
        if v is False:
            return False
        if v is None:
            out = None
    return out


def _or(values: Iterable[bool | None]) -> bool | None:
    """Kleene OR: True wins, then unknown."""
    out: bool | None = False
    for v in values:
        if v is True:
            return True
        if v is None:
            out = None
    return out


def test_truth(test: Test, fact: Fact, binding: Mapping[str, Fact]) -> bool | None:
    op = OPERATORS[test.op]
    value = test.value
    if isinstance(value, Ref):
        other = binding.get(value.alias)
        value = ABSENT if other is None else field_value(other, value.field)
    return truth(op, field_value(fact, test.field), value)


def test_holds(test: Test, fact: Fact, binding: Mapping[str, Fact]) -> bool:
    return test_truth(test, fact, binding) is True


def expr_truth(expr: Expr, fact: Fact, binding: Mapping[str, Fact]) -> bool | None:
    if isinstance(expr, Test):
        return test_truth(expr, fact, binding)
    assert isinstance(expr, AnyOf)
    return _or(_and(expr_truth(e, fact, binding) for e in option) for option in expr.options)


def expr_holds(expr: Expr, fact: Fact, binding: Mapping[str, Fact]) -> bool:
    return expr_truth(expr, fact, binding) is True


def pattern_truth(pattern: Pattern, fact: Fact, binding: Mapping[str, Fact]) -> bool | None:
    if fact.get("t") != pattern.fact:
        return False
    return _and(expr_truth(e, fact, binding) for e in pattern.tests)


def pattern_holds(pattern: Pattern, fact: Fact, binding: Mapping[str, Fact]) -> bool:
    return pattern_truth(pattern, fact, binding) is True


def pattern_blocks(pattern: Pattern, fact: Fact, binding: Mapping[str, Fact]) -> bool:
    """Whether `fact` stops a negated pattern from holding: it matches, or might (unknown)."""
    return pattern_truth(pattern, fact, binding) is not False


def already_bound(fact: Fact, binding: Mapping[str, Fact]) -> bool:
    """Is this fact bound to another pattern of the alternative? (Distinct facts per pattern.)"""
    return any(fact is other for other in binding.values())


class FactIndex(dict[str, list[Fact]]):
    """Facts by type, with what `bindings` learned about them: which facts pass each pattern's
    tests that do not depend on other facts, shared by every rule evaluated on this memory.
    Treat it as read-only once built."""

    def __init__(self) -> None:
        super().__init__()
        self.passing: dict[tuple[int, bool], list[Fact]] = {}


def index_by_type(facts: Iterable[Fact]) -> FactIndex:
    by_type = FactIndex()
    for f in facts:
        by_type.setdefault(str(f.get("t")), []).append(f)
    return by_type


def _has_ref(expr: Expr) -> bool:
    if isinstance(expr, Test):
        return isinstance(expr.value, Ref)
    return any(_has_ref(e) for option in expr.options for e in option)


_SPLIT_IDS: dict[tuple[str, tuple[Expr, ...]], int] = {}
# The ids above mean something in this process (and its forks) only: a pattern that arrives from
# another one (pickled to a worker) carries another registry's id and is worked out again.
_REGISTRY = uuid.uuid4().hex


def _split(pattern: Pattern) -> tuple[int, tuple[Expr, ...], tuple[Expr, ...]]:
    """(an id shared by patterns with the same fact type and fixed tests, the fixed tests, the
    tests that join other facts), worked out once per pattern."""
    found: tuple[str, int, tuple[Expr, ...], tuple[Expr, ...]] | None = \
        pattern.__dict__.get("_split")
    if found is None or found[0] != _REGISTRY:
        fixed = tuple(e for e in pattern.tests if not _has_ref(e))
        joins = tuple(e for e in pattern.tests if _has_ref(e))
        sid = _SPLIT_IDS.setdefault((pattern.fact, fixed), len(_SPLIT_IDS))
        found = (_REGISTRY, sid, fixed, joins)
        object.__setattr__(pattern, "_split", found)  # not a field: eq and hash are unchanged
    return found[1:]


def _passing(pattern: Pattern, by_type: Mapping[str, list[Fact]],
             passing: dict[tuple[int, bool], list[Fact]]) -> tuple[list[Fact], tuple[Expr, ...]]:
    """The candidates for a pattern whose fixed tests are True (negated: not False, since an
    unknown may block), in memory order, and the join tests left to check per binding.

    Kleene AND is order-free: a pattern holds when all its tests are True, and blocks when
    none is False, so the fixed tests can be judged once per fact, the joins per binding."""
    sid, fixed, joins = _split(pattern)
    key = (sid, pattern.negated)
    found = passing.get(key)
    if found is None:
        empty: dict[str, Fact] = {}
        wanted: bool | None = None if pattern.negated else True  # blocks: unknown counts
        found = []
        for f in by_type.get(pattern.fact, []):
            truth: bool | None = True
            for e in fixed:  # Kleene AND, stopping at the first False
                value = expr_truth(e, f, empty)
                if value is False:
                    truth = False
                    break
                if value is None:
                    truth = None
            if truth is True or truth is wanted:
                found.append(f)
        passing[key] = found
    return found, joins


def bindings(branch: Branch, by_type: Mapping[str, list[Fact]],
             start: Mapping[str, Fact] | None = None) -> Iterator[Binding]:
    """Every assignment of facts to the branch's positive patterns under which it holds.

    `start` binds some aliases in advance (a positive pattern with such an alias must hold on
    that fact)."""
    patterns = branch.patterns  # as the engine runs it: pass `rule.engine_branches`
    fixed = dict(start or {})
    passing = by_type.passing if isinstance(by_type, FactIndex) else {}

    def walk(i: int, binding: Binding) -> Iterator[Binding]:
        if i == len(patterns):
            yield dict(binding)
            return
        p = patterns[i]
        if p.negated:
            candidates, joins = _passing(p, by_type, passing)
            if not any(_and(expr_truth(e, f, binding) for e in joins) is not False
                       for f in candidates):
                yield from walk(i + 1, binding)
            return
        if p.alias in fixed:
            f = fixed[p.alias]
            if not already_bound(f, binding) and pattern_holds(p, f, binding):
                binding[p.alias] = f
                yield from walk(i + 1, binding)
                del binding[p.alias]
            return
        candidates, joins = _passing(p, by_type, passing)
        for f in candidates:
            if not already_bound(f, binding) and all(
                    expr_truth(e, f, binding) is True for e in joins):
                binding[p.alias] = f
                yield from walk(i + 1, binding)
                del binding[p.alias]

    yield from walk(0, {})

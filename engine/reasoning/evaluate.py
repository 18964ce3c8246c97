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


def index_by_type(facts: Iterable[Fact]) -> dict[str, list[Fact]]:
    by_type: dict[str, list[Fact]] = {}
    for f in facts:
        by_type.setdefault(str(f.get("t")), []).append(f)
    return by_type


def bindings(branch: Branch, by_type: Mapping[str, list[Fact]],
             start: Mapping[str, Fact] | None = None) -> Iterator[Binding]:
    """Every assignment of facts to the branch's positive patterns under which it holds.

    `start` binds some aliases in advance (a positive pattern with such an alias must hold on
    that fact)."""
    patterns = branch.patterns  # as the engine runs it: pass `rule.engine_branches`
    fixed = dict(start or {})

    def walk(i: int, binding: Binding) -> Iterator[Binding]:
        if i == len(patterns):
            yield dict(binding)
            return
        p = patterns[i]
        candidates = by_type.get(p.fact, [])
        if p.negated:
            if not any(pattern_blocks(p, f, binding) for f in candidates):
                yield from walk(i + 1, binding)
            return
        for f in ([fixed[p.alias]] if p.alias in fixed else candidates):
            if not already_bound(f, binding) and pattern_holds(p, f, binding):
                binding[p.alias] = f
                yield from walk(i + 1, binding)
                del binding[p.alias]

    yield from walk(0, {})

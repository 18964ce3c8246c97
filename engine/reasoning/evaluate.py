"""Pure-Python evaluation of rule conditions over a set of facts.

It never produces results: durable_rules does the chaining. It exists to explain (why-not) and to
cross-check the engine, using the same operator table (`operators.OPERATORS`).

Binding semantics (knowledge_base/README.md, "Two facts of one type"), as durable_rules runs them:
- the positive patterns of one alternative bind distinct facts: one fact never stands for two
  patterns of a rule (`already_bound`);
- a negated pattern holds when no fact of working memory matches it, whichever facts the positive
  patterns bound (the compiler orders patterns so that durable_rules judges it that way too).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..kb.conditions import AnyOf, Branch, Expr, Pattern, Ref, Test
from ..kb.operators import ABSENT, OPERATORS

Fact = Mapping[str, Any]
Binding = dict[str, Fact]  # alias -> fact


def field_value(fact: Fact, name: str) -> Any:
    return fact.get(name, ABSENT)


def test_holds(test: Test, fact: Fact, binding: Mapping[str, Fact]) -> bool:
    op = OPERATORS[test.op]
    value = test.value
    if isinstance(value, Ref):
        other = binding.get(value.alias)
        value = ABSENT if other is None else field_value(other, value.field)
    return op.holds(field_value(fact, test.field), value)


def expr_holds(expr: Expr, fact: Fact, binding: Mapping[str, Fact]) -> bool:
    if isinstance(expr, Test):
        return test_holds(expr, fact, binding)
    assert isinstance(expr, AnyOf)
    return any(all(expr_holds(e, fact, binding) for e in option) for option in expr.options)


def pattern_holds(pattern: Pattern, fact: Fact, binding: Mapping[str, Fact]) -> bool:
    return fact.get("t") == pattern.fact and all(
        expr_holds(e, fact, binding) for e in pattern.tests)


def already_bound(fact: Fact, binding: Mapping[str, Fact]) -> bool:
    """Is this fact bound to another pattern of the alternative? (Distinct facts per pattern.)"""
    return any(fact is other for other in binding.values())


def index_by_type(facts: Iterable[Fact]) -> dict[str, list[Fact]]:
    by_type: dict[str, list[Fact]] = {}
    for f in facts:
        by_type.setdefault(str(f.get("t")), []).append(f)
    return by_type


def bindings(branch: Branch, by_type: Mapping[str, list[Fact]]) -> Iterator[Binding]:
    """Every assignment of facts to the branch's positive patterns under which it holds."""
    patterns = branch.patterns

    def walk(i: int, binding: Binding) -> Iterator[Binding]:
        if i == len(patterns):
            yield dict(binding)
            return
        p = patterns[i]
        candidates = by_type.get(p.fact, [])
        if p.negated:
            if not any(pattern_holds(p, f, binding) for f in candidates):
                yield from walk(i + 1, binding)
            return
        for f in candidates:
            if not already_bound(f, binding) and pattern_holds(p, f, binding):
                binding[p.alias] = f
                yield from walk(i + 1, binding)
                del binding[p.alias]

    yield from walk(0, {})

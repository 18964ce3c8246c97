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
from ..kb.operators import ABSENT, OPERATORS, UNKNOWN, fact_value, truth
from .matcher import (
    FieldIndex,
    Local,
    Step,
    _key,
    all_true,
    expected,
    not_false,
    steps,
    text_key,
)

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


def compiled_holds(pattern: Pattern, fact: Fact, binding: Mapping[str, Fact]) -> bool:
    """`pattern_holds`, with the pattern compiled once (for a pattern judged again and again)."""
    step = _step(pattern)
    return fact.get("t") == step.fact and all_true(step.fixed, fact, binding) and \
        all_true(step.joins, fact, binding)


def holding(pattern: Pattern, by_type: Mapping[str, list[Fact]],
            binding: Mapping[str, Fact]) -> list[Fact]:
    """The facts of `by_type` on which `pattern_holds(pattern, fact, binding)`, in memory order
    (the pattern's fixed tests judged once per FactIndex)."""
    step = _step(pattern)
    passing = by_type.passing if isinstance(by_type, FactIndex) else {}
    if step.negated:  # its passing facts are those that block: judge each one whole
        return [f for f in by_type.get(step.fact, []) if compiled_holds(pattern, f, binding)]
    joins = step.joins
    return [f for f in _passing(step, by_type, passing) if all_true(joins, f, binding)]


def compiled_blocks(pattern: Pattern, fact: Fact, binding: Mapping[str, Fact]) -> bool:
    """`pattern_blocks`, with the pattern compiled once."""
    step = _step(pattern)
    return fact.get("t") == step.fact and not_false(step.fixed, fact, binding) and \
        not_false(step.joins, fact, binding)


def already_bound(fact: Fact, binding: Mapping[str, Fact]) -> bool:
    """Is this fact bound to another pattern of the alternative? (Distinct facts per pattern.)"""
    for other in binding.values():  # noqa: SIM110 (a loop: any/all over a generator is slower)
        if fact is other:
            return True
    return False


class FactIndex(dict[str, list[Fact]]):
    """Facts by type, with what `bindings` learned about them: which facts pass each pattern's
    tests that do not depend on other facts, shared by every rule evaluated on this memory, and
    those facts by the value of a field they are joined on. Treat it as read-only once built."""

    def __init__(self) -> None:
        super().__init__()
        self.passing: dict[tuple[int, bool], list[Fact]] = {}
        self.joined: dict[tuple[int, bool, str], FieldIndex] = {}
        self.texts: dict[tuple[str, str], FieldIndex] = {}


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


def _step(pattern: Pattern) -> Step:
    """The pattern compiled, once per pattern (and process)."""
    step: Step | None = None
    holder = pattern.__dict__.get("_step")
    if type(holder) is Local:
        step = holder.value
    if step is None or pattern.__dict__["_split"][0] != _REGISTRY:
        sid, fixed, joins = _split(pattern)
        step = Step(pattern, sid, fixed, joins)
        object.__setattr__(pattern, "_step", Local(step))  # not a field: eq, hash unchanged
    return step


def _passing(step: Step, by_type: Mapping[str, list[Fact]],
             passing: dict[tuple[int, bool], list[Fact]]) -> list[Fact]:
    """The candidates for a pattern whose fixed tests are True (negated: not False, since an
    unknown may block), in memory order; the join tests are left to check per binding.

    Kleene AND is order-free: a pattern holds when all its tests are True, and blocks when
    none is False, so the fixed tests can be judged once per fact, the joins per binding."""
    found = passing.get(step.key)
    if found is None:
        facts = by_type.get(step.fact, [])
        if step.pin is not None and isinstance(by_type, FactIndex):
            facts = _pinned(step, by_type, facts)
        fixed = step.fixed
        if not fixed:
            found = list(facts)
        elif step.negated:  # blocks: unknown counts
            found = [f for f in facts if not_false(fixed, f, _EMPTY)]
        else:
            found = [f for f in facts if all_true(fixed, f, _EMPTY)]
        passing[step.key] = found
    return found


def _texts(by_type: FactIndex, fact_type: str, field: str) -> FieldIndex:
    index = by_type.texts.get((fact_type, field))
    if index is None:
        index = by_type.texts[(fact_type, field)] = FieldIndex(by_type.get(fact_type, []), field, text_key)
    return index


def _hopeless(plan: tuple[Step, ...], by_type: FactIndex, fixed: Mapping[str, Fact]) -> bool:
    """Whether a positive pattern of the branch tests a field against a text no fact of its
    type has: then nothing can bind it, and the branch has no binding at all."""
    for step in plan:
        pin = step.pin
        if pin is not None and not step.negated and step.alias not in fixed:
            index = _texts(by_type, step.fact, pin[0])
            if index.usable and pin[1] not in index.by:
                return True
    return False


def _pinned(step: Step, by_type: FactIndex, facts: list[Fact]) -> list[Fact]:
    """The facts that may pass the step's test of a field against a text: those with that text
    (in memory order), and for a `not` those answered unknown too (a `not` only asks whether
    any candidate blocks it, so their order does not matter)."""
    assert step.pin is not None
    field, text = step.pin
    index = _texts(by_type, step.fact, field)
    if not index.usable:
        return facts
    hits = index.by.get(text, [])
    if step.negated and index.unknown:
        return hits + index.unknown
    return hits


_EMPTY: dict[str, Fact] = {}
_INDEX_FROM = 6  # fewer candidates than this: trying each is as quick as looking them up


def _candidates(step: Step, by_type: Mapping[str, list[Fact]],
                passing: dict[tuple[int, bool], list[Fact]],
                joined: dict[tuple[int, bool, str], FieldIndex],
                binding: Mapping[str, Fact]) -> list[Fact]:
    """The candidates that may pass the step's joins under this binding, in memory order: every
    fact that passes its fixed tests, narrowed by the value of its first equality join (a fact
    left out fails that join; the joins are still checked on those kept)."""
    found = passing.get(step.key)
    if found is None:
        found = _passing(step, by_type, passing)
    if step.join_on is None or len(found) < _INDEX_FROM:
        return found
    field, alias, other = step.join_on
    want = expected(binding, alias, other)
    if want is UNKNOWN or want is ABSENT:
        return found  # every candidate gives unknown (or fails): let the joins judge
    key = _key(want)
    if key is None:
        return found
    ikey = (step.sid, step.negated, field)
    index = joined.get(ikey)
    if index is None:
        index = joined[ikey] = FieldIndex(found, field, _key)
    if not index.usable:
        return found
    hits = index.by.get(key, [])
    if step.negated and index.unknown:  # an unknown value may block a `not`
        return hits + index.unknown  # order does not matter: a `not` only asks whether any
    return hits


def bindings(branch: Branch, by_type: Mapping[str, list[Fact]],
             start: Mapping[str, Fact] | None = None) -> Iterator[Binding]:
    """Every assignment of facts to the branch's positive patterns under which it holds.

    `start` binds some aliases in advance (a positive pattern with such an alias must hold on
    that fact)."""
    plan = steps(branch, _step)  # as the engine runs it: pass `rule.engine_branches`
    fixed = dict(start or {})
    if isinstance(by_type, FactIndex):
        if _hopeless(plan, by_type, fixed):
            return
        passing, joined = by_type.passing, by_type.joined
    else:
        passing, joined = {}, {}
    last = len(plan)

    def walk(i: int, binding: Binding) -> Iterator[Binding]:
        if i == last:
            yield dict(binding)
            return
        step = plan[i]
        joins = step.joins
        if step.negated:
            for f in _candidates(step, by_type, passing, joined, binding):
                if not joins or not_false(joins, f, binding):
                    return
            yield from walk(i + 1, binding)
            return
        alias = step.alias
        if alias in fixed:
            f = fixed[alias]
            if not already_bound(f, binding) and f.get("t") == step.fact and \
                    all_true(step.fixed, f, binding) and all_true(joins, f, binding):
                binding[alias] = f
                yield from walk(i + 1, binding)
                del binding[alias]
            return
        leaf = i + 1 == last
        for f in _candidates(step, by_type, passing, joined, binding):
            for other in binding.values():  # distinct facts per pattern (already_bound)
                if other is f:
                    break
            else:
                if not joins or all_true(joins, f, binding):
                    if leaf:  # the last pattern: the binding is complete
                        yield {**binding, alias: f}
                        continue
                    binding[alias] = f
                    yield from walk(i + 1, binding)
                    del binding[alias]

    yield from walk(0, {})

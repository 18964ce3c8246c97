"""Conditions that can never hold, found across a whole rule (E130).

The loader's type check already refuses a test outside its field's range and two limits on one
field that cannot both hold. This module finds what needs the rule as a whole, or knowledge of how
the engine builds its facts:
- the values a field may take, narrowed by every test on it, leave nothing (`in` and `not_in`);
- an alternative of `any` that contradicts the tests beside it;
- a join (`same_as`) between two fields whose allowed values do not meet;
- `not` excluding a fact the same rule requires;
- a derived fact that never has that value: a gap's severity is never `none` (such gaps are
  dropped), a cause is never below the reporting threshold (it is not asserted).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from .conditions import AnyOf, Branch, Expr, Pattern, Test
from .implication import _num, pattern_implies
from .models import Settings
from .operators import same
from .rules import Rule
from .vocabulary import FACT_TYPES

_UNBOUNDED = (float("-inf"), float("inf"))


@dataclass(frozen=True)
class Invariant:
    """What the engine guarantees about a field of a derived fact."""

    choices: tuple[str, ...] | None = None
    low: float | None = None
    why: str = ""


def invariants(settings: Settings) -> dict[tuple[str, str], Invariant]:
    return {
        ("gap", "severity"): Invariant(
            choices=("minor", "moderate", "severe"),
            why="gaps of severity `none` are dropped before the evidence stage"),
        ("cause", "certainty"): Invariant(
            low=settings.report_threshold,
            why=f"causes below the reporting threshold ({settings.report_threshold:g}, "
                "settings.yaml) are never asserted"),
    }


@dataclass
class _Allowed:
    """The values one field may still take after the tests seen so far."""

    points: tuple[Any, ...] | None = None  # None: any value
    excluded: tuple[Any, ...] = ()
    low: float = _UNBOUNDED[0]
    low_strict: bool = False
    high: float = _UNBOUNDED[1]
    high_strict: bool = False

    def add(self, t: Test) -> None:
        if t.op in ("is", "in"):
            values = (t.value,) if t.op == "is" else tuple(t.value)
            if self.points is None:
                self.points = values
            else:
                self.points = tuple(v for v in self.points if any(same(v, w) for w in values))
        elif t.op in ("is_not", "not_in"):
            self.excluded += (t.value,) if t.op == "is_not" else tuple(t.value)
        elif t.op in ("below", "at_most") and _num(t.value) and (
                t.value < self.high or (t.value == self.high and t.op == "below")):
            self.high, self.high_strict = t.value, t.op == "below"
        elif t.op in ("above", "at_least") and _num(t.value) and (
                t.value > self.low or (t.value == self.low and t.op == "above")):
            self.low, self.low_strict = t.value, t.op == "above"

    def _fits(self, v: Any) -> bool:
        if any(same(v, x) for x in self.excluded):
            return False
        bounded = self.low != _UNBOUNDED[0] or self.high != _UNBOUNDED[1]
        if not bounded:
            return True
        if not _num(v):
            return False
        return bool((v > self.low if self.low_strict else v >= self.low) and
                    (v < self.high if self.high_strict else v <= self.high))

    def possible(self) -> tuple[Any, ...] | None:
        """The values left, when they are a known few (None: many)."""
        if self.points is None:
            return None
        return tuple(v for v in self.points if self._fits(v))


def _field_tests(exprs: Sequence[Expr]) -> dict[str, list[Test]]:
    out: dict[str, list[Test]] = {}
    for e in exprs:
        if isinstance(e, Test) and e.op != "same_as":
            out.setdefault(e.field, []).append(e)
    return out


def _words(tests: list[Test]) -> str:
    parts = []
    for t in tests:
        value = list(t.value) if isinstance(t.value, tuple) else t.value
        parts.append(f"`{t.op}: {value}`")
    return " and ".join(parts)


@dataclass
class ContradictionFinder:
    invariants: dict[tuple[str, str], Invariant]
    problems: list[Problem]

    def _err(self, rule: Rule, message: str, where: Test | Pattern | AnyOf,
             hint: str | None = None) -> None:
        self.problems.append(Problem(message, rule.file, where.line, where.col, where.path,
                                     hint, "E130"))

    def rule(self, rule: Rule) -> None:
        for branch in rule.branches:
            self._branch(rule, branch)

    def _branch(self, rule: Rule, branch: Branch) -> None:
        allowed: dict[tuple[str, str], tuple[Any, ...] | None] = {}
        for p in branch.positive:
            # (a `not` over a fact that can never match is harmless: it always holds)
            fields = self._pattern(rule, p, p.tests, report=True)
            if fields is None:
                continue
            for name, values in fields.items():
                allowed[(p.alias, name)] = values
            for e in p.tests:
                if isinstance(e, AnyOf):
                    self._options(rule, p, e)
        self._joins(rule, branch, allowed)
        self._negations(rule, branch)

    def _pattern(self, rule: Rule, p: Pattern, exprs: Sequence[Expr], report: bool
                 ) -> dict[str, tuple[Any, ...] | None] | None:
        """The values left per field; None (and a problem when `report`) if a field has none."""
        result: dict[str, tuple[Any, ...] | None] = {}
        for name, tests in _field_tests(exprs).items():
            state = _Allowed()
            for t in tests:
                state.add(t)
            fdef = FACT_TYPES[p.fact].field(name)
            inv = self.invariants.get((p.fact, name))
            set_tests = [t for t in tests if t.op in ("is", "in", "is_not", "not_in")]
            if fdef is not None and fdef.kind == "choice" and state.points is None and set_tests:
                state.points = inv.choices if inv and inv.choices else fdef.choices
            left = state.possible()
            if left == () and set_tests:
                if report:
                    self._err(rule, f"`{name}` can never be {_words(tests)} at once", tests[-1],
                              "a fact has one value per field: remove one of the tests")
                return None
            if inv is not None and left is None and inv.low is not None:
                never = [t for t in tests if t.op in ("below", "at_most") and _num(t.value)
                         and (t.value < inv.low or (t.value == inv.low and t.op == "below"))]
                if never:
                    if report:
                        self._err(rule, f"the `{name}` of a `{p.fact}` is never "
                                  f"`{never[0].op}: {never[0].value}`: {inv.why}", never[0])
                    return None
            if inv is not None and inv.choices is not None and left is not None and not any(
                    v in inv.choices for v in left):
                if report:
                    self._err(rule, f"the `{name}` of a `{p.fact}` is never "
                              f"{' or '.join(map(str, left))}: {inv.why}", tests[0],
                              "for a result that meets its target, test the `metric` in a "
                              "`gaps` rule" if p.fact == "gap" else None)
                return None
            result[name] = left
        return result

    def _options(self, rule: Rule, p: Pattern, any_of: AnyOf) -> None:
        outer = [e for e in p.tests if isinstance(e, Test)]
        for i, option in enumerate(any_of.options):
            if self._pattern(rule, p, outer + list(option), report=False) is None:
                self._err(rule, f"alternative {i + 1} of `any` can never hold together with the "
                          "other tests on this fact", any_of,
                          "remove the alternative, or the test it contradicts")

    def _joins(self, rule: Rule, branch: Branch,
               allowed: dict[tuple[str, str], tuple[Any, ...] | None]) -> None:
        for p in branch.positive:
            for e in p.tests:
                if not isinstance(e, Test) or e.op != "same_as":
                    continue
                mine = allowed.get((p.alias, e.field))
                theirs = allowed.get((e.value.alias, e.value.field))
                if mine is None or theirs is None:
                    continue
                if not any(same(a, b) for a in mine for b in theirs):
                    self._err(rule, f"`{e.field}` must be the same as `{e.value}`, but one is "
                              f"{', '.join(map(str, mine))} and the other "
                              f"{', '.join(map(str, theirs))}", e)

    def _negations(self, rule: Rule, branch: Branch) -> None:
        for n in branch.patterns:
            if not n.negated:
                continue
            for p in branch.positive:
                if pattern_implies(p, n, lambda alias: alias):
                    self._err(rule, f"`not` excludes the `{p.fact}` fact this rule requires "
                              f"(line {p.line}): every fact matching it matches the `not` too, so "
                              "the rule can never fire", n,
                              "make the `not` more specific, or drop it")
                    break


def contradiction_problems(rules: Sequence[Rule], settings: Settings) -> list[Problem]:
    finder = ContradictionFinder(invariants(settings), [])
    for rule in rules:
        finder.rule(rule)
    return finder.problems

"""The condition language of rules: its syntax tree and the parser from YAML.

A rule's `when` is a tree of `all`, `any` and `not` over fact patterns::

    when:
      all:
        - gap: {severity: [moderate, severe]}
        - rating: {dimension: communication, score: {below: 3.0}}
        - not:
            observation: {name: performed_well_before, value: true}

The parser turns the tree into alternatives (disjunctive normal form): each `Branch` is a
conjunction of fact patterns, some negated, ordered so that a join (`same_as`) only refers to a
fact bound earlier. durable_rules runs each branch as one of its rules; the reference evaluator
walks the same branches. Whether fields and values exist is checked later, against the vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Union

from ..errors import Problem, did_you_mean
from ..yamlio import PosDict, PosList, dotted
from .operators import FLAG, LIST, OPERATORS, REF, SYNONYMS
from .pattern_order import OrderProblem, order_patterns

MAX_BRANCHES = 32
COMBINATORS = ("all", "any", "not")
_ALIAS = re.compile(r"^[a-z][a-z0-9_]*$")
_REF = re.compile(r"^([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$")


@dataclass(frozen=True)
class Ref:
    """`alias.field`: a field of another fact bound in the same rule."""

    alias: str
    field: str

    def __str__(self) -> str:
        return f"{self.alias}.{self.field}"


@dataclass(frozen=True)
class Test:
    """One test on one field of a fact: `score: {below: 3.0}`."""

    field: str
    op: str
    value: Any  # a scalar, a tuple (in/not_in), True (exists/missing) or a Ref (same_as)
    path: str
    line: int
    col: int


@dataclass(frozen=True)
class AnyOf:
    """Alternatives inside one fact: `any: [{trend: declining}, {vs_team: below}]`."""

    options: tuple[tuple[Expr, ...], ...]
    path: str
    line: int
    col: int


Expr = Union[Test, AnyOf]


@dataclass(frozen=True)
class Pattern:
    """A fact pattern: the fact type, the name it is bound to, and the tests on its fields."""

    fact: str
    alias: str
    tests: tuple[Expr, ...]
    negated: bool
    path: str
    line: int
    col: int
    named: bool = False  # the alias was given with `as`

    def refs(self) -> list[Ref]:
        return [t.value for t in iter_tests(self.tests) if t.op == "same_as"]


@dataclass(frozen=True)
class Branch:
    """One alternative of a rule's condition: all patterns must match (negated ones must not)."""

    patterns: tuple[Pattern, ...]

    @property
    def positive(self) -> tuple[Pattern, ...]:
        return tuple(p for p in self.patterns if not p.negated)


def iter_tests(exprs: Iterable[Expr]) -> Iterable[Test]:
    for e in exprs:
        if isinstance(e, Test):
            yield e
        else:
            for option in e.options:
                yield from iter_tests(option)


@dataclass
class _Spec:
    fact: str
    alias: str | None
    body: Any
    negated: bool
    path: str
    line: int
    col: int


@dataclass
class ConditionParser:
    """Parses one rule's `when` into branches, collecting problems instead of stopping."""

    file: str
    fact_types: Iterable[str]
    problems: list[Problem] = field(default_factory=list)

    def _err(self, message: str, path: str, pos: tuple[int, int] | None, code: str,
             hint: str | None = None) -> None:
        line, col = pos or (None, None)
        self.problems.append(Problem(message, self.file, line, col, path, hint, code))

    # -- tree to alternatives ---------------------------------------------------------------

    def parse(self, node: Any, path: tuple[Any, ...], pos: tuple[int, int]) -> list[Branch]:
        before = len(self.problems)
        alternatives = self._node(node, path, pos)
        if alternatives is None or len(self.problems) > before:
            return []
        if len(alternatives) > MAX_BRANCHES:
            self._err(f"the condition expands to {len(alternatives)} alternatives; at most "
                      f"{MAX_BRANCHES} are allowed", dotted(path), pos, "E124",
                      "split the rule into several rules")
            return []
        branches = []
        for specs in alternatives:
            branch = self._branch(specs, path, pos)
            if branch is None:
                return []
            branches.append(branch)
        return branches

    def _node(self, node: Any, path: tuple[Any, ...], pos: tuple[int, int]
              ) -> list[list[_Spec]] | None:
        if not isinstance(node, dict) or not node:
            self._err("a condition must be `all`, `any`, `not` or a fact pattern such as "
                      "`gap: {severity: severe}`", dotted(path), pos, "E101")
            return None
        keys = [k for k in node if k != "as"]
        combinator = [k for k in keys if k in COMBINATORS]
        if combinator:
            if len(keys) > 1 or "as" in node:
                self._err(f"`{combinator[0]}` must stand alone in its mapping; put the other "
                          "conditions inside it", dotted(path), pos, "E101")
                return None
            key = combinator[0]
            child_pos = _pos(node, key, pos)
            handler = {"all": self._all, "any": self._any, "not": self._not}[key]
            return handler(node[key], path + (key,), child_pos)
        if len(keys) != 1:
            names = ", ".join(str(k) for k in keys) or "nothing"
            self._err(f"a fact pattern names exactly one fact type (found {names})",
                      dotted(path), pos, "E101",
                      "write each fact as its own list item under `all:`")
            return None
        fact = keys[0]
        fact_pos = _pos(node, fact, pos)
        if fact not in self.fact_types:
            self._err(f"unknown fact type {fact!r}", dotted(path + (fact,)), fact_pos, "E111",
                      did_you_mean(fact, list(self.fact_types) + list(COMBINATORS)))
            return None
        alias = node.get("as")
        if alias is not None and (not isinstance(alias, str) or not _ALIAS.match(alias)):
            self._err("`as` must be a lowercase name such as `low_rating`",
                      dotted(path + ("as",)), _pos(node, "as", pos), "E101")
            return None
        return [[_Spec(fact, alias, node[fact], False, dotted(path + (fact,)), *fact_pos)]]

    def _all(self, items: Any, path: tuple[Any, ...], pos: tuple[int, int]
             ) -> list[list[_Spec]] | None:
        if not isinstance(items, list) or not items:
            self._err("`all` takes a non-empty list of conditions", dotted(path), pos, "E101")
            return None
        result: list[list[_Spec]] = [[]]
        for i, item in enumerate(items):
            sub = self._node(item, path + (i,), _item_pos(items, i, pos))
            if sub is None:
                return None
            result = [a + b for a in result for b in sub]
            if len(result) > MAX_BRANCHES * 4:
                break
        return result

    def _any(self, items: Any, path: tuple[Any, ...], pos: tuple[int, int]
             ) -> list[list[_Spec]] | None:
        if not isinstance(items, list) or not items:
            self._err("`any` takes a non-empty list of conditions", dotted(path), pos, "E101")
            return None
        result: list[list[_Spec]] = []
        for i, item in enumerate(items):
            sub = self._node(item, path + (i,), _item_pos(items, i, pos))
            if sub is None:
                return None
            result.extend(sub)
        return result

    def _not(self, item: Any, path: tuple[Any, ...], pos: tuple[int, int]
             ) -> list[list[_Spec]] | None:
        # `not` of one fact pattern, or of `any` over fact patterns (= none of them).
        sub = self._node(item, path, pos)
        if sub is None:
            return None
        if any(len(alt) != 1 for alt in sub) or any(alt[0].negated for alt in sub):
            self._err("`not` can hold one fact pattern, or `any` of fact patterns",
                      dotted(path), pos, "E101",
                      "the engine cannot negate a combination of several facts")
            return None
        negated = []
        for alt in sub:
            spec = alt[0]
            spec.negated = True
            negated.append(spec)
        return [negated]

    # -- one alternative: aliases, tests, join order ------------------------------------------

    def _branch(self, specs: list[_Spec], path: tuple[Any, ...], pos: tuple[int, int]
                ) -> Branch | None:
        patterns: list[Pattern] = []
        seen: dict[str, _Spec] = {}
        for i, spec in enumerate(specs):
            if spec.negated:
                alias = spec.alias or f"no_{spec.fact}_{i}"
            else:
                alias = spec.alias or spec.fact
                if alias in seen:
                    first = seen[alias]
                    self._err(f"two `{spec.fact}` facts in one condition need names "
                              f"(first at line {first.line})", spec.path,
                              (spec.line, spec.col), "E101",
                              f"add `as: another_{spec.fact}` beside one of them")
                    return None
                seen[alias] = spec
            tests = self._body(spec.body, spec)
            if tests is None:
                return None
            patterns.append(Pattern(spec.fact, alias, tests, spec.negated, spec.path,
                                    spec.line, spec.col, named=spec.alias is not None))
        return self._order(patterns)

    def _order(self, patterns: list[Pattern]) -> Branch | None:
        """Order patterns as durable_rules needs them (pattern_order.py): joins after what they
        refer to, a `not` before the positive patterns of its type it could match."""
        positive = {p.alias for p in patterns if not p.negated}
        negated = {p.alias for p in patterns if p.negated}
        for p in patterns:
            for ref in p.refs():
                if ref.alias in negated:
                    self._err(f"`{ref}` refers to a fact under `not`, which is never bound",
                              p.path, (p.line, p.col), "E120")
                    return None
                if ref.alias not in positive:
                    self._err(f"`same_as: {ref}` names no fact of this condition",
                              p.path, (p.line, p.col), "E120",
                              did_you_mean(ref.alias, positive))
                    return None
                if ref.alias == p.alias:
                    self._err(f"`same_as: {ref}` compares a fact with itself",
                              p.path, (p.line, p.col), "E120")
                    return None
        ordered = order_patterns(patterns)
        if isinstance(ordered, OrderProblem):
            p = ordered.pattern
            self._err(ordered.message, p.path, (p.line, p.col), "E120", ordered.hint)
            return None
        if not any(not p.negated for p in ordered):
            p = ordered[0]
            self._err("a condition needs at least one fact that is present (not only `not`)",
                      p.path, (p.line, p.col), "E101")
            return None
        return Branch(tuple(ordered))

    def _body(self, body: Any, spec: _Spec) -> tuple[Expr, ...] | None:
        if body is None:
            return ()
        if not isinstance(body, dict):
            self._err(f"the tests on a `{spec.fact}` fact must be a mapping of field: condition",
                      spec.path, (spec.line, spec.col), "E101",
                      f"for example `{spec.fact}: {{field: value}}`")
            return None
        exprs: list[Expr] = []
        for key, value in body.items():
            kpos = _pos(body, key, (spec.line, spec.col))
            kpath = f"{spec.path}.{key}"
            if key == "any":
                options = self._options(value, kpath, kpos, spec)
                if options is None:
                    return None
                exprs.append(AnyOf(options, kpath, *kpos))
                continue
            tests = self._field(str(key), value, kpath, kpos)
            if tests is None:
                return None
            exprs.extend(tests)
        return tuple(exprs)

    def _options(self, value: Any, path: str, pos: tuple[int, int], spec: _Spec
                 ) -> tuple[tuple[Expr, ...], ...] | None:
        if not isinstance(value, list) or len(value) < 2:
            self._err("`any` inside a fact takes a list of two or more alternatives", path, pos,
                      "E101")
            return None
        options = []
        for i, item in enumerate(value):
            sub = _Spec(spec.fact, None, item, False, f"{path}[{i}]",
                        *_item_pos(value, i, pos))
            tests = self._body(item, sub)
            if tests is None:
                return None
            if not tests:
                self._err("an alternative of `any` needs at least one test", sub.path,
                          (sub.line, sub.col), "E101")
                return None
            options.append(tests)
        return tuple(options)

    def _field(self, name: str, cond: Any, path: str, pos: tuple[int, int]
               ) -> list[Test] | None:
        if cond is None:
            self._err(f"no condition given for `{name}`", path, pos, "E101",
                      f"write `{name}: value` or `{name}: {{below: 3}}`")
            return None
        if isinstance(cond, list):
            return self._test(name, "in", cond, path, pos)
        if not isinstance(cond, dict):
            return self._test(name, "is", cond, path, pos)
        if not cond:
            self._err(f"no condition given for `{name}`", path, pos, "E101")
            return None
        tests: list[Test] = []
        for op_word, value in cond.items():
            op = SYNONYMS.get(str(op_word), str(op_word))
            opos = _pos(cond, op_word, pos)
            if op not in OPERATORS:
                self._err(f"unknown operator {op_word!r}", f"{path}.{op_word}", opos, "E114",
                          did_you_mean(op_word, OPERATORS) or
                          "operators: " + ", ".join(OPERATORS))
                return None
            found = self._test(name, op, value, f"{path}.{op_word}", opos)
            if found is None:
                return None
            tests.extend(found)
        return tests

    def _test(self, name: str, op: str, value: Any, path: str, pos: tuple[int, int]
              ) -> list[Test] | None:
        kind = OPERATORS[op].kind
        if kind == REF:
            match = _REF.match(value) if isinstance(value, str) else None
            if not match:
                self._err("`same_as` takes the name of another fact and its field, like "
                          "`gap.kpi`", path, pos, "E120")
                return None
            return [Test(name, op, Ref(match.group(1), match.group(2)), path, *pos)]
        if kind == FLAG:
            if value is not True:
                other = "missing" if op == "exists" else "exists"
                self._err(f"`{op}` takes `true`", path, pos, "E101",
                          f"to test the opposite, write `{other}: true`")
                return None
            return [Test(name, op, True, path, *pos)]
        if kind == LIST:
            items = value if isinstance(value, list) else [value]
            if not items or any(isinstance(v, (dict, list)) or v is None for v in items):
                self._err(f"`{op}` takes a non-empty list of plain values", path, pos, "E101")
                return None
            return [Test(name, op, tuple(items), path, *pos)]
        if isinstance(value, (dict, list)) or value is None:
            self._err(f"`{op}` takes one plain value", path, pos, "E101")
            return None
        if isinstance(value, str) and _REF.match(value) and op != "is" and kind != LIST:
            self._err(f"`{op}: {value}` compares two facts; only equality joins "
                      "(`same_as`) are supported", path, pos, "E120",
                      "comparisons between facts crash the rule engine; compare with a number")
            return None
        return [Test(name, op, value, path, *pos)]


def _pos(node: Any, key: Any, default: tuple[int, int]) -> tuple[int, int]:
    if isinstance(node, PosDict):
        return node.pos.get(key, default)
    return default


def _item_pos(node: Any, i: int, default: tuple[int, int]) -> tuple[int, int]:
    if isinstance(node, PosList) and i < len(node.pos):
        return node.pos[i]
    return default

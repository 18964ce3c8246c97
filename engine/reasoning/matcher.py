"""The reference evaluator's tests compiled once into plain Python checks (issue 15).

`evaluate.py` defines what a test, a pattern and a branch mean; this module turns each into a
function of (fact, binding) that gives exactly the same three-valued answer, without going
through the operator table, `truth` and `fact_value` for every fact it looks at. A check is
worked out once per pattern or branch object and kept on it in a `Local` holder, which pickles and
copies as nothing: another process works it out again (a closure means nothing there).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..kb.conditions import AnyOf, Branch, Expr, Pattern, Ref, Test
from ..kb.operators import ABSENT, OPERATORS, UNKNOWN, unknown_flag

Fact = Mapping[str, Any]
Check = Callable[[Fact, Mapping[str, Fact]], "bool | None"]


class Local:
    """Data worked out in this process and kept on a knowledge object: it pickles (and deep
    copies) as empty, so it is worked out again wherever the object goes."""

    __slots__ = ("value",)

    def __init__(self, value: Any = None) -> None:
        self.value = value

    def __reduce__(self) -> tuple[type[Local], tuple[()]]:
        return (Local, ())


def kept(owner: Any, name: str, make: Callable[[], Any]) -> Any:
    """`make()` worked out once per owner (a frozen dataclass) and per process."""
    holder = owner.__dict__.get(name)
    if type(holder) is Local and holder.value is not None:
        return holder.value
    value = make()
    object.__setattr__(owner, name, Local(value))  # not a field: eq and hash are unchanged
    return value


def _test(test: Test) -> Check:
    """`evaluate.test_truth` for one test, as a closure."""
    op = OPERATORS[test.op]
    holds = op.holds
    field = test.field
    flag = unknown_flag(field)
    value = test.value
    if isinstance(value, Ref):
        alias, rfield, rflag = value.alias, value.field, unknown_flag(value.field)

        def join(fact: Fact, binding: Mapping[str, Fact]) -> bool | None:
            v = fact.get(field, ABSENT)
            if v is ABSENT and fact.get(flag):
                return None
            other = binding.get(alias)
            if other is None:
                return holds(v, ABSENT)
            e = other.get(rfield, ABSENT)
            if e is ABSENT and other.get(rflag):
                return None
            return holds(v, e)
        return join

    absent = holds(ABSENT, value)  # the answer on a fact without the field (not unknown)
    if test.op == "is" and type(value) is str:
        # same(v, s) for a text s: a yes/no never equals a text, anything else compares
        def is_text(fact: Fact, _b: Mapping[str, Fact]) -> bool | None:
            v = fact.get(field, ABSENT)
            if v is ABSENT:
                return None if fact.get(flag) else absent
            return bool(v == value)
        return is_text
    if test.op == "is" and type(value) is bool:
        def is_flag(fact: Fact, _b: Mapping[str, Fact]) -> bool | None:
            v = fact.get(field, ABSENT)
            if v is ABSENT:
                return None if fact.get(flag) else absent
            return v is value  # same(v, b) for a yes/no b: v is that yes/no
        return is_flag
    if test.op == "in" and type(value) is tuple and all(type(x) is str for x in value):
        def in_texts(fact: Fact, _b: Mapping[str, Fact]) -> bool | None:
            v = fact.get(field, ABSENT)
            if v is ABSENT:
                return None if fact.get(flag) else absent
            for x in value:  # noqa: SIM110 (a loop: any/all over a generator is slower)
                if v == x:
                    return True
            return False
        return in_texts

    def other(fact: Fact, _b: Mapping[str, Fact]) -> bool | None:
        v = fact.get(field, ABSENT)
        if v is ABSENT:
            return None if fact.get(flag) else absent
        return holds(v, value)
    return other


def _any_of(expr: AnyOf) -> Check:
    """Kleene OR over the options, each a Kleene AND."""
    options = tuple(tuple(compile_expr(e) for e in option) for option in expr.options)

    def any_of(fact: Fact, binding: Mapping[str, Fact]) -> bool | None:
        out: bool | None = False
        for option in options:
            r: bool | None = True
            for check in option:
                x = check(fact, binding)
                if x is False:
                    r = False
                    break
                if x is None:
                    r = None
            if r is True:
                return True
            if r is None:
                out = None
        return out
    return any_of


def compile_expr(expr: Expr) -> Check:
    if isinstance(expr, Test):
        return _test(expr)
    assert isinstance(expr, AnyOf)
    return _any_of(expr)


def checks(exprs: tuple[Expr, ...]) -> tuple[Check, ...]:
    return tuple(compile_expr(e) for e in exprs)


def all_true(tests: tuple[Check, ...], fact: Fact, binding: Mapping[str, Fact]) -> bool:
    """Kleene AND of the checks is True: every one is True."""
    for check in tests:  # noqa: SIM110 (a loop: any/all over a generator is slower)
        if check(fact, binding) is not True:
            return False
    return True


def not_false(tests: tuple[Check, ...], fact: Fact, binding: Mapping[str, Fact]) -> bool:
    """Kleene AND of the checks is not False: none is False (an unknown may still block)."""
    for check in tests:  # noqa: SIM110 (a loop: any/all over a generator is slower)
        if check(fact, binding) is False:
            return False
    return True


class Step:
    """One pattern of a branch, ready to run: its fixed tests' key (shared judgements) and its
    compiled checks."""

    __slots__ = ("pattern", "sid", "key", "fact", "alias", "negated", "fixed", "joins",
                 "join_on", "pin")

    def __init__(self, pattern: Pattern, sid: int, fixed: tuple[Expr, ...],
                 joins: tuple[Expr, ...]) -> None:
        self.pattern = pattern
        self.sid = sid  # shared by the patterns with the same fact type and fixed tests
        self.key = (sid, pattern.negated)  # the facts passing its fixed tests, in a FactIndex
        self.fact = pattern.fact
        self.alias = pattern.alias
        self.negated = pattern.negated
        self.fixed = checks(fixed)
        self.joins = checks(joins)
        # the first test of a field against a text (`name: x`): candidates are looked up by it
        self.pin: tuple[str, str] | None = next(
            ((e.field, e.value) for e in fixed
             if isinstance(e, Test) and e.op == "is" and type(e.value) is str), None)
        # the first plain equality join (`field: alias.other`): candidates are looked up by it
        self.join_on: tuple[str, str, str] | None = next(
            ((e.field, e.value.alias, e.value.field) for e in joins
             if isinstance(e, Test) and e.op == "same_as" and isinstance(e.value, Ref)), None)


def steps(branch: Branch, make: Callable[[Pattern], Step]) -> tuple[Step, ...]:
    """The branch's patterns compiled, once per branch (and process)."""
    plan: tuple[Step, ...] = kept(branch, "_steps", lambda: tuple(make(p) for p in branch.patterns))
    return plan


# -- looking candidates up by an equality join ------------------------------------------------

_PLAIN = (str, int, float, bool)


def _key(v: Any) -> tuple[bool, Any] | None:
    """A dictionary key under which `same` values meet (a yes/no never meets a number), or None
    for a value that cannot be looked up this way."""
    kind = type(v)
    if kind not in _PLAIN or (kind is float and v != v):
        return None
    return (kind is bool, v)


class FieldIndex:
    """Facts by the value of one field, as `key` makes it (None: a value the index cannot hold
    safely, so the index is not usable). For an equality join, the candidates of one pattern
    (facts passing its fixed tests) keyed by `_key`; for a test `field: text`, the facts of one
    type keyed by `text_key` (every fact that can pass it is under that text, or unknown)."""

    __slots__ = ("by", "unknown", "usable")

    def __init__(self, facts: list[Fact], field: str, key: Callable[[Any], Any]) -> None:
        self.by: dict[Any, list[Fact]] = {}
        self.unknown: list[Fact] = []  # the field answered unknown: never True, may block
        self.usable = True
        flag = unknown_flag(field)
        for f in facts:
            v = f.get(field, ABSENT)
            if v is ABSENT:
                if f.get(flag):
                    self.unknown.append(f)
                continue  # no field: the test or join fails (unless the other side is unknown)
            k = key(v)
            if k is None:
                self.usable = False
                return
            self.by.setdefault(k, []).append(f)


def text_key(v: Any) -> str | None:
    """A text as itself; anything else might equal a text without being one."""
    return v if type(v) is str else None


def expected(binding: Mapping[str, Fact], alias: str, field: str) -> Any:
    """The value a join compares with: ABSENT, UNKNOWN, or the bound fact's field."""
    other = binding.get(alias)
    if other is None:
        return ABSENT
    v = other.get(field, ABSENT)
    if v is ABSENT and other.get(unknown_flag(field)):
        return UNKNOWN
    return v

"""The condition operators, each defined once with its four faces.

For every operator this table holds:
1. its YAML form (the keyword HR writes, and what kind of value it takes);
2. its durable_rules JSON (``durable``);
3. its pure-Python evaluation (``holds``), used to explain and to cross-check the engine;
4. its wording in English and Chinese, for a condition that held and one that failed.

Semantics shared by both evaluations: a fact that lacks a field fails every test on that field
except ``missing``. The durable JSON of the negative tests carries an explicit ``$ex`` guard so
durable_rules cannot read an absent field differently from Python.

Unknown is an answer (three-valued logic). A field answered "unknown" is left out of the fact and
marked by ``unknown_flag(field)``; every test on it is unknown: it neither holds nor fails
(``truth`` gives None). A fact pattern holds only when all its tests hold, so no rule fires on an
unknown; a negated pattern (``not``) holds only when every candidate fact *fails* it, so an unknown
answer blocks it too. In durable_rules the first half is free (the field is absent, and
``missing`` is guarded by the marker); the second is ``true_or_unknown``, the form of a test inside
a negated pattern.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..i18n import Lang

# durable_rules parses the JSON of rules and facts itself, and its parser takes no exponent:
# Python writes one below 0.0001 and from 1e16 on. Conditions outside this range are refused at
# load (E126); facts are brought inside it (reasoning/numbers.py).
ENGINE_SMALLEST = 1e-4
ENGINE_LARGEST = 1e15

# Value kinds an operator takes in YAML.
SCALAR = "scalar"  # a number, text or yes/no
NUMBER = "number"
LIST = "list"  # a list of scalars
FLAG = "flag"  # `true` (exists: true)
REF = "ref"  # alias.field of another fact in the same rule (an equality join)

_ABSENT = object()
_UNKNOWN = object()  # the Python value of a field answered "unknown"


def unknown_flag(field: str) -> str:
    """The name of the marker a fact carries when `field` was answered "unknown".

    The field itself is then left out, and the marker tells the two evaluations that its value is
    unknown rather than unrecorded (durable_rules accepts the colon in a field name)."""
    return "unknown:" + field


def same(a: Any, b: Any) -> bool:
    """Equality without Python's True == 1: a yes/no only equals a yes/no."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return bool(a == b)


def is_number(v: Any) -> bool:
    """A number, and not a yes/no (Python's bool is an int)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool)


_num = is_number


def _ex(field: str) -> dict[str, Any]:
    return {"$ex": {field: 1}}


@dataclass(frozen=True)
class Operator:
    keyword: str
    kind: str
    durable: Callable[[str, Any], dict[str, Any]]
    holds: Callable[[Any, Any], bool]  # (fact value or _ABSENT, rule value) -> bool
    held: tuple[str, str]  # wording when the test held: (en, zh)
    failed: tuple[str, str]  # wording when it failed
    numeric: bool = False  # only for number fields
    on_lists: bool = False  # only for list fields

    def wording(self, lang: Lang, ok: bool, **parts: str) -> str:
        en, zh = self.held if ok else self.failed
        return (en if lang == "en" else zh).format(**parts)


def _compare(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    return lambda v, x: v is not _ABSENT and _num(v) and test(v, x)


OPERATORS: dict[str, Operator] = {
    op.keyword: op
    for op in (
        Operator(
            "is", SCALAR,
            durable=lambda f, v: {f: v},
            holds=lambda v, x: v is not _ABSENT and same(v, x),
            held=("{subject} is {value}", "{subject}为{value}"),
            failed=("{subject} is {actual}, not {value}", "{subject}为{actual},而非{value}"),
        ),
        Operator(
            "is_not", SCALAR,
            durable=lambda f, v: {"$and": [_ex(f), {"$neq": {f: v}}]},
            holds=lambda v, x: v is not _ABSENT and not same(v, x),
            held=("{subject} is {actual}, not {value}", "{subject}为{actual},不是{value}"),
            failed=("{subject} is {value}", "{subject}为{value}"),
        ),
        Operator(
            "in", LIST,
            durable=lambda f, vs: {"$or": [{f: v} for v in vs]} if len(vs) > 1 else {f: vs[0]},
            holds=lambda v, xs: v is not _ABSENT and any(same(v, x) for x in xs),
            held=("{subject} is {actual}, one of {value}", "{subject}为{actual},属于{value}"),
            failed=("{subject} is {actual}, not one of {value}",
                    "{subject}为{actual},不属于{value}"),
        ),
        Operator(
            "not_in", LIST,
            durable=lambda f, vs: {"$and": [_ex(f)] + [{"$neq": {f: v}} for v in vs]},
            holds=lambda v, xs: v is not _ABSENT and not any(same(v, x) for x in xs),
            held=("{subject} is {actual}, none of {value}", "{subject}为{actual},不属于{value}"),
            failed=("{subject} is {actual}, one of {value}", "{subject}为{actual},属于{value}"),
        ),
        Operator(
            "below", NUMBER, numeric=True,
            durable=lambda f, v: {"$lt": {f: v}},
            holds=_compare(lambda v, x: v < x),
            held=("{subject} {actual} is below {value}", "{subject}为{actual},低于{value}"),
            failed=("{subject} {actual} is not below {value}", "{subject}为{actual},不低于{value}"),
        ),
        Operator(
            "at_most", NUMBER, numeric=True,
            durable=lambda f, v: {"$lte": {f: v}},
            holds=_compare(lambda v, x: v <= x),
            held=("{subject} {actual} is at most {value}", "{subject}为{actual},不高于{value}"),
            failed=("{subject} {actual} is above {value}", "{subject}为{actual},高于{value}"),
        ),
        Operator(
            "above", NUMBER, numeric=True,
            durable=lambda f, v: {"$gt": {f: v}},
            holds=_compare(lambda v, x: v > x),
            held=("{subject} {actual} is above {value}", "{subject}为{actual},高于{value}"),
            failed=("{subject} {actual} is not above {value}", "{subject}为{actual},不高于{value}"),
        ),
        Operator(
            "at_least", NUMBER, numeric=True,
            durable=lambda f, v: {"$gte": {f: v}},
            holds=_compare(lambda v, x: v >= x),
            held=("{subject} {actual} is at least {value}", "{subject}为{actual},不低于{value}"),
            failed=("{subject} {actual} is below {value}", "{subject}为{actual},低于{value}"),
        ),
        Operator(
            "exists", FLAG,
            durable=lambda f, _v: _ex(f),
            holds=lambda v, _x: v is not _ABSENT,
            held=("{subject} is recorded", "已记录{subject}"),
            failed=("{subject} is not recorded", "未记录{subject}"),
        ),
        Operator(
            "missing", FLAG,
            # an unknown answer is recorded, not missing: the marker guards it
            durable=lambda f, _v: {"$and": [{"$nex": {f: 1}}, {"$nex": {unknown_flag(f): 1}}]},
            holds=lambda v, _x: v is _ABSENT,
            held=("{subject} is not recorded", "未记录{subject}"),
            failed=("{subject} is recorded ({actual})", "已记录{subject}({actual})"),
        ),
        Operator(
            "contains", SCALAR, on_lists=True,
            durable=lambda f, v: {"$iany": {f: {"$i": v}}},
            holds=lambda v, x: isinstance(v, list) and any(same(i, x) for i in v),
            held=("{subject} include {value}", "{subject}包含{value}"),
            failed=("{subject} ({actual}) do not include {value}",
                    "{subject}({actual})不包含{value}"),
        ),
        Operator(
            "same_as", REF,
            # the join: durable_rules compares this field with `field` of an earlier alias
            durable=lambda f, ref: {f: {ref[0]: ref[1]}},
            holds=lambda v, other: v is not _ABSENT and other is not _ABSENT and same(v, other),
            held=("{subject} is the same as {value} ({actual})",
                  "{subject}与{value}相同({actual})"),
            failed=("{subject} ({actual}) is not the same as {value} ({other})",
                    "{subject}({actual})与{value}({other})不同"),
        ),
    )
}

ABSENT = _ABSENT
UNKNOWN = _UNKNOWN


def truth(op: Operator, value: Any, expected: Any) -> bool | None:
    """Three-valued: True (holds), False (fails), None (a value involved is unknown)."""
    if value is _UNKNOWN or expected is _UNKNOWN:
        return None
    return op.holds(value, expected)


def true_or_unknown(field: str, test: dict[str, Any]) -> dict[str, Any]:
    """The durable JSON of a test that does not fail: it holds, or its field is unknown.

    A negated pattern is compiled from these, so that an unknown answer blocks a `not`."""
    return {"$or": [test, {unknown_flag(field): True}]}


def fact_value(fact: Any, name: str) -> Any:
    """A field of a fact as both evaluations read it: its value, UNKNOWN or ABSENT."""
    if name in fact:
        return fact[name]
    return _UNKNOWN if fact.get(unknown_flag(name)) else _ABSENT

# Written forms HR may use for the same operator (aliases), mapped to the table's keyword.
SYNONYMS = {
    "equals": "is", "eq": "is", "not": "is_not", "neq": "is_not", "one_of": "in",
    "lt": "below", "lte": "at_most", "gt": "above", "gte": "at_least", "less_than": "below",
    "more_than": "above", "none_of": "not_in", "includes": "contains",
}

# Opposites, used to word a negated fact pattern and by `kb check` to find contradictions.
NUMERIC_BOUNDS = {"below": "upper", "at_most": "upper", "above": "lower", "at_least": "lower"}

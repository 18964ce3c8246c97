"""The wording rules every generated plan follows, checked on every word it prints.

A plan describes conduct and results, not the person; it gives dates and numbers, not vague
time words; and it uses no absolutes ("always", "never", 总是, 从不 ...), which turn a pattern of
results into a verdict on someone. Text from the knowledge base or the case goes through the
same check, so a careless phrase there stops the plan rather than reaching the employee.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..errors import PlanError

# (word, the rule it breaks). English words match whole words, any case; Chinese ones anywhere.
AVOID: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("always", "absolute"), ("never", "absolute"),
        ("lazy", "person"), ("careless", "person"), ("sloppy", "person"),
        ("incompetent", "person"), ("unmotivated", "person"), ("bad attitude", "person"),
        ("poor attitude", "person"), ("attitude problem", "person"),
        ("asap", "vague"), ("as soon as possible", "vague"), ("soon", "vague"),
        ("in due course", "vague"), ("at some point", "vague"), ("when possible", "vague"),
    ),
    "zh": (
        ("总是", "absolute"), ("从不", "absolute"), ("永远", "absolute"), ("从来", "absolute"),
        ("从未", "absolute"),
        ("懒惰", "person"), ("懒散", "person"), ("马虎", "person"), ("粗心", "person"),
        ("无能", "person"), ("态度差", "person"), ("态度不好", "person"),
        ("态度问题", "person"), ("不上进", "person"),
        ("尽快", "vague"), ("尽早", "vague"), ("适时", "vague"), ("择机", "vague"),
        ("近期", "vague"), ("改天", "vague"),
    ),
}
RULES = {
    "absolute": "an absolute; say what happened, with dates and numbers",
    "person": "a judgement of the person; describe the conduct or the result",
    "vague": "a vague time; give a date",
}
_EN = [(re.compile(r"\b" + re.escape(w) + r"\b", re.IGNORECASE), w, r) for w, r in AVOID["en"]]


@dataclass(frozen=True)
class WordingProblem:
    word: str
    rule: str  # absolute | person | vague
    text: str  # the sentence it was found in
    field: str  # where in the plan, e.g. goals[0].statement

    def __str__(self) -> str:
        return f"{self.field}: {self.word!r} ({RULES[self.rule]}) in \u201c{self.snippet()}\u201d"

    def snippet(self, around: int = 30) -> str:
        """The words around the offending one, so the reader can find it."""
        at = self.text.lower().find(self.word.lower())
        first, last = max(0, at - around), min(len(self.text), at + len(self.word) + around)
        return (("..." if first else "") + self.text[first:last]
                + ("..." if last < len(self.text) else ""))


def find(text: str) -> list[tuple[str, str]]:
    """(word, rule) for every avoided word in `text`, in either language."""
    found = [(w, r) for pattern, w, r in _EN if pattern.search(text)]
    found.extend((w, r) for w, r in AVOID["zh"] if w in text)
    return found


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")


def problems(model: BaseModel) -> list[WordingProblem]:
    """Every avoided word in the model's text; a sentence repeated in several places (a gap in
    the summary and in the interview) is reported where it first appears."""
    out: list[WordingProblem] = []
    seen: set[tuple[str, str]] = set()
    for field, text in _strings(model.model_dump(), ""):
        for w, r in find(text):
            if (w, text) not in seen:
                seen.add((w, text))
                out.append(WordingProblem(w, r, text, field))
    return out


def check(model: BaseModel) -> None:
    """Raise PlanError when any text in the plan breaks the wording rules."""
    found = problems(model)
    if not found:
        return
    by_word: dict[str, list[WordingProblem]] = {}
    for p in found:
        by_word.setdefault(p.word, []).append(p)
    parts = []
    for items in by_word.values():
        more = len(items) - 1
        parts.append(str(items[0]) + (f" (and {more} more place{'s' if more > 1 else ''})"
                                      if more else ""))
    raise PlanError("the plan's wording breaks the rules: " + "; ".join(parts),
                    hint="change the knowledge-base or case text it comes from")

"""The checks `perfdx kb check` adds to the loader's: whole-KB checks, most of them warnings.

The loader (load.py, typecheck.py, conclusions.py) checks each file and rule on its own and
refuses a KB with errors. These checks look across the KB:
- W200 a label or text missing in English or Chinese;
- W201 a rule without rationale or source (both travel into every explanation);
- W202 shadowed rules (overlap.py);
- W203-W207 knowledge nothing uses, and causes that feed each other (usage.py);
- W208 more conditions on one kind of fact than durable_rules can follow at once.
The errors only visible across rules (E130 contradictions, E131 duplicates: ruleset.py) are
found by the loader itself, so that `diagnose` refuses them too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..errors import Problem
from ..explain.missing import pinned_names
from ..i18n import Text
from ..kb.base import KnowledgeBase
from ..kb.conditions import Pattern, Test
from ..kb.load import LIST_SECTIONS, MAP_SECTIONS
from ..kb.overlap import shadow_problems
from ..kb.raw import RawKB, Written
from ..yamlio import dotted, locate
from .usage import usage_problems

_LANG_NAMES = {"en": "English (en)", "zh": "Chinese (zh)"}


def lint(kb: KnowledgeBase, raw: RawKB, *, usage: bool = True) -> list[Problem]:
    """Every whole-KB problem. `usage=False` skips W203-W207, which mislead while rules that
    failed to load are missing from the KB."""
    problems = label_problems(kb, raw)
    problems += rationale_problems(kb, raw)
    positions = {rid: (w.node.start, dotted(w.path)) for rid, w in raw.rules.items()}
    problems += shadow_problems(kb.rules, positions)
    problems += engine_limit_problems(kb, raw)
    if usage:
        problems += usage_problems(kb, raw)
    return problems


# -- W200: labels in both languages ----------------------------------------------------------------


def _texts(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Text]]:
    """Every Text inside a model value, with its path."""
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _texts(item, path + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))


def _text_problem(text: Text, file: str, node: Any, base: tuple[Any, ...],
                  inner: tuple[Any, ...]) -> Problem | None:
    missing = text.missing()
    if not missing:
        return None
    key = next((str(step) for step in reversed(inner) if isinstance(step, str)), "text")
    if len(missing) == 2:
        message = "has no text in either language"
    else:
        lang = missing[0]
        readers, other = ("Chinese", "English") if lang == "zh" else ("English", "Chinese")
        message = f"has no {_LANG_NAMES[lang]} text: {readers} readers would see the {other}"
    pos = locate(node, inner) if node is not None else None
    line, col = pos if pos else (None, None)
    return Problem(f"`{key}` {message}", file, line, col, dotted(base + inner),
                   f"write both languages, e.g. `{key}: {{en: ..., zh: ...}}`", "W200", "warning")


def label_problems(kb: KnowledgeBase, raw: RawKB) -> list[Problem]:
    problems: list[Problem] = []

    def add(written: Written | None, file: str, value: Any) -> None:
        node = written.node if written else None
        base = written.path if written else ()
        file = written.file if written else file
        for inner, text in _texts(value, ()):
            p = _text_problem(text, file, node, base, inner)
            if p is not None:
                problems.append(p)

    for section in LIST_SECTIONS:
        for entry_id, entry in getattr(kb, section, {}).items():
            file = kb.where.get((section, entry_id), ("?", 0))[0]
            add(raw.entries.get((section, entry_id)), file, entry)
    for name in MAP_SECTIONS:
        model = kb.settings if name == "settings" else kb.sections.get(name)
        written = raw.sections.get(name)
        if model is not None and written is not None:
            add(written, written.file, model)
    for rule in kb.rules:
        written = raw.rules.get(rule.id)
        add(written, rule.file, {"title": rule.title, "rationale": rule.rationale})
    return problems


# -- W201: rationale and source ---------------------------------------------------------------------

_ONE_HINT = {
    "rationale": "add `rationale: {en: ..., zh: ...}`: why the rule holds, shown in every "
                 "explanation",
    "source": "add `source:`: the model or study the rule comes from, shown in every explanation",
}


def rationale_problems(kb: KnowledgeBase, raw: RawKB) -> list[Problem]:
    problems = []
    for rule in kb.rules:
        lacks = [name for name, value in (("rationale", rule.rationale),
                                          ("source", (rule.source or "").strip()))
                 if not value]
        if not lacks:
            continue
        written = raw.rules.get(rule.id)
        line, col = written.node.start if written else (rule.line, None)
        path = dotted(written.path) if written else rule.id
        problems.append(Problem(
            f"rule {rule.id} has no {' and no '.join(lacks)}", rule.file, line, col, path,
            "add `rationale: {en: ..., zh: ...}` (why the rule holds) and `source:` (the model "
            "or study it comes from); both are shown in every explanation"
            if len(lacks) == 2 else _ONE_HINT[lacks[0]], "W201", "warning"))
    return problems


# -- W208: the engine's limit on conditions that match one fact -------------------------------------

# durable_rules follows the conditions a new fact passes on a stack of 64 entries and fails with
# "error code 303" beyond it (measured here: about 58 distinct conditions on `gap` that all match
# one gap, beside the starter KB's own). Identical conditions share one entry.
CONDITION_LIMIT = 48


def _canonical(pattern: Pattern) -> tuple[object, ...]:
    return tuple(sorted(repr(e) for e in
                        ((t.field, t.op, t.value) if isinstance(t, Test) else
                         ("any", repr(t.options)) for t in pattern.tests)))


def engine_limit_problems(kb: KnowledgeBase, raw: RawKB) -> list[Problem]:
    # A fact only reaches the conditions whose first tests it passes: an observation named x
    # never meets the conditions pinned to another name (measured: 80 conditions on one name
    # cost nothing to an observation of another). So conditions that pin `name` are counted per
    # name; those that do not are counted for every name.
    seen: dict[tuple[str, str], dict[tuple[object, ...], None]] = {}
    unpinned: dict[str, dict[tuple[object, ...], None]] = {}
    warned: set[str] = set()
    problems = []
    for rule in kb.rules:
        for branch in rule.branches:
            for p in branch.patterns:
                if not p.tests:
                    continue  # `gap: {}` costs nothing beyond the fact type itself
                key = _canonical(p)
                names = pinned_names(p) if p.fact == "observation" else ()
                if names:
                    for name in names:
                        seen.setdefault((p.fact, name), {}).setdefault(key, None)
                else:
                    unpinned.setdefault(p.fact, {}).setdefault(key, None)
                common = len(unpinned.get(p.fact, {}))
                groups = [len(d) for (fact, _), d in seen.items() if fact == p.fact] or [0]
                count = max(groups) + common
                if count > CONDITION_LIMIT and p.fact not in warned:
                    warned.add(p.fact)
                    written = raw.rules.get(rule.id)
                    problems.append(Problem(
                        f"{count} different conditions on `{p.fact}` facts from here on: "
                        f"durable_rules fails (error 303) when about 60 of them match one fact "
                        "at once", rule.file, p.line, p.col,
                        dotted(written.path) if written else rule.id,
                        f"merge rules that test `{p.fact}` facts the same way, or test fewer "
                        "fields of it", "W208", "warning"))
    return problems

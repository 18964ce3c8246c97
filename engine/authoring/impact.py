"""What a KB change does to real cases: `perfdx kb diff OLD NEW --cases DIR`.

Every case in DIR is diagnosed with both KBs; a case is listed when its causes, recommendations,
courses or gaps differ, with the differences in words, and the counts of cases per pattern,
intervention and course are compared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..api import analyse
from ..case import load_case
from ..errors import PerfdxError
from ..kb.base import KnowledgeBase

CASE_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Outcome:
    """What perfdx concluded for one case, reduced to what a change can flip."""

    causes: dict[str, float]  # pattern -> highest reported certainty over the gaps
    primary: str | None
    interventions: frozenset[str]
    courses: frozenset[str]
    gaps: dict[str, str]  # KPI or area -> severity


@dataclass
class CaseImpact:
    file: str
    case_id: str | None = None
    old: Outcome | None = None
    new: Outcome | None = None
    old_error: str | None = None
    new_error: str | None = None
    changes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    @property
    def failed(self) -> bool:
        """Neither KB could diagnose it (the same error both times): nothing to compare."""
        return self.old is None and self.new is None and not self.changes


@dataclass
class Impact:
    directory: Path
    cases: list[CaseImpact]
    patterns: dict[str, tuple[int, int]]  # only those whose count changed
    interventions: dict[str, tuple[int, int]]
    courses: dict[str, tuple[int, int]]

    @property
    def changed(self) -> list[CaseImpact]:
        return [c for c in self.cases if c.changed]

    @property
    def failed(self) -> list[CaseImpact]:
        return [c for c in self.cases if c.failed]


def case_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in CASE_SUFFIXES and p.is_file())


def outcome(path: Path, kb: KnowledgeBase) -> tuple[Outcome, str]:
    loaded = load_case(str(path))
    d = analyse(loaded, kb).diagnosis
    causes: dict[str, float] = {}
    for c in d.causes:
        causes[c.pattern] = max(causes.get(c.pattern, c.certainty), c.certainty)
    return Outcome(
        causes=causes,
        primary=d.causes[0].pattern if d.causes else None,
        interventions=frozenset(r.intervention for r in d.recommendations),
        courses=frozenset(t.course for t in d.training),
        gaps={str(g.kpi or g.area): g.severity for g in d.gaps},
    ), loaded.case.case_id


def compare(a: Outcome, b: Outcome) -> list[str]:
    """The differences between two outcomes of one case, in words."""
    out = []
    if a.primary != b.primary:
        out.append(f"primary cause: {a.primary or 'none'} -> {b.primary or 'none'}")
    for pattern in dict.fromkeys(list(a.causes) + list(b.causes)):
        before, after = a.causes.get(pattern), b.causes.get(pattern)
        if before is None and after is not None:
            out.append(f"cause {pattern}: now reported ({after:.2f})")
        elif after is None and before is not None:
            out.append(f"cause {pattern}: no longer reported (was {before:.2f})")
        elif before is not None and after is not None and f"{before:.2f}" != f"{after:.2f}":
            out.append(f"cause {pattern}: certainty {before:.2f} -> {after:.2f}")
    out += _set_changes("recommendation", a.interventions, b.interventions)
    out += _set_changes("course", a.courses, b.courses)
    for name in dict.fromkeys(list(a.gaps) + list(b.gaps)):
        if a.gaps.get(name) != b.gaps.get(name):
            out.append(f"gap {name}: {a.gaps.get(name, 'no gap')} -> "
                       f"{b.gaps.get(name, 'no gap')}")
    return out


def _set_changes(what: str, a: frozenset[str], b: frozenset[str]) -> list[str]:
    return ([f"{what} {x}: added" for x in sorted(b - a)]
            + [f"{what} {x}: removed" for x in sorted(a - b)])


def _counts(outcomes: Iterable[Outcome | None], pick: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for o in outcomes:
        if o is None:
            continue
        for name in getattr(o, pick):
            counts[name] = counts.get(name, 0) + 1
    return counts


def _changed_counts(old: dict[str, int], new: dict[str, int]) -> dict[str, tuple[int, int]]:
    return {k: (old.get(k, 0), new.get(k, 0)) for k in sorted(set(old) | set(new))
            if old.get(k, 0) != new.get(k, 0)}


def impact(old: KnowledgeBase, new: KnowledgeBase, directory: Path) -> Impact:
    cases = []
    for path in case_files(directory):
        item = CaseImpact(path.name)
        try:
            item.old, item.case_id = outcome(path, old)
        except PerfdxError as err:
            item.old_error = str(err)
        try:
            item.new, item.case_id = outcome(path, new)
        except PerfdxError as err:
            item.new_error = str(err)
        if item.old is not None and item.new is not None:
            item.changes = compare(item.old, item.new)
        elif item.old_error != item.new_error:
            item.changes = [f"with OLD: {item.old_error or 'diagnosed'}",
                            f"with NEW: {item.new_error or 'diagnosed'}"]
        cases.append(item)
    return Impact(
        directory, cases,
        patterns=_changed_counts(_counts((c.old for c in cases), "causes"),
                                 _counts((c.new for c in cases), "causes")),
        interventions=_changed_counts(_counts((c.old for c in cases), "interventions"),
                                      _counts((c.new for c in cases), "interventions")),
        courses=_changed_counts(_counts((c.old for c in cases), "courses"),
                                _counts((c.new for c in cases), "courses")))

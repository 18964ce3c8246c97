"""Scenario tests inside a knowledge base (knowledge_base/scenarios/*.yaml).

HR writes them as data: a case (a path relative to the scenario file, or the case inline) and
what a competent consultant expects: the primary cause, secondary causes, causes that must not
appear, interventions and courses that must or must not be recommended. `perfdx kb test` and
`make test` run them against the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..api import Analysis, analyse
from ..case import parse_case
from ..errors import InputError, PerfdxError, Problem
from ..kb.base import KnowledgeBase
from ..kb.validation import problems_from
from ..yamlio import load_file

SCENARIO_DIR = Path("knowledge_base") / "scenarios"


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    primary: str | None = Field(default=None)  # the top-ranked cause; `none` = no cause at all
    secondary: list[str] = []  # must also be reported, below the primary
    absent: list[str] = []  # must not be reported
    interventions: list[str] = []  # must be recommended
    not_interventions: list[str] = []  # must not be recommended
    courses: list[str] = []  # must be in the training list
    not_courses: list[str] = []
    gaps: dict[str, str] = {}  # KPI or area -> expected severity
    no_gaps: bool = False  # no gap at all
    missing_evidence: list[str] = []  # observations that must be asked for


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: str = Field(min_length=1)
    note: str | None = None  # why a consultant expects this (Gilbert cell, Mager & Pipe step)
    case: str | dict[str, Any]
    expect: Expect


class ScenarioFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    scenarios: list[Scenario]


@dataclass
class ScenarioResult:
    name: str
    file: str
    line: int
    differences: list[str] = field(default_factory=list)
    error: str | None = None
    fired: set[str] = field(default_factory=set)
    analysis: Analysis | None = None

    @property
    def passed(self) -> bool:
        return not self.differences and self.error is None


def scenario_files(kb_root: Path) -> list[Path]:
    d = kb_root / SCENARIO_DIR
    return sorted(p for p in d.glob("*.y*ml") if p.is_file()) if d.is_dir() else []


def load_scenarios(path: Path) -> list[tuple[Scenario, int]]:
    name, data = load_file(path, what="scenario file")
    try:
        parsed = ScenarioFile.model_validate(data)
    except ValidationError as err:
        first: Problem = problems_from(err, data, file=name, model=ScenarioFile)[0]
        raise InputError(first.message, file=first.file, line=first.line, field=first.field,
                         hint=first.hint) from None
    lines = [pos[0] for pos in getattr(data.get("scenarios"), "pos", [])]
    return [(s, lines[i] if i < len(lines) else 1) for i, s in enumerate(parsed.scenarios)]


def check(expect: Expect, analysis: Analysis) -> list[str]:
    """Differences between what was expected and what perfdx concluded, in words."""
    d = analysis.diagnosis
    diffs: list[str] = []
    causes = list(dict.fromkeys(c.pattern for c in d.causes))
    primary = causes[0] if causes else "none"
    if expect.primary is not None and expect.primary != primary:
        diffs.append(f"primary cause: expected {expect.primary}, obtained {primary} "
                     f"(causes: {', '.join(f'{c.pattern} {c.certainty:.2f}' for c in d.causes) or 'none'})")
    for p in expect.secondary:
        if p not in causes[1:]:
            diffs.append(f"secondary cause {p}: expected, not obtained")
    for p in expect.absent:
        if p in causes:
            diffs.append(f"cause {p}: expected absent, obtained")
    recommended = {r.intervention for r in d.recommendations}
    for i in expect.interventions:
        if i not in recommended:
            diffs.append(f"intervention {i}: expected, not recommended "
                         f"(recommended: {', '.join(sorted(recommended)) or 'none'})")
    for i in expect.not_interventions:
        if i in recommended:
            diffs.append(f"intervention {i}: expected not to be recommended, but it is")
    courses = {t.course for t in d.training}
    for c in expect.courses:
        if c not in courses:
            diffs.append(f"course {c}: expected, not in the training list")
    for c in expect.not_courses:
        if c in courses:
            diffs.append(f"course {c}: expected not to be listed, but it is")
    by_name = {(g.kpi or g.area): g.severity for g in d.gaps}
    for name, severity in expect.gaps.items():
        got = by_name.get(name)
        if got != severity:
            diffs.append(f"gap {name}: expected {severity}, obtained {got or 'no gap'}")
    if expect.no_gaps and d.gaps:
        diffs.append(f"expected no gap, obtained {', '.join(str(k) for k in by_name)}")
    asked = {m.observation for m in d.missing_evidence}
    for o in expect.missing_evidence:
        if o not in asked:
            diffs.append(f"missing evidence {o}: expected to be asked for, it is not")
    return diffs


def run_scenario(kb: KnowledgeBase, scenario: Scenario, file: Path, line: int,
                 cross_check: bool | None = None) -> ScenarioResult:
    result = ScenarioResult(scenario.name, str(file), line)
    try:
        if isinstance(scenario.case, str):
            case_path = (file.parent / scenario.case)
            name, data = load_file(case_path, what="case file")
        else:
            name, data = f"{file}:{line}", scenario.case
        analysis = analyse(parse_case(data, name), kb, cross_check=cross_check)
    except PerfdxError as err:
        result.error = str(err)
        return result
    result.analysis = analysis
    result.fired = {f.rule.id for f in analysis.result.fired}
    result.differences = check(scenario.expect, analysis)
    return result


def run_all(kb: KnowledgeBase, cross_check: bool | None = None) -> list[ScenarioResult]:
    results = []
    for path in scenario_files(kb.root):
        for scenario, line in load_scenarios(path):
            results.append(run_scenario(kb, scenario, path, line, cross_check))
    return results

"""Check the KB's scenario tests without running them: shape, names, and their case files.

A scenario that names a pattern, intervention or course the KB does not have can never pass, and
one whose case file is missing or does not fit the KB can never run; `kb check` says so at the
scenario's line instead of leaving it to `kb test`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..case import check_case, parse_case
from ..errors import InputError, Problem, did_you_mean
from ..kb.base import KnowledgeBase
from ..kb.validation import problems_from
from ..kb.vocabulary import SEVERITIES
from ..yamlio import PosDict, PosList, dotted, load_file, locate
from .scenarios import Scenario, scenario_files

# expectation key -> the catalog its names come from
_NAMES: dict[str, str] = {
    "primary": "patterns", "secondary": "patterns", "absent": "patterns",
    "interventions": "interventions", "not_interventions": "interventions",
    "courses": "courses", "not_courses": "courses", "missing_evidence": "observations",
}
_SINGULAR = {"patterns": "pattern", "interventions": "intervention", "courses": "course",
             "observations": "observation"}


def scenario_problems(kb: KnowledgeBase, known: Mapping[str, Iterable[str]],
                      catalogs_ok: bool = True) -> list[Problem]:
    """Problems in every scenario file of the KB.

    `known`: catalog ids by section, including entries that exist but did not load, so they are
    not reported twice. `catalogs_ok`: the catalogs loaded without errors; if not, a scenario's
    case is only read, not checked against them.
    """
    names = {section: set(ids) for section, ids in known.items()}
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in scenario_files(kb.root):
        rel = path.relative_to(kb.root).as_posix()
        _FileCheck(kb, path, rel, names, seen, problems, catalogs_ok).run()
    return problems


class _FileCheck:
    def __init__(self, kb: KnowledgeBase, path: Path, rel: str, names: dict[str, set[str]],
                 seen: dict[str, str], problems: list[Problem], catalogs_ok: bool) -> None:
        self.kb, self.path, self.rel = kb, path, rel
        self.names, self.seen, self.problems = names, seen, problems
        self.catalogs_ok = catalogs_ok

    def add(self, message: str, node: Any, path: tuple[Any, ...], code: str,
            hint: str | None = None) -> None:
        pos = locate(node, path[2:]) if isinstance(node, (PosDict, PosList)) else None
        line, col = pos if pos else (None, None)
        self.problems.append(Problem(message, self.rel, line, col, dotted(path), hint, code))

    def run(self) -> None:
        try:
            _name, data = load_file(self.path, what="scenario file")
        except InputError as err:
            p = err.problem
            self.problems.append(Problem(p.message, self.rel, p.line or 1, p.col or 1, None,
                                         p.hint, "E100"))
            return
        if data is None:
            return
        items = data.get("scenarios") if isinstance(data, dict) else None
        if not isinstance(data, dict) or set(data) != {"scenarios"} or not isinstance(items, list):
            extra = [k for k in data if k != "scenarios"] if isinstance(data, dict) else []
            self.problems.append(Problem(
                "a scenario file holds one key, `scenarios:`, with a list of scenarios"
                + (f" (found {', '.join(map(repr, extra))})" if extra else ""), self.rel,
                *(data.pos.get(extra[0], (1, 1)) if extra and isinstance(data, PosDict)
                  else (1, 1)), None,
                did_you_mean(extra[0], ["scenarios"]) if extra else None, "E101"))
            return
        for i, item in enumerate(items):
            self.scenario(item, ("scenarios", i))

    def scenario(self, item: Any, base: tuple[Any, ...]) -> None:
        try:
            scenario = Scenario.model_validate(item)
        except ValidationError as err:
            self.problems.extend(problems_from(err, item, file=self.rel, model=Scenario,
                                               base=base))
            return
        start = item.start if isinstance(item, PosDict) else (1, 1)
        here = f"{self.rel}:{start[0]}"
        if scenario.name in self.seen:
            self.add(f"scenario name {scenario.name!r} is used twice", item, base + ("name",),
                     "E102", f"first at {self.seen[scenario.name]}; `kb test` reports by name")
        self.seen.setdefault(scenario.name, here)
        self.expectations(scenario, item, base)
        self.case(scenario, item, base)

    def expectations(self, scenario: Scenario, item: Any, base: tuple[Any, ...]) -> None:
        expect = scenario.expect
        for key, section in _NAMES.items():
            value = getattr(expect, key)
            if value is None:
                continue
            values = value if isinstance(value, list) else [value]
            for j, name in enumerate(values):
                if key == "primary" and name == "none":
                    continue
                if name in self.names.get(section, set()):
                    continue
                where = base + ("expect", key) + ((j,) if isinstance(value, list) else ())
                self.add(f"unknown {_SINGULAR[section]} {name!r}", item, where, "E110",
                         did_you_mean(name, self.names.get(section, set())))
        areas = self.names.get("kpis", set()) | self.names.get("areas", set())
        for name, severity in expect.gaps.items():
            where = base + ("expect", "gaps", name)
            if name not in areas:
                self.add(f"unknown KPI or area {name!r}", item, where, "E110",
                         did_you_mean(name, areas))
            if severity not in SEVERITIES[1:]:
                self.add(f"a gap's severity is one of {', '.join(SEVERITIES[1:])}, not "
                         f"{severity!r}", item, where, "E113", did_you_mean(severity, SEVERITIES))

    def case(self, scenario: Scenario, item: Any, base: tuple[Any, ...]) -> None:
        where = base + ("case",)
        try:
            if isinstance(scenario.case, str):
                case_path = self.path.parent / scenario.case
                if not case_path.is_file():
                    self.add(f"case file {scenario.case} not found (looked for {case_path})",
                             item, where, "E140",
                             "the path is relative to the scenario file")
                    return
                source, data = load_file(case_path, what="case file")
            else:
                source, data = self.rel, item["case"]
            loaded = parse_case(data, source)
            if self.catalogs_ok:
                check_case(loaded, self.kb)
        except InputError as err:
            self.add(f"the case cannot be diagnosed with this knowledge base: {err}", item, where,
                     "E140")

"""Scenario tests for team rules (knowledge_base/scenarios/team/*.yaml), run by `perfdx kb test`.

A team scenario gives a team's aggregates as facts (what a department run measures) and what a
consultant expects at team level::

    team_scenarios:
      - name: finance team held up by one approval chain
        facts:
          - {t: team_kpi, kpi: close_cycle_days, measured: 40, gaps: 32, gap_share: 0.8,
             others_gap_share: 0.0, teams_with_gap: 1, median_attainment: 0.62}
          - {t: team_cause, pattern: process_blockage, members: 32, share: 0.8, others_share: 0}
        expect: {causes: [process_blockage], absent: [goal_misfit],
                 interventions: [approval_streamlining]}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import Problem
from ..kb.base import KnowledgeBase
from ..kb.load import display_path
from ..kb.validation import problems_from
from ..team.inference import infer_teams
from ..team.rules import team_rules
from ..yamlio import load_file
from .scenarios import SCENARIO_DIR

TEAM_DIR = SCENARIO_DIR / "team"


class TeamExpect(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    causes: list[str] = []  # team causes that must be reported
    absent: list[str] = []  # team causes that must not be reported
    interventions: list[str] = []  # team interventions that must be recommended


class TeamScenario(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: str = Field(min_length=1)
    note: str | None = None
    facts: list[dict[str, Any]]
    expect: TeamExpect


class TeamScenarioFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    team_scenarios: list[TeamScenario]


@dataclass
class TeamScenarioResult:
    name: str
    file: str
    line: int
    failures: list[str] = field(default_factory=list)
    fired: list[str] = field(default_factory=list)  # team rules that fired
    obtained: str = ""

    @property
    def passed(self) -> bool:
        return not self.failures


def team_scenario_files(kb_root: Path) -> list[Path]:
    d = kb_root / TEAM_DIR
    return sorted(p for p in d.glob("*.y*ml") if p.is_file()) if d.is_dir() else []


def run_team_scenarios(kb: KnowledgeBase, select: str | None = None
                       ) -> tuple[list[TeamScenarioResult], list[Problem]]:
    rules = team_rules(kb)
    results: list[TeamScenarioResult] = []
    problems: list[Problem] = []
    for path in team_scenario_files(kb.root):
        _name, data = load_file(path, what="team scenario file")
        name = display_path(kb.root, path.relative_to(kb.root).as_posix())
        try:
            parsed = TeamScenarioFile.model_validate(data)
        except ValidationError as err:
            problems += problems_from(err, data, file=name, model=TeamScenarioFile, code="E140")
            continue
        for i, sc in enumerate(parsed.team_scenarios):
            if select and select.lower() not in sc.name.lower():
                continue
            line = data["team_scenarios"].pos[i][0]
            facts = [{"id": f"{f['t']}-{j + 1}", **f} for j, f in enumerate(sc.facts)]
            if not any(f["t"] == "team" for f in facts):  # the team itself, when not given
                facts.insert(0, {"id": "team", "t": "team", "name": sc.name, "members": 10,
                                 "managers": 1, "plan_share": 0.0})
            result = infer_teams(kb, rules, {sc.name: facts})
            found = result.findings.get(sc.name, [])
            causes = {f.pattern for f in found}
            recs = {r[0] for f in found for r in f.recommend}
            r = TeamScenarioResult(sc.name, name, line)
            r.fired = sorted({x.rule.id for f in found + result.below.get(sc.name, [])
                              for x in f.firings})
            r.obtained = ", ".join(f"{f.pattern} {f.certainty:.2f}" for f in found) or "none"
            r.failures += [f"team cause {c}: expected, not concluded" for c in
                           sc.expect.causes if c not in causes]
            r.failures += [f"team cause {c}: concluded, expected absent" for c in
                           sc.expect.absent if c in causes]
            r.failures += [f"intervention {i}: expected, not recommended" for i in
                           sc.expect.interventions if i not in recs]
            results.append(r)
    return results, problems

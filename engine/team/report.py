"""A department run as data: counts, teams, team findings with HOW, fairness (summary.json).

Deterministic: no clock, no worker count; the same exports, mapping and KB give the same bytes.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..i18n import Lang
from ..kb.base import KnowledgeBase
from .fairness import FairnessRow
from .inference import TeamFinding, TeamResult
from .members import Member

SCHEMA_VERSION = "1"


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class MemberEvidence(_Out):
    employee: str
    certainty: float  # the member's own certainty for the pattern
    gaps: list[str]  # KPIs or areas the member's cause is for
    rules: list[str]  # person rules behind it


class FiringOut(_Out):
    rule: str
    title: str
    location: str
    certainty: float
    facts: list[str]  # the team facts it matched, in words
    rationale: str | None
    source: str | None


class FindingOut(_Out):
    team: str
    pattern: str
    pattern_name: str
    certainty: float
    recommend: list[dict[str, Any]]  # intervention, name, priority, rule
    firings: list[FiringOut]
    members: list[MemberEvidence]  # the members whose own diagnoses carry this cause


class TeamOut(_Out):
    name: str
    members: int
    failed: int
    plan_advised: int
    causes: dict[str, int]  # pattern -> members with it
    kpis: dict[str, dict[str, Any]]  # kpi -> measured, gaps, gap_share, median_attainment


class Summary(_Out):
    schema_version: str = SCHEMA_VERSION
    kb_hash: str
    mapping: str
    files: list[str]
    counts: dict[str, int]
    teams: list[TeamOut]
    team_findings: list[FindingOut]
    fairness: list[dict[str, Any]]
    failed: list[dict[str, str]]
    problems: list[str]
    note: str

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def _fact_words(fact: dict[str, Any]) -> str:
    t = fact["t"]
    if t == "team_kpi":
        return (f"{fact['kpi']}: {fact['gaps']} of {fact['measured']} measured with a "
                f"moderate or severe gap ({fact['gap_share']:.0%}); other teams "
                f"{fact['others_gap_share']:.0%}; median attainment "
                f"{fact['median_attainment']:.0%}")
    if t == "team_cause":
        return (f"{fact['pattern']}: {fact['members']} member(s) ({fact['share']:.0%} of the "
                f"team); other teams {fact['others_share']:.0%}")
    if t == "manager":
        return f"manager {fact['name']}: {fact['span']} direct report(s) in this run"
    return (f"team {fact['name']}: {fact['members']} member(s), {fact['managers']} manager(s), "
            f"{fact['plan_share']:.0%} advised an improvement plan")


def _finding(f: TeamFinding, facts: list[dict[str, Any]], members: list[Member],
             kb: KnowledgeBase, lang: Lang) -> FindingOut:
    by_id = {x["id"]: x for x in facts}
    firings = [FiringOut(
        rule=x.rule.id, title=x.rule.title.get(lang), location=x.rule.location,
        certainty=x.rule.certainty, facts=[_fact_words(by_id[i]) for i in x.matched.values()],
        rationale=x.rule.rationale.get(lang) if x.rule.rationale else None,
        source=x.rule.source) for x in f.firings]
    evidence = [MemberEvidence(employee=m.employee, certainty=m.causes[f.pattern],
                               gaps=m.cause_gaps.get(f.pattern, []),
                               rules=m.cause_rules.get(f.pattern, []))
                for m in members if m.team == f.team and f.pattern in m.causes]
    recommend = [{"intervention": i, "name": kb.interventions[i].name.get(lang),
                  "priority": p, "rule": r} for i, p, r in f.recommend]
    return FindingOut(team=f.team, pattern=f.pattern,
                      pattern_name=kb.patterns[f.pattern].name.get(lang),
                      certainty=f.certainty, recommend=recommend, firings=firings,
                      members=evidence)


def build_summary(*, kb: KnowledgeBase, mapping: str, files: list[str], counts: dict[str, int],
                  members: list[Member], teams: TeamResult, fairness_rows: list[FairnessRow],
                  problems: list[str], lang: Lang = "en") -> Summary:
    team_names = sorted({m.team for m in members})
    team_out = []
    for name in team_names:
        ms = [m for m in members if m.team == name]
        ok = [m for m in ms if m.error is None]
        causes = Counter(p for m in ok for p in m.causes)
        kpis: dict[str, dict[str, Any]] = {}
        for fact in teams.facts.get(name, []):
            if fact["t"] == "team_kpi":
                kpis[fact["kpi"]] = {k: fact[k] for k in ("measured", "gaps", "gap_share",
                                                          "median_attainment")}
        team_out.append(TeamOut(name=name, members=len(ok), failed=len(ms) - len(ok),
                                plan_advised=sum(m.plan_advised for m in ok),
                                causes=dict(sorted(causes.items())), kpis=kpis))
    findings = [_finding(f, teams.facts[t], members, kb, lang)
                for t in sorted(teams.findings) for f in teams.findings[t]]
    fair = [{"attribute": r.attribute, "outcome": r.outcome, "not_recorded": r.not_recorded,
             "groups": [g.__dict__ for g in r.groups]} for r in fairness_rows]
    failed = [{"employee": m.employee, "error": m.error or ""} for m in members if m.error]
    note = ("Decision support for the named reviewers, not a decision about anyone. Group "
            "attributes are used only for the fairness table; no rule can see them.")
    return Summary(kb_hash=kb.hash, mapping=mapping, files=files, counts=counts,
                   teams=team_out, team_findings=findings, fairness=fair, failed=failed,
                   problems=problems, note=note)

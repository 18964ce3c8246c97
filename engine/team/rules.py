"""Team rules: `team_rules:` in a KB's rules/*.yaml, in the same condition language as person
rules and the same certainty scheme, over a team's aggregates (vocabulary.py)::

    team_rules:
      - id: SYS-PROC-01
        title: {en: Most of the team held up by the same process, zh: ...}
        when:
          all:
            - team_kpi: {gap_share: {at_least: 0.5}, measured: {at_least: 5}}
            - team_cause: {pattern: process_blockage, share: {at_least: 0.4}}
        then:
          cause: {pattern: process_blockage, certainty: 0.8}
          recommend: [{intervention: approval_streamlining, priority: 1}]
        rationale: {en: ..., zh: ...}
        source: "Rummler & Brache 1995: ..."

A team rule concludes a team-level cause (a KB pattern) with a certainty; contributions of
several rules combine the MYCIN way; `recommend` names team interventions, given when the
team cause is reported (at or above the KB's reporting threshold).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import KnowledgeBaseError, Problem, did_you_mean
from ..i18n import Text
from ..kb.base import KnowledgeBase
from ..kb.conditions import Branch, ConditionParser
from ..kb.typecheck import Catalogs, ConditionChecker
from ..kb.validation import problems_from
from ..yamlio import PosDict, dotted, plain
from .vocabulary import TEAM_FACT_TYPES, TEAM_VISIBLE


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class TeamCause(_M):
    pattern: str
    certainty: float = Field(ge=-1, le=1)


class TeamRecommend(_M):
    intervention: str
    priority: int = Field(3, ge=1, le=9)


class TeamThen(_M):
    cause: TeamCause
    recommend: list[TeamRecommend] = []


class TeamRuleHeader(_M):
    id: str = Field(pattern=r"^SYS(-[A-Z0-9]+)+$")
    title: Text
    when: Any
    then: TeamThen
    rationale: Text | None = None
    source: str | None = None
    enabled: bool = True


@dataclass(frozen=True)
class TeamRule:
    id: str
    title: Text
    branches: tuple[Branch, ...]
    pattern: str
    certainty: float
    recommend: tuple[TeamRecommend, ...]
    rationale: Text | None
    source: str | None
    file: str
    line: int
    order: int
    raw: Any = None

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"


def _catalogs(kb: KnowledgeBase) -> Catalogs:
    ids = {"kpi": set(kb.kpis), "pattern": set(kb.patterns), "intervention":
           set(kb.interventions), "course": set(kb.courses), "observation": set(kb.observations),
           "dimension": set(kb.dimensions), "area": set(kb.areas), "owner": set(kb.owners)}
    return Catalogs(ids=ids, observations=kb.observations)


def parse_team_rules(kb: KnowledgeBase) -> tuple[list[TeamRule], list[Problem]]:
    """Every team rule of the KB, and every problem found in them (file:line, as kb check)."""
    rules: list[TeamRule] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {r.id: r.location for r in kb.rules}
    catalogs = _catalogs(kb)
    for order, (rel, item, i) in enumerate(kb.team_rule_nodes):
        base = ("team_rules", i)
        ipos = item.start if isinstance(item, PosDict) else (1, 1)
        try:
            header = TeamRuleHeader.model_validate(item)
        except ValidationError as err:
            problems += problems_from(err, item, file=rel, model=TeamRuleHeader, base=base)
            continue
        if header.id in seen:
            problems.append(Problem(f"rule id {header.id!r} is used twice", rel, ipos[0],
                                    ipos[1], dotted(base + ("id",)),
                                    f"first at {seen[header.id]}", "E102"))
            continue
        seen[header.id] = f"{rel}:{ipos[0]}"
        when_pos = item.pos.get("when", ipos)
        parser = ConditionParser(rel, list(TEAM_VISIBLE))
        branches = parser.parse(item["when"], base + ("when",), when_pos)
        problems += parser.problems
        checker = ConditionChecker(rel, catalogs, fact_types=TEAM_FACT_TYPES,
                                   visible=TEAM_VISIBLE)
        for branch in branches:
            checker.check_branch(branch, "team")
        problems += checker.problems
        then = item["then"]
        tpos = then.pos if isinstance(then, PosDict) else {}
        before = len(problems)
        if header.then.cause.pattern not in kb.patterns:
            cpos = then["cause"].pos.get("pattern", ipos) if isinstance(
                then.get("cause"), PosDict) else ipos
            problems.append(Problem(f"unknown pattern {header.then.cause.pattern!r}", rel,
                                    cpos[0], cpos[1], dotted(base + ("then", "cause",
                                                                     "pattern")),
                                    did_you_mean(header.then.cause.pattern, kb.patterns),
                                    "E110"))
        for j, rec in enumerate(header.then.recommend):
            if rec.intervention not in kb.interventions:
                rpos = tpos.get("recommend", ipos)
                problems.append(Problem(f"unknown intervention {rec.intervention!r}", rel,
                                        rpos[0], rpos[1],
                                        dotted(base + ("then", "recommend", j,
                                                       "intervention")),
                                        did_you_mean(rec.intervention, kb.interventions),
                                        "E110"))
        for lang in ("en", "zh"):
            if header.rationale is None or not getattr(header.rationale, lang):
                problems.append(Problem(f"team rule {header.id} has no rationale in {lang}",
                                        rel, ipos[0], ipos[1], dotted(base), "give "
                                        "`rationale: {en: ..., zh: ...}`", "W201", "warning"))
                break
        if not header.source:
            problems.append(Problem(f"team rule {header.id} names no source", rel, ipos[0],
                                    ipos[1], dotted(base), "give `source:`", "W201", "warning"))
        if not branches or checker.problems or any(
                p.severity == "error" for p in problems[before:]) or not header.enabled:
            continue
        rules.append(TeamRule(header.id, header.title, tuple(branches),
                              header.then.cause.pattern, header.then.cause.certainty,
                              tuple(header.then.recommend), header.rationale, header.source,
                              rel, ipos[0], order, plain(item)))
    return rules, problems


def team_rules(kb: KnowledgeBase) -> list[TeamRule]:
    """The KB's team rules; a KnowledgeBaseError when any has an error."""
    rules, problems = parse_team_rules(kb)
    if any(p.severity == "error" for p in problems):
        raise KnowledgeBaseError(problems)
    return rules

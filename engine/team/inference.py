"""Team rules on durable_rules: one session per team, certainty combined the MYCIN way.

The team ruleset is compiled from the KB's team rules with the same compiler pieces as person
rules (a stage gate, one catch-all rule per fact type so no fact is dropped) and runs inside the
same guarded session (engine/reasoning/session.py), so the same guard rails hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import EngineError
from ..kb.base import KnowledgeBase
from ..reasoning import certainty as cf
from ..reasoning.compile import GATE_TYPE, KEEP_PREFIX, branch_json
from ..reasoning.numbers import safe_fact
from ..reasoning.session import CompiledRuleset, Session, engine
from .rules import TeamRule
from .vocabulary import TEAM_FACT_TYPES

STAGE = "team"


@dataclass(frozen=True)
class TeamFiring:
    rule: TeamRule
    matched: dict[str, str]  # alias -> fact id


@dataclass
class TeamFinding:
    team: str
    pattern: str
    certainty: float
    firings: list[TeamFiring]
    contributions: list[tuple[str, float]]  # (rule id, certainty) combined
    recommend: list[tuple[str, int, str]] = field(default_factory=list)  # (intervention,
    # priority, rule id)


@dataclass
class TeamResult:
    findings: dict[str, list[TeamFinding]]  # team -> reported findings, highest certainty first
    below: dict[str, list[TeamFinding]]  # team -> concluded below the reporting threshold
    facts: dict[str, list[dict[str, Any]]]  # team -> its facts (what the rules saw)


class _TeamRuleset(CompiledRuleset):
    """The KB's team rules registered in durable_rules (the KB hash names the ruleset)."""

    def __init__(self, host: Any, kb: KnowledgeBase, rules: list[TeamRule]) -> None:
        self.name = "perfdx_team_" + kb.hash[:32]
        self.kb_hash = kb.hash
        self._host = host
        self._sink = []
        self._failure = None
        self._next_sid = 0
        self._live = set()
        definition: dict[str, Any] = {}
        for rule in rules:
            for b, branch in enumerate(rule.branches):
                definition[f"{rule.id}#{b}"] = {"all": branch_json(STAGE, branch),
                                                "run": self._action(f"{rule.id}#{b}")}
        for fact_type in list(TEAM_FACT_TYPES) + [GATE_TYPE]:
            definition[KEEP_PREFIX + fact_type] = {"all": [{"m": {"t": fact_type}}],
                                                   "pri": 1000, "run": self._keep}
        try:
            host.register_rulesets({self.name: definition})
        except Exception as err:
            raise EngineError(f"durable_rules refused the compiled team rules: {err}") from err


_COMPILED: dict[str, _TeamRuleset] = {}


def _session(kb: KnowledgeBase, rules: list[TeamRule], body: Callable[[Session], Any]) -> Any:
    eng = engine()
    with eng.lock:
        compiled = _COMPILED.get(kb.hash)
        if compiled is None:
            compiled = _COMPILED[kb.hash] = _TeamRuleset(eng._host, kb, rules)
        session = compiled.new_session()
        try:
            return body(session)
        finally:
            session.close()


def infer_teams(kb: KnowledgeBase, rules: list[TeamRule],
                facts: dict[str, list[dict[str, Any]]]) -> TeamResult:
    by_id = {r.id: r for r in rules}
    threshold = kb.settings.report_threshold
    result = TeamResult({}, {}, facts)
    for team, team_facts in facts.items():
        def run(session: Session, team_facts: list[dict[str, Any]] = team_facts
                ) -> list[tuple[str, dict[str, str]]]:
            for f in team_facts:
                session.assert_fact(safe_fact(dict(f)))
            fired = session.run_stage(STAGE)
            session.working_memory()  # raises when the engine lost a fact
            return fired

        raw = _session(kb, rules, run) if rules else []
        firings = sorted((TeamFiring(by_id[name.rpartition("#")[0]], binding)
                          for name, binding in raw),
                         key=lambda f: (f.rule.order, sorted(f.matched.items())))
        per_pattern: dict[str, list[TeamFiring]] = {}
        for f in firings:
            per_pattern.setdefault(f.rule.pattern, []).append(f)
        for pattern, fs in per_pattern.items():
            # a rule that matches several bindings contributes once (its certainty)
            contributions = list({f.rule.id: (f.rule.id, f.rule.certainty) for f in fs}.values())
            value = round(cf.combine(c for _r, c in contributions), 4)
            finding = TeamFinding(team, pattern, value, fs, contributions)
            if value >= threshold:
                recs: dict[str, tuple[str, int, str]] = {}
                for f in fs:
                    for r in f.rule.recommend:
                        old = recs.get(r.intervention)
                        if old is None or r.priority < old[1]:
                            recs[r.intervention] = (r.intervention, r.priority, f.rule.id)
                finding.recommend = sorted(recs.values(), key=lambda x: (x[1], x[0]))
                result.findings.setdefault(team, []).append(finding)
            else:
                result.below.setdefault(team, []).append(finding)
        for found in result.findings.values():
            found.sort(key=lambda x: (-x.certainty, x.pattern))
    return result

"""Issue 11: a finding counts only for the gap it is about, and "unknown" is an answer.

Scope: an observation `about` a KPI or area counts only for that gap and, there, takes the place of
a case-wide finding of the same name. Unknown: a condition on an unknown value neither holds nor
fails, so no rule fires on it and a `not` on it does not hold either; the engine and the reference
evaluator agree (every analysis here is cross-checked).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from engine.api import analyse
from engine.case import parse_case
from engine.kb.base import KnowledgeBase
from engine.kb.load import default_kb_dir, load_kb_with_problems


def _case(observations: list[dict[str, Any]], tenure: Any = 8) -> dict[str, Any]:
    employee: dict[str, Any] = {"id": "E", "role": "Sales representative", "department": "Sales"}
    if tenure is not None:
        employee["tenure_months"] = tenure
    return {
        "case_id": "S-1", "as_of": "2026-10-31", "period": "2026-Q3", "employee": employee,
        "metrics": [
            {"kpi": "sales_growth", "target": 15, "actual": 6, "team_median": 15},
            {"kpi": "customer_satisfaction", "target": 4, "actual": 3.5}],
        "observations": observations,
    }


def _fired(kb: KnowledgeBase, case: dict[str, Any], *rules: str) -> list[tuple[str, str]]:
    analysis = analyse(parse_case(case, "case.yaml"), kb, cross_check=True)
    return sorted((f.rule.id, f.binding.get("gap", "")) for f in analysis.result.fired
                  if f.rule.id in rules)


def test_a_case_wide_finding_counts_for_every_gap(kb: KnowledgeBase) -> None:
    case = _case([{"name": "could_do_if_life_depended", "value": False}])
    assert _fired(kb, case, "SKILL-02") == [("SKILL-02", "gap-metric-1"),
                                            ("SKILL-02", "gap-metric-2")]


def test_a_scoped_finding_counts_only_for_its_gap(kb: KnowledgeBase) -> None:
    case = _case([{"name": "could_do_if_life_depended", "value": False,
                   "about": "customer_satisfaction"}])
    assert _fired(kb, case, "SKILL-02") == [("SKILL-02", "gap-metric-2")]


def test_a_scoped_finding_takes_the_place_of_the_case_wide_one_for_its_gap(
        kb: KnowledgeBase) -> None:
    case = _case([{"name": "could_do_if_life_depended", "value": True},
                  {"name": "could_do_if_life_depended", "value": False, "about": "sales_growth"}])
    assert _fired(kb, case, "SKILL-02", "SKILL-03") == [("SKILL-02", "gap-metric-1"),
                                                        ("SKILL-03", "gap-metric-2")]


def test_the_trace_says_which_gaps_a_finding_counts_for(kb: KnowledgeBase) -> None:
    case = _case([{"name": "could_do_if_life_depended", "value": True},
                  {"name": "could_do_if_life_depended", "value": False, "about": "sales_growth"},
                  {"name": "training_received", "value": True, "about": "error_rate"}])
    analysis = analyse(parse_case(case, "case.yaml"), kb)
    steps = [(s.matched["observation"], s.asserted, s.note)
             for s in analysis.result.trace.steps if s.kind == "scope"]
    assert steps == [
        ("observation-1", {"gaps": ["gap-metric-2"], "replaced": {"gap-metric-1": "observation-2"}},
         "case-wide: counts for every gap; a finding about the gap itself takes its place where "
         "it exists"),
        ("observation-2", {"gaps": ["gap-metric-1"], "about": "sales_growth"},
         "about one KPI or area: counts only for its gap"),
        ("observation-3", {"gaps": [], "about": "error_rate"},
         "about a KPI or area without a gap in this case: counts for none"),
    ]


def test_no_rule_fires_on_an_unknown_answer(kb: KnowledgeBase) -> None:
    case = _case([{"name": "could_do_if_life_depended", "value": "unknown"},
                  {"name": "tool_proficiency", "value": "unknown"},
                  {"name": "assessment_score", "value": "unknown"}])
    assert _fired(kb, case, "SKILL-02", "SKILL-03", "SKILL-04", "SKILL-05") == []


def test_a_not_on_an_unknown_answer_does_not_hold(kb: KnowledgeBase) -> None:
    """SKILL-07 needs `not {observation: has_required_tools false}`: it holds when the finding is
    absent or true, and not when it is unknown."""
    assert _fired(kb, _case([]), "SKILL-07") == [("SKILL-07", "gap-metric-1")]
    assert _fired(kb, _case([{"name": "has_required_tools", "value": True}]), "SKILL-07") == [
        ("SKILL-07", "gap-metric-1")]
    assert _fired(kb, _case([{"name": "has_required_tools", "value": "unknown"}]),
                  "SKILL-07") == []
    assert _fired(kb, _case([{"name": "has_required_tools", "value": False}]), "SKILL-07") == []


def test_an_unknown_or_omitted_tenure_fires_no_tenure_rule(kb: KnowledgeBase) -> None:
    assert _fired(kb, _case([], tenure=3), "SKILL-06", "SKILL-07") == [
        ("SKILL-06", "gap-metric-1"), ("SKILL-06", "gap-metric-2"), ("SKILL-07", "gap-metric-1")]
    assert _fired(kb, _case([], tenure="unknown"), "SKILL-06", "SKILL-07") == []
    assert _fired(kb, _case([], tenure=None), "SKILL-06", "SKILL-07") == []


def test_a_not_joined_on_a_value_that_may_be_unknown_is_refused(tmp_path: Path) -> None:
    for sub in ("rules", "knowledge_base"):
        shutil.copytree(default_kb_dir() / sub, tmp_path / sub,
                        ignore=shutil.ignore_patterns("scenarios"))
    (tmp_path / "rules" / "zz.yaml").write_text(
        "rules:\n"
        "  - id: ZZ-01\n"
        "    stage: evidence\n"
        "    title: {en: t, zh: t}\n"
        "    when:\n"
        "      all:\n"
        "        - gap: {}\n"
        "        - not:\n"
        "            observation: {name: tool_proficiency, value: {same_as: gap.kpi}}\n"
        "    then:\n"
        "      evidence: {pattern: motivation, certainty: 0.3}\n", encoding="utf-8")
    _kb, problems = load_kb_with_problems(tmp_path)
    assert [(p.code, p.file.endswith("rules/zz.yaml"), p.line, p.message) for p in problems
            if p.severity == "error"] == [
        ("E120", True, 9, "`value` may be answered unknown in a case, so a `not` "
                                       "cannot join on it with `same_as`")]

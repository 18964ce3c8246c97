"""Issue 11: contraindications are knowledge: caught by `kb check`, withheld at run time, and a
manager's training request is answered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from engine.api import analyse
from engine.case import parse_case
from engine.kb.base import KnowledgeBase
from tests.kb_edits import copy_kb


def test_a_rule_recommending_against_a_contraindication_is_a_kb_check_error(
        run, tmp_path: Path) -> None:
    kb_copy = copy_kb(tmp_path / "kb")
    rules = kb_copy / "rules" / "skill_shortfall.yaml"
    text = rules.read_text(encoding="utf-8")
    start = text.index("id: SKILL-REC-01")
    rules.write_text(text[:start] + text[start:].replace(
        "cause: {pattern: skill_shortfall, gap: {same_as: gap.id}}",
        "cause: {pattern: motivation, gap: {same_as: gap.id}}", 1), encoding="utf-8")
    at = text.index("recommend: {intervention: formal_training", start)
    line = text[:at].count("\n") + 1
    col = at - text.rindex("\n", 0, at)
    catalog = (kb_copy / "knowledge_base" / "interventions.yaml").read_text(encoding="utf-8")
    declared = catalog[:catalog.index("- id: not_a_skill_shortfall")].count("\n") + 1
    result = run("kb", "check", "--kb", str(kb_copy))
    assert result.exit_code == 1
    errors = [x for x in result.stdout.splitlines() if ": error " in x]
    assert errors == [
        f"{rules}:{line}:{col}: error E132 SKILL-REC-01: recommends 'formal_training' where its "
        f"contraindication 'not_a_skill_shortfall' (knowledge_base/interventions.yaml:{declared}) "
        f"always holds: Training fixes a lack of skill or knowledge, and this cause is not one; "
        f"training would leave the obstacle in place. (narrow the rule's condition, or recommend "
        f"another intervention)"]


def _case(observations: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "case_id": "T-1", "as_of": "2026-10-31", "period": "2026-Q3",
        "employee": {"id": "E", "role": "Analyst", "department": "Finance"},
        "metrics": [{"kpi": "report_accuracy", "target": 95, "actual": 80}],
        "observations": observations,
    }


SKILL = [{"name": "could_do_if_life_depended", "value": False},
         {"name": "performed_well_before", "value": False}]


def test_formal_training_is_withheld_where_a_job_aid_serves(kb: KnowledgeBase) -> None:
    plain = analyse(parse_case(_case(SKILL), "case.yaml"), kb, cross_check=True).diagnosis
    assert "formal_training" in [r.intervention for r in plain.recommendations]
    assert plain.suppressed == []
    case = _case(SKILL + [{"name": "simpler_way_possible", "value": True},
                          {"name": "practised_often", "value": False}])
    analysis = analyse(parse_case(case, "case.yaml"), kb, cross_check=True)
    d = analysis.diagnosis
    assert "formal_training" not in [r.intervention for r in d.recommendations]
    assert [(s.intervention, s.pattern, s.gaps, s.contraindication, s.rules)
            for s in d.suppressed] == [("formal_training", "skill_shortfall", ["gap-metric-1"],
                                        "job_aid_serves", ["SKILL-REC-01"])]
    steps = [(s.kind, s.matched, s.note) for s in analysis.result.trace.steps
             if s.kind == "suppress"]
    assert steps == [("suppress", {"contraindication": "job_aid_serves"},
                      "withheld: a declared contraindication holds")]


def test_an_unknown_answer_does_not_make_a_contraindication_hold(kb: KnowledgeBase) -> None:
    case = _case(SKILL + [{"name": "simpler_way_possible", "value": True},
                          {"name": "practised_often", "value": "unknown"}])
    d = analyse(parse_case(case, "case.yaml"), kb, cross_check=True).diagnosis
    assert d.suppressed == []


def test_a_training_request_is_answered(kb: KnowledgeBase, run, tmp_path: Path) -> None:
    asked = [{"name": "training_requested_by_manager", "value": True}]
    d = analyse(parse_case(_case(SKILL + asked), "case.yaml"), kb).diagnosis
    assert d.training_request is not None
    assert (d.training_request.fits, d.training_request.reason) == (True, "recommended")
    process = [{"name": "approval_steps", "value": 6}, {"name": "process_changed_recently",
                                                         "value": True}]
    d = analyse(parse_case(_case(process + asked), "case.yaml"), kb).diagnosis
    assert d.training_request is not None
    assert (d.training_request.fits, d.training_request.reason,
            d.training_request.causes) == (False, "no_skill_cause", ["process_blockage"])
    (tmp_path / "case.yaml").write_text(yaml.safe_dump(_case(process + asked)), encoding="utf-8")
    out = run("diagnose", str(tmp_path / "case.yaml"), "--no-record").stdout
    assert ("  Training was requested, but it does not fit: no gap has a skill shortfall among "
            "its causes (Process blockage); training does not remove an obstacle in the "
            "environment.") in out.splitlines()

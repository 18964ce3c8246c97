"""The bundled knowledge base (issue 3): what its catalogs and rules must hold.

Each test reads the knowledge base as HR and the CLI see it (`perfdx kb show --format json`, or
the loaded KnowledgeBase) and checks one promise of the default KB.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from cli.main import cli
from engine.api import analyse
from engine.case import parse_case
from engine.i18n import Text
from engine.kb.conditions import iter_tests
from engine.kb.load import load_kb, load_kb_with_problems
from engine.kb.rules import Rule

ROOT = Path(__file__).resolve().parent.parent
KB = load_kb(ROOT)
PATTERNS = ("skill_shortfall", "resource_shortage", "process_blockage", "goal_misfit",
            "motivation", "team_collaboration")
GILBERT_CELLS = {"information", "resources", "incentives", "knowledge", "capacity", "motives"}


def _kb_json() -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["kb", "show", "--format", "json", "--kb", str(ROOT)])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


SHOWN = _kb_json()


# -- what `perfdx kb show --format json` lists ---------------------------------------------------

@pytest.mark.parametrize("section, at_least", [
    ("patterns", 6), ("kpis", 12), ("interventions", 22), ("trainings", 12)])
def test_kb_show_lists_at_least(section: str, at_least: int) -> None:
    assert len(SHOWN[section]) >= at_least


def test_kb_show_lists_the_six_patterns() -> None:
    assert sorted(p["id"] for p in SHOWN["patterns"]) == sorted(PATTERNS)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_at_least_three_evidence_or_cause_rules_conclude_each_pattern(pattern: str) -> None:
    concluding = [r["id"] for r in SHOWN["rules"] if r["stage"] in ("evidence", "causes")
                  and any(re.fullmatch(rf"(evidence|cause) {pattern} \+[0-9.]+", c)
                          for c in r["concludes"])]
    assert len(concluding) >= 3, concluding


@pytest.mark.parametrize("rule", SHOWN["rules"], ids=lambda r: r["id"])
def test_every_rule_has_rationale_in_both_languages_and_a_source(rule: dict[str, Any]) -> None:
    assert rule["rationale"] is not None and rule["rationale"]["en"] and rule["rationale"]["zh"]
    assert rule["source"]


def test_the_default_kb_loads_without_any_problem() -> None:
    _kb, problems = load_kb_with_problems(ROOT)
    assert [p.compiler_line() for p in problems] == []


# -- every label and text in both languages ------------------------------------------------------

def _texts(value: Any, path: str) -> list[tuple[str, Text]]:
    """Every Text inside a catalog entry, with where it sits."""
    if isinstance(value, Text):
        return [(path, value)]
    if isinstance(value, BaseModel):
        return [t for name in type(value).model_fields
                for t in _texts(getattr(value, name), f"{path}.{name}")]
    if isinstance(value, (list, tuple)):
        return [t for i, v in enumerate(value) for t in _texts(v, f"{path}[{i}]")]
    return []


def _all_texts() -> list[tuple[str, Text]]:
    found: list[tuple[str, Text]] = []
    for section in ("kpis", "patterns", "interventions", "courses", "observations",
                    "dimensions", "areas", "owners"):
        for key, entry in getattr(KB, section).items():
            found.extend(_texts(entry, f"{section}.{key}"))
    for rule in KB.rules:
        found.append((f"rules.{rule.id}.title", rule.title))
        if rule.rationale is not None:
            found.append((f"rules.{rule.id}.rationale", rule.rationale))
    return found


def test_every_kb_text_has_english_and_chinese() -> None:
    texts = _all_texts()
    paths = {path for path, _t in texts}
    # the walk really reaches nested texts: course modules, questions, area indicators, units
    assert {"courses.time_management.modules[2]", "observations.approval_steps.question",
            "areas.quality.indicator", "kpis.output_per_hour.unit",
            "rules.WORTH-01.rationale"} <= paths
    assert [f"{path}: missing {', '.join(t.missing())}" for path, t in texts if t.missing()] == []


def test_chinese_text_uses_full_width_punctuation() -> None:
    """ASCII , ( ) : ; ? between Chinese characters reads as a typo to a Chinese reader."""
    cjk = "[\u4e00-\u9fff]"
    bad = re.compile(f"{cjk}[,();?]|[,();?]{cjk}|{cjk}:|:{cjk}")
    assert [f"{path}: {t.zh}" for path, t in _all_texts() if t.zh and bad.search(t.zh)] == []


# -- the KPI catalog -------------------------------------------------------------------------------

@pytest.mark.parametrize("kpi, standard, direction", [
    ("sales_growth", 15, "higher_is_better"),
    ("report_accuracy", 95, "higher_is_better"),
    ("budget_deviation", 5, "lower_is_better"),
    ("customer_satisfaction", 4.0, "higher_is_better"),
    ("task_completion_rate", 90, "higher_is_better"),
    ("on_time_delivery", 95, "higher_is_better"),
    ("error_rate", 2, "lower_is_better"),
    ("first_contact_resolution", 75, "higher_is_better"),
    ("milestone_hit_rate", 90, "higher_is_better"),
    ("escaped_defects", 0, "lower_is_better"),
])
def test_kpi_standards_from_the_users_document(kpi: str, standard: float, direction: str) -> None:
    entry = KB.kpis[kpi]
    assert (entry.standard, entry.direction) == (standard, direction)


def test_output_per_hour_is_in_the_catalog() -> None:
    assert KB.kpis["output_per_hour"].direction == "higher_is_better"


def test_a_kpi_with_a_zero_standard_can_be_graded() -> None:
    zero = [k for k in KB.kpis.values() if k.standard == 0]
    assert [k.id for k in zero] == ["escaped_defects"]
    assert all(k.bands.shortfall is not None for k in zero)


# -- patterns, interventions, courses, observations ----------------------------------------------

def test_resource_process_and_goal_are_environmental_skill_and_motivation_personal() -> None:
    assert {p: KB.patterns[p].environmental for p in PATTERNS} == {
        "skill_shortfall": False, "resource_shortage": True, "process_blockage": True,
        "goal_misfit": True, "motivation": False, "team_collaboration": True}


def test_pattern_names_use_the_users_chinese_vocabulary() -> None:
    assert {p: KB.patterns[p].name.zh for p in PATTERNS} == {
        "skill_shortfall": "技能不足", "resource_shortage": "资源缺乏",
        "process_blockage": "流程障碍", "goal_misfit": "目标不明确或不合理",
        "motivation": "工作动力不足", "team_collaboration": "团队协作不畅"}


def test_interventions_cover_all_six_gilbert_cells() -> None:
    assert {i.gilbert_cell for i in KB.interventions.values()} == GILBERT_CELLS


@pytest.mark.parametrize("intervention", [
    "expectation_setting", "regular_feedback", "job_aid", "tools_and_equipment",
    "budget_or_staffing", "process_redesign", "approval_streamlining", "goal_recalibration",
    "recognition", "career_conversation", "workload_rebalancing", "role_clarification",
    "coaching", "mentoring", "practice_with_feedback", "formal_training",
    "team_working_agreement", "facilitated_conflict_resolution", "reassignment", "monitor_only"])
def test_interventions_named_in_the_issue_exist(intervention: str) -> None:
    assert intervention in KB.interventions


def _recommended_ids() -> set[str]:
    return {c.intervention for r in KB.rules for c in r.conclusions if c.kind == "recommend"
            and c.intervention is not None}


@pytest.mark.parametrize("intervention", sorted(KB.interventions))
def test_every_intervention_is_recommended_by_some_rule(intervention: str) -> None:
    assert intervention in _recommended_ids()


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_pattern_is_answered_by_some_intervention(pattern: str) -> None:
    assert any(pattern in i.addresses for i in KB.interventions.values())


def test_training_never_answers_motivation_or_process() -> None:
    training = [i.id for i in KB.interventions.values() if i.kind == "training"]
    assert training == ["formal_training"]
    assert KB.interventions["formal_training"].addresses == ["skill_shortfall"]


@pytest.mark.parametrize("competency", ["communication", "time_management",
                                        "professional_knowledge"])
def test_courses_for_the_skills_the_users_document_names(competency: str) -> None:
    assert [c.id for c in KB.courses.values() if c.competency == competency] != []


def test_one_course_per_competency_and_none_for_initiative() -> None:
    competencies = [c.competency for c in KB.courses.values()]
    assert len(competencies) == len(set(competencies))
    assert "initiative" not in competencies


def _observations_asked() -> set[str]:
    asked: set[str] = set()
    for rule in KB.rules:
        for branch in rule.branches:
            for pattern in branch.patterns:
                if pattern.fact != "observation":
                    continue
                for test in iter_tests(pattern.tests):
                    if test.field == "name":
                        asked.update(test.value if isinstance(test.value, tuple)
                                     else [test.value])
    # issue 11: contraindications read findings too, and the engine answers the training request
    for declared in KB.contraindications.values():
        for contra in declared:
            for branch in contra.written:
                for pattern in branch.patterns:
                    for test in iter_tests(pattern.tests):
                        if pattern.fact == "observation" and test.field == "name":
                            asked.update(test.value if isinstance(test.value, tuple)
                                         else [test.value])
    if KB.settings.training_request:
        asked.add(KB.settings.training_request)
    return asked


@pytest.mark.parametrize("observation", sorted(KB.observations))
def test_every_observation_is_asked_about_by_some_rule(observation: str) -> None:
    assert observation in _observations_asked()


# -- the evidence behind each pattern --------------------------------------------------------------

_SHAPE = {"trend", "vs_team", "team_attainment", "team_meeting_target"}


def _evidence_kinds(rule: Rule) -> set[str]:
    kinds = set()
    for branch in rule.branches:
        for p in branch.positive:
            fields = {t.field for t in iter_tests(p.tests)}
            if p.fact == "rating":
                kinds.add("ratings")
            elif p.fact == "observation":
                kinds.add("observations")
            elif p.fact == "metric" or (p.fact == "gap" and fields & _SHAPE):
                kinds.add("metric shape")
            elif p.fact == "employee":
                kinds.add("records")
    return kinds


# Ratings (360-degree and customer) describe the person, so they carry evidence for and against
# the personal patterns and for the team's friction, but not about tools or process steps.
@pytest.mark.parametrize("pattern, kinds", [
    ("skill_shortfall", {"metric shape", "ratings", "observations", "records"}),
    ("resource_shortage", {"metric shape", "observations"}),
    ("process_blockage", {"metric shape", "observations"}),
    ("goal_misfit", {"metric shape", "ratings", "observations"}),
    ("motivation", {"metric shape", "ratings", "observations", "records"}),
    ("team_collaboration", {"metric shape", "ratings", "observations"}),
])
def test_each_pattern_draws_on_different_kinds_of_evidence(pattern: str, kinds: set[str]) -> None:
    rules = [r for r in KB.rules if r.stage in ("evidence", "causes") and r.concludes(pattern)]
    assert set().union(*(_evidence_kinds(r) for r in rules)) == kinds


@pytest.mark.parametrize("pattern", PATTERNS)
def test_each_pattern_has_rules_of_different_certainty(pattern: str) -> None:
    values = {c.certainty for r in KB.rules if r.stage == "evidence"
              for c in r.conclusions if c.pattern == pattern}
    assert len(values) >= 2, values


@pytest.mark.parametrize("person, rules", [
    ("skill_shortfall", {"ENV-01", "ENV-03"}), ("motivation", {"ENV-02", "ENV-04"})])
def test_environment_causes_temper_personal_ones(person: str, rules: set[str]) -> None:
    """Gilbert: where resources, process or goals explain a gap, skill and will are less likely."""
    tempering = {r.id for r in KB.rules if r.stage == "causes"
                 and any(c.pattern == person and (c.certainty or 0) < 0 for c in r.conclusions)}
    assert tempering == rules


# -- room left in the rule engine --------------------------------------------------------------------

# durable_rules walks the conditions that match one fact with a fixed stack of 64 entries
# (ERR_MAX_STACK_SIZE, error 303). Conditions on `gap` that are not shared between rules, such as
# `drivers: {contains: ...}` or a join, take one entry each for every gap they match; a plain
# test such as `severity: severe` is shared and free. This gap matches as much as any can: five
# usual causes, severe, a sudden drop, level with a team where nobody meets the standard.
WORST_GAP_CASE = {
    "case_id": "W-1", "as_of": "2026-10-31", "period": "Q3",
    "employee": {"id": "E", "role": "r", "department": "d", "tenure_months": 0},
    "metrics": [{"kpi": "customer_satisfaction", "target": 0.5, "actual": 0,
                 "history": [{"period": "P1", "actual": 0.5}, {"period": "P2", "actual": 0.5}],
                 "team_meeting_target": 0.0, "team_median": 0}],
}
HEADROOM = 24  # unshared gap conditions HR can still add; measured: 34 when this was written


def test_the_default_kb_leaves_room_for_more_gap_conditions(tmp_path: Path) -> None:
    for sub in ("rules", "knowledge_base"):
        shutil.copytree(ROOT / sub, tmp_path / sub)
    pads = [f"""  - id: PAD-{k:02d}
    stage: evidence
    title: {{en: padding, zh: 填充}}
    when:
      gap: {{attainment: {{below: {1000 + k}}}}}
    then:
      evidence: {{pattern: goal_misfit, certainty: 0.1}}""" for k in range(HEADROOM)]
    (tmp_path / "rules" / "zz_padding.yaml").write_text("rules:\n" + "\n".join(pads) + "\n",
                                                        encoding="utf-8")
    analysis = analyse(parse_case(WORST_GAP_CASE, "worst gap"), load_kb(tmp_path))
    fired = {f.rule.id for f in analysis.result.fired}
    assert {f"PAD-{k:02d}" for k in range(HEADROOM)} <= fired

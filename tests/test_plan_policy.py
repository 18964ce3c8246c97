"""The plan policy HR edits: defaults, and mistakes reported at file:line like every KB section."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from engine.kb.load import load_kb, load_kb_with_problems
from engine.kb.policy import Holiday, LengthRule, PlanPolicy
from engine.plan.policy import length_rule, plan_policy, policy_location
from tests.conftest import DATA, edit

SPEC = yaml.safe_load((DATA / "plan" / "policy_errors.yaml").read_text(encoding="utf-8"))["cases"]
POLICY = "knowledge_base/plan_policy.yaml"


@pytest.mark.parametrize("case", SPEC, ids=[c["note"] for c in SPEC])
def test_policy_mistakes_are_reported_where_they_are(case, kb_copy: Path, monkeypatch) -> None:
    for e in case["edits"]:
        edit(kb_copy / POLICY, e["old"], e["new"])
    monkeypatch.chdir(kb_copy)
    _kb, problems = load_kb_with_problems(kb_copy)
    assert [p.compiler_line() for p in problems if p.severity == "error"] == case["problems"]


def test_plan_with_a_policy_typo_names_file_and_line(run, kb_copy: Path) -> None:
    edit(kb_copy / POLICY, "weekly_training_hours: 8", "weekly_training_hour: 8")
    result = run("plan", "examples/cases/sales_rep_new_crm.yaml", "--kb", str(kb_copy))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"perfdx: error: {kb_copy}/{POLICY}:37:3: plan_policy.weekly_training_hour: unknown key "
        "'weekly_training_hour' (did you mean 'weekly_training_hours'?)\n")


def test_the_bundled_policy_is_the_default_plus_a_holiday_calendar(kb) -> None:
    bundled = kb.sections["plan_policy"]
    assert bundled.model_dump(exclude={"holidays"}) == PlanPolicy().model_dump(
        exclude={"holidays"})
    assert [(h.first, h.last) for h in bundled.holidays] == [
        (dt.date(2026, 10, 1), dt.date(2026, 10, 7)),
        (dt.date(2027, 1, 1), dt.date(2027, 1, 1)),
        (dt.date(2027, 2, 6), dt.date(2027, 2, 12))]
    assert policy_location(kb) == f"{POLICY}:4"


def test_a_kb_without_a_policy_gets_the_default(kb_copy: Path) -> None:
    (kb_copy / POLICY).unlink()
    base = load_kb(kb_copy)
    assert "plan_policy" not in base.sections
    assert plan_policy(base) == PlanPolicy()
    assert policy_location(base) == "the built-in default plan policy"


def test_a_plain_date_is_a_one_day_holiday() -> None:
    policy = PlanPolicy.model_validate({"holidays": [dt.date(2027, 5, 3),
                                                     {"from": "2027-02-08", "to": "2027-02-09"}]})
    assert policy.holidays[0] == Holiday.model_validate(
        {"from": dt.date(2027, 5, 3), "to": dt.date(2027, 5, 3)})
    assert sorted(policy.holiday_dates()) == [dt.date(2027, 2, 8), dt.date(2027, 2, 9),
                                              dt.date(2027, 5, 3)]


@pytest.mark.parametrize(("cause", "severity", "days"), [
    ("skill_shortfall", "severe", 90),
    ("skill_shortfall", "moderate", 60),
    ("process_blockage", "severe", 60),
    ("motivation", "moderate", 30),
    ("goal_misfit", "severe", 30),
    (None, "severe", 90),
    (None, "moderate", 60),
])
def test_length_follows_cause_then_severity(cause, severity, days) -> None:
    assert length_rule(PlanPolicy(), cause, severity).days == days


def test_the_first_matching_length_row_wins() -> None:
    policy = PlanPolicy(lengths=[
        LengthRule(severities=["moderate"], days=30, why={"en": "a", "zh": "甲"}),
        LengthRule(days=90, why={"en": "b", "zh": "乙"})])
    assert length_rule(policy, "skill_shortfall", "moderate").days == 30
    assert length_rule(policy, "skill_shortfall", "severe").days == 90

"""The SMART check: every goal has a metric, numbers, a source, a date, an owner and the cause it
answers, or the plan is refused (exit 1), never printed as if it were fine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from engine.errors import PlanError
from engine.kb.policy import PlanPolicy
from engine.plan.calendar import WorkCalendar
from engine.plan.model import Goal
from engine.plan.smart import check_goals, smart_failures
from tests.conftest import DATA, edit

SPEC = yaml.safe_load((DATA / "plan" / "smart_goals.yaml").read_text(encoding="utf-8"))
CAL = WorkCalendar.from_policy(PlanPolicy.model_validate({"holidays": [dt.date(2027, 1, 1)]}))
CASES = DATA / "plan" / "cases"


def _goal(change: dict) -> Goal:
    return Goal.model_validate({**SPEC["base"], **change})


@pytest.mark.parametrize("case", SPEC["cases"], ids=[c["note"] for c in SPEC["cases"]])
def test_smart_check(case) -> None:
    found = smart_failures(_goal(case["change"]), start=SPEC["start"], end=SPEC["end"], cal=CAL,
                           owners=SPEC["owners"])
    assert found == case["failures"]


def test_failing_goals_stop_the_plan_with_every_failure_named() -> None:
    goals = [_goal({}), _goal({"id": "goal-2", "metric_name": "Error rate", "cause": None,
                               "owner": "nobody"})]
    with pytest.raises(PlanError) as err:
        check_goals(goals, start=SPEC["start"], end=SPEC["end"], cal=CAL, owners=SPEC["owners"],
                    hint="a hint")
    assert str(err.value) == (
        "the plan fails the SMART check: goal 2 (Error rate): no cause: no diagnosed cause "
        "reaches the reporting threshold for this gap (relevant); owner 'nobody' is not in the "
        "owners catalog (a hint)")


def test_a_significant_gap_without_a_diagnosed_cause_stops_the_plan(run) -> None:
    """The refusal names the case file it is about (a department run plans many)."""
    result = run("plan", str(CASES / "no_cause.yaml"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"perfdx: error: {CASES / 'no_cause.yaml'}: the plan fails the SMART check: goal 1 "
        "(Error rate): no cause: no "
        "diagnosed cause reaches the reporting threshold for this gap (relevant) (prepare the "
        "interview with `perfdx plan CASE --interview`, record what it finds in the case, and "
        "draft the plan again)\n")


def test_the_interview_outline_still_comes_and_shows_the_goal_as_incomplete(run) -> None:
    result = run("plan", str(CASES / "no_cause.yaml"), "--interview")
    assert result.exit_code == 0, result.stderr
    assert ("**Points to cover**\n\n- Bring Error rate down from 4% (2026-Q3) to 2% by Fri "
            "2026-12-11 (source: Quality control sampling). (INCOMPLETE: cause to be established "
            "in the interview)\n") in result.stdout


def test_a_kpi_without_its_source_is_refused_with_the_kb(run, kb_copy: Path) -> None:
    """Every plan goal names where its figure is measured, so the KB must say it for every KPI
    (a KB error at load, so `kb check` reports it before any plan fails)."""
    edit(kb_copy / "knowledge_base/kpis.yaml",
         "    measured_in: {en: CRM sales report, zh: CRM 销售报表}\n", "")
    result = run("plan", "examples/cases/sales_rep_new_crm.yaml", "--kb", str(kb_copy))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"perfdx: error: {kb_copy}/knowledge_base/kpis.yaml:9:5: kpis[0]: "
                             "missing required key 'measured_in'\n")

"""`perfdx plan`: languages, formats, start dates, holidays, the training cap, the interview
outline, the monitoring note, and the errors a user can make."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from engine.api import analyse
from engine.case import load_case
from engine.plan.punctuation import full_width
from tests.conftest import DATA, EXAMPLES, edit

SALES = str(EXAMPLES / "sales_rep_new_crm.yaml")
FINANCE = str(EXAMPLES / "finance_analyst_approvals.yaml")
CONCERN = str(EXAMPLES / "support_agent_concern_only.yaml")
MINOR = str(DATA / "plan" / "cases" / "minor_only.yaml")
POLICY = "knowledge_base/plan_policy.yaml"
CASES = sorted(EXAMPLES.glob("*.yaml"))


def _json(run, *args: str) -> dict:
    result = run("plan", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_help_explains_the_command_and_every_option(run) -> None:
    result = run("plan", "--help")
    assert result.exit_code == 0
    for option in ("--start", "--format", "--lang", "--kb", "--interview", "--output"):
        assert option in result.stdout
    assert "Draft a performance improvement plan (PIP) for CASE." in result.stdout


def test_chinese_plan_has_chinese_headings_and_terms(run) -> None:
    # the manager's copy: the whole plan, interview outline included (issue 16, point 9)
    result = run("plan", SALES, "--lang", "zh", "--audience", "manager")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("# 绩效改进计划：E1187，Sales representative\n")
    for heading in ("## 绩效差距", "## SMART 改进目标", "## 行动与支持措施", "## 培训安排",
                    "## 每周周会", "## 月度复盘", "## 最终复盘的决定节点", "## 面谈提纲",
                    "## 员工意见", "## 签字确认", "## 人工审核与诊断依据"):
        assert f"\n{heading}\n" in out
    assert "\n- 销售额增长率：2026-Q3 为 6.2%，目标 15%（达成率 41%，低于目标 8.8 个百分点）；" in out
    assert ("\n在 2027-01-08（周五）前，将销售额增长率从 6.2%（2026-Q3）提升至 15%"
            "（数据来源：CRM 销售报表）。\n") in out
    assert "**第 1 次周会，2026-10-15（周四）**" in out
    english = re.findall(r"\b(Goal|Check-in|Review|Training|Owner|Due)\b", out)
    assert english == []


def test_a_start_on_a_weekend_moves_to_the_next_working_day_and_says_so(run) -> None:
    result = run("plan", SALES, "--start", "2026-10-17")
    assert result.exit_code == 0, result.stderr
    assert ("\n_Sat 2026-10-17 is a Saturday; the plan starts on the next working day, "
            "Mon 2026-10-19._\n") in result.stdout
    plan = _json(run, SALES, "--start", "2026-10-17")
    assert (plan["start"], plan["end"]) == ("2026-10-19", "2027-01-15")


def test_a_start_on_a_holiday_moves_too(run) -> None:
    plan = _json(run, SALES, "--start", "2027-01-01", "--lang", "zh")
    assert plan["start"] == "2027-01-04"
    assert plan["start_note"] == "2027-01-01（周五）为节假日，计划自下一个工作日 2027-01-04（周一）开始。"


@pytest.mark.parametrize("value", ["2026-02-30", "next monday", "12/10/2026"])
def test_a_bad_start_is_a_usage_error(run, value: str) -> None:
    result = run("plan", SALES, "--start", value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.endswith(
        f"Error: Invalid value for '--start': {value!r} is not a date in the form YYYY-MM-DD "
        "(e.g. 2026-10-12)\n")


def test_a_start_before_the_data_is_refused(run) -> None:
    result = run("plan", SALES, "--start", "2026-10-01")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("perfdx: error: --start: --start 2026-10-01 is before the case's "
                             "as_of date 2026-10-09 (a plan starts on or after the date of the "
                             "data it rests on)\n")


def test_holidays_move_check_ins_and_milestones(run, kb_copy: Path) -> None:
    edit(kb_copy / POLICY, "    - {from: 2026-10-01, to: 2026-10-07, name: National Day}",
         "    - {from: 2026-10-01, to: 2026-10-07, name: National Day}\n"
         "    - 2026-10-22\n    - {from: 2026-11-26, to: 2026-11-27, name: company days}")
    plan = _json(run, SALES, "--kb", str(kb_copy))
    assert [c["date"] for c in plan["check_ins"]][:6] == [
        "2026-10-15", "2026-10-23", "2026-10-29", "2026-11-05", "2026-11-19", "2026-12-03"]
    assert [m["date"] for m in plan["goals"][0]["milestones"]] == ["2026-11-25"]
    every = json.dumps(plan)
    for day in ("2026-10-22", "2026-11-26", "2026-11-27"):
        assert f'"{day}"' not in every


def test_training_is_spread_over_weeks_within_the_weekly_cap(run, kb_copy: Path) -> None:
    edit(kb_copy / POLICY, "weekly_training_hours: 8", "weekly_training_hours: 5")
    plan = _json(run, SALES, "--kb", str(kb_copy))
    assert [(s["week"], s["first_day"], s["last_day"], s["hours"], s["part"], s["parts"])
            for s in plan["training"]] == [
        (1, "2026-10-12", "2026-10-16", 5.0, 1, 4),
        (2, "2026-10-19", "2026-10-23", 5.0, 2, 4),
        (3, "2026-10-26", "2026-10-30", 5.0, 3, 4),
        (4, "2026-11-02", "2026-11-06", 1.0, 4, 4)]
    training = next(a for a in plan["actions"] if a["intervention"] == "formal_training")
    assert training["due"] == "2026-11-06"


def test_training_that_does_not_fit_is_named_not_dropped(run, kb_copy: Path) -> None:
    edit(kb_copy / POLICY, "weekly_training_hours: 8", "weekly_training_hours: 1")
    plan = _json(run, SALES, "--kb", str(kb_copy))
    assert len(plan["training"]) == 13
    assert plan["training_unscheduled"] == [{"course": "spreadsheet_and_systems", "course_name":
                                             "Business systems and digital tools", "hours": 3.0}]
    assert plan["notes"] == [
        "Business systems and digital tools: 3 hours do not fit before Fri 2027-01-08 within 1 "
        "hours a week; agree at the final review when to schedule them."]


def test_the_manager_and_the_organisation_commit_too(run) -> None:
    plan = _json(run, FINANCE)
    parties = {(a["party"], a["title"], a["owner"], a["due"]) for a in plan["actions"]}
    assert ("organisation", "Streamline approvals", "operations", "2026-12-02") in parties
    assert ("organisation", "Redesign the process", "operations", "2026-12-31") in parties
    assert ("manager", "Agree the goals, milestones and dates of this plan with the employee in "
            "writing", "manager", "2026-11-06") in parties
    ids = {a["intervention"]: a["id"] for a in plan["actions"] if a["intervention"]}
    assert [g["depends_on"] for g in plan["goals"]] == [
        [ids["job_aid"], ids["approval_streamlining"], ids["process_redesign"]]] * 2
    assert plan["notes"][0].startswith("The diagnosis points first to the work environment "
                                       "(Process blockage) for Month-end close time, Report "
                                       "accuracy.")


def test_check_ins_are_weekly_and_reviews_monthly_ending_in_the_decision(run) -> None:
    plan = _json(run, SALES)
    assert [c["date"] for c in plan["check_ins"]] == [
        "2026-10-15", "2026-10-22", "2026-10-29", "2026-11-05", "2026-11-19", "2026-11-26",
        "2026-12-03", "2026-12-17", "2026-12-24", "2026-12-31"]
    assert [(r["date"], r["final"]) for r in plan["reviews"]] == [
        ("2026-11-12", False), ("2026-12-10", False), ("2027-01-08", True)]
    assert plan["check_in_routine"] == [
        "Tasks agreed at the last check-in: done or not, with dated examples",
        "Support: anything the employee is still waiting for"]
    assert plan["check_ins"][0]["checks"] == [
        "Training: Business systems and digital tools, 8 of 16 hours planned by this week",
        "Sales growth: latest figure (CRM sales report) against the next point, 10.6% by Thu "
        "2026-11-26",
        "Customer satisfaction: latest figure (Customer satisfaction survey) against the next "
        "point, 3.85/5 by Wed 2026-11-11"]
    assert plan["reviews"][-1]["checks"][-1] == ("Decide with the employee, using the decision "
                                                 "points below")
    assert len(plan["decisions"]) == 4


def test_a_concern_becomes_an_incomplete_behavioural_goal_the_interview_asks_for(run) -> None:
    plan = _json(run, CONCERN, "--audience", "manager")  # the copy with the interview outline
    goal = plan["goals"][0]
    assert (goal["kind"], goal["metric"], goal["status"], goal["incomplete"]) == (
        "behaviour", "customer_service", "incomplete", ["target"])
    assert goal["indicator"] == ("customer feedback on the cases handled, reviewed with the "
                                 "manager each week")
    step3 = plan["interview"]["steps"][2]
    asked = [q for q in step3["questions"] if q["purpose"] == "agree_target"]
    assert [q["text"] for q in asked] == [
        "About service to customers: what level of customer feedback on the cases handled, "
        "reviewed with the manager each week by Fri 2027-01-15 would show that the gap is closed, "
        "and how will we count it?"]
    markdown = run("plan", CONCERN).stdout
    assert "| **SMART check** | INCOMPLETE: target to be agreed in the interview |" in markdown


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_interview_asks_for_the_missing_evidence(path: Path, lang: str, run, kb) -> None:
    diagnosis = analyse(load_case(str(path)), kb).diagnosis
    result = run("plan", str(path), "--interview", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    for m in diagnosis.missing_evidence:
        question = m.question.get(lang)
        assert f"- [ ] {full_width(question) if lang == 'zh' else question}\n" in result.stdout


def test_the_interview_follows_the_four_steps_and_tests_the_leading_cause(run) -> None:
    data = json.loads(run("plan", SALES, "--interview", "--format", "json").stdout)
    steps = data["interview"]["steps"]
    assert [s["title"] for s in steps] == ["Review performance and data",
                                          "Explore the causes together",
                                          "Shape the plan with the employee",
                                          "Agree support and follow-up"]
    about = {q["about"]: (q["purpose"], q["note"]) for q in steps[1]["questions"]}
    assert about["could_do_if_life_depended"] == (
        "confirm_or_rule_out", "on record: no (interview): Could not build a pipeline report in "
        "the CRM during the interview, even with time.")
    assert about["tool_proficiency"] == ("confirm", "on record: basic (assessment)")
    assert about["assessment_score"] == ("confirm_or_rule_out",
                                         "not yet known; wanted by rules SKILL-04, SKILL-08")
    assert about["approval_steps"] == ("missing", "not yet known; wanted by rules PROC-01")
    assert set(data) == {"schema_version", "lang", "case_id", "as_of", "period", "employee",
                         "reviewer", "start", "interview", "review_statement", "basis"}


def test_only_minor_gaps_give_a_monitoring_note(run) -> None:
    plan = _json(run, MINOR)
    assert (plan["kind"], plan["goals"], plan["actions"], plan["check_ins"]) == (
        "monitoring", [], [], [])
    assert plan["end"] == "2026-11-11"
    assert plan["notes"] == [
        "No gap reaches the severity that calls for an improvement plan (moderate or severe); "
        "no plan is proposed.",
        "Share these figures with the employee at the next one-to-one, and look at them again "
        "on Wed 2026-11-11 with the next results.",
        "If a gap has grown to moderate or severe by then, draft an improvement plan with the "
        "new figures."]
    assert run("plan", MINOR).stdout.startswith(
        "# Performance monitoring note: T2, Sales representative\n")


def test_the_plan_names_its_reviewer_and_the_diagnosis_it_rests_on(run, kb) -> None:
    plan = _json(run, SALES)
    assert plan["review_statement"].startswith(
        "This plan is a recommendation for human review, not a decision: Chen Li (HR business "
        "partner) reviews it with the manager")
    assert plan["basis"]["kb_hash"] == kb.hash
    assert [(c["pattern"], c["gap"]) for c in plan["basis"]["causes"]] == [
        ("skill_shortfall", "gap-metric-1"), ("skill_shortfall", "gap-metric-2")]
    assert [s["role"] for s in plan["sign_off"]] == ["employee", "manager", "hr"]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("extra", [(), ("--interview",)], ids=["plan", "interview"])
def test_html_is_one_self_contained_printable_page(run, lang: str, extra) -> None:
    result = run("plan", SALES, "--format", "html", "--lang", lang, *extra)
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>\n")
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in page
    assert "<style>" in page and "@media print" in page
    assert re.findall(r"https?:|<link|<script|<img|<iframe|\bsrc=|url\(|@import", page) == []
    assert page.rstrip().endswith("</html>")


def test_output_file_is_written_whole(run, tmp_path: Path) -> None:
    target = tmp_path / "plan.html"
    result = run("plan", SALES, "--format", "html", "--output", str(target))
    assert (result.exit_code, result.stdout) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_same_case_gives_byte_identical_json(run) -> None:
    assert run("plan", SALES, "--format", "json").stdout == \
        run("plan", SALES, "--format", "json").stdout


def test_an_unknown_case_file(run) -> None:
    result = run("plan", "nope.yaml")
    assert (result.exit_code, result.stderr) == (1, "perfdx: error: nope.yaml: case file not "
                                                    "found\n")


def test_default_start_is_the_first_working_day_after_as_of(run) -> None:
    # the finance case's as_of is a Saturday
    assert _json(run, FINANCE)["start"] == "2026-11-02"
    assert dt.date(2026, 10, 31).weekday() == 5


def test_a_concern_about_a_kpi_is_seen_where_the_kpi_is_kept(run) -> None:
    plan = _json(run, str(DATA / "plan" / "cases" / "kpi_concern.yaml"))
    goal = plan["goals"][0]
    assert (goal["kind"], goal["metric"], goal["indicator"], goal["measured_in"]) == (
        "behaviour", "customer_satisfaction", "Customer satisfaction survey",
        "Customer satisfaction survey")
    assert goal["statement"] == ("Improve customer satisfaction, as seen in: Customer "
                                 "satisfaction survey. The level to reach by Fri 2027-01-08 is "
                                 "to be agreed in the interview.")
    assert plan["review_statement"].startswith(
        "This plan is a recommendation for human review, not a decision: a named reviewer (none "
        "is given in the case) reviews it")
    assert [(s["role"], s["name"]) for s in plan["sign_off"]] == [
        ("employee", "Wang Fang"), ("manager", "Zhou Min"), ("hr", None)]

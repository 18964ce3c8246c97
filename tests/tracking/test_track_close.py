"""`perfdx track close`, `report` and `followup` (issue 13, point 3), and the whole story of one
plan followed through (the issue's first "done when")."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from engine.audit.record import record_batch
from engine.kb.base import KnowledgeBase
from tests.audit import tamper
from tests.conftest import DATA, ROOT
from tests.tracking.conftest import normalised

STORY = yaml.safe_load((DATA / "tracking" / "story_8_weeks.yaml").read_text(encoding="utf-8"))
GOLDEN = ROOT / "tests" / "golden" / "tracking"


def _story(track, plan_id: str) -> None:
    for i, args in enumerate(STORY["checkins"], 1):
        assert track("checkin", plan_id, *args).exit_code == 0
        if i == STORY["adjust_after"]:
            assert track("adjust", plan_id, *STORY["adjust"]).exit_code == 0
            assert track("monthly", plan_id, "--as-of", "2026-11-12").exit_code == 0


def test_one_plan_followed_through(track, run, plan_id: str, db: Path) -> None:
    _story(track, plan_id)
    week4 = json.loads(track("status", plan_id, "--as-of", "2026-11-05", "--format",
                             "json").stdout)
    assert [(g["goal"], g["state"]) for g in week4["goals"]] == [("goal-1", "behind"),
                                                                  ("goal-2", "on_track")]
    closed = track("close", plan_id, *STORY["close"])
    assert closed.exit_code == 0, closed.stderr
    assert "| goal-1 | Sales growth | 6.2% | 11.2% | +5% | +80.6% | 12% | no | 86% | - | - |" \
        in closed.stdout
    assert "| goal-2 | Customer satisfaction | 3.7/5 | 4.02/5 | +0.32/5 | +8.6% | 4/5 | yes | " \
           "107% | - | - |" in closed.stdout
    assert track("followup", plan_id, *STORY["followup"]).exit_code == 0
    refused = track("checkin", plan_id, "--date", "2027-01-12", "--note", "late")
    assert refused.exit_code == 1
    kinds = [r["kind"] for r in tamper.rows(db) if r["subject"] == plan_id]
    assert kinds == ["checkin"] * 4 + ["adjustment", "monthly"] + ["checkin"] * 4 + [
        "closing", "followup"]
    assert run("audit", "verify", "--db", str(db)).exit_code == 0
    target = next(r for r in tamper.rows(db) if r["kind"] == "checkin")
    conn = tamper.connect(db)
    conn.execute("UPDATE records SET content = ? WHERE id = ?",
                 (target["content"].replace("6.5", "8.5"), target["id"]))
    conn.close()
    broken = run("audit", "verify", "--db", str(db))
    assert broken.exit_code == 1 and target["id"] in broken.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_the_closing_report_exactly(track, plan_id: str, lang: str, fmt: str) -> None:
    _story(track, plan_id)
    assert track("close", plan_id, *STORY["close"]).exit_code == 0
    assert track("followup", plan_id, *STORY["followup"]).exit_code == 0
    got = normalised(track("report", plan_id, "--format", fmt, "--lang", lang).stdout, plan_id)
    golden = GOLDEN / f"closing.{lang}.{'md' if fmt == 'markdown' else 'json'}"
    if os.environ.get("PERFDX_UPDATE_GOLDEN") == "1":
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with PERFDX_UPDATE_GOLDEN=1"
    assert got == golden.read_text(encoding="utf-8")


def test_the_closing_report_as_html(track, plan_id: str) -> None:
    _story(track, plan_id)
    html = track("close", plan_id, *STORY["close"], "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>") and "<td>+80.6%</td>" in html


def _team_runs(db: Path, kb: KnowledgeBase) -> None:
    """Two department runs of the employee's department (before and after the plan)."""
    def case(emp: str, as_of: str, actual: float) -> dict:
        return {"case_id": f"T-{emp}-{as_of}", "as_of": as_of, "period": "2026-Q3",
                "employee": {"id": emp, "role": "Sales representative",
                             "department": "Sales - East region"},
                "metrics": [{"kpi": "sales_growth", "target": 15, "actual": actual}]}
    for as_of, values in (("2026-09-30", [8.0, 9.0, 10.0]), ("2027-01-05", [9.0, 10.0, 11.0])):
        items = [(case(f"E9{i}", as_of, v), "{}") for i, v in enumerate(values)]
        record_batch("diagnose", items, kb, db=db, params={"batch": {"exports": [as_of]}})


def test_the_team_change_is_taken_out_where_the_log_has_it(track, plan_id: str, db: Path,
                                                           kb: KnowledgeBase) -> None:
    _team_runs(db, kb)
    _story(track, plan_id)
    report = track("close", plan_id, *STORY["close"]).stdout
    assert "| goal-1 | Sales growth | 6.2% | 11.2% | +5% | +80.6% | 12% | no | 86% | +1% | +4% |" \
        in report
    assert ("Sales growth: the team's median (n=3) went from 9% (2026-09-30) to 10% "
            "(2027-01-05); net of the team, the change is +4%.") in report
    assert ("Customer satisfaction: no team comparison: the decision log holds no department "
            "run of Sales - East region with this KPI before and after the plan, so the change "
            "is not shown net of the team's.") in report


CLOSE_ERRORS = [
    (["--outcome", "met", "--reaction", "spreadsheet_and_systems=7"],
     "perfdx: error: --reaction 'spreadsheet_and_systems=7': the value is a number from 1 to 5"),
    (["--outcome", "met", "--learning", "excel=80"],
     "perfdx: error: --learning 'excel=80': plan <PLAN> schedules no course 'excel' (its "
     "courses: spreadsheet_and_systems)"),
    (["--outcome", "met", "--benefit", "100"], "perfdx: error: Phillips ROI needs both --benefit "
     "and --cost"),
    (["--outcome", "met", "--benefit", "100", "--cost", "0"], "perfdx: error: --cost is a "
     "positive amount and --benefit an amount of 0 or more"),
    (["--outcome", "met", "--kpi", "sales_growth=high"], "perfdx: error: --kpi "
     "'sales_growth=high': 'high' is not a number (write the figure alone, e.g. "
     "sales_growth=7.5)"),
]


@pytest.mark.parametrize(("args", "error"), CLOSE_ERRORS)
def test_a_bad_closing_writes_nothing(track, plan_id: str, db: Path, args: list[str],
                                      error: str) -> None:
    before = tamper.rows(db)
    result = track("close", plan_id, *args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == error.replace("<PLAN>", plan_id) + "\n"
    assert tamper.rows(db) == before


def test_a_plan_closes_once_and_then_takes_only_followups(track, plan_id: str) -> None:
    assert track("close", plan_id, "--outcome", "withdrawn", "--date", "2026-10-20"
                 ).exit_code == 0
    again = track("close", plan_id, "--outcome", "met")
    assert again.stderr.startswith(f"perfdx: error: plan {plan_id} was closed (withdrawn, record ")
    assert again.stderr.endswith("): a closed plan takes no second closing (a closed plan "
                                 "accepts only 'perfdx track followup')\n")
    for cmd in (["adjust", "--date", "2026-10-21", "--end", "2027-02-01", "--reason", "r"],
                ["monthly"]):
        assert track(cmd[0], plan_id, *cmd[1:]).exit_code == 1


def test_a_followup_needs_a_closed_plan(track, plan_id: str) -> None:
    result = track("followup", plan_id, "--date", "2026-12-01", "--behaviour",
                   "spreadsheet_and_systems=uses it")
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: plan {plan_id} is not closed: a follow-up records "
                             "behaviour after the plan closed (record progress on an open plan "
                             "with 'perfdx track checkin')\n")

"""`perfdx track adjust` (issue 13, point 2): a change with a required reason; the plan as issued
stays in the log, the change (earlier and new value) shows in status and in the history, and
the goals are judged by the plan in force."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.audit import tamper
from tests.conftest import DATA
from tests.tracking.conftest import normalised

ERRORS = yaml.safe_load((DATA / "tracking" / "adjust_errors.yaml").read_text(encoding="utf-8"))
REASON = "territory split on 2026-11-01 halved the pipeline"


def test_a_lower_target_turns_behind_into_on_track_from_its_date(track, plan_id: str,
                                                                  db: Path) -> None:
    assert track("checkin", plan_id, "--date", "2026-11-05", "--kpi",
                 "sales_growth=7.5").exit_code == 0
    before = json.loads(track("status", plan_id, "--format", "json").stdout)["goals"][0]
    assert (before["state"], before["closed"], before["expected"]) == ("behind", 0.1477, 0.2667)
    plan_row = tamper.rows(db)[0]
    result = track("adjust", plan_id, "--date", "2026-11-05", "--goal", "goal-1", "--target",
                   "10", "--reason", REASON)
    assert result.exit_code == 0, result.stderr
    row = tamper.rows(db)[-1]
    assert result.stdout == (f"perfdx: plan change {row['id']} recorded for plan {plan_id} "
                             "(2026-11-05); the earlier version stays in the log\n")
    assert tamper.rows(db)[0] == plan_row  # the plan as issued is untouched
    assert json.loads(row["content"])["changes"] == [
        {"item": "goal-1", "field": "target", "from": 15.0, "to": 10.0}]
    after = json.loads(track("status", plan_id, "--format", "json").stdout)
    goal = after["goals"][0]
    assert (goal["state"], goal["target"], goal["closed"]) == ("on_track", 10.0, 0.3421)
    assert goal["next_milestone"] == {"date": "2026-11-26", "value": 8.1}  # half the new gap
    assert after["changes"] == [{"id": row["id"], "date": "2026-11-05", "reason": REASON,
                                 "item": "goal-1", "field": "target", "before": 15.0,
                                 "after": 10.0}]
    earlier = json.loads(track("status", plan_id, "--format", "json", "--as-of",
                               "2026-11-04").stdout)
    assert earlier["goals"][0]["target"] == 15.0 and earlier["changes"] == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_history_shows_every_record_and_change_exactly(track, plan_id: str,
                                                           lang: str) -> None:
    steps = [("checkin", "--date", "2026-10-15", "--kpi", "sales_growth=6.5", "--note", "ok"),
             ("adjust", "--date", "2026-11-12", "--goal", "goal-2", "--due", "2026-12-18",
              "--milestone", "2026-11-26=3.85", "--reason", "survey moved a week"),
             ("adjust", "--date", "2026-11-12", "--action", "action-5", "--action-due",
              "2026-12-18", "--end", "2027-01-15", "--reason", "coach on leave")]
    for step in steps:
        assert track(step[0], plan_id, *step[1:]).exit_code == 0
    got = normalised(track("history", plan_id, "--lang", lang).stdout, plan_id)
    if lang == "en":
        assert got == (
            "History of plan <PLAN>, in the order recorded\n"
            "  [<PLAN>] plan issued for 2026-10-12 to 2027-01-08, 2 goals; DRAFT: requires "
            "human review\n"
            "  [<R1>] check-in 2026-10-15: sales_growth 6.5; note: ok (entered by <ME>)\n"
            "  [<R2>] plan change 2026-11-12\n"
            "    goal-2 due date: 2026-12-11 -> 2026-12-18; reason: survey moved a week\n"
            "    goal-2 milestones: 2026-11-11 3.85/5 -> 2026-11-26 3.85/5; reason: survey "
            "moved a week\n"
            "  [<R3>] plan change 2026-11-12\n"
            "    plan end: 2027-01-08 -> 2027-01-15; reason: coach on leave\n"
            "    action-5 due date: 2026-12-11 -> 2026-12-18; reason: coach on leave\n")
    else:
        assert got == (
            "改进计划 <PLAN> 的记录(按记录顺序)\n"
            "  [<PLAN>] 计划发布:2026-10-12 至 2027-01-08,2 个目标;草稿:须经人工审核\n"
            "  [<R1>] 周检 2026-10-15: sales_growth 6.5;备注:ok(录入人 <ME>)\n"
            "  [<R2>] 计划调整 2026-11-12\n"
            "    goal-2 截止日期:2026-12-11 -> 2026-12-18;原因:survey moved a week\n"
            "    goal-2 里程碑:2026-11-11 3.85/5 -> 2026-11-26 3.85/5;原因:survey moved a week\n"
            "  [<R3>] 计划调整 2026-11-12\n"
            "    plan 结束日期:2027-01-08 -> 2027-01-15;原因:coach on leave\n"
            "    action-5 截止日期:2026-12-11 -> 2026-12-18;原因:coach on leave\n")
    status = track("status", plan_id, "--lang", lang).stdout
    assert ("Changes to the plan:" if lang == "en" else "计划调整:") in status
    assert ("Plan period 2026-10-12 to 2027-01-15" if lang == "en"
            else "计划期 2026-10-12 至 2027-01-15") in status


@pytest.mark.parametrize("case", ERRORS, ids=[c["note"] for c in ERRORS])
def test_a_bad_change_is_one_line_and_writes_nothing(track, plan_id: str, db: Path,
                                                     case: dict) -> None:
    before = tamper.rows(db)
    result = track("adjust", plan_id, *case["args"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == case["error"].replace("<PLAN>", plan_id) + "\n"
    assert tamper.rows(db) == before


def test_the_reason_is_required(track, plan_id: str) -> None:
    result = track("adjust", plan_id, "--date", "2026-11-12", "--goal", "goal-1", "--target",
                   "12")
    assert result.exit_code == 2
    assert "Missing option '--reason'" in result.stderr


def test_a_new_end_moves_the_final_review_in_track_due(track, plan_id: str) -> None:
    """`track due` follows the plan in force: the final review is on the plan's end, which
    `track adjust --end` moves (as `track calendar` does). Before: due still listed it on the
    end as issued (2027-01-08)."""
    assert track("adjust", plan_id, "--date", "2026-11-12", "--end", "2027-01-15", "--reason",
                 "coach on leave").exit_code == 0
    old_week = normalised(track("due", "--week", "2027-01-08").stdout, plan_id)
    assert "review 3" not in old_week
    new_week = normalised(track("due", "--week", "2027-01-15").stdout, plan_id).splitlines()
    assert [line for line in new_week if "review 3" in line] == [
        "2027-01-15  <PLAN>  E1187     monthly review 3  due this week"]

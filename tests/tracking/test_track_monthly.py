"""`perfdx track monthly` (issue 13, point 2): the monthly review drafted from the check-ins,
recorded as a tracking record (never an oversight review)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.audit import tamper
from tests.conftest import DATA
from tests.tracking.conftest import normalised

WEEK4 = yaml.safe_load((DATA / "tracking" / "checkins_week4.yaml").read_text(encoding="utf-8"))

EN = """\
Monthly review (tracking) of plan <PLAN>: E1187, Sales representative

A draft for the conversation with the employee, made from the check-ins. It is a tracking record, \
not the human review of a decision ('perfdx audit review').
Period 2026-10-12 to 2026-11-05; prepares review 1 of 2026-11-12

What moved
  - Sales growth: 6.2% (2026-10-12) -> 7% (2026-11-05), better; behind
  - Customer satisfaction: 3.7/5 (2026-10-12) -> 3.8/5 (2026-11-05), better; on track

What did not move
  - none

Training done in the period: spreadsheet_and_systems:1, spreadsheet_and_systems:2; overdue: none
Check-ins held: 3; missed: 2026-10-29

Questions for the conversation
1. Sales growth is behind its path (9% of the shortfall closed, 27% expected): what stood in the \
way since 2026-10-12, and what support would help?
2. 1 check-in(s) missed (2026-10-29): can the weekly check-in keep its day (Thursday)?
3. Has anything changed in the circumstances that calls for a change to the plan (recorded with \
'perfdx track adjust' and its reason)?
4. What does the employee see as the main obstacle, and the next step?
"""

ZH = """\
改进计划 <PLAN> 的月度回顾(跟踪):E1187,Sales representative

根据周检记录起草、供与员工面谈使用的草稿。这是跟踪记录,不是对决定的人工审核('perfdx audit review')。
期间 2026-10-12 至 2026-11-05;用于 2026-11-12 的第 1 次回顾

有变化的
  - 销售额增长率:6.2%(2026-10-12)-> 7%(2026-11-05),改善;落后
  - 客户满意度:3.7/5(2026-10-12)-> 3.8/5(2026-11-05),改善;按计划推进

没有变化的
  - 无

本期完成的培训:spreadsheet_and_systems:1, spreadsheet_and_systems:2;逾期:无
已进行周检:3 次;缺失:2026-10-29

面谈问题
1. 销售额增长率落后于路径(已弥补差距的 9%,应为 27%):自 2026-10-12 以来遇到了什么阻碍?需要什么支持?
2. 缺失 1 次周检(2026-10-29):每周周检能否固定在原定日期(周四)?
3. 情况是否有变化,需要调整计划(用 'perfdx track adjust' 记录并说明原因)?
4. 员工认为主要障碍是什么?下一步是什么?
"""


def _week4(track, plan_id: str) -> None:
    for args in WEEK4:
        assert track("checkin", plan_id, *args).exit_code == 0


@pytest.mark.parametrize(("lang", "want"), [("en", EN), ("zh", ZH)])
def test_the_monthly_draft_exactly(track, plan_id: str, db: Path, lang: str, want: str) -> None:
    _week4(track, plan_id)
    result = track("monthly", plan_id, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert normalised(result.stdout, plan_id) == want
    row = tamper.rows(db)[-1]
    assert row["kind"] == "monthly" and row["subject"] == plan_id
    assert row["id"] in result.stderr


def test_the_second_month_starts_after_the_first_review(track, plan_id: str) -> None:
    _week4(track, plan_id)
    assert track("checkin", plan_id, "--date", "2026-11-19", "--kpi",
                 "customer_satisfaction=3.7").exit_code == 0
    d = json.loads(track("monthly", plan_id, "--format", "json", "--no-record").stdout)
    assert (d["since"], d["as_of"], d["review"]) == ("2026-11-12", "2026-11-19", 2)
    assert [m["goal"] for m in d["moved"]] == ["goal-2"]
    assert d["moved"][0]["moved"] == "worse"
    assert [(m["goal"], m["moved"]) for m in d["unmoved"]] == [("goal-1", "no_figure")]
    assert [q["code"] for q in d["questions"]] == ["q_behind", "q_no_figure", "q_behind",
                                                   "q_worse", "q_adjust", "q_employee"]


def test_no_record_writes_nothing(track, plan_id: str, db: Path) -> None:
    _week4(track, plan_id)
    before = tamper.rows(db)
    assert track("monthly", plan_id, "--no-record").exit_code == 0
    assert tamper.rows(db) == before


def test_a_monthly_review_is_not_an_oversight_review(track, run, plan_id: str, db: Path) -> None:
    _week4(track, plan_id)
    assert track("monthly", plan_id).exit_code == 0
    listed = run("audit", "list", "--db", str(db)).stdout
    assert "DRAFT: requires human review" in listed  # the plan is still a draft
    everything = run("audit", "list", "--all", "--db", str(db)).stdout
    assert "monthly review (tracking)" in everything

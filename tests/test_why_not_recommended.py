"""`perfdx explain CASE --why-not-recommended INTERVENTION` (issue 16, point 10): like WHY-NOT
for a pattern, for an intervention: recommended after all, withheld by a contraindication, the
causes it addresses, and each rule that recommends it with its first failed condition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from engine.kb.base import KnowledgeBase
from tests.conftest import EXAMPLES

SALES = str(EXAMPLES / "sales_rep_new_crm.yaml")


def _explain(run, case: str, intervention: str, *extra: str) -> str:
    result = run("explain", case, "--why-not-recommended", intervention, *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_not_recommended_en(run, kb: KnowledgeBase) -> None:
    first, fourth = kb.rule("PROC-REC-01").location, kb.rule("PROC-REC-04").location
    assert _explain(run, SALES, "approval_streamlining") == f"""\
Why perfdx did not recommend: Streamline approvals
  It addresses Process blockage, which was not concluded for this case (--why-not process_blockage says why).
  PROC-REC-01  Streamline the approvals  ({first})
    closest match gap=gap-metric-1: 3 of 6 conditions hold
    first failed: pattern of the Skill shortfall cause is Skill shortfall, not Process blockage
  PROC-REC-04  Streamline the approvals (in words)  ({fourth})
    closest match gap=gap-metric-1: 4 of 6 conditions hold
    first failed: pattern of the Skill shortfall cause is Skill shortfall, not Process blockage
"""  # noqa: E501


def test_not_recommended_zh(run, kb: KnowledgeBase) -> None:
    first, fourth = kb.rule("PROC-REC-01").location, kb.rule("PROC-REC-04").location
    assert _explain(run, SALES, "approval_streamlining", "--lang", "zh") == f"""\
未建议该干预措施的原因：精简审批流程
  该措施针对流程障碍，本案例未得出该原因（--why-not process_blockage 可查看原因）。
  PROC-REC-01  精简审批  ({first})
    最接近的匹配 gap=gap-metric-1:6 个条件中 3 个成立
    首个不成立的条件:技能不足原因的差距模式为技能不足,而非流程障碍
  PROC-REC-04  精简审批（文字描述）  ({fourth})
    最接近的匹配 gap=gap-metric-1:6 个条件中 4 个成立
    首个不成立的条件:技能不足原因的差距模式为技能不足,而非流程障碍
"""


@pytest.mark.parametrize(("lang", "head"), [
    ("en", ["Why perfdx did not recommend: Formal training",
            "  It was recommended, for Sales growth gap, Customer satisfaction gap (SKILL-REC-01); "
            "see the diagnosis.",
            "  It addresses Skill shortfall, concluded for Sales growth gap (0.93), Customer "
            "satisfaction gap (0.93)."]),
    ("zh", ["未建议该干预措施的原因：系统培训",
            "  已建议该措施，针对 销售额增长率差距、客户满意度差距（SKILL-REC-01），请查看诊断结果。",
            "  该措施针对技能不足，已就 销售额增长率差距（0.93）、客户满意度差距（0.93） 得出该原因。"]),
])
def test_recommended_after_all(run, lang: str, head: list[str]) -> None:
    lines = _explain(run, SALES, "formal_training", "--lang", lang).splitlines()
    assert lines[:3] == head
    assert lines[-1] == ("    fired for gap-metric-1, gap-metric-2" if lang == "en"
                         else "    已对 gap-metric-1, gap-metric-2 触发")


def _withheld_case(tmp_path: Path) -> str:
    case = {
        "case_id": "T-1", "as_of": "2026-10-31", "period": "2026-Q3",
        "employee": {"id": "E", "role": "Analyst", "department": "Finance"},
        "metrics": [{"kpi": "report_accuracy", "target": 95, "actual": 80}],
        "observations": [{"name": "could_do_if_life_depended", "value": False},
                         {"name": "performed_well_before", "value": False},
                         {"name": "simpler_way_possible", "value": True},
                         {"name": "practised_often", "value": False}],
    }
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["Why perfdx did not recommend: Formal training",
            "  Withheld for Report accuracy gap: For a task that is done rarely and can be "
            "supported by a checklist or other job aid, the job aid does the work of formal "
            "training at a fraction of its cost. (contraindication job_aid_serves; source: Mager "
            "& Pipe 1997: can the task be made easier? a job aid before training; recommended by "
            "SKILL-REC-01)",
            "  It addresses Skill shortfall, concluded for Report accuracy gap (0.70).",
            "  SKILL-REC-01  Never could do it -> formal training  ({where})",
            "    fired for gap-metric-1"]),
    ("zh", ["未建议该干预措施的原因：系统培训",
            "  针对 报告提交准确率差距 已撤下：对于很少执行且可借助清单等工作辅助工具完成的任务，工作辅助"
            "工具即可替代系统培训，成本低得多。（禁忌 job_aid_serves；出处：Mager & Pipe 1997: can "
            "the task be made easier? a job aid before training；建议规则 SKILL-REC-01）",
            "  该措施针对技能不足，已就 报告提交准确率差距（0.70） 得出该原因。",
            "  SKILL-REC-01  从未掌握 -> 系统培训  ({where})",
            "    已对 gap-metric-1 触发"]),
])
def test_withheld_by_a_contraindication(run, kb: KnowledgeBase, tmp_path: Path, lang: str,
                                        lines: list[str]) -> None:
    where = kb.rule("SKILL-REC-01").location
    text = _explain(run, _withheld_case(tmp_path), "formal_training", "--lang", lang)
    assert text.splitlines() == [line.format(where=where) for line in lines]


def test_no_gap_at_all(run) -> None:
    lines = _explain(run, str(EXAMPLES / "finance_ap_specialist_on_target.yaml"),
                     "formal_training").splitlines()
    assert lines[1:3] == [
        "  No gap was found, so no cause was concluded and nothing is recommended.",
        "  It addresses Skill shortfall, which was not concluded for this case (--why-not "
        "skill_shortfall says why)."]
    assert lines[-1] == "    first failed: the case has no gap fact that fits"


def test_json(run) -> None:
    data = json.loads(_explain(run, SALES, "approval_streamlining", "--format", "json"))
    assert list(data) == ["intervention", "name", "recommended", "withheld", "causes", "no_gaps",
                          "attempts"]
    assert (data["recommended"], data["withheld"], data["no_gaps"]) == ([], [], False)
    assert data["causes"] == [{"pattern": "process_blockage", "name": "Process blockage",
                               "concluded_for": []}]
    assert [a["rule"] for a in data["attempts"]] == ["PROC-REC-01", "PROC-REC-04"]


def test_an_unknown_intervention(run) -> None:
    result = run("explain", SALES, "--why-not-recommended", "formal_trainng")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("perfdx: error: unknown intervention 'formal_trainng' (did you mean "
                             "'formal_training'?)\n")


def test_one_question_at_a_time(run) -> None:
    result = run("explain", SALES, "--why-not-recommended", "formal_training", "--how",
                 "skill_shortfall")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(
        "Error: give exactly one of --how PATTERN or --why-not PATTERN, or --why-not-recommended "
        "INTERVENTION\n")

"""Minor gaps are monitored alike, with or without a cause, and the output says what monitoring
means (issue 16, point 7). Before: a minor gap with a cause got "monitor only" from WORTH-01, one
without a cause got no line at all."""

from __future__ import annotations

from .conftest import DATA, EXAMPLES

CASE = str(DATA / "cases/minor_gaps.yaml")
BILLING = str(EXAMPLES / "cs_billing_agent_drifted.yaml")


def _section(out: str, heading: str) -> list[str]:
    lines = out.splitlines()
    start = lines.index(heading)
    end = lines.index("", start)
    return lines[start + 1:end]


def test_text_en(run) -> None:
    out = run("diagnose", CASE, "--no-record").stdout
    assert _section(out, "Minor gaps: monitored, no improvement plan") == [
        "  - Output per hour (minor; primary cause Goal misfit)",
        "  - Report accuracy (minor; no cause found yet)",
        "  Monitoring means: no improvement plan, which is for moderate or severe gaps; share the "
        "figures with the employee at the next one-to-one, look at them again in 30 days with the "
        "next results, and draft an improvement plan if a gap has grown to moderate or severe by "
        "then.",
    ]


def test_text_zh(run) -> None:
    out = run("diagnose", CASE, "--no-record", "--lang", "zh").stdout
    assert _section(out, "轻微差距：持续观察，不制定改进计划") == [
        "  - 单位时间产出（轻微；主要原因：目标不明确或不合理）",
        "  - 报告提交准确率（轻微；尚未找到原因）",
        "  持续观察是指：不制定改进计划（改进计划针对中等或严重差距）；在下次一对一沟通时与员工分享"
        "上述数据，30 天后结合最新结果再次查看；届时如差距已达到中等或严重程度，再起草改进计划。",
    ]


def test_markdown_and_html(run) -> None:
    out = run("diagnose", CASE, "--no-record", "--format", "markdown").stdout
    assert ("## Minor gaps: monitored, no improvement plan\n\n"
            "- Output per hour (minor; primary cause Goal misfit)\n"
            "- Report accuracy (minor; no cause found yet)\n\n"
            "Monitoring means: no improvement plan, which is for moderate or severe gaps; share "
            "the figures with the employee at the next one-to-one, look at them again in 30 days "
            "with the next results, and draft an improvement plan if a gap has grown to moderate "
            "or severe by then.\n") in out
    out = run("diagnose", CASE, "--no-record", "--format", "html").stdout
    assert ("<h2>Minor gaps: monitored, no improvement plan</h2><ul>"
            "<li>Output per hour (minor; primary cause Goal misfit)</li>"
            "<li>Report accuracy (minor; no cause found yet)</li></ul>"
            "<p>Monitoring means: no improvement plan") in out


def test_no_section_without_minor_gaps(run) -> None:
    out = run("diagnose", str(EXAMPLES / "finance_analyst_approvals.yaml"), "--no-record").stdout
    assert "Minor gaps" not in out and "Monitoring means" not in out


def test_a_pip_says_how_its_minor_gaps_are_followed(run) -> None:
    out = run("plan", BILLING, "--no-record").stdout
    assert ("- Customer satisfaction is a minor gap, without a goal of its own: look at its "
            "figures at each check-in, and add a goal if it has grown to moderate or severe.\n"
            ) in out
    out = run("plan", BILLING, "--no-record", "--lang", "zh").stdout
    assert ("- 客户满意度为轻微差距，不单独设定目标：每次进度检查时查看其数据；"
            "如已扩大到中等或严重程度，再增设目标。\n") in out


# One action, one line: WORTH-01 fires once per possible cause of a minor gap, and the text listed
# "Monitor without a formal plan" once per cause (twice for the billing agent's satisfaction
# score); "Frequent, specific feedback" was listed twice for one error rate. The JSON keeps each
# recommendation as fired; the reader sees one line naming every cause it answers.
def test_one_line_per_action_en(run) -> None:
    out = run("diagnose", BILLING, "--no-record").stdout
    assert _section(out, "Recommended interventions") == [
        "  1. Frequent, specific feedback  [priority 1 · owner line manager · 60 days · cost low]",
        "     for Goal misfit, Skill shortfall: Error rate  (GOAL-REC-04, SKILL-REC-03)",
        "  2. Coaching  [priority 3 · owner line manager · 60 days · cost low]",
        "     for Skill shortfall: Error rate  (SKILL-REC-07)",
        "  3. Clarify expectations and standards  [priority 3 · owner line manager · 14 days · "
        "cost low]",
        "     for Goal misfit: Error rate  (GOAL-REC-05)",
        "  4. Monitor without a formal plan  [priority 5 · owner line manager · 30 days · cost low]",
        "     for Goal misfit, Skill shortfall: Customer satisfaction  (WORTH-01)",
    ]


def test_one_line_per_action_zh_markdown_html(run) -> None:
    out = run("diagnose", BILLING, "--no-record", "--lang", "zh").stdout
    assert _section(out, "建议的干预措施")[-2:] == [
        "  4. 持续观察，暂不制定正式计划  [优先级 5 · 负责人 直属经理 · 30 天 · 成本 低]",
        "     针对 目标不明确或不合理、技能不足: 客户满意度  (WORTH-01)",
    ]
    out = run("diagnose", BILLING, "--no-record", "--format", "markdown").stdout
    assert out.count("Monitor without a formal plan") == 1
    assert ("4. **Monitor without a formal plan** (priority 5, owner line manager), for Goal "
            "misfit, Skill shortfall: Customer satisfaction\n") in out
    out = run("diagnose", BILLING, "--no-record", "--format", "html").stdout
    assert out.count("Monitor without a formal plan") == 1
    assert "<td>Goal misfit, Skill shortfall: Customer satisfaction</td><td>WORTH-01</td>" in out


def test_the_json_keeps_each_recommendation_as_fired(run) -> None:
    import json
    d = json.loads(run("diagnose", BILLING, "--no-record", "--format", "json").stdout)
    assert [(r["intervention"], r["pattern"]) for r in d["recommendations"]
            if r["rules"] == ["WORTH-01"]] == [("monitor_only", "goal_misfit"),
                                               ("monitor_only", "skill_shortfall")]

"""Questions about the target (agreed? raised? attainable? kept when the scope changed?) are asked
only for gaps that have a target (issue 16, point 8). A concern stated without figures has none:
asking whether "the target" was raised for it made no sense."""

from __future__ import annotations

import json

from .conftest import EXAMPLES

CONCERN = str(EXAMPLES / "support_agent_concern_only.yaml")
METRIC = str(EXAMPLES / "sales_rep_new_crm.yaml")
TARGET_QUESTIONS = {"goal_agreed", "target_raised_recently", "conditions_changed_target_kept",
                    "target_attainability"}


def _asked(run, case: str) -> set[str]:
    data = json.loads(run("diagnose", case, "--no-record", "--format", "json").stdout)
    return {m["observation"] for m in data["missing_evidence"]}


def test_a_concern_without_a_target_is_not_asked_about_its_target(run) -> None:
    assert not _asked(run, CONCERN) & TARGET_QUESTIONS


def test_a_measured_gap_still_is(run) -> None:
    assert _asked(run, METRIC) & TARGET_QUESTIONS == TARGET_QUESTIONS


def test_the_interview_outline_leaves_them_out_en_and_zh(run) -> None:
    out = run("plan", CONCERN, "--no-record").stdout
    assert "Was the target agreed with them" not in out
    assert "Was the target raised markedly" not in out
    assert "is the target unattainable, a stretch, or attainable?" not in out
    assert "while the target stayed the same?" not in out
    out = run("plan", CONCERN, "--no-record", "--lang", "zh").stdout
    assert "目标是否与其商定" not in out
    assert "本考核期目标是否较上一期明显上调" not in out


def test_why_not_says_the_gap_has_no_target(run) -> None:
    out = run("explain", CONCERN, "--why-not", "goal_misfit").stdout
    assert ("  GOAL-05  Target raised markedly this period  (rules/goal_misfit.yaml:65)\n"
            "    closest match gap=gap-concern-1: 3 of 4 conditions hold\n"
            "    first failed: the case has no answer for 'the target was raised recently' "
            "(not asked: this gap has no target)\n"
            "  GOAL-06") in out
    out = run("explain", CONCERN, "--why-not", "goal_misfit", "--lang", "zh").stdout
    assert "    首个不成立的条件:案例中没有“目标近期被上调”的信息(不询问：该差距没有目标值)\n" in out

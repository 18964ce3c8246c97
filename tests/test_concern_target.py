"""A concern may carry its own target and indicator (issue 16, point 3): the plan then states
them instead of "target to be agreed in the interview", and nothing asks to agree it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import DATA, EXAMPLES

CONCERN_ONLY = (EXAMPLES / "support_agent_concern_only.yaml").read_text(encoding="utf-8")
DESCRIPTION_END = "passed to a second agent.\n"


def _with(tmp_path: Path, extra: str, text: str = CONCERN_ONLY, after: str = DESCRIPTION_END
          ) -> Path:
    assert after in text
    path = tmp_path / "case.yaml"
    path.write_text(text.replace(after, after + extra, 1), encoding="utf-8")
    return path


TARGET = ("    target: at most 4 of 40 chats passed on unanswered\n"
          "    indicator: the team lead's weekly review of 10 chat transcripts\n")


@pytest.mark.parametrize(("lang", "lines"), [
    ("en", [
        "Improve service to customers, as seen in: the team lead's weekly review of 10 chat "
        "transcripts. The level to reach by Fri 2027-01-15: at most 4 of 40 chats passed on "
        "unanswered.",
        "| **Target** | at most 4 of 40 chats passed on unanswered |",
        "| **Indicator** | the team lead's weekly review of 10 chat transcripts |",
        "| **SMART check** | passed |",
    ]),
    ("zh", [
        "改进客户服务，以\u201cthe team lead's weekly review of 10 chat transcripts\u201d衡量；"
        "2027-01-15（周五）前需达到：at most 4 of 40 chats passed on unanswered。",
        "| **目标值** | at most 4 of 40 chats passed on unanswered |",
        "| **衡量指标** | the team lead's weekly review of 10 chat transcripts |",
        "| **SMART 检查** | 通过 |",
    ]),
])
def test_a_concern_with_a_target_gives_a_complete_goal(run, tmp_path: Path, lang: str,
                                                       lines: list[str]) -> None:
    result = run("plan", str(_with(tmp_path, TARGET)), "--lang", lang, "--no-record",
                 "--audience", "manager")
    assert result.exit_code == 0, result.stderr
    text = result.stdout.splitlines()
    goal_at = text.index(lines[0])
    assert [line for line in text[goal_at:goal_at + 16] if line in lines[1:]] == lines[1:]
    # nothing is left to agree: no action, no interview question, no INCOMPLETE mark
    for words in ("to be agreed in the interview", "INCOMPLETE", "待面谈时商定", "待完善"):
        assert words not in result.stdout


def test_without_a_target_the_goal_still_waits_for_the_interview(run, tmp_path: Path) -> None:
    result = run("plan", str(EXAMPLES / "support_agent_concern_only.yaml"), "--no-record")
    assert result.exit_code == 0, result.stderr
    assert "| **Target** | to be agreed in the interview |" in result.stdout
    assert "| **SMART check** | INCOMPLETE: target to be agreed in the interview |" in \
        result.stdout


def test_a_number_target_on_a_kpi_concern_takes_the_kpi_unit(run, tmp_path: Path) -> None:
    text = (DATA / "plan" / "cases" / "kpi_concern.yaml").read_text(encoding="utf-8")
    case = _with(tmp_path, "", text.replace(
        'late replies."}', 'late replies.", target: 4.2}'), after="late replies.")
    result = run("plan", str(case), "--format", "json", "--no-record")
    assert result.exit_code == 0, result.stderr
    goal = json.loads(result.stdout)["goals"][0]
    assert (goal["kind"], goal["target"], goal["target_text"], goal["stated_target"],
            goal["status"], goal["incomplete"]) == ("behaviour", None, "4.2/5", "4.2/5",
                                                     "complete", [])
    assert goal["statement"] == ("Improve customer satisfaction, as seen in: Customer "
                                 "satisfaction survey. The level to reach by Fri 2027-01-08: "
                                 "4.2/5.")


def test_a_target_that_is_neither_words_nor_a_number(run, tmp_path: Path) -> None:
    case = _with(tmp_path, "    target: yes\n")
    result = run("diagnose", str(case), "--no-record")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.endswith(
        "concerns[0].target: a concern's target is a number or a few words, e.g. `target: every "
        "hand-off on time for four weeks`, got True\n")


def test_the_case_schema_documents_target_and_indicator(run) -> None:
    schema = json.loads(run("schema", "case").stdout)
    concern = schema["$defs"]["Concern"]["properties"]
    assert set(concern) == {"kpi", "area", "severity", "description", "target", "indicator"}

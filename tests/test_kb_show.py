"""`perfdx kb show` (issue 16, point 1): every name a case can use, section by section.

The text is compared byte for byte with golden files made from the frozen starter KB
(tests/data/starter_kb), in English and Chinese. Regenerate after a deliberate change with

    PERFDX_UPDATE_GOLDEN=1 .venv-3.13/bin/python -m pytest tests/test_kb_show.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import DATA

GOLDEN = Path(__file__).resolve().parent / "golden" / "kb_show"
UPDATE = os.environ.get("PERFDX_UPDATE_GOLDEN") == "1"
STARTER = DATA / "starter_kb"


def _shown(result) -> str:
    assert result.exit_code == 0, result.stderr
    return result.stdout.replace(str(STARTER), "STARTER_KB")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_kb_show_text_is_the_golden_file(run, lang: str) -> None:
    text = _shown(run("kb", "show", "--kb", str(STARTER), "--lang", lang))
    path = GOLDEN / f"starter.{lang}.txt"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_kb_show_names_every_part_a_case_can_name(run) -> None:
    text = _shown(run("kb", "show", "--kb", str(STARTER)))
    assert text.splitlines()[2] == (
        "  13 KPIs, 27 observations, 12 rating dimensions, 6 concern areas, 6 patterns, "
        "26 interventions, 12 courses, 23 rules")
    heads = [line for line in text.splitlines() if line and not line.startswith(" ")][1:]
    assert heads == [
        "KPIs (write the id as `kpi:` under metrics or concerns)",
        "Observations (write the id as `name:` under observations; any of them may be answered "
        "`unknown`)",
        "Rating dimensions (write the id as `dimension:` under ratings)",
        "Concern areas (write the id as `area:` under concerns; the indicator is how the plan "
        "sees progress)",
        "Patterns (the causes perfdx can conclude; `perfdx explain CASE --how|--why-not ID`)",
        "Interventions (what perfdx can recommend for the patterns it addresses)",
        "Courses (training perfdx can schedule for a competency)",
        "Rules",
    ]


def test_kb_show_one_section_en(run) -> None:
    text = _shown(run("kb", "show", "--kb", str(STARTER), "--section", "areas"))
    assert text == """\
knowledge base STARTER_KB (9f1b77af818f)

  13 KPIs, 27 observations, 12 rating dimensions, 6 concern areas, 6 patterns, 26 interventions, 12 courses, 23 rules

Concern areas (write the id as `area:` under concerns; the indicator is how the plan sees progress)
  id                name                            indicator
  collaboration     collaboration with colleagues   hand-offs completed on time and without rework, as confirmed by the receiving colleague
  communication     communication                   written updates sent on the agreed day and questions answered within one working day
  timeliness        meeting deadlines               share of agreed deadlines met, recorded in the weekly check-in
  quality           quality of work                 work items accepted by the reviewer without correction
  customer_service  service to customers            customer feedback on the cases handled, reviewed with the manager each week
  reliability       reliability and follow-through  commitments made in meetings completed by the date given
"""  # noqa: E501


def test_kb_show_one_section_zh(run) -> None:
    text = _shown(run("kb", "show", "--kb", str(STARTER), "--section", "dimensions",
                      "--lang", "zh"))
    assert text.splitlines()[4:6] + text.splitlines()[-1:] == [
        "评分维度（在 ratings 中以 `dimension:` 填写编号）",
        "  编号                    名称",
        "  来源：supervisor（上级）、peer（同事）、subordinate（下属）、customer（客户）、self（自评）。"
        "分数从 1 到该评分的 `scale`（未填写时为 5）；规则看到的分数一律换算为 1-5。",
    ]


@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["  id                         answer                                   question",
            "  tool_proficiency           one of: none, basic, proficient, expert  How well do "
            "they use the software the task requires (none, basic, proficient, expert)?",
            "  assessment_score           a number, 0 to 100                       What did they "
            "score in the latest skills assessment for this task (0-100)?"]),
    ("zh", ["  编号                       回答                                       问题",
            "  tool_proficiency           以下之一：none, basic, proficient, expert  他/她对任务所需"
            "软件的掌握程度如何(不会、基础、熟练、精通)?",
            "  assessment_score           数字，0 至 100                             他/她在最近一次"
            "该任务的技能测评中得了多少分(0-100)?"]),
])
def test_kb_show_observations_say_the_answer_and_the_question(run, lang: str,
                                                              lines: list[str]) -> None:
    text = _shown(run("kb", "show", "--kb", str(STARTER), "--section", "observations",
                      "--lang", lang)).splitlines()
    assert text[5] == lines[0]
    assert [line for line in text if "tool_proficiency" in line or "assessment_score" in line] \
        == lines[1:]


@pytest.mark.parametrize(("lang", "row"), [
    ("en", "  close_cycle_days          Month-end close time        days             lower is "
           "better              5  Finance close calendar"),
    ("zh", "  close_cycle_days          月结周期          天         越低越好         5  财务结账日历"),
])
def test_kb_show_kpis_give_unit_direction_and_source(run, lang: str, row: str) -> None:
    text = _shown(run("kb", "show", "--kb", str(STARTER), "--section", "kpis", "--lang", lang))
    assert text.splitlines()[-1] == row


def test_kb_show_section_as_json(run) -> None:
    result = run("kb", "show", "--kb", str(STARTER), "--section", "courses", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["kb_hash", "courses"]
    assert len(data["courses"]) == 12


@pytest.mark.parametrize(("given", "hint"), [
    ("kpi", "did you mean 'kpis'? "),
    ("training", ""),
])
def test_kb_show_unknown_section(run, given: str, hint: str) -> None:
    result = run("kb", "show", "--section", given)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"perfdx: error: --section: unknown section '{given}' ({hint}the sections are kpis, "
        "observations, dimensions, areas, patterns, interventions, courses, rules)\n")

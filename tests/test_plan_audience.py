"""`perfdx plan --audience employee|manager` (issue 16, point 9): the employee's copy, the
default, leaves out the manager's interview outline (its questions and the rules they test) and
says so where the outline would be; the manager's copy is the whole plan, as the log records it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

SALES = EXAMPLES / "sales_rep_new_crm.yaml"
CONCERN = EXAMPLES / "support_agent_concern_only.yaml"
MINOR = EXAMPLES / "ops_assembler_minor_dip.yaml"  # a monitoring note, not a PIP

NOTE = {
    "en": ("This is the employee's copy. It leaves out the manager's interview outline (4 steps, "
           "{n} questions, with the rules they test), which prepares the meeting; the manager's "
           "copy has it (perfdx plan --audience manager)."),
    "zh": ("本版为员工版，未包含经理的面谈提纲（4 个步骤、{n} 个问题，附其检验的规则），该提纲供经理"
           "准备面谈之用；经理版包含该提纲（perfdx plan --audience manager）。"),
}
HEADING = {"en": ("## Not in this copy", "## Interview outline"),
           "zh": ("## 本版未包含的内容", "## 面谈提纲")}


def _plan(run, case: Path, *args: str) -> str:
    result = run("plan", str(case), "--no-record", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _questions(run, case: Path, lang: str) -> int:
    data = json.loads(_plan(run, case, "--format", "json", "--audience", "manager",
                            "--lang", lang))
    return sum(len(step["questions"]) for step in data["interview"]["steps"])


@pytest.mark.parametrize("case", [SALES, CONCERN, MINOR], ids=["pip", "concern", "monitoring"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_employee_copy_leaves_out_the_interview_and_says_so(run, case: Path,
                                                                lang: str) -> None:
    employee = _plan(run, case, "--lang", lang)
    manager = _plan(run, case, "--lang", lang, "--audience", "manager")
    assert _plan(run, case, "--lang", lang, "--audience", "employee") == employee
    left_out, outline = HEADING[lang]
    note = NOTE[lang].format(n=_questions(run, case, lang))
    # the employee's copy is the manager's with the outline replaced by the note, nothing else
    head, _, tail = manager.partition(outline + "\n")
    rest = tail[tail.index("\n## "):] if "\n## " in tail else ""
    assert employee == f"{head}{left_out}\n\n{note}\n{rest}"
    assert outline not in employee


def test_the_note_counts_the_questions_left_out(run) -> None:
    text = _plan(run, SALES)
    assert NOTE["en"].format(n=_questions(run, SALES, "en")) in text.splitlines()
    assert "To find out (ask in your own words)" not in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_json_copies(run, lang: str) -> None:
    employee = json.loads(_plan(run, SALES, "--format", "json", "--lang", lang))
    manager = json.loads(_plan(run, SALES, "--format", "json", "--lang", lang,
                               "--audience", "manager"))
    assert (employee["audience"], employee["interview"]) == ("employee", None)
    assert employee["left_out"] == [NOTE[lang].format(n=_questions(run, SALES, lang))]
    assert (manager["audience"], manager["left_out"]) == ("manager", [])
    assert manager["interview"]["steps"]
    # nothing else differs
    for key in ("audience", "interview", "left_out"):
        del employee[key], manager[key]
    assert employee == manager


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_copies(run, lang: str) -> None:
    employee = _plan(run, SALES, "--format", "html", "--lang", lang)
    manager = _plan(run, SALES, "--format", "html", "--lang", lang, "--audience", "manager")
    left_out, outline = (h.removeprefix("## ") for h in HEADING[lang])
    note = NOTE[lang].format(n=_questions(run, SALES, lang)).replace("'", "&#x27;")
    assert f"<h2>{left_out}</h2>\n<p class=\"note\">{note}</p>" in employee
    assert f"<h2>{outline}</h2>" not in employee
    assert f"<h2>{outline}</h2>" in manager and f"<h2>{left_out}</h2>" not in manager


def test_the_interview_outline_alone_is_the_managers(run) -> None:
    assert _plan(run, SALES, "--interview") == _plan(run, SALES, "--interview", "--audience",
                                                     "manager")
    result = run("plan", str(SALES), "--interview", "--audience", "employee", "--no-record")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(
        "Error: --interview prints the manager's interview outline: it has no employee copy "
        "(leave out --audience employee)\n")

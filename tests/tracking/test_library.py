"""The case library (issue 13, point 5): closed plans become cases; search, stats, export and
import (redacted by default, checked line by line, nothing imported when a line is wrong)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.audit import tamper

CLOSINGS = [  # three plans of the sales example closed with different outcomes
    ["--outcome", "met", "--date", "2027-01-08", "--kpi", "sales_growth=15.5", "--kpi",
     "customer_satisfaction=4.1"],
    ["--outcome", "partly", "--date", "2027-01-08", "--kpi", "sales_growth=11", "--kpi",
     "customer_satisfaction=3.9"],
    ["--outcome", "not_met", "--date", "2027-01-08", "--kpi", "sales_growth=6.5", "--kpi",
     "customer_satisfaction=3.7"],
]


@pytest.fixture
def three_closed(run, track) -> list[str]:
    ids = []
    for i, args in enumerate(CLOSINGS):
        result = run("plan", "examples/cases/sales_rep_new_crm.yaml", "--start",
                     f"2026-10-{12 + 7 * i}", "--format", "json")
        plan_id = result.stderr.split("recorded as ")[1].split()[0]
        assert track("checkin", plan_id, "--date", "2026-11-05", "--note",
                     f"week 4 of plan {i + 1}: pipeline review").exit_code == 0
        assert track("close", plan_id, *args).exit_code == 0
        ids.append(plan_id)
    return ids


def test_stats_change_with_each_closing(run, track, plan_id: str, db: Path) -> None:
    assert run("library", "stats", "--db", str(db)).stdout == \
        "The library holds no closed plan yet.\n"
    assert track("close", plan_id, *CLOSINGS[0]).exit_code == 0
    first = json.loads(run("library", "stats", "--format", "json", "--db", str(db)).stdout)
    assert [(s["intervention"], s["n"], s["met"]) for s in first] == [
        ("coaching", 1, 1), ("formal_training", 1, 1), ("mentoring", 1, 1)]


def test_stats_of_three_outcomes_exactly(run, three_closed: list[str], db: Path) -> None:
    for lang, want in (("en", (
            "pattern          intervention     n  met  share met  median shortfall closed\n"
            "skill_shortfall  coaching         3    1        33%                      61%\n"
            "skill_shortfall  formal_training  3    1        33%                      61%\n"
            "skill_shortfall  mentoring        3    1        33%                      61%\n"
            "Cases closed as withdrawn are left out: nothing was tried to the end. Below 3 "
            "cases a share says little.\n")), ("zh", (
            "原因模式         干预措施         案例数  达成  达成比例  已弥补差距中位数\n"
            "skill_shortfall  coaching              3     1       33%               61%\n"
            "skill_shortfall  formal_training       3     1       33%               61%\n"
            "skill_shortfall  mentoring             3     1       33%               61%\n"
            "以撤销结束的计划不计入:没有完整实施。案例少于 3 个时,比例说明不了什么。\n"))):
        assert run("library", "stats", "--lang", lang, "--db", str(db)).stdout == want
    cautioned = run("library", "stats", "--min-cases", "4", "--db", str(db)).stdout
    assert cautioned.count("caution: fewer than 4 cases") == 3


def test_search_by_filters_and_text(run, three_closed: list[str], db: Path) -> None:
    def ids(*args: str) -> list[str]:
        out = run("library", "search", "--format", "json", *args, "--db", str(db)).stdout
        return [json.loads(line)["plan"] for line in out.splitlines()]

    assert ids() == three_closed
    assert ids("--pattern", "skill_shortfall", "--kpi", "sales_growth") == three_closed
    assert ids("--pattern", "resource_shortfall") == []
    assert ids("--role", "sales REP") == three_closed
    assert ids("--text", '"plan 2"') == [three_closed[1]]
    assert ids("--text", "pipeline NOT 3") == three_closed[:2]
    bad = run("library", "search", "--text", '"open', "--db", str(db))
    assert bad.exit_code == 1 and bad.stderr.startswith("perfdx: error: --text '\"open' is not "
                                                        "a search the library understands")


def test_a_withdrawn_plan_is_not_a_case(run, track, plan_id: str, db: Path) -> None:
    assert track("close", plan_id, "--outcome", "withdrawn", "--date", "2026-10-20"
                 ).exit_code == 0
    assert run("library", "search", "--db", str(db)).stdout == "No case in the library matches.\n"


def test_export_is_redacted_and_imports_once(run, three_closed: list[str], db: Path,
                                             tmp_path: Path) -> None:
    out = tmp_path / "cases.jsonl"
    assert run("library", "export", "-o", str(out), "--db", str(db)).exit_code == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3
    assert all(x["plan"] is None and x["employee"] is None and x["case_id"] is None
               and x["department"] is None and "week 4" not in x["text"] for x in lines)
    other = tmp_path / "other.db"
    done = run("library", "import", str(out), "--source", "Shanghai office", "--db", str(other))
    assert done.exit_code == 0
    rid = tamper.rows(other)[-1]["id"]
    assert done.stdout == (f"perfdx: imported 3 case(s) from {out} (record {rid}); 0 already "
                           "in the library\n")
    again = run("library", "import", str(out), "--source", "Shanghai office", "--db", str(other))
    assert again.stdout == (f"perfdx: the 3 case(s) of {out} are already in the library: "
                            "nothing imported\n")
    imported = run("library", "stats", "--format", "json", "--db", str(other)).stdout
    assert imported == run("library", "stats", "--format", "json", "--db", str(db)).stdout
    searched = run("library", "search", "--format", "json", "--db", str(other)).stdout
    assert {json.loads(x)["source"] for x in searched.splitlines()} == {"Shanghai office"}
    assert run("audit", "verify", "--db", str(other)).exit_code == 0


def test_a_bad_import_line_names_file_and_line_and_imports_nothing(run, tmp_path: Path,
                                                                   db: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 3}\nnot json\n', encoding="utf-8")
    before = tamper.rows(db) if db.exists() else []
    result = run("library", "import", str(bad), "--source", "x", "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {bad}:1: id: Input should be a valid string "
                             "(and 1 more bad line; nothing was imported)\n")
    assert (tamper.rows(db) if db.exists() else []) == before

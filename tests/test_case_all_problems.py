"""A case with several problems shows all of them, one compiler-style line each (issue 16, point 2)."""

from __future__ import annotations

from pathlib import Path

HEAD = ("case_id: C-1\nas_of: 2026-10-31\nperiod: 2026-Q3\n"
        "employee: {id: E1, role: Analyst, department: Finance, tenure_months: 12}\n")


def test_every_name_problem_is_shown(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("case.yaml").write_text(HEAD + (
        "metrics:\n"
        "  - {kpi: sales_grwoth, target: 15, actual: 3}\n"
        "observations:\n"
        "  - {name: could_do_if_life_dependd, value: true}\n"
        "  - {name: tool_proficiency, value: expret}\n"), encoding="utf-8")
    result = run("diagnose", "case.yaml")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "perfdx: error: case.yaml:6:6: metrics[0].kpi: unknown KPI 'sales_grwoth' "
        "(did you mean 'sales_growth'?)\n"
        "perfdx: error: case.yaml:8:6: observations[0].name: unknown observation "
        "'could_do_if_life_dependd' (did you mean 'could_do_if_life_depended'?)\n"
        "perfdx: error: case.yaml:9:30: observations[1].value: observation 'tool_proficiency' "
        "is one of none, basic, proficient, expert, not 'expret' (did you mean 'expert'?)\n"
        "perfdx: 3 problems in case.yaml: nothing was diagnosed\n")


def test_every_shape_problem_is_shown(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("case.yaml").write_text(HEAD + (
        "metrics:\n"
        "  - {kpi: sales_growth, target: 15, actual: abc}\n"
        "  - {kpi: error_rate, target: x, actual: 2}\n"), encoding="utf-8")
    result = run("diagnose", "case.yaml")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "perfdx: error: case.yaml:6:37: metrics[0].actual: Input should be a valid number, "
        "got 'abc'\n"
        "perfdx: error: case.yaml:7:23: metrics[1].target: Input should be a valid number, "
        "got 'x'\n"
        "perfdx: 2 problems in case.yaml: nothing was diagnosed\n")

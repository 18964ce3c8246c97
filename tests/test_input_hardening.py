"""Odd inputs found by fuzzing (issue 10): each gives one clean line naming the file, exit 1.

Named pipes, folders and files in tmp_path only: no test points perfdx at a real device.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from engine.errors import did_you_mean, one_line, shown
from tests.conftest import DATA, EXAMPLES, edit

BASE = (DATA / "case_errors.yaml").read_text(encoding="utf-8")
FINANCE = str(EXAMPLES / "finance_analyst_approvals.yaml")


def test_tab_indented_json_case_refuses_duplicate_keys(run, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("case.json").write_text('{\n\t"case_id": "C-1",\n\t"case_id": "C-2"\n}\n')
    result = run("diagnose", "case.json")
    assert (result.exit_code, result.stderr) == (
        1, "perfdx: error: case.json:3:2: duplicate key 'case_id' (first given at line 2)\n")


def test_json_case_with_tabs_is_still_read(run, tmp_path: Path) -> None:
    data = json.loads(json.dumps(yaml.safe_load(Path(FINANCE).read_text()), default=str))
    case = tmp_path / "case.json"
    case.write_text(json.dumps(data, indent="\t"))
    result = run("diagnose", str(case), "--format", "json", "--no-record")
    assert result.exit_code == 0, result.stderr
    assert '"case_id": "C-2026-044"' in result.stdout


def test_named_pipe_as_case_file_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "cli", "diagnose", str(fifo), "--no-record"],
                          capture_output=True, text=True, timeout=120)  # blocked forever before
    assert done.returncode == 1
    assert done.stderr == (f"perfdx: error: {fifo}: case file is a named pipe, not a regular "
                           "file (give - to read standard input)\n")


@pytest.mark.parametrize("name, error", [
    ("folder", "folder: case file is a directory, not a file"),
    ("missing.yaml", "missing.yaml: case file not found"),
    ("new\nline.yaml", "new\\nline.yaml: case file not found"),
    (b"caf\xe9.yaml".decode("utf-8", "surrogateescape"), "caf\\xe9.yaml: case file not found"),
    ("\x1b[2J.yaml", "\\x1b[2J.yaml: case file not found"),
    ("", "no case file given (an empty name)"),
], ids=["a folder", "a missing file", "a newline", "bytes not UTF-8", "an escape", "empty"])
def test_odd_case_paths_give_one_clean_line(name: str, error: str, run, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("folder").mkdir()
    result = run("diagnose", name)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"perfdx: error: {error}\n"


def test_case_at_a_non_utf8_path_is_diagnosed_and_recorded(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9.yaml"
    Path(os.fsdecode(name)).write_bytes(Path(FINANCE).read_bytes())
    done = subprocess.run([sys.executable, "-m", "cli", "diagnose", os.fsdecode(name),
                           "--db", str(tmp_path / "log.db")], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(b"perfdx: recorded as ")


def test_case_file_over_10_mb_is_refused_with_one_line(run, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"case_id: C-1\n" + b"#" * (10 * 1024 * 1024))
    result = run("diagnose", str(big))
    assert (result.exit_code, result.stderr) == (
        1, f"perfdx: error: {big}: case file is 10.0 MB; files over 10 MB are refused\n")


def test_one_megabyte_unknown_name_is_cut_short_and_gets_no_suggestion(run, tmp_path: Path,
                                                                       monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    header = BASE.split("base: |\n", 1)[1].split("errors:", 1)[0]
    header = "".join(line[2:] + "\n" for line in header.splitlines() if line.strip())
    Path("case.yaml").write_text(header + "metrics:\n  - {kpi: " + "k" * 1_000_000
                                 + ", target: 15, actual: 3}\n")
    result = run("diagnose", "case.yaml")
    assert (result.exit_code, result.stderr) == (
        1, f"perfdx: error: case.yaml:6:6: metrics[0].kpi: unknown KPI '{'k' * 100}'\u2026 "
           "(1000000 characters)\n")


def test_did_you_mean_is_not_computed_for_a_long_name() -> None:
    assert did_you_mean("sales_grwoth", ["sales_growth"]) == "did you mean 'sales_growth'?"
    assert did_you_mean("sales_grwoth" * 10, ["sales_grwoth" * 10 + "x"]) is None


def test_user_text_in_error_lines_is_escaped_and_cut() -> None:
    assert one_line("a\nb\r\x1b[31m\x07\u2028\u202e") == "a\\nb\\r\\x1b[31m\\x07\\u2028\\u202e"
    assert one_line(b"\xff".decode("utf-8", "surrogateescape")) == "\\xff"
    assert shown("x" * 101) == f"'{'x' * 100}'\u2026 (101 characters)"
    assert shown(10 ** 400) == f"{'1' + '0' * 99}\u2026 (401 digits)"
    assert shown("ok") == "'ok'"


def test_report_threshold_yes_is_not_one(run, kb_copy: Path) -> None:
    edit(kb_copy / "knowledge_base/settings.yaml", "  report_threshold: 0.2 ",
         "  report_threshold: yes ")
    result = run("diagnose", FINANCE, "--kb", str(kb_copy))
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {kb_copy}/knowledge_base/settings.yaml:4:3: "
                             "settings.report_threshold: Input should be a valid number, got True\n")


def test_empty_course_id_is_refused(run, kb_copy: Path) -> None:
    edit(kb_copy / "knowledge_base/courses.yaml", "  - id: effective_communication\n",
         '  - id: ""\n')
    result = run("diagnose", FINANCE, "--kb", str(kb_copy))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"perfdx: error: {kb_copy}/knowledge_base/courses.yaml:8:5: courses[0].id: String "
        "should have at least 1 character, got ''")

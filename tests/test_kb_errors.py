"""Mistakes in a copied KB are reported at file:line:col with a code and a hint, all at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from engine.kb.load import load_kb_with_problems
from tests.conftest import DATA, edit

SPEC = yaml.safe_load((DATA / "kb_errors.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the frozen starter KB: the edits and positions in kb_errors.yaml are
    written against it, so they do not move when the default KB changes."""
    dest = tmp_path / "kb"
    for sub in ("rules", "knowledge_base"):
        shutil.copytree(DATA / "starter_kb" / sub, dest / sub)
    return dest


def _apply(kb_root: Path, edits: list[dict[str, str]]) -> None:
    for e in edits:
        edit(kb_root / e["file"], e["old"], e["new"])


@pytest.mark.parametrize("case", SPEC, ids=[c["note"] for c in SPEC])
def test_every_problem_is_reported_where_it_is(case, kb_copy: Path) -> None:
    _apply(kb_copy, case["edits"])
    _kb, problems = load_kb_with_problems(kb_copy)
    lines = [p.compiler_line().replace(f"{kb_copy}/", "") for p in problems
             if p.severity == "error"]
    assert lines == case["problems"]


def test_the_default_kb_has_no_errors(kb) -> None:
    _kb, problems = load_kb_with_problems(kb.root)
    assert [p.compiler_line() for p in problems if p.severity == "error"] == []


def test_diagnose_with_a_broken_kb_names_the_first_error_and_counts_the_rest(
        run, kb_copy: Path) -> None:
    case = next(c for c in SPEC if c["note"].startswith("a YAML syntax error"))
    _apply(kb_copy, case["edits"])
    result = run("diagnose", "examples/cases/sales_rep_new_crm.yaml", "--kb", str(kb_copy))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"perfdx: error: {kb_copy}/knowledge_base/courses.yaml:9:4: malformed YAML: this line is "
        "not lined up with the lines above it: the keys of one entry start in the same column, "
        "and every `- ` item of one list starts in the same column (check its indentation "
        "against the line above) [and 1 more error: run 'perfdx kb check']\n")


def test_diagnose_with_a_misspelled_rule_field_in_a_copied_kb(run, kb_copy: Path) -> None:
    _apply(kb_copy, SPEC[0]["edits"])
    result = run("diagnose", "examples/cases/sales_rep_new_crm.yaml", "--kb", str(kb_copy))
    assert (result.exit_code, result.stdout) == (1, "")
    where, _, rest = SPEC[0]["problems"][0].partition(": error E112 ")
    assert result.stderr == f"perfdx: error: {kb_copy}/{where}: {rest}\n"


def test_a_folder_that_is_not_a_kb(run, tmp_path: Path) -> None:
    result = run("kb", "show", "--kb", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {tmp_path}: not a knowledge base: it has no rules/ "
                             "or knowledge_base/ folder (point --kb at a folder made by "
                             "'perfdx kb init')\n")


def test_kb_from_environment(run, kb_copy: Path, monkeypatch) -> None:
    edit(kb_copy / "knowledge_base/settings.yaml", "report_threshold: 0.2", "report_threshold: 2")
    monkeypatch.setenv("PERFDX_KB", str(kb_copy))
    result = run("kb", "show")
    assert result.exit_code == 1
    assert result.stderr == (
        f"perfdx: error: {kb_copy}/knowledge_base/settings.yaml:4:3: settings.report_threshold: "
        "Input should be less than or equal to 1, got 2\n")

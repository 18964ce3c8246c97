"""`perfdx kb diff`: a KB change in words, and the cases it flips (issue 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from engine.authoring.impact import case_files
from tests.conftest import DATA, EXAMPLES
from tests.kb_edits import apply, copy_kb, position

CHANGE = yaml.safe_load((DATA / "kb_threshold_change.yaml").read_text(encoding="utf-8"))
WORDS = yaml.safe_load((DATA / "kb_diff_words.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.fixture
def changed(tmp_path: Path) -> Path:
    root = copy_kb(tmp_path / "kb")
    apply(root, CHANGE["edit"])
    return root


def _words(output: str) -> list[str]:
    return [line.strip().rsplit("  [", 1)[0] for line in output.splitlines()
            if line.startswith("  ") and line.endswith("]")]


def test_a_threshold_change_is_worded_and_the_cases_that_flip_are_named(
        run, kb, changed: Path) -> None:
    result = run("kb", "diff", str(kb.root), str(changed), "--cases", str(EXAMPLES))
    assert result.exit_code == 0
    out = result.stdout
    assert _words(out) == [CHANGE["diff_says"]]
    total = len(case_files(EXAMPLES))
    flips = CHANGE["flips"]
    impact = out[out.index("Impact on "):].splitlines()
    assert impact[0] == (f"Impact on {total} cases in {EXAMPLES}: {len(flips)} changed, "
                         f"{total - len(flips)} unchanged")
    named = [line.strip().split(" ")[0] for line in impact if line.startswith("  ")
             and not line.startswith("    ") and ": " not in line]
    assert named == flips
    for count in CHANGE["counts"]:
        assert f"  {count}" in impact


@pytest.mark.parametrize("case", WORDS, ids=[c["note"] for c in WORDS])
def test_changes_in_words(run, kb, tmp_path: Path, case) -> None:
    root = copy_kb(tmp_path / "kb")
    for edit in case["edits"]:
        apply(root, edit)
    result = run("kb", "diff", str(kb.root), str(root))
    assert result.exit_code == 0
    assert _words(result.stdout) == case["words"]


def test_no_change(run, kb, tmp_path: Path) -> None:
    root = copy_kb(tmp_path / "kb")
    result = run("kb", "diff", str(kb.root), str(root), "--cases", str(EXAMPLES))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[2] == "No change in rules, catalogs or settings."
    total = len(case_files(EXAMPLES))
    assert lines[-1] == f"Impact on {total} cases in {EXAMPLES}: 0 changed, {total} unchanged"


def test_json_for_tools(run, kb, changed: Path) -> None:
    result = run("kb", "diff", str(kb.root), str(changed), "--cases", str(EXAMPLES),
                 "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["old"]["kb_hash"] == kb.hash
    assert [w for c in data["changes"] for w in c["words"]] == [CHANGE["diff_says"]]
    flipped = [c["file"] for c in data["impact"]["cases"] if c["changes"]]
    assert flipped == CHANGE["flips"]


def test_new_is_not_a_kb(run, kb, tmp_path: Path) -> None:
    result = run("kb", "diff", str(kb.root), str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {tmp_path}: not a knowledge base: it has no rules/ "
                             "or knowledge_base/ folder (point --kb at a folder made by "
                             "'perfdx kb init')\n")


def test_a_case_the_new_kb_cannot_diagnose_is_named(run, kb, tmp_path: Path) -> None:
    root = copy_kb(tmp_path / "kb")
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "one.yaml").write_text(
        "case_id: C-1\nas_of: 2026-10-01\nperiod: 2026-Q3\n"
        "employee: {id: E1, role: Analyst, department: Finance, tenure_months: 20}\n"
        "metrics: [{kpi: report_accuracy, target: 95, actual: 90}]\n"
        "observations:\n  - {name: performed_well_before, value: true}\n", encoding="utf-8")
    apply(root, {"file": "knowledge_base/vocabulary.yaml", "old": "  - id: performed_well_before",
                 "new": "  - id: performed_well_earlier"})
    rules = root / "rules" / "skill_shortfall.yaml"
    for _ in range(rules.read_text(encoding="utf-8").count("name: performed_well_before")):
        apply(root, {"file": "rules/skill_shortfall.yaml", "old": "name: performed_well_before",
                     "new": "name: performed_well_earlier"})
    result = run("kb", "diff", str(kb.root), str(root), "--cases", str(cases))
    assert result.exit_code == 0
    impact = result.stdout[result.stdout.index("Impact on "):].splitlines()
    line, col = position(cases, "one.yaml", "name: performed_well_before")
    assert impact[1:4] == [
        "  one.yaml (C-1)",
        "    with OLD: diagnosed",
        f"    with NEW: {cases}/one.yaml:{line}:{col}: observations[0].name: unknown observation "
        "'performed_well_before' (did you mean 'performed_well_earlier'?)",
    ]


def test_a_case_neither_kb_can_diagnose_is_not_counted_as_unchanged(run, kb, tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "notes.yaml").write_text("just: notes\n", encoding="utf-8")
    result = run("kb", "diff", str(kb.root), str(kb.root), "--cases", str(cases))
    assert result.exit_code == 0
    impact = result.stdout[result.stdout.index("Impact on "):].splitlines()
    assert impact[0] == f"Impact on 1 case in {cases}: 0 changed, 0 unchanged, 1 not diagnosed"
    assert impact[1].startswith(f"  notes.yaml: not diagnosed with either knowledge base: "
                                f"{cases}/notes.yaml:1:1: ")

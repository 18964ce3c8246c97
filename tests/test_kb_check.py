"""`perfdx kb check`: every problem at once, at file:line:col, with exact exit codes (issue 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA, EXAMPLES
from tests.kb_edits import apply, copy_kb, expected_start

MISTAKES = yaml.safe_load((DATA / "kb_mistakes.yaml").read_text(encoding="utf-8"))["mistakes"]


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    root = copy_kb(tmp_path / "kb")
    for m in MISTAKES:
        apply(root, m)
    return root


def _lines(output: str, severity: str) -> list[str]:
    return [line for line in output.splitlines() if f": {severity} " in line]


def test_every_seeded_mistake_is_reported_where_it_is_in_one_run(run, broken: Path) -> None:
    result = run("kb", "check", "--kb", str(broken))
    assert result.exit_code == 1
    errors = _lines(result.stdout, "error")
    warnings = _lines(result.stdout, "warning")
    expected_errors = []
    for m in MISTAKES:
        start = expected_start(broken, m, str(broken))
        pool = warnings if m["expect"]["code"].startswith("W") else errors
        found = [line for line in pool if line.startswith(start)]
        assert len(found) == 1, f"{m['note']}: no line starts with {start!r}:\n{result.stdout}"
        assert m["expect"]["says"] in found[0], found[0]
        if pool is errors:
            expected_errors.append(found[0])
    # nothing else: no error repeated through another route, no cascade
    assert sorted(errors) == sorted(expected_errors)
    assert result.stdout.splitlines()[-1] == (
        f"kb check failed: {_count(len(expected_errors), 'error')}, "
        f"{_count(len(warnings), 'warning')} in {_files(broken)} files of {broken}")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _files(root: Path) -> int:
    return len(list(root.glob("rules/*.yaml")) + list(root.glob("knowledge_base/*.yaml"))
               + list(root.glob("knowledge_base/scenarios/*.yaml")))


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m["note"] for m in MISTAKES])
def test_each_mistake_alone_is_the_only_error(run, tmp_path: Path, mistake) -> None:
    root = copy_kb(tmp_path / "kb")
    apply(root, mistake)
    result = run("kb", "check", "--kb", str(root), "--format", "json")
    report = json.loads(result.stdout)
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    expected_errors = 0 if mistake["expect"]["code"].startswith("W") else 1
    assert len(errors) == expected_errors, errors
    assert result.exit_code == (1 if expected_errors else 0)


def test_the_default_kb_has_no_errors(run) -> None:
    result = run("kb", "check")
    assert result.exit_code == 0
    assert _lines(result.stdout, "error") == []
    assert result.stdout.splitlines()[-1].startswith("kb check passed: 0 errors, ")


def test_strict_fails_on_warnings(run, tmp_path: Path) -> None:
    root = copy_kb(tmp_path / "kb")
    warning = next(m for m in MISTAKES if m["expect"]["code"] == "W200")
    apply(root, warning)
    assert run("kb", "check", "--kb", str(root)).exit_code == 0
    result = run("kb", "check", "--kb", str(root), "--strict")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1].startswith(
        "kb check failed (--strict: warnings count as failures): 0 errors, ")


def test_json_format_carries_every_field(run, broken: Path) -> None:
    result = run("kb", "check", "--kb", str(broken), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["kb"] == str(broken)
    assert report["errors"] == sum(1 for p in report["problems"] if p["severity"] == "error")
    near = next(p for p in report["problems"] if p["code"] == "E110")
    assert near == {
        "file": f"{broken}/rules/skill_shortfall.yaml",
        "line": near["line"], "col": 19, "severity": "error", "code": "E110",
        "field": near["field"],
        "message": "unknown intervention 'formal_trainng'",
        "hint": "did you mean 'formal_training'?",
        "explanation": "an unknown name: pattern, KPI, intervention, observation, rating "
                       "dimension, area, competency or course",
    }
    assert near["field"].endswith(".then.recommend.intervention")


def test_a_folder_that_is_not_a_kb_is_one_error_line(run, tmp_path: Path) -> None:
    result = run("kb", "check", "--kb", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"perfdx: error: {tmp_path}: not a knowledge base: it has no rules/ "
                             "or knowledge_base/ folder (point --kb at a folder made by "
                             "'perfdx kb init')\n")


def test_usage_warnings_wait_until_the_rules_load(run, tmp_path: Path) -> None:
    root = copy_kb(tmp_path / "kb")
    apply(root, next(m for m in MISTAKES if m["expect"]["code"] == "E110"))
    result = run("kb", "check", "--kb", str(root))
    assert "warning W204" not in result.stdout
    assert ("note: checks for unused knowledge (W203, W204, W205, W206, W207) run once the errors "
            "in rules/ are fixed") in result.stdout.splitlines()


@pytest.mark.parametrize("note", ["a duplicated rule", "an impossible condition across the engine"])
def test_diagnose_refuses_a_kb_with_errors_found_across_rules(run, tmp_path: Path, note) -> None:
    """`kb check` errors stop `diagnose`, including those seen only across rules."""
    root = copy_kb(tmp_path / "kb")
    mistake = next(m for m in MISTAKES if m["note"].startswith(note))
    apply(root, mistake)
    result = run("diagnose", str(EXAMPLES / "sales_rep_new_crm.yaml"), "--kb", str(root))
    assert result.exit_code == 1
    assert result.stdout == ""
    start = expected_start(root, mistake, str(root)).split(": ")[0]
    assert result.stderr.startswith(f"perfdx: error: {start}: ")
    assert mistake["expect"]["says"] in result.stderr

"""`perfdx kb test`: scenario tests with pytest-like output and exact exit codes (issue 5)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from engine.authoring.scenarios import load_scenarios, scenario_files
from engine.kb.load import display_path, load_kb
from tests.conftest import DATA
from tests.kb_edits import apply, copy_kb

CHANGE = yaml.safe_load((DATA / "kb_threshold_change.yaml").read_text(encoding="utf-8"))
SCENARIOS = Path("knowledge_base/scenarios")


def _names(root: Path) -> list[tuple[str, str]]:
    """(file as perfdx shows it, scenario name) for every scenario of the KB at `root`."""
    return [(display_path(root, p.relative_to(root).as_posix()), s.name)
            for p in scenario_files(root) for s, _line in load_scenarios(p)]


@pytest.fixture
def changed(tmp_path: Path) -> Path:
    root = copy_kb(tmp_path / "kb")
    apply(root, CHANGE["edit"])
    return root


def test_the_default_kb_passes(run, kb) -> None:
    result = run("kb", "test")
    assert result.exit_code == 0, result.stdout
    names = _names(kb.root)
    lines = result.stdout.splitlines()
    assert lines[0] == (f"perfdx kb test: {len(names)} scenarios from {kb.root}/{SCENARIOS} "
                        f"(knowledge base {kb.short_hash})")
    assert lines[2:2 + len(names)] == [f"{file}::{name} PASSED" for file, name in names]
    assert lines[-1].strip("= ") == f"{len(names)} passed"


def test_one_changed_threshold_fails_a_named_scenario_with_expected_and_obtained(
        run, changed: Path) -> None:
    result = run("kb", "test", "--kb", str(changed))
    assert result.exit_code == 1
    out = result.stdout
    name = CHANGE["fails"]
    verdicts = [line for line in out.splitlines() if line.endswith(("PASSED", "FAILED"))]
    assert [v for v in verdicts if v.endswith("FAILED")] == [
        f"{file}::{n} FAILED" for file, n in _names(changed) if n == name]
    failure = out[out.index(" FAILURES "):]
    assert f" {name} " in failure.splitlines()[1]
    for difference in CHANGE["differences"]:
        assert f"\n  {difference}" in failure
    assert "\n  obtained:\n    causes: " in failure
    assert out.splitlines()[-1].strip("= ") == f"1 failed, {len(verdicts) - 1} passed"


def test_select_by_name(run, changed: Path) -> None:
    result = run("kb", "test", "--kb", str(changed), "-k", CHANGE["fails"].upper())
    assert result.exit_code == 1
    total = len(_names(changed))
    assert result.stdout.splitlines()[-1].strip("= ") == f"1 failed, {total - 1} deselected"
    result = run("kb", "test", "--kb", str(changed), "-k", "no scenario has this name")
    assert result.exit_code == 1
    assert "no scenario ran (none matches -k)" in result.stdout.splitlines()


def test_a_broken_scenario_file_is_an_error_and_the_others_still_run(run, tmp_path: Path) -> None:
    root = copy_kb(tmp_path / "kb")
    (root / SCENARIOS / "zz_broken.yaml").write_text(
        "scenarios:\n  - name: typo\n    case: x.yaml\n    expekt: {}\n", encoding="utf-8")
    result = run("kb", "test", "--kb", str(root))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{root}/knowledge_base/scenarios/zz_broken.yaml:4 ERROR" in lines
    assert (f"{root}/knowledge_base/scenarios/zz_broken.yaml:4: the scenario file cannot be read: "
            "scenarios[0].expekt: unknown key 'expekt' (did you mean 'expect'?)") in lines
    passed = sum(1 for line in lines if line.endswith(" PASSED"))
    assert passed == len(_names(copy_kb(tmp_path / "clean")))
    assert lines[-1].strip("= ") == f"{passed} passed, 1 error"


def test_a_scenario_whose_case_is_missing_is_an_error(run, tmp_path: Path) -> None:
    root = copy_kb(tmp_path / "kb")
    (root / SCENARIOS / "zz_missing.yaml").write_text(
        "scenarios:\n  - name: nowhere\n    case: ../../examples/cases/nowhere.yaml\n"
        "    expect: {primary: none}\n", encoding="utf-8")
    result = run("kb", "test", "--kb", str(root), "-k", "nowhere")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{root}/knowledge_base/scenarios/zz_missing.yaml::nowhere ERROR" in lines
    assert (f"  the scenario could not run: {root}/knowledge_base/scenarios/../../examples/cases/"
            "nowhere.yaml: case file not found") in lines


def test_no_scenarios_is_a_failure(run, tmp_path: Path) -> None:
    root = copy_kb(tmp_path / "kb")
    shutil.rmtree(root / SCENARIOS)
    result = run("kb", "test", "--kb", str(root))
    assert result.exit_code == 1
    assert "no scenario ran: add scenario tests to knowledge_base/scenarios/" in result.stdout


def test_a_kb_with_errors_is_refused_with_one_line(run, tmp_path: Path) -> None:
    root = copy_kb(tmp_path / "kb")
    apply(root, {"file": "rules/skill_shortfall.yaml", "old": "intervention: formal_training",
                 "new": "intervention: formal_trainng"})
    result = run("kb", "test", "--kb", str(root))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"perfdx: error: {root}/rules/skill_shortfall.yaml:")
    assert result.stderr.endswith("unknown intervention 'formal_trainng' (did you mean "
                                  "'formal_training'?)\n")


def test_coverage_lists_rules_never_fired_and_conditions_never_false(run, tmp_path: Path) -> None:
    root = copy_kb(tmp_path / "kb")
    for sub in ("rules", SCENARIOS):
        shutil.rmtree(root / sub)
        (root / sub).mkdir()
    shutil.copy(DATA / "kb_coverage" / "rules.yaml", root / "rules" / "test.yaml")
    shutil.copy(DATA / "kb_coverage" / "scenarios.yaml", root / SCENARIOS / "test.yaml")
    load_kb(root)
    result = run("kb", "test", "--kb", str(root), "--coverage")
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.splitlines()
    coverage = lines[next(i for i, line in enumerate(lines) if " coverage over " in line):]
    assert coverage == [
        " coverage over 2 scenarios ".center(79, "="),
        "Rules that never fired: 1 of 5",
        "  T-EV-03        rules/test.yaml:30                 Low assessment",
        "Conditions never false in any scenario (rules that fired): 3",
        "  rules/test.yaml:8:16               T-GAP-01       metric severity in [minor, moderate, "
        "severe]",
        "  rules/test.yaml:26:38              T-EV-02        employee tenure_months below 1000",
        "  rules/test.yaml:43:15              T-REC-01       cause pattern is skill_shortfall",
        "  (no scenario shows these conditions matter: add one where each is false and the "
        "result changes)",
    ]

"""What `kb check` passes, `diagnose` runs (issue 10, defects found by fuzzing).

Each test is named after the defect: `kb check` itself failing with "internal error", or passing
a KB on which every diagnosis then failed with durable_rules' bare "error code 204/202/108".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, edit
from tests.kb_edits import copy_kb, position

SALES = str(EXAMPLES / "sales_rep_new_crm.yaml")


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    return copy_kb(tmp_path / "kb")


def _check_errors(run, kb: Path) -> list[str]:
    result = run("kb", "check", "--kb", str(kb))
    assert result.exit_code == 1
    assert "internal error" not in result.output
    return [line for line in result.stdout.splitlines() if ": error " in line]


@pytest.mark.parametrize("threshold", ['"60"', "high", "1e-5"])
def test_kb_check_internal_error_on_a_text_threshold(run, kb: Path, threshold: str) -> None:
    rules = kb / "rules" / "motivation.yaml"
    edit(rules, "value: {at_most: 2.5}", f"value: {{at_most: {threshold}}}")
    line, col = position(kb, "rules/motivation.yaml", "at_most")
    shown = threshold.strip('"')
    assert _check_errors(run, kb) == [
        f"{rules}:{line}:{col}: error E113 rules[0].when.all[1].observation.value.at_most: "
        f"engagement_score is a number; '{shown}' is not"]


def test_kb_check_internal_error_on_a_certainty_of_null(run, kb: Path) -> None:
    rules = kb / "rules" / "environment_first.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("certainty: -0.4}", "certainty: null}", 1), encoding="utf-8")
    line, col = position(kb, "rules/environment_first.yaml", "certainty: null")
    assert _check_errors(run, kb) == [
        f"{rules}:{line}:{col}: error E113 rules[0].then.cause.certainty: `certainty` is a "
        "number from -1 to 1 (not 0): positive supports the pattern, negative argues against it"]


@pytest.mark.parametrize("threshold, shown", [
    ("0.00001", "1e-05"), ("1.0e+300", "1e+300"), ("1.7e+308", "1.7e+308"), (".inf", "inf")])
def test_engine_error_204_on_a_threshold_out_of_range(run, kb: Path, threshold: str,
                                                      shown: str) -> None:
    rules = kb / "rules" / "gaps.yaml"
    edit(rules, "team_attainment: {at_least: 1.0}", f"team_attainment: {{at_least: {threshold}}}")
    line, col = position(kb, "rules/gaps.yaml", f"at_least: {threshold}")
    message = (f"rules[3].when.metric.team_attainment.at_least: {shown} is outside the numbers "
               "the rule engine can compare: 0, or 0.0001 to 1e15 in size (round it, or measure "
               "in a unit that brings it into that range)")
    assert _check_errors(run, kb) == [f"{rules}:{line}:{col}: error E126 {message}"]
    result = run("diagnose", "--no-record", "--kb", str(kb), SALES)
    assert result.exit_code == 1
    assert result.stderr == f"perfdx: error: {rules}:{line}:{col}: {message}\n"


def _shared(n: int) -> str:
    """n evidence rules that all test `gap: {}` (and one condition each of their own)."""
    conds = ["observation: {{name: approval_steps, value: {{below: {s:.3f}}}}}",
             "metric: {{attainment: {{below: {v:.3f}}}}}",
             "rating: {{score: {{below: {s:.3f}}}}}", "employee: {{tenure_months: {{below: {m}}}}}"]
    return "rules:\n" + "".join(
        f"  - id: SHARE-{i:03d}\n    stage: evidence\n    title: {{en: shared {i}, zh: 共享 {i}}}\n"
        f"    when:\n      all:\n        - gap: {{}}\n        - "
        + conds[i % 4].format(v=0.1 + i / 1000, s=1.5 + i / 1000, m=1000 + i) + "\n"
        "    then:\n      evidence: {pattern: motivation, certainty: 0.3}\n"
        "    rationale: {en: test, zh: 测试}\n    source: test\n" for i in range(n))


def test_engine_error_108_on_400_rules_sharing_one_test(run, kb: Path) -> None:
    # 300 are enough: with the default KB's own, the limit falls near the 212th
    (kb / "rules" / "zz_shared.yaml").write_text(_shared(300), encoding="utf-8")
    errors = _check_errors(run, kb)
    assert len(errors) == 1
    where, message = errors[0].split(": error E127 ")
    rule = message.split()[6]
    line, _ = position(kb, "rules/zz_shared.yaml", f"- id: {rule}\n")
    assert where == f"{kb}/rules/zz_shared.yaml:{line}:1"
    assert message == (f"durable_rules cannot compile the rules from {rule} on: more than 256 "
                       "rule conditions share one test of a fact (engine error 108) (merge "
                       "rules that test facts the same way, or split them across stages)")
    result = run("diagnose", "--no-record", "--kb", str(kb), SALES)
    assert result.exit_code == 1
    assert result.stderr == f"perfdx: error: {kb}/rules/zz_shared.yaml:{line}: {message}\n"


def test_kb_check_compiles_a_kb_the_engine_takes(run, kb: Path) -> None:
    (kb / "rules" / "zz_shared.yaml").write_text(_shared(100), encoding="utf-8")
    assert run("kb", "check", "--kb", str(kb)).exit_code == 0
    assert run("diagnose", "--no-record", "--kb", str(kb), SALES).exit_code == 0

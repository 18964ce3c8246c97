"""W208: `kb check` warns before a KB outgrows what durable_rules can follow for one fact
(issue 5). The engine itself fails with "error code 303" a little beyond the limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.api import analyse
from engine.authoring.check import check_kb
from engine.authoring.lint import CONDITION_LIMIT
from engine.case import load_case
from engine.errors import EngineError
from engine.kb.conditions import Test as ConditionTest
from engine.kb.load import load_kb
from tests.conftest import EXAMPLES
from tests.kb_edits import copy_kb


def _rules(n: int) -> str:
    """n evidence rules, each with its own condition on a gap, all true for every gap."""
    return "rules:\n" + "\n".join(
        f"  - id: LIM-{i:03d}\n    stage: evidence\n    title: {{en: limit {i}, zh: 上限 {i}}}\n"
        f"    when:\n      gap: {{certainty: {{above: {-0.5 - i / 1000:g}}}}}\n"
        f"    then:\n      evidence: {{pattern: motivation, certainty: 0.1}}\n"
        f"    rationale: {{en: test, zh: 测试}}\n    source: test\n" for i in range(n))


def _kb(tmp_path: Path, n: int) -> Path:
    root = copy_kb(tmp_path / "kb")
    (root / "rules" / "zz_limit.yaml").write_text(_rules(n), encoding="utf-8")
    return root


def _w208(root: Path) -> list[str]:
    return [p.compiler_line() for p in check_kb(root).problems if p.code == "W208"]


def _own_gap_conditions(root: Path) -> int:
    """Distinct conditions on `gap` the KB already has, counted as W208 counts them."""
    distinct = {tuple(sorted(repr((t.field, t.op, t.value) if isinstance(t, ConditionTest) else
                                  ("any", repr(t.options))) for t in p.tests))
                for rule in load_kb(root).rules
                for branch in rule.branches for p in branch.patterns
                if p.fact == "gap" and p.tests}
    return len(distinct)


def test_no_warning_at_the_limit(tmp_path: Path) -> None:
    plain = copy_kb(tmp_path / "plain")
    assert _w208(plain) == []
    own = _own_gap_conditions(plain)
    assert 0 < own < CONDITION_LIMIT
    assert _w208(_kb(tmp_path, CONDITION_LIMIT - own)) == []


def test_one_warning_past_the_limit_at_the_condition_that_crosses_it(tmp_path: Path) -> None:
    root = _kb(tmp_path, 60)
    lines = _w208(root)
    assert len(lines) == 1
    assert ": warning W208 rules[" in lines[0]
    assert lines[0].endswith(
        f"{CONDITION_LIMIT + 1} different conditions on `gap` facts from here on: "
        "durable_rules fails (error 303) when about 60 of them match one fact at once (merge "
        "rules that test `gap` facts the same way, or test fewer fields of it)")


def test_the_engine_fails_a_little_beyond_the_limit(tmp_path: Path) -> None:
    kb = load_kb(_kb(tmp_path, 64))
    with pytest.raises(EngineError) as err:
        analyse(load_case(str(EXAMPLES / "sales_rep_new_crm.yaml")), kb)
    assert str(err.value) == (
        "the rule engine ran out of room while asserting 'gap-metric-1': too many different "
        "conditions on one kind of fact match it at once (run 'perfdx kb check' (warning W208) "
        "and merge similar rules)")


def _observation_rules(names: list[str], per_name: int) -> str:
    """`per_name` evidence rules on each observation name, each with its own value test."""
    return "rules:\n" + "\n".join(
        f"  - id: OBS-{n}-{i:03d}\n    stage: evidence\n    title: {{en: o {i}, zh: 观察 {i}}}\n"
        f"    when:\n      all:\n        - gap: {{}}\n"
        f"        - observation: {{name: {name}, value: {{below: {1000 + i}}}}}\n"
        f"    then:\n      evidence: {{pattern: motivation, certainty: 0.1}}\n"
        f"    rationale: {{en: test, zh: 测试}}\n    source: test\n"
        for n, name in enumerate(names) for i in range(per_name))


def test_observation_conditions_count_per_name(tmp_path: Path) -> None:
    """An observation only meets the conditions pinned to its own name (issue 11): forty
    conditions on each of two names pass, and a case with both observations runs."""
    root = copy_kb(tmp_path / "kb")
    names = ["workload_hours_per_week", "unplanned_absence_days"]
    (root / "rules" / "zz_obs.yaml").write_text(_observation_rules(names, 40), encoding="utf-8")
    assert _w208(root) == []
    case = tmp_path / "case.yaml"
    case.write_text((EXAMPLES / "sales_rep_new_crm.yaml").read_text(encoding="utf-8")
                    + "  - {name: workload_hours_per_week, value: 40}\n"
                    + "  - {name: unplanned_absence_days, value: 2}\n", encoding="utf-8")
    analyse(load_case(str(case)), load_kb(root))


def test_observation_conditions_on_one_name_warn(tmp_path: Path) -> None:
    root = copy_kb(tmp_path / "kb")
    (root / "rules" / "zz_obs.yaml").write_text(
        _observation_rules(["workload_hours_per_week"], 60), encoding="utf-8")
    lines = _w208(root)
    assert len(lines) == 1
    assert "different conditions on `observation` facts from here on" in lines[0]

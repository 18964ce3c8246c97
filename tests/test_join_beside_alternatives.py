"""A join (`same_as`) beside alternatives in one fact pattern is refused when the KB loads.

durable_rules compiles a list of values or `any` inside a fact pattern to `$or` and then ignores
the join in that pattern: WORTH-01, written as `cause: {pattern: [...], gap: {same_as: gap.id}}`,
fired for the cause of one gap joined to another gap (caught by the cross-check, issue 3). The
same alternatives written as `any:` over whole facts compile to separate rules and are fine.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.api import analyse
from engine.case import load_case
from engine.kb.load import load_kb, load_kb_with_problems

ROOT = Path(__file__).resolve().parent.parent
RULE = """rules:
  - id: JOIN-01
    stage: recommend
    title: {{en: join, zh: 连接}}
    when:
      all:
        - gap: {{severity: minor}}
        - {cause}
    then:
      recommend: {{intervention: monitor_only}}
"""


def _kb(tmp_path: Path, cause: str) -> Path:
    for sub in ("rules", "knowledge_base"):
        shutil.copytree(ROOT / sub, tmp_path / sub)
    (tmp_path / "rules" / "zz_join.yaml").write_text(RULE.format(cause=cause), encoding="utf-8")
    return tmp_path


# col: where `same_as` is written on line 8
@pytest.mark.parametrize("cause, col", [
    ("cause: {pattern: [goal_misfit, motivation], gap: {same_as: gap.id}}", 61),
    ("cause: {any: [{pattern: goal_misfit}, {pattern: motivation}], gap: {same_as: gap.id}}", 79),
])
def test_a_join_beside_alternatives_is_refused(tmp_path: Path, cause: str, col: int) -> None:
    _kb_obj, problems = load_kb_with_problems(_kb(tmp_path, cause))
    assert [p.compiler_line().replace(f"{tmp_path}/", "") for p in problems] == [
        f"rules/zz_join.yaml:8:{col}: error E120 rules[0].when.all[1].cause.gap.same_as: "
        "`same_as` cannot share a fact pattern with a list of values or `any`: the rule engine "
        "would ignore the join (write the alternatives as `any:` over whole facts, each with its "
        "own `same_as`)"]


def test_alternatives_over_whole_facts_keep_their_joins(tmp_path: Path) -> None:
    cause = ("any: [{cause: {pattern: goal_misfit, gap: {same_as: gap.id}}}, "
             "{cause: {pattern: motivation, gap: {same_as: gap.id}}}]")
    kb = load_kb(_kb(tmp_path, cause))
    case = load_case(str(ROOT / "examples" / "cases" / "ops_assembler_minor_dip.yaml"))
    analysis = analyse(case, kb, cross_check=True)
    fired = sorted(tuple(sorted(f.binding.items())) for f in analysis.result.fired
                   if f.rule.id == "JOIN-01")
    assert fired == [(("cause", "cause-goal_misfit-gap-metric-1"), ("gap", "gap-metric-1")),
                     (("cause", "cause-goal_misfit-gap-metric-2"), ("gap", "gap-metric-2"))]

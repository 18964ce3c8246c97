"""Two patterns of one fact type in one rule (fuzz findings D01 and D01b, issue 10).

The semantics (knowledge_base/README.md, "Two facts of one type"): the positive patterns of one
rule bind distinct facts, as durable_rules does; a `not` means that no fact of the case matches it,
whatever the rule's other patterns bound. The reference evaluator follows the first (D01: it let
one rating bind both patterns of JOIN-X, so the cross-check failed and plain `diagnose` dropped a
conclusion the evaluator said was due); the compiler places a `not` before the positive patterns
of its type, because durable_rules leaves the facts already bound out of a `not` judged after them
(D01b: NEG-X fired on the 4.3 rating itself). A `not` that cannot go there is refused.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.api import analyse
from engine.case import load_case, parse_case
from engine.errors import KnowledgeBaseError
from engine.kb.base import KnowledgeBase
from engine.kb.load import load_kb, load_kb_with_problems
from engine.reasoning.evaluate import bindings, index_by_type
from tests.conftest import DATA, EXAMPLES

FINDINGS = DATA / "fuzz_findings"


def _kb_with(tmp_path: Path, rules_file: str, text: str | None = None) -> Path:
    root = tmp_path / "kb"
    for sub in ("rules", "knowledge_base"):
        shutil.copytree(Path(__file__).resolve().parent.parent / sub, root / sub)
    target = root / "rules" / "zz_extra.yaml"
    if text is None:
        shutil.copy(FINDINGS / rules_file, target)
    else:
        target.write_text(text, encoding="utf-8")
    return root


def _fired(kb: KnowledgeBase, case: dict | str, rule: str) -> list[dict[str, str]]:
    loaded = load_case(case) if isinstance(case, str) else parse_case(case, "test")
    analysis = analyse(loaded, kb, cross_check=True)
    assert analysis.cross_checked is not None
    return [f.binding for f in analysis.result.fired if f.rule.id == rule]


def test_D01_one_fact_never_binds_two_patterns_of_a_rule(tmp_path: Path) -> None:
    kb = load_kb(_kb_with(tmp_path, "zz_join.yaml"))
    # one rating: JOIN-X needs two distinct ratings on one dimension, so it does not fire and
    # the engine and the evaluator agree (before: "cross-check failed: 2 activation(s) ...")
    assert _fired(kb, str(FINDINGS / "one_rating_case.yaml"), "JOIN-X") == []


def test_D01_the_evaluator_binds_distinct_facts(tmp_path: Path) -> None:
    kb = load_kb(_kb_with(tmp_path, "zz_join.yaml"))
    branch = next(r for r in kb.rules if r.id == "JOIN-X").branches[0]
    facts = [{"id": "gap-1", "t": "gap"},
             {"id": "rating-1", "t": "rating", "dimension": "communication"},
             {"id": "rating-2", "t": "rating", "dimension": "communication"},
             {"id": "rating-3", "t": "rating", "dimension": "teamwork"}]
    found = sorted((b["r1"]["id"], b["rating"]["id"]) for b in bindings(branch, index_by_type(facts)))
    assert found == [("rating-1", "rating-2"), ("rating-2", "rating-1")]


def test_D01_a_same_type_join_over_distinct_facts_still_fires(tmp_path: Path) -> None:
    kb = load_kb(_kb_with(tmp_path, "zz_join.yaml"))
    case = load_case(str(FINDINGS / "one_rating_case.yaml")).case.model_dump(mode="json")
    case["ratings"].append({"source": "peer", "dimension": "professional_knowledge", "score": 2})
    assert sorted(b["r1"] for b in _fired(kb, case, "JOIN-X")) == [
        "rating-1", "rating-1", "rating-2", "rating-2"]  # two gaps x two orders


def test_D01_GOAL_09_binds_distinct_facts_and_fires(kb: KnowledgeBase) -> None:
    case = load_case(str(FINDINGS / "one_rating_case.yaml")).case.model_dump(mode="json")
    case["ratings"] = [{"source": "self", "dimension": "communication", "score": 5},
                       {"source": "supervisor", "dimension": "communication", "score": 2}]
    assert _fired(kb, case, "GOAL-09") == [
        {"gap": "gap-metric-1", "self_view": "rating-1", "rating": "rating-2"},
        {"gap": "gap-metric-2", "self_view": "rating-1", "rating": "rating-2"}]


ENGINEER = str(EXAMPLES / "engineer_api_ownership_friction.yaml")  # ratings 2.3, 2.6 and 4.3


def test_D01b_not_beside_a_positive_pattern_of_its_type_sees_every_fact(tmp_path: Path) -> None:
    kb = load_kb(_kb_with(tmp_path, "zz_neg.yaml"))
    # the case has a 4.3 rating, so `not {rating: score at least 3}` rules NEG-X out (before:
    # durable_rules fired it on the 4.3 rating itself, adding "motivation 0.90")
    assert _fired(kb, ENGINEER, "NEG-X") == []


def test_D01b_the_not_still_lets_the_rule_fire_when_no_fact_matches_it(tmp_path: Path) -> None:
    kb = load_kb(_kb_with(tmp_path, "zz_neg.yaml"))
    case = load_case(ENGINEER).case.model_dump(mode="json")
    case["ratings"] = [r for r in case["ratings"] if r["score"] < 3]
    assert sorted(b["x3"] for b in _fired(kb, case, "NEG-X")) == ["rating-1", "rating-2"]


NOT_JOINED_TO_ITS_TYPE = """rules:
  - id: NEG-J
    stage: evidence
    title: {en: no other low rating on this dimension, zh: 该维度没有其他低评分}
    when:
      all:
        - gap: {}
        - rating: {score: {below: 3}}
          as: low
        - not:
            rating: {source: supervisor, dimension: {same_as: low.dimension}}
    then:
      evidence: {pattern: motivation, certainty: 0.3}
    rationale: {en: r, zh: r}
    source: s
"""


def test_D01b_a_not_joined_to_a_fact_of_its_own_type_is_refused(tmp_path: Path) -> None:
    root = _kb_with(tmp_path, "", NOT_JOINED_TO_ITS_TYPE)
    _kb, problems = load_kb_with_problems(root)
    assert [p.compiler_line().replace(f"{root}/", "") for p in problems] == [
        "rules/zz_extra.yaml:11:13: error E120 rules[0].when.all[2].not.rating: this `not` "
        "over `rating` facts joins to `low` (line 8), a `rating` of the same rule: the rule "
        "engine would leave the fact bound to `low` out of the `not`, so the rule could fire "
        "although a matching `rating` exists (join the `not` to a fact of another type, such as "
        "`dimension: {same_as: gap.kpi}`, or give it a test that `low` cannot pass (e.g. another "
        "`source`))"]
    with pytest.raises(KnowledgeBaseError):
        load_kb(root)


def test_D03_a_join_matches_a_whole_number_to_an_equal_decimal(tmp_path: Path) -> None:
    kb = load_kb(_kb_with(tmp_path, "zz_int_float_join.yaml"))
    # 4 raters on one rating summary and a shortfall of 4.0 on the gap: equal numbers, so the
    # join holds in both (before: "cross-check failed: 1 activation(s) the engine did not fire")
    fired = _fired(kb, str(EXAMPLES / "cs_senior_agent_escalation_queue.yaml"), "JF-0")
    assert fired == [{"x0": "gap-metric-2", "x1": "rating-3"}]

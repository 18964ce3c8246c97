"""Property: on generated *rules* over generated cases, durable_rules and the reference evaluator
find exactly the same activations (issue 10; the fuzz found D01 and D01b this way).

Rules are drawn in the shapes that broke before: several patterns of one fact type, equality joins
(`same_as`) between them and to other types, `not` before, between and after positive patterns,
with or without joins. Each example adds 1-3 generated `evidence` rules to a small KB (the default
catalogs and rules/gaps.yaml), parsed as the loader parses them; a rule the parser refuses must be
refused with E120 (a `not` joined to a fact of its own type, or a join beside a list of values).
Seeded and derandomized: the same
examples run every time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.api import analyse
from engine.case import parse_case
from engine.errors import Problem
from engine.i18n import text
from engine.kb.base import KnowledgeBase
from engine.kb.conclusions import ConclusionParser
from engine.kb.conditions import ConditionParser
from engine.kb.load import default_kb_dir, load_kb
from engine.kb.rules import Rule
from engine.kb.typecheck import Catalogs, ConditionChecker
from engine.kb.vocabulary import FACT_TYPES

DIMENSIONS = ["communication", "teamwork"]
SOURCES = ["supervisor", "peer", "self"]
OBSERVATIONS = ["could_do_if_life_depended", "process_changed_recently", "team_conflict"]
KPIS = ["sales_growth", "customer_satisfaction", "report_accuracy"]
SCORES = [1, 2, 3, 4, 5]


class Base:
    """The KB the generated rules are added to, with a short repr for hypothesis' reports."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __repr__(self) -> str:
        return "<default catalogs + rules/gaps.yaml>"


@pytest.fixture(scope="module")
def base_kb(tmp_path_factory: pytest.TempPathFactory) -> Base:
    root = tmp_path_factory.mktemp("kb")
    shutil.copytree(default_kb_dir() / "knowledge_base", root / "knowledge_base",
                    ignore=shutil.ignore_patterns("scenarios"))
    (root / "rules").mkdir()
    shutil.copy(default_kb_dir() / "rules" / "gaps.yaml", root / "rules" / "gaps.yaml")
    return Base(load_kb(root))


# -- generated rules ---------------------------------------------------------------------------

def _sometimes(draw: Any) -> bool:
    return bool(draw(st.integers(0, 2)) == 0)


def _tests(fact: str, earlier: list[tuple[str, str]], draw: Any, negated: bool = False
           ) -> dict[str, Any]:
    """Tests on one fact pattern; `earlier`: (alias, fact type) of the positive patterns before.
    A `not` always gets a test of its own, or it would rule out nearly every case."""
    same_type = [a for a, t in earlier if t == fact]
    tests: dict[str, Any] = {}
    if fact == "rating":
        if negated or _sometimes(draw):
            op = draw(st.sampled_from(["below", "at_least", "at_most", "above"]))
            tests["score"] = {op: draw(st.sampled_from([2, 3, 4]))}
        if _sometimes(draw):
            tests["source"] = draw(st.sampled_from(SOURCES + [SOURCES[:2]]))
        if same_type and _sometimes(draw):
            tests["dimension"] = {"same_as": f"{draw(st.sampled_from(same_type))}.dimension"}
        elif _sometimes(draw):
            tests["dimension"] = draw(st.sampled_from(DIMENSIONS))
    elif fact == "observation":
        tests["name"] = draw(st.sampled_from(OBSERVATIONS))
        if same_type and _sometimes(draw):
            tests["value"] = {"same_as": f"{draw(st.sampled_from(same_type))}.value"}
        elif negated or _sometimes(draw):
            tests["value"] = draw(st.booleans())
    elif fact == "metric":
        gaps = [a for a, t in earlier if t == "gap"]
        if gaps and _sometimes(draw):
            tests["kpi"] = {"same_as": f"{draw(st.sampled_from(gaps))}.kpi"}
        if negated or _sometimes(draw):
            tests["severity"] = draw(st.sampled_from(["minor", "moderate", "severe",
                                                      ["moderate", "severe"]]))
    else:  # gap
        if same_type and _sometimes(draw):
            tests["severity"] = {"same_as": f"{draw(st.sampled_from(same_type))}.severity"}
        elif negated or _sometimes(draw):
            tests["severity"] = draw(st.sampled_from(["minor", "moderate", "severe"]))
    return tests


@st.composite
def generated_rule(draw: Any, n: int) -> dict[str, Any]:
    earlier: list[tuple[str, str]] = [("x0", "gap")]
    items: list[dict[str, Any]] = [{"gap": _tests("gap", [], draw), "as": "x0"}]
    for i in range(1, draw(st.integers(1, 4)) + 1):
        negated = draw(st.integers(0, 2)) == 0
        if negated and draw(st.booleans()):  # often a `not` over a type bound already
            fact = draw(st.sampled_from([t for _a, t in earlier]))
        else:
            fact = draw(st.sampled_from(["rating", "rating", "observation", "metric", "gap"]))
        tests = _tests(fact, earlier, draw, negated)
        if negated:
            items.append({"not": {fact: tests}})
        else:
            items.append({fact: tests, "as": f"x{i}"})
            earlier.append((f"x{i}", fact))
    return {"id": f"GEN-{n}", "stage": "evidence", "title": {"en": "generated", "zh": "生成"},
            "when": {"all": items},
            "then": {"evidence": {"pattern": draw(st.sampled_from(["motivation", "goal_misfit"])),
                                  "certainty": 0.5, "for": "x0"}}}


def parse_generated(base: KnowledgeBase, rules: list[dict[str, Any]]
                    ) -> tuple[KnowledgeBase, list[Problem]]:
    """The base KB plus `rules`, parsed and checked as the loader parses rule files."""
    catalogs = Catalogs(ids={"kpi": set(base.kpis), "pattern": set(base.patterns),
                             "intervention": set(base.interventions),
                             "course": set(base.courses), "observation": set(base.observations),
                             "dimension": set(base.dimensions), "area": set(base.areas),
                             "owner": set(base.owners)},
                        observations=base.observations)
    parsed, problems = [], []
    for i, raw in enumerate(rules):
        parser = ConditionParser("rules/generated.yaml", list(FACT_TYPES))
        branches = parser.parse(raw["when"], ("rules", i, "when"), (1, 1))
        checker = ConditionChecker("rules/generated.yaml", catalogs)
        for branch in branches:
            checker.check_branch(branch, raw["stage"])
        cparser = ConclusionParser("rules/generated.yaml", catalogs)
        conclusions = cparser.parse(raw["then"], raw["stage"], tuple(branches),
                                    f"rules[{i}].then", (1, 1))
        found = parser.problems + checker.problems + cparser.problems
        problems += found
        if found or not branches:
            continue
        parsed.append(Rule(id=raw["id"], stage=raw["stage"], title=text("generated", "生成"),
                           branches=tuple(branches), conclusions=conclusions, rationale=None,
                           source=None, file="rules/generated.yaml", line=1,
                           order=len(base.rules) + i, raw=raw))
    digest = hashlib.sha256((base.hash + json.dumps(rules, sort_keys=True)).encode()).hexdigest()
    return dataclasses.replace(base, rules=base.rules + tuple(parsed), hash=digest), problems


# -- generated cases ---------------------------------------------------------------------------

def cases() -> st.SearchStrategy[dict[str, Any]]:
    metric = st.fixed_dictionaries({"kpi": st.sampled_from(KPIS), "target": st.just(100),
                                    "actual": st.sampled_from([40, 70, 90, 95, 120])})
    rating = st.fixed_dictionaries({"source": st.sampled_from(SOURCES),
                                    "dimension": st.sampled_from(DIMENSIONS),
                                    "score": st.sampled_from(SCORES)})
    observation = st.fixed_dictionaries({"name": st.sampled_from(OBSERVATIONS),
                                         "value": st.booleans()})
    return st.fixed_dictionaries({
        "case_id": st.just("G-1"), "as_of": st.just("2026-10-31"), "period": st.just("Q3"),
        "employee": st.just({"id": "E", "role": "r", "department": "d", "tenure_months": 12}),
        "metrics": st.lists(metric, min_size=1, max_size=3, unique_by=lambda m: m["kpi"]),
        "ratings": st.lists(rating, min_size=1, max_size=8),
        "observations": st.lists(observation, min_size=1, max_size=3,
                                 unique_by=lambda o: o["name"]),
    })


SETTINGS = settings(max_examples=250, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _check(base: Base, rules: list[dict[str, Any]], case: dict[str, Any]
           ) -> tuple[KnowledgeBase | None, set[str]]:
    kb, problems = parse_generated(base.kb, rules)
    assert {p.code for p in problems} <= {"E120"}, [p.compiler_line() for p in problems]
    if problems:
        return None, set()
    analysis = analyse(parse_case(case, "generated"), kb, cross_check=True)
    assert analysis.cross_checked is not None  # the cross-check ran and found no disagreement
    return kb, {f.rule.id for f in analysis.result.fired if f.rule.id.startswith("GEN-")}


@SETTINGS
@given(rules=st.integers(1, 3).flatmap(
    lambda n: st.tuples(*[generated_rule(i) for i in range(n)]).map(list)), case=cases())
def test_engine_and_evaluator_agree_on_generated_rules(base_kb: Base,
                                                       rules: list[dict[str, Any]],
                                                       case: dict[str, Any]) -> None:
    _check(base_kb, rules, case)


def _shapes(rule: dict[str, Any]) -> set[str]:
    items = rule["when"]["all"]
    positive = Counter(next(k for k in i if k != "as") for i in items if "not" not in i)
    negated = {next(iter(i["not"])) for i in items if "not" in i}
    shapes = set()
    if any(n > 1 for n in positive.values()):
        shapes.add("two patterns of one type")
    if negated & set(positive):
        shapes.add("not beside a positive pattern of its type")
    if "same_as" in json.dumps(items):
        shapes.add("join")
    return shapes


def test_the_generated_rules_fire_in_every_shape(base_kb: Base) -> None:
    """The property must exercise the shapes it is about, not only load them."""
    fired_shapes: Counter[str] = Counter()
    refused = 0

    @SETTINGS
    @given(rule=generated_rule(0), case=cases())
    def collect(rule: dict[str, Any], case: dict[str, Any]) -> None:
        nonlocal refused
        kb, fired = _check(base_kb, [rule], case)
        refused += kb is None
        if fired:
            fired_shapes.update(_shapes(rule))

    collect()
    assert refused < 90, refused  # most refusals: a `not` joined to its own type (E120)
    for shape in ("two patterns of one type", "not beside a positive pattern of its type",
                  "join"):
        assert fired_shapes[shape] >= 5, (fired_shapes, refused)

"""The reference evaluator judges a pattern's fixed tests once per working memory, shared by the
patterns that have the same ones (issue 15); what it shares never crosses processes."""

from __future__ import annotations

import pickle

from engine.kb.conditions import Branch, Pattern
from engine.kb.conditions import Test as ConditionTest
from engine.reasoning import evaluate
from engine.reasoning.evaluate import bindings, index_by_type, pattern_holds

FACTS = [{"id": f"observation-{i}", "t": "observation", "name": name, "value": value}
         for i, (name, value) in enumerate([("a", True), ("b", True), ("a", False),
                                            ("b", False)], 1)]


def _pattern(name: str, value: bool, alias: str = "o") -> Pattern:
    tests = (ConditionTest("name", "is", name, "p", 1, 1),
             ConditionTest("value", "is", value, "p", 1, 1))
    return Pattern("observation", alias, tests, False, "p", 1, 1)


def _ids(pattern: Pattern, memory: dict) -> list[str]:  # type: ignore[type-arg]
    return [b[pattern.alias]["id"] for b in bindings(Branch((pattern,)), memory)]


def test_patterns_with_the_same_tests_share_one_judgement_and_others_do_not() -> None:
    memory = index_by_type(FACTS)
    a, same_as_a, b = _pattern("a", True), _pattern("a", True, "x"), _pattern("b", True)
    assert _ids(a, memory) == ["observation-1"]
    assert _ids(same_as_a, memory) == ["observation-1"]
    assert _ids(b, memory) == ["observation-2"]
    assert len(memory.passing) == 2
    for p in (a, b):
        assert _ids(p, memory) == [f["id"] for f in FACTS if pattern_holds(p, f, {})]


def test_a_pattern_from_another_process_is_judged_again() -> None:
    memory = index_by_type(FACTS)
    a = _pattern("a", True)
    _ids(a, memory)
    b = pickle.loads(pickle.dumps(_pattern("b", False)))
    # as if worked out by another process, whose registry gave it the id `a` has here
    object.__setattr__(b, "_split", ("another process", a.__dict__["_split"][1], (), ()))
    assert _ids(b, memory) == ["observation-4"]
    assert b.__dict__["_split"][0] == evaluate._REGISTRY

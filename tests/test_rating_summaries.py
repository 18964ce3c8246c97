"""Ratings are summarised per (source, dimension) before inference (fuzz finding D02, issue 10).

A valid case with 500 ratings on one dimension took 196 s and ~8 GB, then failed: durable_rules
fires once per matching combination, so rules that join two ratings (GOAL-09: self against
supervisor on one dimension) multiplied. Measure in Python, reason in rules: one `rating` fact per
source and dimension carries the mean score, the count, the lowest, the highest and the spread, so
working memory grows with the dimensions rated, never with the number of ratings.
"""

from __future__ import annotations

from typing import Any

from engine.api import analyse
from engine.case import parse_case
from engine.kb.base import KnowledgeBase
from engine.reasoning.facts import build_facts

KPIS = ["sales_growth", "report_accuracy", "budget_deviation", "customer_satisfaction",
        "task_completion_rate", "on_time_delivery", "output_per_hour", "error_rate",
        "first_contact_resolution", "milestone_hit_rate", "average_handling_time",
        "escaped_defects", "close_cycle_days", "customer_visits"]


def worst_case(n: int, concerns: int = 0) -> dict[str, Any]:
    """The fuzz finding's case: 14 KPIs far off target, n self + n supervisor ratings on one
    dimension (tests/../fuzz-findings/D02.../make_case.py), and `concerns` stated concerns."""
    history = [{"period": "a", "actual": 100}, {"period": "b", "actual": 90},
               {"period": "c", "actual": 50}]
    return {
        "case_id": "WORST", "as_of": "2026-10-31", "period": "2026-10",
        "employee": {"id": "E1", "role": "R", "department": "D", "tenure_months": 12},
        "metrics": [{"kpi": k, "target": 100, "actual": 1, "history": history} for k in KPIS],
        "ratings": [{"source": "self", "dimension": "attention_to_detail", "score": 5}] * n
                   + [{"source": "supervisor", "dimension": "attention_to_detail", "score": 1}] * n,
        "concerns": [{"area": "collaboration", "severity": "severe", "description": "x"}]
                    * concerns,
    }


def _ratings(kb: KnowledgeBase, data: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in build_facts(parse_case(data, "case.yaml"), kb).facts if f["t"] == "rating"]


def test_D02_a_case_with_500_ratings_on_one_dimension_is_diagnosed(kb: KnowledgeBase) -> None:
    analysis = analyse(parse_case(worst_case(250, 36), "case.yaml"), kb)
    assert analysis.cross_checked is not None
    ratings = [f for f in analysis.result.facts.values() if f["t"] == "rating"]
    assert [(f["id"], f["source"], f["score"], f["count"]) for f in ratings] == [
        ("rating-1", "self", 5, 250), ("rating-251", "supervisor", 1, 250)]
    goal_09 = [f.binding for f in analysis.result.fired if f.rule.id == "GOAL-09"]
    gaps = [f for f in analysis.result.facts.values() if f["t"] == "gap"]
    assert len(gaps) == 45  # 36 concerns, and the 9 KPIs where higher is better (the rest met)
    assert sorted(b["gap"] for b in goal_09) == sorted(g["id"] for g in gaps)
    assert {(b["self_view"], b["rating"]) for b in goal_09} == {("rating-1", "rating-251")}
    # once per gap, not 250 x 250 times


def test_D02_the_work_does_not_grow_with_the_number_of_ratings(kb: KnowledgeBase) -> None:
    few = analyse(parse_case(worst_case(2), "case.yaml"), kb)
    many = analyse(parse_case(worst_case(250), "case.yaml"), kb)
    assert len(many.result.fired) == len(few.result.fired)
    assert len(many.result.trace.steps) == len(few.result.trace.steps)


def test_ratings_of_one_source_on_one_dimension_become_one_summary(kb: KnowledgeBase) -> None:
    data = worst_case(0)
    data["ratings"] = [
        {"source": "supervisor", "dimension": "communication", "score": 2},
        {"source": "peer", "dimension": "communication", "score": 3, "raters": 4},
        {"source": "supervisor", "dimension": "communication", "score": 7, "scale": 10},
        {"source": "supervisor", "dimension": "teamwork", "score": 4},
        {"source": "supervisor", "dimension": "communication", "score": 4.5},
    ]
    assert _ratings(kb, data) == [
        {"id": "rating-1", "t": "rating", "source": "supervisor", "dimension": "communication",
         "score": 3.39, "count": 3, "lowest": 2, "highest": 4.5, "spread": 2.5},
        {"id": "rating-2", "t": "rating", "source": "peer", "dimension": "communication",
         "score": 3, "count": 1, "lowest": 3, "highest": 3, "spread": 0, "raw_score": 3,
         "scale": 5, "raters": 4},
        {"id": "rating-4", "t": "rating", "source": "supervisor", "dimension": "teamwork",
         "score": 4, "count": 1, "lowest": 4, "highest": 4, "spread": 0, "raw_score": 4,
         "scale": 5},
    ]


def test_the_summarising_is_in_the_trace(kb: KnowledgeBase) -> None:
    data = worst_case(0)
    data["ratings"] = [{"source": "supervisor", "dimension": "communication", "score": 2},
                       {"source": "peer", "dimension": "communication", "score": 3},
                       {"source": "supervisor", "dimension": "communication", "score": 4}]
    analysis = analyse(parse_case(data, "case.yaml"), kb)
    steps = [s for s in analysis.result.trace.steps if s.kind == "summarise"]
    assert [(s.stage, s.matched, s.asserted, s.location, s.note) for s in steps] == [
        ("input", {"rating": "rating-1"},
         {"source": "supervisor", "dimension": "communication", "score": 3.0, "count": 2,
          "lowest": 2, "highest": 4, "spread": 2}, "case.yaml",
         "2 ratings summarised: ratings[0], ratings[2]")]

"""Property: on random cases, the reference evaluator finds exactly what durable_rules fired.

The KB is the default one plus rules using every operator, joins, `not` and `any`; values are
drawn from the thresholds the rules use, so boundaries are hit often.
"""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from engine.api import analyse
from engine.case import parse_case
from engine.kb.base import KnowledgeBase
from engine.kb.load import default_kb_dir, load_kb
from tests.conftest import DATA


@pytest.fixture(scope="module")
def wide_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    root = tmp_path_factory.mktemp("kb")
    for sub in ("rules", "knowledge_base"):
        shutil.copytree(default_kb_dir() / sub, root / sub)
    shutil.copy(DATA / "crosscheck_rules.yaml", root / "rules" / "zz_crosscheck.yaml")
    return load_kb(root)


NUMBERS = [0, 0.5, 1, 2, 2.5, 2.9, 3, 3.1, 4, 5, 6, 8, 10, 15, 50, 90, 95, 100]


def _observation(kb: KnowledgeBase, name: str) -> st.SearchStrategy[dict[str, Any]]:
    spec = kb.observations[name]
    if spec.type == "boolean":
        value: st.SearchStrategy[Any] = st.booleans()
    elif spec.type == "choice":
        value = st.sampled_from(spec.choices or [])
    elif spec.type == "number":
        lo, hi = spec.low or 0, spec.high if spec.high is not None else 100
        value = st.sampled_from(sorted({lo, hi, *(n for n in NUMBERS + [0.3, 0.35, 51]
                                                 if lo <= n <= hi)}))
    else:
        value = st.text(max_size=5)
    # any answer may be "unknown" (one in four); a finding may be about one KPI or area (scope,
    # one in four)
    about = st.sampled_from([None, None, None, *sorted(kb.kpis)[:4], *sorted(kb.areas)[:2]])
    finding = st.fixed_dictionaries({
        "name": st.just(name), "value": st.one_of(value, value, value, st.just("unknown")),
        "about": about})
    return finding.map(lambda o: {k: v for k, v in o.items() if v is not None})


def cases(kb: KnowledgeBase) -> st.SearchStrategy[dict[str, Any]]:
    number = st.sampled_from(NUMBERS)
    metric = st.fixed_dictionaries(
        {"kpi": st.sampled_from(sorted(kb.kpis)), "target": number, "actual": number},
        optional={"history": st.lists(st.fixed_dictionaries(
            {"period": st.just("P"), "actual": number}), max_size=4),
            "team_median": number,
            "team_meeting_target": st.sampled_from([0.0, 0.2, 0.5, 1.0])}).filter(
        # a target of 0 is graded with shortfall bands; a KPI without them refuses it (tested
        # elsewhere)
        lambda m: m["target"] != 0 or kb.kpis[m["kpi"]].bands.shortfall is not None)
    rating = st.fixed_dictionaries({
        "source": st.sampled_from(["supervisor", "peer", "subordinate", "customer", "self"]),
        "dimension": st.sampled_from(sorted(kb.dimensions)[:4]),
        "score": st.sampled_from([1, 2, 2.5, 2.9, 3, 3.1, 4, 5])})
    concern = st.fixed_dictionaries({
        "kpi": st.sampled_from(sorted(kb.kpis)[:4]),
        "severity": st.sampled_from(["minor", "moderate", "severe"]),
        "description": st.just("stated")})
    # a concern about an area (one in four), so that findings about an area meet its gap
    area_concern = st.fixed_dictionaries({
        "area": st.sampled_from(sorted(kb.areas)[:2]),
        "severity": st.sampled_from(["moderate", "severe"]), "description": st.just("stated")})
    concern = st.one_of(concern, concern, concern, area_concern)
    observations = st.lists(st.sampled_from(sorted(kb.observations)), unique=True,
                            max_size=12).flatmap(
        lambda names: st.tuples(*[_observation(kb, n) for n in names]).map(list))
    return st.fixed_dictionaries({
        "case_id": st.just("P-1"), "as_of": st.just("2026-10-31"), "period": st.just("Q3"),
        "employee": st.fixed_dictionaries({
            "id": st.just("E"), "role": st.just("r"), "department": st.just("d"),
            "tenure_months": st.sampled_from([0, 3, 6, 11, 12, 40, "unknown", None]),
        }).map(lambda e: {k: v for k, v in e.items() if v is not None}),
        "metrics": st.lists(metric, max_size=4, unique_by=lambda m: m["kpi"]),
        "ratings": st.lists(rating, max_size=5),
        "observations": observations,
        # one concern per KPI (a case naming a KPI in two concerns is refused)
        "concerns": st.lists(concern, max_size=2).map(_one_per_kpi),
    })


def _one_per_kpi(concerns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop a second concern about the same KPI (a case naming a KPI twice is refused)."""
    seen: set[str] = set()
    kept = []
    for c in concerns:
        if "kpi" in c and c["kpi"] in seen:
            continue
        seen.update([c["kpi"]] if "kpi" in c else [])
        kept.append(c)
    return kept


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.data_too_large])
@given(data=st.data())
def test_engine_and_reference_evaluator_agree(wide_kb: KnowledgeBase, data: st.DataObject) -> None:
    case = data.draw(cases(wide_kb))
    analysis = analyse(parse_case(case, "generated"), wide_kb, cross_check=True)
    assert analysis.cross_checked is not None


def test_the_extra_rules_do_fire(wide_kb: KnowledgeBase) -> None:
    """The property test must exercise its rules, not only load them."""
    fired: set[str] = set()
    strategy = cases(wide_kb)

    @settings(max_examples=300, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(case=strategy)
    # with unknown and scoped findings drawn too, the derandomised draws can miss XC-03, XC-05
    # and XC-06 (which draws come out shifts with the KB's vocabulary)
    @example(case={"case_id": "X", "as_of": "2026-10-31", "period": "Q3",
                   "employee": {"id": "E", "role": "r", "department": "d"},
                   "metrics": [{"kpi": "sales_growth", "target": 15, "actual": 5}],
                   "ratings": [{"source": "peer", "dimension": "communication", "score": 2},
                               {"source": "supervisor", "dimension": "communication",
                                "score": 2}]})
    @example(case={"case_id": "X", "as_of": "2026-10-31", "period": "Q3",
                   "employee": {"id": "E", "role": "r", "department": "d"},
                   "metrics": [{"kpi": "sales_growth", "target": 15, "actual": 5}],
                   "concerns": [{"kpi": "sales_growth", "severity": "severe",
                                 "description": "stated"}]})
    @example(case={"case_id": "X", "as_of": "2026-10-31", "period": "Q3",
                   "employee": {"id": "E", "role": "r", "department": "d"},
                   "metrics": [{"kpi": "sales_growth", "target": 15, "actual": 5}],
                   "observations": [{"name": "workload_hours_per_week", "value": 60,
                                     "about": "sales_growth"}]})
    def collect(case: dict[str, Any]) -> None:
        analysis = analyse(parse_case(case, "generated"), wide_kb, cross_check=True)
        fired.update(f.rule.id for f in analysis.result.fired)

    collect()
    assert {f"XC-{i:02}" for i in range(1, 11)} <= fired, sorted(fired)


def test_regression_durable_rules_ignores_joins_on_id(wide_kb: KnowledgeBase) -> None:
    """durable_rules never matched `gap: {same_as: gap.id}`; perfdx joins on a copy of the id."""
    case = {
        "case_id": "R-1", "as_of": "2026-10-31", "period": "Q3",
        "employee": {"id": "E", "role": "r", "department": "d", "tenure_months": 3},
        "metrics": [
            {"kpi": "sales_growth", "target": 15, "actual": 5, "team_median": 14,
             "history": [{"period": "Q1", "actual": 12}, {"period": "Q2", "actual": 9}]},
            {"kpi": "customer_satisfaction", "target": 4, "actual": 3.5}],
        "ratings": [{"source": "peer", "dimension": "communication", "score": 2}],
    }
    analysis = analyse(parse_case(case, "regression"), wide_kb, cross_check=True)
    fired = [(f.rule.id, f.binding) for f in analysis.result.fired if f.rule.id == "XC-07"]
    assert fired == [("XC-07", {"gap": "gap-metric-2",
                                "evidence": "evidence-motivation-gap-metric-2"})]

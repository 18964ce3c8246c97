"""Benchmark: the cost of ratings. Prints the time of a diagnosis with 500 ratings on one
dimension against one with 5, as a ratio (fuzz finding D02, issue 10).

    .venv/bin/python bench/ratings.py               # 20 rounds, cross-check on (the default)
    .venv/bin/python bench/ratings.py --rounds 50 --no-cross-check

Before issue 10, 500 ratings on one dimension took 196 s and ~8 GB and then failed; rules that
join two ratings did work in the product of the ratings. Ratings are now summarised per (source,
dimension) before inference, so the ratio should stay near 1 (the summing is linear and small).
Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.api import analyse  # noqa: E402
from engine.case import parse_case  # noqa: E402
from engine.kb.load import load_kb  # noqa: E402

KPIS = ["sales_growth", "report_accuracy", "budget_deviation", "customer_satisfaction",
        "task_completion_rate", "on_time_delivery", "output_per_hour", "error_rate",
        "first_contact_resolution", "milestone_hit_rate", "average_handling_time",
        "escaped_defects", "close_cycle_days", "customer_visits"]


def case(ratings: int) -> dict[str, Any]:
    """The fuzz finding's worst case: 14 KPIs far off target, self and supervisor ratings in turn
    on one dimension (the join GOAL-09 makes)."""
    history = [{"period": "a", "actual": 100}, {"period": "b", "actual": 90},
               {"period": "c", "actual": 50}]
    return {
        "case_id": "BENCH", "as_of": "2026-10-31", "period": "2026-10",
        "employee": {"id": "E1", "role": "R", "department": "D", "tenure_months": 12},
        "metrics": [{"kpi": k, "target": 100, "actual": 1, "history": history} for k in KPIS],
        "ratings": [{"source": "self" if i % 2 == 0 else "supervisor",
                     "dimension": "attention_to_detail", "score": 5 if i % 2 == 0 else 1}
                    for i in range(ratings)],
    }


def timed(data: dict[str, Any], rounds: int, cross_check: bool) -> float:
    kb = load_kb()
    analyse(parse_case(data, "bench"), kb, cross_check=cross_check)  # compile, warm caches
    start = time.perf_counter()
    for _ in range(rounds):
        analyse(parse_case(data, "bench"), kb, cross_check=cross_check)
    return (time.perf_counter() - start) / rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="diagnoses of each case")
    parser.add_argument("--no-cross-check", action="store_true", help="skip the cross-check")
    args = parser.parse_args()
    check = not args.no_cross_check
    few, many = timed(case(5), args.rounds, check), timed(case(500), args.rounds, check)
    print(f"cross-check:        {'on' if check else 'off'}, {args.rounds} rounds each")
    print(f"5 ratings:          {few * 1000:.1f} ms per diagnosis")
    print(f"500 ratings:        {many * 1000:.1f} ms per diagnosis")
    print(f"ratio 500 / 5:      {many / few:.2f} (before issue 10: minutes and ~8 GB, then a "
          "failure; 1.0 = no cost per rating)")


if __name__ == "__main__":
    main()

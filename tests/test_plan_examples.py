"""Every example case gives a plan whose goals carry metric, target, due date, owner and cause,
and whose dates all fall on working days from the start on. Works for whatever cases exist."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine.api import analyse
from engine.case import load_case
from engine.plan import build_plan
from engine.plan.calendar import WorkCalendar
from engine.plan.policy import plan_policy
from tests.conftest import EXAMPLES

CASES = sorted(EXAMPLES.glob("*.yaml"))
DATE_KEYS = {"start", "end", "due", "date", "first_day", "last_day"}


def _dates(value: Any, key: str = "") -> Iterator[tuple[str, dt.date]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _dates(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _dates(v, key)
    elif key in DATE_KEYS and isinstance(value, str):
        yield key, dt.date.fromisoformat(value)


def test_there_are_example_cases() -> None:
    assert len(CASES) >= 3


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_goals_carry_metric_target_due_owner_and_cause(path: Path, run, kb) -> None:
    result = run("plan", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    diagnosis = analyse(load_case(str(path)), kb).diagnosis
    wanted = plan_policy(kb).significant_severities
    significant = [g.id for g in diagnosis.gaps if g.severity in wanted]
    assert [g["gap"] for g in plan["goals"]] == significant
    assert plan["kind"] == ("pip" if significant else "monitoring")
    for goal in plan["goals"]:
        assert goal["metric"] and goal["metric_name"]
        if goal["kind"] == "result":
            assert isinstance(goal["target"], float) and isinstance(goal["baseline"], float)
            assert goal["measured_in"]
            assert goal["status"] == "complete"
        else:
            assert goal["target"] is None and goal["indicator"]
            assert goal["target_text"] == "to be agreed in the interview"
            assert (goal["status"], goal["incomplete"]) == ("incomplete", ["target"])
        assert goal["due"] and goal["owner"] in kb.owners
        reported = {c.pattern for c in diagnosis.causes if c.gap == goal["gap"]}
        assert goal["cause"] in reported


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
@pytest.mark.parametrize("start", [None, dt.date(2027, 1, 2)], ids=["default", "saturday"])
def test_every_date_is_a_working_day_from_the_start_on(path: Path, start, kb) -> None:
    analysis = analyse(load_case(str(path)), kb)
    if start is not None and start < analysis.diagnosis.as_of:
        start = analysis.diagnosis.as_of
    plan = build_plan(analysis, start=start)
    cal = WorkCalendar.from_policy(plan_policy(kb))
    if start is None:
        assert plan.start == cal.next_after(analysis.diagnosis.as_of)
    assert cal.is_working(plan.start)
    found = list(_dates(json.loads(plan.to_json())))
    assert len(found) > 2
    for key, day in found:
        assert cal.is_working(day), (key, day)
        assert day >= plan.start, (key, day)
        if key in ("due", "end", "date"):
            assert day > plan.start, (key, day)
        assert day <= plan.end, (key, day)

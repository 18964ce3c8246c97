"""Where a plan stands on a date: each goal against its milestone path, the training done
against the schedule, and the check-ins held and missed.

The rule for a goal (stated in every rendering): the share of the shortfall closed by the
latest figure, (figure - baseline) / (target - baseline), is compared with the share the plan's
milestone path expects on that figure's date (a straight line from 0 at the start through each
milestone's share to 1 at the due date). Within TOLERANCE of it the goal is on track; below,
behind; above, ahead. Everything is computed from the records and an explicit `as_of` date,
never the clock, so the same log gives the same status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ..plan.model import Goal
from .changes import plan_in_force
from .errors import TrackingError
from .history import Tracked

TOLERANCE = 0.10  # share of the shortfall (10 points) either side of the path: still on track

GoalState = Literal["on_track", "behind", "ahead", "no_figure", "not_measured", "no_target"]


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Point(_M):
    date: dt.date
    value: float


class GoalProgress(_M):
    goal: str
    kind: Literal["result", "behaviour"]
    metric: str
    name: str  # in the language asked for
    unit: str | None
    direction: str | None
    baseline: float | None
    target: float | None
    due: dt.date
    state: GoalState
    latest: Point | None  # the latest figure on or before as_of
    closed: float | None  # share of the shortfall the latest figure closed
    expected: float | None  # share the milestone path expects on the latest figure's date
    next_milestone: Point | None  # the next point of the path after as_of (target at the end)
    observed: list[Point]  # every figure on or before as_of, by date (a later entry corrects)
    path: list[Point]  # baseline at the start, the milestones, the target at the due date


class SessionProgress(_M):
    id: str  # COURSE:PART
    course: str
    name: str
    part: int
    parts: int
    hours: float
    due: dt.date  # the last day of its week
    done_on: dt.date | None  # the check-in that recorded it done


class TrainingProgress(_M):
    sessions: list[SessionProgress]
    hours_total: float
    hours_due: float  # scheduled to be done by as_of
    hours_done: float
    overdue: list[str]  # sessions due by as_of and not done


class CheckinEntry(_M):
    id: str
    date: dt.date
    kpis: dict[str, float]
    training: list[str]
    note: str | None
    entered_by: str | None  # the OS account


class ChangeEntry(_M):
    id: str  # the adjustment record
    date: dt.date
    reason: str
    item: str  # goal-N, action-N or plan
    field: str  # target, due, milestones, end
    before: Any  # the earlier value, as recorded
    after: Any


class Status(_M):
    plan: str  # the plan's record id
    case_id: str
    employee: str
    role: str
    start: dt.date
    end: dt.date
    as_of: dt.date
    review_state: str  # the plan's human-review state (draft until someone reviews it)
    closed: str | None  # the outcome, once the plan is closed
    tolerance: float
    goals: list[GoalProgress]
    training: TrainingProgress
    checkins_due: list[dt.date]  # planned check-ins on or before as_of
    checkins_missed: list[dt.date]  # ... of those, before as_of, with no check-in in their week
    next_checkin: dt.date | None
    checkins: list[CheckinEntry]
    changes: list[ChangeEntry]  # every plan change, in the order recorded

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def path_of(goal: Goal, start: dt.date) -> list[tuple[dt.date, float, float]]:
    """(date, value, share closed) from the baseline at the start to the target at the due date."""
    assert goal.baseline is not None and goal.target is not None
    points = [(start, goal.baseline, 0.0)]
    points += [(m.date, float(m.value), m.closed) for m in goal.milestones if m.value is not None]
    points.append((goal.due, goal.target, 1.0))
    return points


def expected_share(points: list[tuple[dt.date, float, float]], day: dt.date) -> float:
    """The share of the shortfall the path expects closed on `day` (linear between points)."""
    if day <= points[0][0]:
        return 0.0
    for (d0, _v0, s0), (d1, _v1, s1) in zip(points, points[1:], strict=False):
        if day <= d1:
            span = (d1 - d0).days
            return s1 if span <= 0 else s0 + (s1 - s0) * (day - d0).days / span
    return 1.0


def _figures(tracked: Tracked, kpi: str, as_of: dt.date) -> list[Point]:
    by_date: dict[dt.date, float] = {}
    for r in tracked.of_kind("checkin"):  # chain order: a later record for a date corrects it
        day = dt.date.fromisoformat(r.data["date"])
        if day <= as_of and kpi in (r.data.get("kpis") or {}):
            by_date[day] = float(r.data["kpis"][kpi])
    return [Point(date=d, value=v) for d, v in sorted(by_date.items())]


def goal_progress(goal: Goal, tracked: Tracked, as_of: dt.date, name: str) -> GoalProgress:
    """One goal (as in force) against its milestone path."""
    base = {"goal": goal.id, "kind": goal.kind, "metric": goal.metric, "name": name,
            "unit": goal.unit, "direction": goal.direction, "baseline": goal.baseline,
            "target": goal.target, "due": goal.due}
    if goal.kind != "result":
        return GoalProgress(**base, state="not_measured", latest=None, closed=None,
                            expected=None, next_milestone=None, observed=[], path=[])
    observed = _figures(tracked, goal.metric, as_of)
    latest = observed[-1] if observed else None
    if goal.baseline is None or goal.target is None or goal.target == goal.baseline:
        return GoalProgress(**base, state="no_target", latest=latest, closed=None, expected=None,
                            next_milestone=None, observed=observed, path=[])
    points = path_of(goal, tracked.plan.start)
    path = [Point(date=d, value=v) for d, v, _s in points]
    upcoming = next((p for p in path[1:] if p.date > as_of), None)
    if latest is None:
        return GoalProgress(**base, state="no_figure", latest=None, closed=None, expected=None,
                            next_milestone=upcoming, observed=[], path=path)
    closed = round((latest.value - goal.baseline) / (goal.target - goal.baseline), 4)
    expected = round(expected_share(points, latest.date), 4)
    state: GoalState = "on_track"
    if closed < round(expected - TOLERANCE, 4):
        state = "behind"
    elif closed > round(expected + TOLERANCE, 4):
        state = "ahead"
    return GoalProgress(**base, state=state, latest=latest, closed=closed, expected=expected,
                        next_milestone=upcoming, observed=observed, path=path)


def training_progress(tracked: Tracked, as_of: dt.date, names: Mapping[str, str]
                      ) -> TrainingProgress:
    done_on: dict[str, dt.date] = {}
    for r in tracked.of_kind("checkin"):
        day = dt.date.fromisoformat(r.data["date"])
        if day > as_of:
            continue
        for sid in r.data.get("training") or []:
            done_on[sid] = min(day, done_on.get(sid, day))
    sessions = [SessionProgress(id=f"{s.course}:{s.part}", course=s.course,
                                name=names.get(s.course, s.course_name), part=s.part,
                                parts=s.parts, hours=s.hours, due=s.last_day,
                                done_on=done_on.get(f"{s.course}:{s.part}"))
                for s in tracked.plan.training]
    due = [s for s in sessions if s.due <= as_of]
    return TrainingProgress(
        sessions=sessions, hours_total=sum(s.hours for s in sessions),
        hours_due=sum(s.hours for s in due),
        hours_done=sum(s.hours for s in sessions if s.done_on is not None),
        overdue=[s.id for s in due if s.done_on is None])


def default_as_of(tracked: Tracked) -> dt.date:
    """The latest check-in's or change's date, else the plan's start: never the clock."""
    days = [dt.date.fromisoformat(r.data["date"]) for r in tracked.records
            if r.kind in ("checkin", "adjustment") and "date" in r.data]
    return max(days) if days else tracked.plan.start


def status(tracked: Tracked, as_of: dt.date | None = None,
           names: Mapping[str, str] | None = None) -> Status:
    """Where the plan stands on `as_of` (default: its latest check-in or change), by the plan
    in force that day. `names`: KPI, area and course ids -> names in the language wanted
    (default: the plan's own)."""
    labels = dict(names or {})
    day = as_of or default_as_of(tracked)
    plan = plan_in_force(tracked, day)
    if day < plan.start:
        raise TrackingError(f"--as-of {day.isoformat()} is before plan {tracked.id} started "
                            f"({plan.start.isoformat()})")
    goals = [goal_progress(g, tracked, day, labels.get(g.metric, g.metric_name))
             for g in plan.goals]
    checkins = [CheckinEntry(id=r.id, date=dt.date.fromisoformat(r.data["date"]),
                             kpis=r.data.get("kpis") or {}, training=r.data.get("training") or [],
                             note=r.data.get("note"),
                             entered_by=(r.data.get("entered_by") or {}).get("account"))
                for r in tracked.of_kind("checkin")]
    weeks = {_monday(c.date) for c in checkins if c.date <= day}
    planned = [c.date for c in plan.check_ins]
    due = [d for d in planned if d <= day]
    missed = [d for d in due if d < day and _monday(d) not in weeks]
    closing = tracked.closing
    return Status(
        plan=tracked.id, case_id=plan.case_id, employee=plan.employee.id,
        role=plan.employee.role, start=plan.start, end=plan.end, as_of=day,
        review_state=tracked.review_state,
        closed=str(closing.data.get("outcome")) if closing else None, tolerance=TOLERANCE,
        goals=goals, training=training_progress(tracked, day, labels), checkins_due=due,
        checkins_missed=missed, next_checkin=next((d for d in planned if d > day), None),
        checkins=sorted((c for c in checkins if c.date <= day), key=lambda c: c.date),
        changes=[ChangeEntry(id=r.id, date=dt.date.fromisoformat(r.data["date"]),
                             reason=str(r.data.get("reason")), item=c["item"], field=c["field"],
                             before=c["from"], after=c["to"])
                 for r in tracked.of_kind("adjustment") for c in r.data.get("changes") or []
                 if dt.date.fromisoformat(r.data["date"]) <= day])

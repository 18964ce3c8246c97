"""The SMART check: a goal is specific, measurable, achievable, relevant and time-bound, or the
plan is refused. A goal that fails is never printed as if it were fine.

The one accepted gap is a behavioural goal's target while it is "to be agreed in the interview"
(a concern that states its own `target` has none):
the goal carries `status: incomplete` and `incomplete: ["target"]`, and every rendering says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from ..errors import PlanError
from ..explain.wording import number
from .calendar import WorkCalendar
from .model import Goal


def _beyond(goal: Goal) -> bool:
    """The target asks for a better result than the baseline, in the KPI's direction."""
    assert goal.baseline is not None and goal.target is not None
    if goal.direction == "lower_is_better":
        return goal.target < goal.baseline
    return goal.target > goal.baseline


def _between(goal: Goal, value: float) -> bool:
    assert goal.baseline is not None and goal.target is not None
    low, high = sorted((goal.baseline, goal.target))
    return low <= value <= high


def smart_failures(goal: Goal, *, start: dt.date, end: dt.date, cal: WorkCalendar,
                   owners: Collection[str]) -> list[str]:
    """What keeps `goal` from being SMART, in words (empty when it passes)."""
    out: list[str] = []
    # specific
    if not goal.metric:
        out.append("no KPI or area (specific)")
    # measurable
    if goal.kind == "result":
        if goal.baseline is None:
            out.append("no baseline figure (measurable)")
        if goal.target is None:
            out.append("no target number (measurable)")
        if not goal.measured_in:
            out.append(f"no source for the figure: KPI {goal.metric!r} has no `measured_in` "
                       "(measurable)")
    else:
        if not goal.indicator:
            out.append(f"no indicator for {goal.metric!r}: the area has no `indicator` "
                       "(measurable)")
        if goal.target is None and not goal.stated_target and "target" not in goal.incomplete:
            out.append("no target, and not marked to be agreed in the interview (measurable)")
    if goal.status == "complete" and goal.incomplete:
        out.append("marked complete while " + ", ".join(goal.incomplete) + " is open")
    if goal.status == "incomplete" and not goal.incomplete:
        out.append("marked incomplete without saying what is open")
    # achievable: a real step from the baseline, with milestones on the way
    if goal.kind == "result" and goal.baseline is not None and goal.target is not None:
        if not _beyond(goal):
            out.append(f"the target {number(goal.target)} is not beyond the baseline "
                       f"{number(goal.baseline)} (achievable)")
        for m in goal.milestones:
            if m.value is None or not _between(goal, m.value):
                out.append(f"milestone {m.date.isoformat()} is not between the baseline and "
                           "the target (achievable)")
    # relevant
    if not goal.cause:
        out.append("no cause: no diagnosed cause reaches the reporting threshold for this gap "
                   "(relevant)")
    # time-bound
    if not (start < goal.due <= end) or not cal.is_working(goal.due):
        out.append(f"due date {goal.due.isoformat()} is not a working day within the plan "
                   f"({start.isoformat()} to {end.isoformat()}) (time-bound)")
    previous = start
    for m in goal.milestones:
        if not (previous < m.date < goal.due) or not cal.is_working(m.date):
            out.append(f"milestone date {m.date.isoformat()} is not a working day between the "
                       "start and the due date, in order (time-bound)")
        previous = m.date
    # owned
    if not goal.owner:
        out.append("no owner")
    elif goal.owner not in owners:
        out.append(f"owner {goal.owner!r} is not in the owners catalog")
    return out


def check_goals(goals: list[Goal], *, start: dt.date, end: dt.date, cal: WorkCalendar,
                owners: Collection[str], hint: str | None = None,
                file: str | None = None) -> None:
    """Raise PlanError naming every goal that fails the SMART check (and `file`, the case)."""
    failures = []
    for i, goal in enumerate(goals, 1):
        found = smart_failures(goal, start=start, end=end, cal=cal, owners=owners)
        if found:
            failures.append(f"goal {i} ({goal.metric_name}): " + "; ".join(found))
    if failures:
        raise PlanError("the plan fails the SMART check: " + " | ".join(failures), hint=hint,
                        file=file)

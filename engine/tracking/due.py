"""The specialist's week (`perfdx track due`): across open plans, the check-ins and monthly
reviews due in a week, and those overdue (planned before it and not held)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..audit.store import AuditLog
from .changes import plan_in_force
from .errors import TrackingError
from .history import Tracked, load_tracked

HELD_WITHIN = 7  # a monthly review drafted within a week of the planned date holds it


@dataclass(frozen=True)
class Due:
    plan: str
    employee: str
    what: str  # checkin | review
    number: int
    date: dt.date
    overdue: bool


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def open_plans(log: AuditLog) -> list[Tracked]:
    """Every improvement plan of the log not closed yet, in chain order."""
    out = []
    for row in log.rows("kind = 'plan' AND content IS NOT NULL"):
        try:
            tracked = load_tracked(log, row.id)
        except TrackingError:
            continue  # a monitoring note, or a record this perfdx cannot read: nothing to track
        if tracked.closing is None:
            out.append(tracked)
    return out


def due_in(tracked: Tracked, week: dt.date) -> list[Due]:
    start = _monday(week)
    end = start + dt.timedelta(days=6)
    plan = plan_in_force(tracked)
    held = {_monday(dt.date.fromisoformat(r.data["date"])) for r in tracked.of_kind("checkin")}
    drafts = [dt.date.fromisoformat(r.data["as_of"]) for r in tracked.of_kind("monthly")]
    out = []
    for c in plan.check_ins:
        if c.date <= end and _monday(c.date) not in held:
            out.append(Due(tracked.id, plan.employee.id, "checkin", c.number, c.date,
                           c.date < start))
    for r in plan.reviews:
        day = plan.end if r.final else r.date  # 'track adjust --end' moves the final review
        if day <= end and not any(abs((d - day).days) <= HELD_WITHIN for d in drafts):
            out.append(Due(tracked.id, plan.employee.id, "review", r.number, day, day < start))
    return out


def due(log: AuditLog, week: dt.date) -> list[Due]:
    """What is due in the week of `week` (Monday to Sunday) or overdue, by date."""
    items = [d for t in open_plans(log) for d in due_in(t, week)]
    return sorted(items, key=lambda d: (d.date, d.plan, d.what, d.number))

"""The monthly review's draft (`perfdx track monthly`): what moved since the last review, what
did not, and the questions for the conversation with the employee, from the check-ins.

It is a tracking record (kind `monthly`), a draft for a conversation between people; it is
never the human oversight review of a decision (`perfdx audit review`). The questions are codes
with their values, so the record does not depend on the language it was shown in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ..audit.store import AuditLog, Row
from .changes import plan_in_force
from .checkin import check_open
from .errors import TrackingError
from .history import Tracked, load_tracked
from .progress import GoalProgress, Point, Status, default_as_of, status


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Movement(_M):
    goal: str
    name: str
    unit: str | None
    since: Point | None  # the figure the period started from (the baseline at the start)
    now: Point | None  # the latest figure in the period
    moved: Literal["better", "worse", "unchanged", "no_figure", "not_measured"]
    state: str  # the goal's state (progress.GoalState)


class Question(_M):
    code: str  # q_behind, q_ahead, q_worse, q_no_figure, q_training, q_missed, ...
    values: dict[str, Any]


class MonthlyDraft(_M):
    plan: str
    since: dt.date
    as_of: dt.date
    review: int | None  # the plan's review this prepares (the next on or after as_of)
    review_date: dt.date | None
    moved: list[Movement]
    unmoved: list[Movement]
    training_done: list[str]  # sessions recorded done in the period
    training_overdue: list[str]
    checkins_held: int
    checkins_missed: list[dt.date]
    changes: list[str]  # adjustment record ids in the period
    questions: list[Question]

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


def period_start(tracked: Tracked, as_of: dt.date) -> dt.date:
    """The last plan review before `as_of`, or the last monthly draft's day, else the start."""
    plan = tracked.plan
    days = [plan.start] + [r.date for r in plan.reviews if r.date < as_of]
    days += [dt.date.fromisoformat(r.data["as_of"]) for r in tracked.of_kind("monthly")
             if dt.date.fromisoformat(r.data["as_of"]) < as_of]
    return max(days)


def _movement(g: GoalProgress, since: dt.date, start: dt.date) -> Movement:
    base = {"goal": g.goal, "name": g.name, "unit": g.unit, "state": g.state}
    if g.kind != "result":
        return Movement(**base, since=None, now=None, moved="not_measured")
    before = [p for p in g.observed if p.date <= since]
    ref = before[-1] if before else (Point(date=start, value=g.baseline)
                                     if g.baseline is not None else None)
    inside = [p for p in g.observed if p.date > since]
    now = inside[-1] if inside else None
    if now is None or ref is None:
        return Movement(**base, since=ref, now=now, moved="no_figure")
    delta = now.value - ref.value
    if g.direction == "lower_is_better":
        delta = -delta
    moved = "better" if delta > 0 else "worse" if delta < 0 else "unchanged"
    return Movement(**base, since=ref, now=now, moved=moved)  # type: ignore[arg-type]


def _questions(st: Status, moves: list[Movement], since: dt.date,
               measured_in: Mapping[str, str | None], weekday: str) -> list[Question]:
    out: list[Question] = []
    for g, m in zip(st.goals, moves, strict=True):
        v: dict[str, Any] = {"name": g.name, "since": since.isoformat()}
        if g.state == "behind":
            out.append(Question(code="q_behind", values={**v, "closed": g.closed,
                                                         "expected": g.expected}))
        elif g.state == "ahead":
            out.append(Question(code="q_ahead", values=v))
        if m.moved == "worse" and m.since and m.now:
            out.append(Question(code="q_worse", values={**v, "from": m.since.value,
                                                        "to": m.now.value, "unit": g.unit}))
        elif m.moved == "no_figure":
            out.append(Question(code="q_no_figure", values={
                **v, "source": measured_in.get(g.goal) or ""}))
        elif m.moved == "not_measured":
            out.append(Question(code="q_behaviour", values=v))
    for sid in st.training.overdue:
        s = next(x for x in st.training.sessions if x.id == sid)
        out.append(Question(code="q_training", values={"name": s.name, "part": s.part,
                                                       "parts": s.parts,
                                                       "due": s.due.isoformat()}))
    missed = [d for d in st.checkins_missed if d > since]
    if missed:
        out.append(Question(code="q_missed", values={"n": len(missed), "weekday": weekday,
                                                     "dates": [d.isoformat() for d in missed]}))
    out.append(Question(code="q_adjust", values={}))
    out.append(Question(code="q_employee", values={}))
    return out


def draft(tracked: Tracked, as_of: dt.date | None = None,
          names: Mapping[str, str] | None = None) -> MonthlyDraft:
    """The monthly review's draft on `as_of` (default: the latest check-in or change)."""
    day = as_of or default_as_of(tracked)
    st = status(tracked, day, names)
    plan = plan_in_force(tracked, day)
    since = period_start(tracked, day)
    moves = [_movement(g, since, plan.start) for g in st.goals]
    review = next((r for r in plan.reviews if r.date >= day), None)
    done = sorted({sid for r in tracked.of_kind("checkin")
                   if since < dt.date.fromisoformat(r.data["date"]) <= day
                   for sid in r.data.get("training") or []})
    missed = [d for d in st.checkins_missed if d > since]
    due = [d for d in st.checkins_due if d > since]
    return MonthlyDraft(
        plan=tracked.id, since=since, as_of=day, review=review.number if review else None,
        review_date=review.date if review else None,
        moved=[m for m in moves if m.moved in ("better", "worse")],
        unmoved=[m for m in moves if m.moved not in ("better", "worse")],
        training_done=done, training_overdue=st.training.overdue,
        checkins_held=len(due) - len(missed), checkins_missed=missed,
        changes=[c.id for c in st.changes if c.date > since],
        questions=_questions(st, moves, since, {g.id: g.measured_in for g in plan.goals},
                             plan.check_in_weekday))


def record_monthly(log: AuditLog, ref: str, as_of: dt.date | None, *, operator: str,
                   entered_by: dict[str, Any], names: Mapping[str, str] | None = None,
                   now: dt.datetime | None = None) -> tuple[MonthlyDraft, Row]:
    """Draft and append the monthly review under the write lock."""
    with log.write():
        tracked = load_tracked(log, ref)
        check_open(tracked, "monthly review")
        made = draft(tracked, as_of, names)
        if made.as_of < tracked.plan.start:
            raise TrackingError(f"--as-of {made.as_of.isoformat()} is before plan {tracked.id} "
                                f"started ({tracked.plan.start.isoformat()})")
        content = {"as_of": made.as_of.isoformat(), "date": made.as_of.isoformat(),
                   "draft": made.model_dump(mode="json"), "entered_by": entered_by}
        rid = log.append_locked("monthly", content, operator=operator, subject=tracked.id,
                                now=now)
    return made, log.get(rid)

"""Plan changes (`perfdx track adjust`): a goal's target, due date or milestones, an action's
due date, the plan's end, each with a required reason.

The plan record itself never changes: each adjustment record keeps every changed item's earlier
and new value, and the plan in force is the issued plan with the adjustments applied in chain
order. Milestones keep their share of the shortfall when a target moves, so the path stays the
one agreed, scaled to the new target. The adjusted plan's sentences are not redrafted: status
and history show the changes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from ..audit.store import AuditLog, Row
from ..errors import did_you_mean, shown
from ..plan.model import Goal, GoalMilestone, Plan
from .checkin import check_date, check_open, text_value
from .errors import TrackingError
from .history import Tracked, load_tracked


def _number(text: str, option: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise TrackingError(f"{option} {shown(text)} is not a number")
    return value


def _date(text: str, option: str) -> dt.date:
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise TrackingError(f"{option} {shown(text)}: {shown(text)} is not a date; write "
                            "YYYY-MM-DD") from None


def _goal(plan: Plan, goal_id: str, tracked_id: str) -> Goal:
    found = next((g for g in plan.goals if g.id == goal_id), None)
    if found is None:
        ids = [g.id for g in plan.goals]
        hint = did_you_mean(goal_id, ids)
        raise TrackingError(f"--goal {shown(goal_id)}: plan {tracked_id} has no such goal",
                            hint=(hint + "; " if hint else "") + "its goals: " + ", ".join(ids))
    return found


def _milestones(goal: Goal, target: float) -> list[GoalMilestone]:
    assert goal.baseline is not None
    return [m.model_copy(update={"value": round(goal.baseline + m.closed * (target
                                                                             - goal.baseline), 4)})
            if m.value is not None else m for m in goal.milestones]


def apply_change(plan: Plan, change: dict[str, Any]) -> Plan:
    """The plan with one recorded change applied."""
    item, field, new = change["item"], change["field"], change["to"]
    if item == "plan" and field == "end":
        return plan.model_copy(update={"end": dt.date.fromisoformat(new)})
    if item.startswith("action-"):
        actions = [a.model_copy(update={"due": dt.date.fromisoformat(new)}) if a.id == item else a
                   for a in plan.actions]
        return plan.model_copy(update={"actions": actions})
    goals = []
    for g in plan.goals:
        if g.id != item:
            goals.append(g)
        elif field == "target":
            goals.append(g.model_copy(update={"target": float(new),
                                              "milestones": _milestones(g, float(new))}))
        elif field == "due":
            goals.append(g.model_copy(update={"due": dt.date.fromisoformat(new)}))
        else:  # milestones: [[date, value], ...]
            assert g.baseline is not None and g.target is not None
            span = g.target - g.baseline
            goals.append(g.model_copy(update={"milestones": [
                GoalMilestone(date=dt.date.fromisoformat(d), value=float(v),
                              closed=round((float(v) - g.baseline) / span, 4), text="")
                for d, v in new]}))
    return plan.model_copy(update={"goals": goals})


def plan_in_force(tracked: Tracked, as_of: dt.date | None = None) -> Plan:
    """The issued plan with every adjustment (dated on or before `as_of`, if given) applied,
    in chain order."""
    plan = tracked.plan
    for record in tracked.of_kind("adjustment"):
        if as_of is not None and dt.date.fromisoformat(record.data["date"]) > as_of:
            continue
        for change in record.data.get("changes") or []:
            plan = apply_change(plan, change)
    return plan


def _check_target(goal: Goal, target: float) -> None:
    if goal.kind != "result" or goal.baseline is None:
        raise TrackingError(f"--target: {goal.id} ({goal.metric_name}) is a behaviour goal with "
                            "no figure", hint="agree its indicator in the review and note it")
    better = target > goal.baseline if goal.direction != "lower_is_better" \
        else target < goal.baseline
    if not better:
        side = "above" if goal.direction != "lower_is_better" else "below"
        raise TrackingError(f"--target {target:g}: a target of {goal.id} closes its gap: "
                            f"{side} the baseline {goal.baseline:g}")


def adjustment_changes(tracked: Tracked, day: dt.date, *, goal: str | None,
                       target: str | None, due: str | None, milestones: Sequence[str],
                       action: str | None, action_due: str | None,
                       end: str | None) -> list[dict[str, Any]]:
    """The changes asked for, each with its earlier value; TrackingError on the first wrong."""
    plan = plan_in_force(tracked)
    changes: list[dict[str, Any]] = []
    new_end = plan.end
    if end is not None:
        new_end = _date(end, "--end")
        last = max([day] + [g.due for g in plan.goals if g.id != goal])
        if new_end < last:
            raise TrackingError(f"--end {new_end.isoformat()} is before {last.isoformat()} (the "
                                "change's date or a goal's due date)")
        changes.append({"item": "plan", "field": "end", "from": plan.end.isoformat(),
                        "to": new_end.isoformat()})
    if goal is None and (target is not None or due is not None or milestones):
        raise TrackingError("--target, --due and --milestone change a goal: name it with --goal")
    if goal is not None:
        g = _goal(plan, goal, tracked.id)
        if target is not None:
            value = _number(target, "--target")
            _check_target(g, value)
            changes.append({"item": g.id, "field": "target", "from": g.target, "to": value})
            g = g.model_copy(update={"target": value})
        if due is not None:
            new_due = _date(due, "--due")
            if not day <= new_due <= new_end:
                raise TrackingError(f"--due {new_due.isoformat()} is outside {day.isoformat()} "
                                    f"(the change's date) to {new_end.isoformat()} (the plan's "
                                    "end)", hint="move the plan's end with --end as well")
            changes.append({"item": g.id, "field": "due", "from": g.due.isoformat(),
                            "to": new_due.isoformat()})
            g = g.model_copy(update={"due": new_due})
        if milestones:
            if g.kind != "result" or g.target is None:
                raise TrackingError(f"--milestone: {g.id} has no figure to set milestones for")
            points = []
            for item in milestones:
                d, sep, v = item.partition("=")
                if not sep:
                    raise TrackingError(f"--milestone {shown(item)}: write DATE=VALUE, e.g. "
                                        "2026-12-10=9.5")
                when, value = _date(d.strip(), "--milestone"), _number(v.strip(), "--milestone")
                if not tracked.plan.start < when < g.due:
                    raise TrackingError(f"--milestone {shown(item)}: the date is not between the "
                                        f"plan's start ({tracked.plan.start.isoformat()}) and "
                                        f"{g.id}'s due date ({g.due.isoformat()})")
                points.append([when.isoformat(), value])
            changes.append({"item": g.id, "field": "milestones",
                            "from": [[m.date.isoformat(), m.value] for m in g.milestones],
                            "to": sorted(points)})
    if action is not None:
        found = next((a for a in plan.actions if a.id == action), None)
        if found is None:
            ids = [a.id for a in plan.actions]
            hint = did_you_mean(action, ids)
            raise TrackingError(f"--action {shown(action)}: plan {tracked.id} has no such action",
                                hint=hint)
        if action_due is None:
            raise TrackingError("--action names an action to move: give its new date with "
                                "--action-due")
        new = _date(action_due, "--action-due")
        if not tracked.plan.start <= new <= new_end:
            raise TrackingError(f"--action-due {new.isoformat()} is outside the plan "
                                f"({tracked.plan.start.isoformat()} to {new_end.isoformat()})")
        changes.append({"item": found.id, "field": "due", "from": found.due.isoformat(),
                        "to": new.isoformat()})
    elif action_due is not None:
        raise TrackingError("--action-due moves an action: name it with --action")
    if not changes:
        raise TrackingError("nothing to change: give --goal with --target, --due or "
                            "--milestone, --action with --action-due, or --end")
    return changes


def record_adjustment(log: AuditLog, ref: str, day: dt.date, *, reason: str,
                      operator: str, entered_by: dict[str, Any], now: dt.datetime | None = None,
                      **asked: Any) -> Row:
    """Validate and append one plan change under the write lock; nothing written if wrong."""
    with log.write():
        tracked = load_tracked(log, ref)
        check_open(tracked, "change")
        check_date(tracked, day)
        why = text_value(reason, "--reason")
        if why is None:
            raise TrackingError("a plan change says why: --reason TEXT")
        changes = adjustment_changes(tracked, day, **asked)
        rid = log.append_locked("adjustment", {"date": day.isoformat(), "reason": why,
                                               "changes": changes, "entered_by": entered_by},
                                operator=operator, subject=tracked.id, now=now)
    return log.get(rid)

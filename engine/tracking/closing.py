"""Closing a plan (`perfdx track close`) and following up on it (`perfdx track followup`).

The closing record keeps the outcome the people agreed, and the evaluation computed at that
moment, so the closing report and the case library read the same figures forever:
- each KPI before (the plan's baseline) and after (the final figure: given at closing, else the
  latest check-in): absolute and relative change, against the target in force, the share of the
  shortfall closed; and against the team's change over the same period where the decision log
  holds department runs (batch records) of the same department with that KPI before and after
  the plan; otherwise it says there is no team comparison, so a rising tide is not credited to
  the plan;
- Kirkpatrick levels per course: reaction (1-5) and learning (0-100) as given, results as the
  change of the goals the course served; behaviour (level 3) comes later, by `followup`;
- Phillips: benefit-cost ratio and ROI % = (benefit - cost) / cost x 100, where both are given.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Sequence
from typing import Any

from ..audit.store import AuditLog, Row
from ..errors import did_you_mean, shown
from .changes import plan_in_force
from .checkin import check_date, check_open, parse_kpis, text_value
from .errors import TrackingError
from .history import Tracked, load_tracked
from .progress import default_as_of, status

OUTCOMES = ("met", "partly", "not_met", "withdrawn")
LEVEL_RANGES = {"reaction": (1.0, 5.0), "learning": (0.0, 100.0)}


def _course_values(items: Sequence[str], tracked: Tracked, option: str) -> dict[str, float]:
    courses = sorted({s.course for s in tracked.plan.training})
    lo, hi = LEVEL_RANGES[option.lstrip("-")]
    out: dict[str, float] = {}
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep:
            raise TrackingError(f"{option} {shown(item)}: write COURSE=VALUE")
        if name not in courses:
            hint = did_you_mean(name, courses)
            raise TrackingError(f"{option} {shown(item)}: plan {tracked.id} schedules no course "
                                f"{shown(name)}", hint=(hint + "; " if hint else "") + (
                                    "its courses: " + ", ".join(courses) if courses
                                    else "it schedules no training"))
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and lo <= value <= hi):
            raise TrackingError(f"{option} {shown(item)}: the value is a number from {lo:g} to "
                                f"{hi:g}")
        out[name] = value
    return out


def team_comparison(log: AuditLog, tracked: Tracked, kpi: str, end: dt.date
                    ) -> dict[str, Any] | None:
    """The team's median change of `kpi` between the latest department run on or before the
    plan's start and the latest one after it (up to `end`), the employee left out; None when
    the log holds no such pair of runs."""
    dept = tracked.plan.employee.department
    me = tracked.plan.employee.id
    runs: dict[dt.date, list[float]] = {}
    for row in log.rows("kind = 'diagnose' AND content IS NOT NULL"):
        data = row.data() or {}
        if "batch" not in (data.get("params") or {}):
            continue
        case = data.get("case") or {}
        emp = case.get("employee") or {}
        if emp.get("department") != dept or emp.get("id") == me:
            continue
        for m in case.get("metrics") or []:
            if m.get("kpi") == kpi and isinstance(m.get("actual"), (int, float)):
                runs.setdefault(dt.date.fromisoformat(str(case["as_of"])), []).append(
                    float(m["actual"]))
    start = tracked.plan.start
    before = [d for d in runs if d <= start]
    after = [d for d in runs if start < d <= end]
    if not before or not after:
        return None
    b, a = max(before), max(after)
    mb, ma = statistics.median(runs[b]), statistics.median(runs[a])
    return {"before_run": b.isoformat(), "after_run": a.isoformat(), "members": len(runs[a]),
            "before": mb, "after": ma, "change": round(ma - mb, 4)}


def evaluation(log: AuditLog, tracked: Tracked, day: dt.date,
               final: dict[str, float]) -> list[dict[str, Any]]:
    """Before/after per result goal of the plan in force on `day`."""
    plan = plan_in_force(tracked, day)
    st = status(tracked, day)
    out = []
    for g, p in zip(plan.goals, st.goals, strict=True):
        if g.kind != "result" or g.baseline is None:
            continue
        after = final.get(g.metric, p.latest.value if p.latest else None)
        row: dict[str, Any] = {"goal": g.id, "kpi": g.metric, "unit": g.unit,
                               "direction": g.direction, "before": g.baseline,
                               "before_period": g.baseline_period, "after": after,
                               "target": g.target}
        if after is not None:
            sign = -1 if g.direction == "lower_is_better" else 1
            row["absolute"] = round(after - g.baseline, 4)
            row["relative"] = round((after - g.baseline) / abs(g.baseline), 6) \
                if g.baseline else None
            row["target_reached"] = (sign * (after - g.target) >= 0) if g.target is not None \
                else None
            row["closed"] = round((after - g.baseline) / (g.target - g.baseline), 4) \
                if g.target is not None and g.target != g.baseline else None
            team = team_comparison(log, tracked, g.metric, day)
            row["team"] = team
            row["net_of_team"] = round(row["absolute"] - team["change"], 4) if team else None
        out.append(row)
    return out


def kirkpatrick(tracked: Tracked, reaction: dict[str, float], learning: dict[str, float],
                evaluated: list[dict[str, Any]]) -> dict[str, Any]:
    goals = {e["goal"]: e for e in evaluated}
    out: dict[str, Any] = {}
    for s in tracked.plan.training:
        entry = out.setdefault(s.course, {"reaction": reaction.get(s.course),
                                          "learning": learning.get(s.course),
                                          "behaviour": None, "results": []})
        for goal in s.goals:
            e = goals.get(goal)
            if e is not None and e.get("closed") is not None and \
                    goal not in [r["goal"] for r in entry["results"]]:
                entry["results"].append({"goal": goal, "kpi": e["kpi"], "closed": e["closed"]})
    return out


def roi(benefit: float | None, cost: float | None) -> dict[str, float] | None:
    if benefit is None and cost is None:
        return None
    if benefit is None or cost is None:
        raise TrackingError("Phillips ROI needs both --benefit and --cost")
    if not (math.isfinite(benefit) and math.isfinite(cost)) or cost <= 0 or benefit < 0:
        raise TrackingError("--cost is a positive amount and --benefit an amount of 0 or more")
    return {"benefit": benefit, "cost": cost, "bcr": round(benefit / cost, 4),
            "roi_percent": round((benefit - cost) / cost * 100, 2)}


def record_closing(log: AuditLog, ref: str, day: dt.date | None, *, outcome: str,
                   kpis: Sequence[str] = (), reaction: Sequence[str] = (),
                   learning: Sequence[str] = (), benefit: float | None = None,
                   cost: float | None = None, note: str | None = None, operator: str,
                   entered_by: dict[str, Any], now: dt.datetime | None = None
                   ) -> tuple[Tracked, Row]:
    """Validate, evaluate and append the closing under the write lock."""
    if outcome not in OUTCOMES:
        raise TrackingError(f"unknown outcome {shown(outcome)}", hint="one of "
                            + ", ".join(OUTCOMES))
    with log.write():
        tracked = load_tracked(log, ref)
        check_open(tracked, "second closing")
        when = day or default_as_of(tracked)
        check_date(tracked, when)
        final = parse_kpis(kpis, tracked)
        evaluated = evaluation(log, tracked, when, final)
        content = {
            "date": when.isoformat(), "outcome": outcome, "final_kpis": final,
            "evaluation": evaluated,
            "kirkpatrick": kirkpatrick(tracked, _course_values(reaction, tracked, "--reaction"),
                                       _course_values(learning, tracked, "--learning"),
                                       evaluated),
            "roi": roi(benefit, cost), "note": text_value(note, "--note"),
            "entered_by": entered_by}
        rid = log.append_locked("closing", content, operator=operator, subject=tracked.id,
                                now=now)
        tracked = load_tracked(log, tracked.id)
    return tracked, log.get(rid)


def record_followup(log: AuditLog, ref: str, day: dt.date, *, behaviour: Sequence[str],
                    note: str | None, operator: str, entered_by: dict[str, Any],
                    now: dt.datetime | None = None) -> Row:
    """Kirkpatrick level 3 on a closed plan: the only record a closed plan accepts."""
    with log.write():
        tracked = load_tracked(log, ref)
        closing = tracked.closing
        if closing is None:
            raise TrackingError(f"plan {tracked.id} is not closed: a follow-up records "
                                "behaviour after the plan closed",
                                hint="record progress on an open plan with 'perfdx track "
                                     "checkin'")
        closed_on = dt.date.fromisoformat(closing.data["date"])
        if day < closed_on:
            raise TrackingError(f"--date {day.isoformat()} is before plan {tracked.id} closed "
                                f"({closed_on.isoformat()})")
        courses = sorted({s.course for s in tracked.plan.training})
        seen: dict[str, Any] = {}
        for item in behaviour:
            name, sep, text = item.partition("=")
            if not sep or not text.strip():
                raise TrackingError(f"--behaviour {shown(item)}: write COURSE=WHAT WAS SEEN")
            if name.strip() not in courses:
                hint = did_you_mean(name.strip(), courses)
                raise TrackingError(f"--behaviour {shown(item)}: plan {tracked.id} schedules no "
                                    f"course {shown(name.strip())}", hint=hint)
            last = max(s.last_day for s in tracked.plan.training if s.course == name.strip())
            seen[name.strip()] = {"seen": text.strip(), "days_after_training":
                                  (day - last).days}
        if not seen:
            raise TrackingError("a follow-up records behaviour: --behaviour COURSE=TEXT")
        rid = log.append_locked("followup", {"date": day.isoformat(), "behaviour": seen,
                                             "note": text_value(note, "--note"),
                                             "entered_by": entered_by},
                                operator=operator, subject=tracked.id, now=now)
    return log.get(rid)

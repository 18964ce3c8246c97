"""Recording a check-in: what happened that week (KPI values, training done, a note), validated
against the plan under the log's write lock, so nothing is written when any part is wrong."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from ..audit.store import AuditLog, Row
from ..errors import did_you_mean, shown
from .errors import TrackingError
from .history import Tracked, load_tracked


def _pair(item: str, option: str, example: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise TrackingError(f"{option} {shown(item)}: write {example}")
    return name.strip(), value.strip()


def parse_kpis(items: Sequence[str], tracked: Tracked) -> dict[str, float]:
    """--kpi KPI=VALUE ... -> {kpi: value}, each KPI a result goal of the plan."""
    goals = {g.metric: g for g in tracked.plan.goals}
    measured = [g.metric for g in tracked.plan.goals if g.kind == "result"]
    out: dict[str, float] = {}
    for item in items:
        kpi, text = _pair(item, "--kpi", "KPI=VALUE, e.g. " + (measured or ["sales_growth"])[0]
                          + "=7.5")
        goal = goals.get(kpi)
        if goal is None:
            hint = did_you_mean(kpi, measured)
            raise TrackingError(f"--kpi {shown(item)}: plan {tracked.id} has no goal on KPI "
                                f"{shown(kpi)}", hint=(hint + "; " if hint else "")
                                + "its KPIs: " + ", ".join(measured))
        if goal.kind != "result":
            raise TrackingError(f"--kpi {shown(item)}: {goal.id} ({goal.metric_name}) is a "
                                "behaviour goal, not a figure", hint="record what was seen "
                                "with --note")
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            raise TrackingError(f"--kpi {shown(item)}: {shown(text)} is not a number",
                                hint=f"write the figure alone, e.g. {kpi}=7.5")
        if kpi in out:
            raise TrackingError(f"--kpi {shown(item)}: {kpi} is given twice in one check-in")
        out[kpi] = value
    return out


def course_parts(tracked: Tracked) -> dict[str, list[str]]:
    """Training ids a check-in may name: a course (all its parts) or COURSE:PART."""
    ids: dict[str, list[str]] = {}
    for s in tracked.plan.training:
        part = f"{s.course}:{s.part}"
        ids.setdefault(s.course, []).append(part)
        ids[part] = [part]
    return ids


def parse_training(items: Sequence[str], tracked: Tracked) -> list[str]:
    """--training ID=done ... -> the sessions done, as COURSE:PART, sorted."""
    known = course_parts(tracked)
    done: set[str] = set()
    for item in items:
        name, value = _pair(item, "--training", "COURSE=done or COURSE:PART=done")
        if value != "done":
            raise TrackingError(f"--training {shown(item)}: the only value is 'done'",
                                hint=f"write {name}=done once the training is completed")
        if name not in known:
            courses = sorted({s.course for s in tracked.plan.training})
            hint = did_you_mean(name, list(known))
            raise TrackingError(f"--training {shown(item)}: plan {tracked.id} schedules no "
                                f"training {shown(name)}",
                                hint=(hint + "; " if hint else "") + (
                                    "its courses: " + ", ".join(courses) if courses
                                    else "it schedules no training"))
        done.update(known[name])
    return sorted(done)


def check_open(tracked: Tracked, what: str) -> None:
    closing = tracked.closing
    if closing is not None:
        raise TrackingError(f"plan {tracked.id} was closed ({closing.data.get('outcome')}, "
                            f"record {closing.id}): a closed plan takes no {what}",
                            hint="a closed plan accepts only 'perfdx track followup'")


def check_date(tracked: Tracked, day: dt.date) -> None:
    if day < tracked.plan.start:
        raise TrackingError(f"--date {day.isoformat()} is before plan {tracked.id} started "
                            f"({tracked.plan.start.isoformat()})")


def text_value(value: str | None, option: str) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise TrackingError(f"{option} holds bytes that are not UTF-8 text") from None
    return value.strip()


def checkin_content(tracked: Tracked, day: dt.date, kpis: Sequence[str],
                    training: Sequence[str], note: str | None,
                    entered_by: dict[str, Any]) -> dict[str, Any]:
    """The content of a check-in record; TrackingError on the first thing wrong."""
    check_open(tracked, "check-in")
    check_date(tracked, day)
    values = parse_kpis(kpis, tracked)
    done = parse_training(training, tracked)
    text = text_value(note, "--note")
    if not values and not done and text is None:
        raise TrackingError("a check-in records something: --kpi KPI=VALUE, --training ID=done "
                            "or --note TEXT")
    return {"date": day.isoformat(), "kpis": dict(sorted(values.items())), "training": done,
            "note": text, "entered_by": entered_by}


def record_checkin(log: AuditLog, ref: str, day: dt.date, *, kpis: Sequence[str] = (),
                   training: Sequence[str] = (), note: str | None = None, operator: str,
                   entered_by: dict[str, Any], now: dt.datetime | None = None) -> Row:
    """Validate and append one check-in under the write lock (a plan closed by another process
    a moment ago is seen); nothing is written when anything is wrong."""
    with log.write():
        tracked = load_tracked(log, ref)
        content = checkin_content(tracked, day, kpis, training, note, entered_by)
        rid = log.append_locked("checkin", content, operator=operator, subject=tracked.id,
                                now=now)
    return log.get(rid)

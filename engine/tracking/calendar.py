"""A plan's dates as an iCalendar file (`perfdx track calendar`): its weekly check-ins, its
monthly reviews and the final review where the decision points are taken, as all-day events.

The same plan gives the same bytes: every UID is made of the plan's record id, the item's kind
and number (`<plan>-checkin-1@perfdx`), so a calendar that imports the file again updates its
events rather than doubling them; DTSTAMP is the plan's as-of date (or the latest change's, once
the plan was adjusted), never the clock. The dates are those of the plan in force (the final
review on its end, which `track adjust --end` moves). Summaries are in the language asked for;
the checks in each description are the plan's own words.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from ..i18n import Lang
from .changes import plan_in_force
from .history import Tracked
from .words import t

PRODID = "-//perfdx//track calendar//EN"
DOMAIN = "perfdx"


def _stamp(tracked: Tracked) -> dt.datetime:
    days = [tracked.plan.as_of] + [dt.date.fromisoformat(r.data["date"])
                                   for r in tracked.of_kind("adjustment")]
    return dt.datetime.combine(max(days), dt.time(), tzinfo=dt.timezone.utc)


def _event(tracked: Tracked, kind: str, number: int, day: dt.date, summary: str,
           lines: list[str], stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{tracked.id}-{kind}-{number}@{DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    if lines:
        event.add("description", "\n".join(lines))
    event.add("transp", "TRANSPARENT")
    return event


def plan_calendar(tracked: Tracked, lang: Lang) -> bytes:
    """The iCalendar file (RFC 5545, CRLF line endings) of the plan in force."""
    plan = plan_in_force(tracked)
    who = plan.employee.name or plan.employee.id
    stamp = _stamp(tracked)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", t("cal_name", lang, plan=tracked.id, employee=who))
    items: list[tuple[dt.date, int, Event]] = []
    for c in plan.check_ins:
        summary = t("cal_summary", lang, employee=who, what=t("d_checkin", lang, n=c.number))
        items.append((c.date, 0, _event(tracked, "checkin", c.number, c.date, summary,
                                        plan.check_in_routine + c.checks, stamp)))
    for r in plan.reviews:
        if r.final:
            summary = t("cal_summary", lang, employee=who, what=t("cal_final", lang, n=r.number))
            lines = r.checks + plan.decisions
            kind = "decision"
        else:
            summary = t("cal_summary", lang, employee=who, what=t("d_review", lang, n=r.number))
            lines, kind = r.checks, "review"
        day = plan.end if r.final else r.date  # 'track adjust --end' moves the final review
        items.append((day, 1, _event(tracked, kind, r.number, day, summary, lines, stamp)))
    for _day, _order, event in sorted(items, key=lambda i: (i[0], i[1])):
        cal.add_component(event)
    ics: bytes = cal.to_ical()
    return ics

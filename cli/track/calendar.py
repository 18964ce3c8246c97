"""`perfdx track calendar`: a plan's check-ins, reviews and decision points as an iCalendar
file."""

from __future__ import annotations

import click

from engine.audit.store import AuditLog
from engine.i18n import Lang
from engine.tracking.calendar import plan_calendar
from engine.tracking.history import load_tracked

from ..options import lang_option, output_option
from ..output import emit
from ..record_options import db_option


@click.command("calendar")
@click.argument("plan_id", metavar="PLAN_ID")
@db_option
@lang_option
@output_option
def calendar(plan_id: str, db: str | None, lang: Lang, output: str | None) -> None:
    """Export plan PLAN_ID's weekly check-ins, monthly reviews and final review (with its
    decision points) as an iCalendar file (.ics) for a calendar program.

    \b
    Each is an all-day event on the date of the plan in force (after any 'track adjust').
    The same plan gives the same file, byte for byte: each event's UID is made of the plan's
    record id, its kind and number (e.g. PLAN_ID-checkin-1@perfdx), so importing the file
    again updates the events rather than doubling them, and its time stamp is the plan's
    as-of date (or the latest change's), never the clock. Summaries are in --lang; the
    checks in each description are the plan's own words. Without -o, the file goes to
    standard output.
    """
    with AuditLog.open(db, read_only=True) as log:
        tracked = load_tracked(log, plan_id)
    emit(plan_calendar(tracked, lang).decode("utf-8"), output)

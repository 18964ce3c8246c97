"""`perfdx track due`: the specialist's week across open plans."""

from __future__ import annotations

import datetime as dt
import json

import click

from engine.audit.store import AuditLog
from engine.i18n import Lang
from engine.tracking.due import due as due_items
from engine.tracking.words import t

from ..options import lang_option, output_option
from ..output import emit
from ..plan.commands import DateParam
from ..record_options import db_option
from ..table import table


@click.command("due")
@click.option("--week", type=DateParam(), default=None,
              help="Any day of the week to list (YYYY-MM-DD). Default: this week (today's "
                   "date, UTC).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for a terminal, json for other programs.")
@db_option
@lang_option
@output_option
def due(week: dt.date | None, fmt: str, db: str | None, lang: Lang, output: str | None) -> None:
    """List, across open plans, the check-ins and monthly reviews due in a week, and those
    overdue (planned before it and not held), by date."""
    day = week or dt.datetime.now(dt.timezone.utc).date()
    monday = day - dt.timedelta(days=day.weekday())
    with AuditLog.open(db, read_only=True) as log:
        items = due_items(log, day)
    if fmt == "json":
        emit(json.dumps([{"date": d.date.isoformat(), "plan": d.plan, "employee": d.employee,
                          "what": d.what, "number": d.number, "overdue": d.overdue}
                         for d in items], indent=2) + "\n", output)
        return
    if not items:
        emit(t("d_none", lang, monday=monday.isoformat()) + "\n", output)
        return
    rows = [[d.date.isoformat(), d.plan, d.employee, t(f"d_{d.what}", lang, n=d.number),
             t("d_overdue" if d.overdue else "d_due", lang)] for d in items]
    late = sum(d.overdue for d in items)
    emit("\n".join(table(t("d_headers", lang).split("|"), rows, indent="")
                   + [t("d_total", lang, monday=monday.isoformat(), due=len(items) - late,
                        overdue=late)]) + "\n", output)

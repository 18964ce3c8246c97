"""`perfdx track ...`: following a plan through. Every record goes into the decision log, chained
after the plan it follows (see engine/tracking)."""

from __future__ import annotations

import datetime as dt

import click

from engine.audit.keys import REVIEWERS_ENV, reviewers_path
from engine.audit.store import AuditLog, default_operator
from engine.i18n import Lang
from engine.tracking.changes import record_adjustment
from engine.tracking.checkin import record_checkin
from engine.tracking.history import load_tracked
from engine.tracking.identity import who_entered
from engine.tracking.labels import plan_labels
from engine.tracking.progress import status as plan_status
from engine.tracking.words import t

from ..audit.commands import sign_after
from ..audit.trust import key_option
from ..options import lang_option, output_option
from ..output import emit
from ..plan.commands import DateParam
from ..record_options import db_option
from .render import render_markdown, render_text
from .render_html import render_status_html


def _operator_option(f: object) -> object:
    return click.option("--operator", metavar="NAME", envvar="PERFDX_OPERATOR", default=None,
                        help="Who is at the keyboard, as the log records it. Default: "
                             "$PERFDX_OPERATOR, then your user name. The OS account that "
                             "entered the record is recorded as well.")(f)


def _reviewers_option(f: object) -> object:
    return click.option("--reviewers", metavar="FILE", envvar=REVIEWERS_ENV, default=None,
                        help="The reviewers file, to record the registered name of the OS "
                             "account entering the record. Default: $PERFDX_REVIEWERS, then "
                             "reviewers.yaml beside the signing key.")(f)


@click.group()
def track() -> None:
    """Follow a plan through: weekly check-ins, where it stands against its milestones.

    \b
    PLAN_ID is the record id 'perfdx plan' printed (or 'perfdx audit list' shows; a unique
    prefix of 4 digits or more will do). Every check-in is a record of the decision log,
    chained after the plan, so 'perfdx audit verify' covers it and an auditor sees the whole
    story. A record that is wrong in any part is refused whole (exit 1): nothing is written.
    """


@track.command()
@click.argument("plan_id", metavar="PLAN_ID")
@click.option("--date", "day", required=True, type=DateParam(), help="The day of the check-in "
              "(YYYY-MM-DD), on or after the plan's start.")
@click.option("--kpi", "kpis", multiple=True, metavar="KPI=VALUE",
              help="The latest figure of a goal's KPI, e.g. sales_growth=7.5 (repeat for each).")
@click.option("--training", multiple=True, metavar="ID=done",
              help="Training completed: a course of the plan's schedule (all its parts) or "
                   "COURSE:PART, e.g. spreadsheet_and_systems:1=done (repeat for each).")
@click.option("--note", metavar="TEXT", help="What was discussed, seen or agreed.")
@db_option
@key_option
@_reviewers_option
@_operator_option
@lang_option
def checkin(plan_id: str, day: dt.date, kpis: tuple[str, ...], training: tuple[str, ...],
            note: str | None, db: str | None, key: str | None, reviewers: str | None,
            operator: str | None, lang: Lang) -> None:
    """Record a check-in on plan PLAN_ID: KPI figures, training done, a note.

    Each KPI must be one of the plan's goals, each value a number; each training one the plan
    schedules; the date on or after the plan's start; the plan not closed. Who entered it is
    recorded: the OS account (and the name the reviewers file registers for it). A later
    check-in for the same date corrects an earlier one (both stay in the log).
    """
    entered = who_entered(reviewers_path(reviewers, key))
    with AuditLog.open(db) as log:
        row = record_checkin(log, plan_id, day, kpis=kpis, training=training, note=note,
                             operator=operator or default_operator(), entered_by=entered)
        state = load_tracked(log, str(row.subject)).review_state
        sign_after(log, key, lang)
    if state in ("draft", "contested"):
        click.echo(t("plan_draft", lang, plan=row.subject), err=True)
    click.echo(t("checkin_done", lang, id=row.id, plan=row.subject, date=day.isoformat()))


@track.command()
@click.argument("plan_id", metavar="PLAN_ID")
@click.option("--date", "day", required=True, type=DateParam(),
              help="The day the change was agreed (YYYY-MM-DD).")
@click.option("--reason", required=True, metavar="TEXT",
              help="Why the plan changes (required): what changed in the circumstances.")
@click.option("--goal", metavar="GOAL", help="The goal to change, e.g. goal-1.")
@click.option("--target", metavar="VALUE", help="The goal's new target.")
@click.option("--due", metavar="DATE", help="The goal's new due date.")
@click.option("--milestone", "milestones", multiple=True, metavar="DATE=VALUE",
              help="The goal's milestones, replacing the earlier ones (repeat for each).")
@click.option("--action", metavar="ACTION", help="An action (support) to move, e.g. action-3.")
@click.option("--action-due", metavar="DATE", help="The action's new due date.")
@click.option("--end", metavar="DATE", help="The plan's new end (the final review).")
@db_option
@key_option
@_reviewers_option
@_operator_option
@lang_option
def adjust(plan_id: str, day: dt.date, reason: str, goal: str | None, target: str | None,
           due: str | None, milestones: tuple[str, ...], action: str | None,
           action_due: str | None, end: str | None, db: str | None, key: str | None,
           reviewers: str | None, operator: str | None, lang: Lang) -> None:
    """Change plan PLAN_ID: a goal's target, due date or milestones, an action's date, the end.

    The reason is required. The plan as issued is never altered: the change is a record
    of the decision log keeping the earlier and the new value of every item changed, and
    'track status' judges the goals by the plan in force, listing every change.
    """
    entered = who_entered(reviewers_path(reviewers, key))
    with AuditLog.open(db) as log:
        row = record_adjustment(log, plan_id, day, reason=reason,
                                operator=operator or default_operator(), entered_by=entered,
                                goal=goal, target=target, due=due, milestones=milestones,
                                action=action, action_due=action_due, end=end)
        sign_after(log, key, lang)
    click.echo(t("adjust_done", lang, id=row.id, plan=row.subject, date=day.isoformat()))


@track.command()
@click.argument("plan_id", metavar="PLAN_ID")
@click.option("--as-of", "as_of", type=DateParam(), default=None,
              help="The day to judge on (YYYY-MM-DD). Default: the latest check-in's or "
                   "change's date (never today's date, so the same log gives the same status).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "html"]),
              default="text", show_default=True,
              help="text for a terminal, markdown to paste, json for other programs, html for "
                   "one self-contained page with a trend chart per goal.")
@db_option
@lang_option
@output_option
def status(plan_id: str, as_of: dt.date | None, fmt: str, db: str | None, lang: Lang,
           output: str | None) -> None:
    """Where plan PLAN_ID stands: each goal against its milestones, training, check-ins.

    \b
    Each goal with figures is on track, behind or ahead, by this rule: the share of
    the shortfall closed by the latest figure, (figure - baseline) / (target -
    baseline), against the share the milestone path expects on that date (a straight
    line from the baseline at the start through each milestone to the target at the
    due date): within 10 points, on track; below, behind; above, ahead.
    Training: hours done against the hours scheduled by then. Check-ins: the planned
    ones held (any check-in in the same week) and missed.
    """
    with AuditLog.open(db, read_only=True) as log:
        tracked = load_tracked(log, plan_id)
        names = plan_labels(log, tracked, lang)
    st = plan_status(tracked, as_of, names)
    if fmt == "json":
        text = st.to_json()
    elif fmt == "markdown":
        text = render_markdown(st, lang)
    elif fmt == "html":
        text = render_status_html(st, lang)
    else:
        text = render_text(st, lang)
    emit(text, output)


__all__ = ["track"]


def _register() -> None:
    from .calendar import calendar
    from .closing import close, followup, report
    from .due import due
    from .history import history
    from .monthly import monthly

    for command in (history, monthly, close, report, followup, due, calendar):
        track.add_command(command)


_register()

"""`perfdx track monthly PLAN_ID`: the monthly review's draft, rendered and recorded."""

from __future__ import annotations

import datetime as dt

import click

from engine.audit.keys import reviewers_path
from engine.audit.store import AuditLog, default_operator
from engine.i18n import Lang
from engine.plan.gaps import amount
from engine.tracking.history import load_tracked
from engine.tracking.identity import who_entered
from engine.tracking.labels import plan_labels
from engine.tracking.monthly import MonthlyDraft, Movement, Question, draft, record_monthly
from engine.tracking.words import pct, t

from ..audit.commands import sign_after
from ..audit.trust import key_option
from ..options import lang_option, output_option
from ..output import emit
from ..plan.commands import DateParam
from ..record_options import db_option


def _move(m: Movement, lang: Lang) -> str:
    v: dict[str, object] = {"name": m.name, "state": t(m.state, lang)}
    if m.since is not None:
        v.update(a=amount(m.since.value, m.unit), da=m.since.date.isoformat())
    if m.now is not None:
        v.update(b=amount(m.now.value, m.unit), db=m.now.date.isoformat())
    return t(f"mv_{m.moved}", lang, **v)


def _question(q: Question, lang: Lang) -> str:
    v = dict(q.values)
    if q.code == "q_behind":
        v.update(closed=pct(float(v["closed"])), expected=pct(float(v["expected"])))
    if q.code == "q_worse":
        unit = v.pop("unit", None)
        v.update(a=amount(float(v.pop("from")), unit), b=amount(float(v.pop("to")), unit))
    if q.code == "q_missed":
        v["dates"] = ", ".join(v["dates"])
        v["weekday"] = t(str(v["weekday"]), lang)
    return t(q.code, lang, **v)


def render_monthly(d: MonthlyDraft, employee: str, role: str, lang: Lang,
                   markdown: bool = False) -> str:
    h = "## " if markdown else ""
    item = "- " if markdown else "  - "
    none = t("none", lang)
    period = t("m_period", lang, since=d.since.isoformat(), as_of=d.as_of.isoformat())
    if d.review is not None and d.review_date is not None:
        period += t("m_prepares", lang, n=d.review, date=d.review_date.isoformat())
    out = [("# " if markdown else "") + t("m_title", lang, plan=d.plan, employee=employee,
                                          role=role), "", t("m_note", lang), period, ""]
    out += [h + t("h_moved", lang)] + ([item + _move(m, lang) for m in d.moved] or [item + none])
    out += ["", h + t("h_unmoved", lang)] + ([item + _move(m, lang) for m in d.unmoved]
                                             or [item + none])
    out += ["", t("m_training", lang, done=", ".join(d.training_done) or none,
                  overdue=", ".join(d.training_overdue) or none),
            t("m_checkins", lang, held=d.checkins_held,
              missed=", ".join(x.isoformat() for x in d.checkins_missed) or none)]
    if d.changes:
        out.append(t("m_changes", lang, ids=", ".join(d.changes)))
    out += ["", h + t("h_questions", lang)]
    out += [f"{i}. {_question(q, lang)}" for i, q in enumerate(d.questions, 1)]
    return "\n".join(out) + "\n"


@click.command("monthly")
@click.argument("plan_id", metavar="PLAN_ID")
@click.option("--as-of", "as_of", type=DateParam(), default=None,
              help="The day of the review (YYYY-MM-DD). Default: the latest check-in's or "
                   "change's date.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]),
              default="text", show_default=True, help="text, markdown to paste, or json.")
@click.option("--no-record", is_flag=True, help="Only show the draft; do not record it.")
@db_option
@key_option
@lang_option
@output_option
def monthly(plan_id: str, as_of: dt.date | None, fmt: str, no_record: bool, db: str | None,
            key: str | None, lang: Lang, output: str | None) -> None:
    """Draft the monthly review of plan PLAN_ID from its check-ins.

    What moved since the last review (each goal's figure then and now), what did not,
    training done and overdue, check-ins missed, plan changes, and the questions for the
    conversation with the employee. Recorded in the decision log as a tracking record
    (never the human review of a decision: that is 'perfdx audit review').
    """
    with AuditLog.open(db, read_only=no_record) as log:
        tracked = load_tracked(log, plan_id)
        names = plan_labels(log, tracked, lang)
        if no_record:
            made, rid = draft(tracked, as_of, names), None
        else:
            made, row = record_monthly(log, plan_id, as_of, operator=default_operator(),
                                       entered_by=who_entered(reviewers_path(None, key)),
                                       names=names)
            rid = row.id
            sign_after(log, key, lang)
    emp = tracked.plan.employee
    if fmt == "json":
        text = made.to_json()
    else:
        text = render_monthly(made, emp.id, emp.role, lang, markdown=fmt == "markdown")
    emit(text, output)
    if rid is not None:
        click.echo(t("monthly_done", lang, id=rid, plan=tracked.id,
                     date=made.as_of.isoformat()), err=True)




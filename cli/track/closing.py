"""`perfdx track close` (the closing report: Markdown, HTML or JSON) and `perfdx track followup`."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click

from engine.audit.keys import reviewers_path
from engine.audit.store import AuditLog, default_operator
from engine.audit.words import w
from engine.i18n import Lang
from engine.plan.gaps import amount
from engine.tracking.closing import OUTCOMES, record_closing, record_followup
from engine.tracking.history import Tracked, load_tracked
from engine.tracking.identity import who_entered
from engine.tracking.labels import plan_labels
from engine.tracking.words import pct, t

from ..audit.commands import sign_after
from ..audit.trust import key_option
from ..diagnose.render_html import CSS, e, table_html
from ..options import lang_option, output_option
from ..output import emit
from ..plan.commands import DateParam
from ..record_options import db_option


def _signed(value: float, unit: str | None) -> str:
    return ("+" if value > 0 else "") + amount(value, unit)


def _rows(content: dict[str, Any], names: dict[str, str], lang: Lang) -> list[list[str]]:
    rows = []
    for r in content["evaluation"]:
        unit = r.get("unit")
        after = r.get("after")
        team = r.get("team")
        rows.append([
            r["goal"], names.get(r["kpi"], r["kpi"]), amount(r["before"], unit),
            amount(after, unit) if after is not None else "-",
            _signed(r["absolute"], unit) if after is not None else "-",
            (("+" if r["relative"] > 0 else "") + f"{r['relative'] * 100:.1f}%")
            if r.get("relative") is not None else "-",
            amount(r["target"], unit) if r.get("target") is not None else "-",
            t("yes" if r.get("target_reached") else "no", lang) if after is not None else "-",
            pct(r["closed"]) if r.get("closed") is not None else "-",
            _signed(team["change"], unit) if team else "-",
            _signed(r["net_of_team"], unit) if r.get("net_of_team") is not None else "-"])
    return rows


def _team_lines(content: dict[str, Any], tracked: Tracked, names: dict[str, str],
                lang: Lang) -> list[str]:
    out = []
    for r in content["evaluation"]:
        kpi, team, unit = names.get(r["kpi"], r["kpi"]), r.get("team"), r.get("unit")
        if r.get("after") is None:
            continue
        if team is None:
            out.append(t("c_no_team", lang, kpi=kpi, dept=tracked.plan.employee.department))
        else:
            out.append(t("c_team", lang, kpi=kpi, n=team["members"],
                         before=amount(team["before"], unit), b_run=team["before_run"],
                         after=amount(team["after"], unit), a_run=team["after_run"],
                         net=_signed(r["net_of_team"], unit)))
    return out


def _kirk_rows(tracked: Tracked, content: dict[str, Any], follow: dict[str, str],
               names: dict[str, str], lang: Lang) -> list[list[str]]:
    rows = []
    for course, k in content["kirkpatrick"].items():
        results = "; ".join(t("k_result", lang, goal=x["goal"], closed=pct(x["closed"]))
                            for x in k["results"]) or "-"
        rows.append([names.get(course, next(s.course_name for s in tracked.plan.training
                                            if s.course == course)),
                     f"{k['reaction']:g}" if k["reaction"] is not None else "-",
                     f"{k['learning']:g}" if k["learning"] is not None else "-",
                     follow.get(course) or t("k_later", lang), results])
    return rows


def closing_parts(tracked: Tracked, names: dict[str, str], lang: Lang
                  ) -> tuple[str, list[str], list[tuple[str, Any]]]:
    """(title, lead lines, sections): each section a heading with a table or lines."""
    closing = tracked.closing
    assert closing is not None
    c = closing.data
    plan = tracked.plan
    follow = {course: t("k_seen", lang, seen=v["seen"], n=v["days_after_training"])
              for f in tracked.of_kind("followup") for course, v in f.data["behaviour"].items()}
    title = t("c_title", lang, plan=tracked.id, employee=plan.employee.id, role=plan.employee.role)
    end = max([plan.end] + [dt.date.fromisoformat(str(ch["to"])) for a in
                            tracked.of_kind("adjustment") for ch in a.data["changes"]
                            if ch["item"] == "plan"])
    lead = [t("c_closed", lang, date=c["date"], outcome=t(c["outcome"], lang),
              start=plan.start.isoformat(), end=end.isoformat()),
            w(tracked.review_state, lang), t("c_support", lang)]
    sections: list[tuple[str, Any]] = [
        (t("h_before_after", lang), (t("c_headers", lang).split("|"), _rows(c, names, lang))),
        ("", _team_lines(c, tracked, names, lang))]
    if c["kirkpatrick"]:
        sections.append((t("h_kirkpatrick", lang), (t("k_headers", lang).split("|"),
                                                    _kirk_rows(tracked, c, follow, names, lang))))
    r = c.get("roi")
    sections.append((t("h_roi", lang), [t("roi", lang, benefit=f"{r['benefit']:g}",
                                          cost=f"{r['cost']:g}", bcr=f"{r['bcr']:g}",
                                          roi=f"{r['roi_percent']:g}") if r
                                        else t("no_roi", lang)]))
    if c.get("note"):
        sections.append((t("h_note", lang), [c["note"]]))
    return title, lead, sections


def render_closing_markdown(tracked: Tracked, names: dict[str, str], lang: Lang) -> str:
    title, lead, sections = closing_parts(tracked, names, lang)
    out = [f"# {title}", ""] + [f"{line}  " for line in lead]
    for head, body in sections:
        out += ["", f"## {head}", ""] if head else [""]
        if isinstance(body, tuple):
            headers, rows = body
            out.append("| " + " | ".join(headers) + " |")
            out.append("|" + "---|" * len(headers))
            out += ["| " + " | ".join(x.replace("|", "\\|") for x in row) + " |" for row in rows]
        else:
            out += body
    return "\n".join(out) + "\n"


def render_closing_html(tracked: Tracked, names: dict[str, str], lang: Lang) -> str:
    title, lead, sections = closing_parts(tracked, names, lang)
    out = [f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
           '<meta charset="utf-8"><meta name="viewport" content="width=device-width">'
           f"<title>{e(title)}</title><style>{CSS}</style></head><body>", f"<h1>{e(title)}</h1>"]
    out += [f"<p>{e(line)}</p>" for line in lead]
    for head, body in sections:
        if head:
            out.append(f"<h2>{e(head)}</h2>")
        if isinstance(body, tuple):
            out.append(table_html(body[0], body[1]))
        else:
            out += [f"<p>{e(line)}</p>" for line in body]
    return "\n".join(out + ["</body></html>"]) + "\n"


def closing_text(log: AuditLog, tracked: Tracked, fmt: str, lang: Lang) -> str:
    closing = tracked.closing
    assert closing is not None
    if fmt == "json":
        follow = [{"id": f.id, **f.data} for f in tracked.of_kind("followup")]
        return json.dumps({"plan": tracked.id, "closing": closing.id, **closing.data,
                           "followups": follow}, ensure_ascii=False, indent=2,
                          sort_keys=True) + "\n"
    names = plan_labels(log, tracked, lang)
    if fmt == "html":
        return render_closing_html(tracked, names, lang)
    return render_closing_markdown(tracked, names, lang)


_FORMAT = click.option("--format", "fmt", type=click.Choice(["markdown", "html", "json"]),
                       default="markdown", show_default=True,
                       help="The closing report: markdown, html (one self-contained page) or "
                            "json.")


@click.command("close")
@click.argument("plan_id", metavar="PLAN_ID")
@click.option("--outcome", required=True, type=click.Choice(OUTCOMES),
              help="What the people concerned agreed at the final review.")
@click.option("--date", "day", type=DateParam(), default=None,
              help="The day it closed (YYYY-MM-DD). Default: the latest check-in's or change's.")
@click.option("--kpi", "kpis", multiple=True, metavar="KPI=VALUE",
              help="A final figure (default: the latest check-in's).")
@click.option("--reaction", multiple=True, metavar="COURSE=1..5",
              help="Kirkpatrick level 1: the participant's rating of a course, 1 to 5.")
@click.option("--learning", multiple=True, metavar="COURSE=0..100",
              help="Kirkpatrick level 2: the course's assessment score, 0 to 100.")
@click.option("--benefit", type=float, default=None, metavar="AMOUNT",
              help="Phillips: the monetary benefit attributed to the plan (with --cost).")
@click.option("--cost", type=float, default=None, metavar="AMOUNT",
              help="Phillips: the plan's full cost (with --benefit).")
@click.option("--note", metavar="TEXT", help="What was agreed at the final review.")
@_FORMAT
@db_option
@key_option
@lang_option
@output_option
def close(plan_id: str, outcome: str, day: dt.date | None, kpis: tuple[str, ...],
          reaction: tuple[str, ...], learning: tuple[str, ...], benefit: float | None,
          cost: float | None, note: str | None, fmt: str, db: str | None, key: str | None,
          lang: Lang, output: str | None) -> None:
    """Close plan PLAN_ID with its outcome and print the closing report.

    Each KPI before (the plan's baseline) and after (the final figure): absolute and
    relative change, against the target, the share of the shortfall closed, and against the
    team's change over the same period where the decision log holds department runs of the
    same department with that KPI before and after the plan (otherwise it says there is no
    team comparison). Kirkpatrick levels per course (behaviour later, by 'track followup');
    Phillips ROI where benefit and cost are given. After closing, the plan accepts only
    follow-ups.
    """
    with AuditLog.open(db) as log:
        tracked, row = record_closing(log, plan_id, day, outcome=outcome, kpis=kpis,
                                      reaction=reaction, learning=learning, benefit=benefit,
                                      cost=cost, note=note, operator=default_operator(),
                                      entered_by=who_entered(reviewers_path(None, key)))
        sign_after(log, key, lang)
        text = closing_text(log, tracked, fmt, lang)
    emit(text, output)
    click.echo(t("close_done", lang, plan=tracked.id, outcome=t(outcome, lang), id=row.id),
               err=True)


@click.command("report")
@click.argument("plan_id", metavar="PLAN_ID")
@_FORMAT
@db_option
@lang_option
@output_option
def report(plan_id: str, fmt: str, db: str | None, lang: Lang, output: str | None) -> None:
    """The closing report of a closed plan again, with its follow-ups."""
    with AuditLog.open(db, read_only=True) as log:
        tracked = load_tracked(log, plan_id)
        if tracked.closing is None:
            from engine.tracking.errors import TrackingError

            raise TrackingError(f"plan {tracked.id} is not closed yet",
                                hint="'perfdx track status' shows where it stands")
        text = closing_text(log, tracked, fmt, lang)
    emit(text, output)


@click.command("followup")
@click.argument("plan_id", metavar="PLAN_ID")
@click.option("--date", "day", required=True, type=DateParam(), help="The day (YYYY-MM-DD).")
@click.option("--behaviour", multiple=True, metavar="COURSE=TEXT",
              help="Kirkpatrick level 3: what is seen on the job of a course's skills, best "
                   "60-90 days after the training.")
@click.option("--note", metavar="TEXT", help="Anything else seen.")
@db_option
@key_option
@lang_option
def followup(plan_id: str, day: dt.date, behaviour: tuple[str, ...], note: str | None,
             db: str | None, key: str | None, lang: Lang) -> None:
    """Record behaviour after training on a closed plan (the only record it accepts)."""
    with AuditLog.open(db) as log:
        row = record_followup(log, plan_id, day, behaviour=behaviour, note=note,
                              operator=default_operator(),
                              entered_by=who_entered(reviewers_path(None, key)))
        sign_after(log, key, lang)
    click.echo(t("followup_done", lang, id=row.id, plan=row.subject, date=day.isoformat()))

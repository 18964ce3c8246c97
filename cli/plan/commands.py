"""`perfdx plan`: a SMART performance improvement plan, its training schedule, check-ins and
reviews, and the interview outline, drafted from the diagnosis of one case."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any, TypeVar

import click

from engine.audit.replay import plan_params
from engine.i18n import Lang
from engine.plan import Plan, build_plan
from engine.plan.model import Audience

from ..diagnose.commands import library_option, library_record, run_analysis
from ..options import cross_check_options, kb_option, lang_option, output_option
from ..record_options import RecordRequest, record_options
from .render_html import render_plan_html
from .render_markdown import render_interview, render_plan

F = TypeVar("F", bound=Callable[..., Any])


class DateParam(click.ParamType):
    """A calendar date written YYYY-MM-DD."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date in the form YYYY-MM-DD (e.g. 2026-10-12)",
                      param, ctx)
        if not 1970 <= day.year <= 2200:
            self.fail(f"{value!r} is outside the years 1970 to 2200", param, ctx)
        return day


def audience_option(f: F) -> F:
    return click.option(
        "--audience", type=click.Choice(["employee", "manager"]), default=None,
        help="Whose copy: employee (the default) leaves out the manager's interview outline "
             "(its rule ids and questions) and says so; manager is the whole plan. "
             "--interview is the manager's.")(f)


def pick_audience(audience: str | None, interview: bool) -> Audience:
    """The copy to print: the employee's unless asked otherwise; the interview outline alone is
    the manager's, and has no employee copy (asking for one is a usage error)."""
    if interview:
        if audience == "employee":
            raise click.UsageError("--interview prints the manager's interview outline: it has "
                                   "no employee copy (leave out --audience employee)")
        return "manager"
    return "manager" if audience == "manager" else "employee"


def plan_text(drafted: Plan, fmt: str, *, interview: bool, audience: Audience,
              banner: str | None = None) -> str:
    """The plan (or the interview outline alone) in `fmt`, as `audience` reads it."""
    if interview:
        if fmt == "json":
            return interview_json(drafted)
        if fmt == "html":
            return render_plan_html(drafted, interview=True, banner=banner)
        return render_interview(drafted)
    copy = drafted.for_audience(audience)
    if fmt == "json":
        return copy.to_json()
    if fmt == "html":
        return render_plan_html(copy, banner=banner)
    return render_plan(copy)


def interview_json(plan: Plan) -> str:
    data = plan.model_dump(mode="json", include={
        "schema_version", "lang", "case_id", "as_of", "period", "employee", "reviewer", "start",
        "interview", "review_statement", "basis"})
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@click.command()
@click.argument("case", metavar="CASE")
@click.option("--start", type=DateParam(), default=None,
              help="First day of the plan (YYYY-MM-DD). Default: the first working day after "
                   "the case's as_of date. A weekend or holiday moves to the next working day, "
                   "and the plan says so.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json", "html"]),
              default="markdown", show_default=True,
              help="markdown to read or edit, json for other programs, html for one "
                   "self-contained page to print or hand over.")
@lang_option
@kb_option
@audience_option
@click.option("--interview", is_flag=True,
              help="Print only the interview outline: the four steps with the questions that "
                   "would confirm or rule out the leading causes and those for the missing "
                   "evidence. Goals that are not SMART yet are shown as incomplete instead of "
                   "stopping the command.")
@library_option
@cross_check_options
@output_option
@record_options
def plan(case: str, start: dt.date | None, fmt: str, lang: Lang, kb_dir: str | None,
         audience: str | None, interview: bool, use_library: bool, output: str | None,
         record: RecordRequest) -> None:
    """Draft a performance improvement plan (PIP) for CASE.

    One SMART goal per significant gap (KPI, baseline -> target, where it is measured,
    milestones, due date, owner, and the cause it answers); actions with owners and dates,
    including what the manager and the organisation commit to; a training schedule within the
    policy's weekly hours; weekly check-ins, monthly reviews and the decision points at the end;
    the interview outline; employee comments and sign-off. A case with only minor gaps gets a
    short monitoring note instead.

    The plan printed is the employee's copy unless --audience manager: it leaves out the
    manager's interview outline (the questions and the rules they test) and says so where the
    outline would be. The decision log records the whole plan.

    Lengths, weekly training hours, the check-in day, holidays and owners come from the plan
    policy (knowledge_base/plan_policy.yaml). A goal that fails the SMART check stops the plan
    (exit 1). The plan is a recommendation for the human reviewer named in the case.

    The plan is recorded in the decision log (see `perfdx audit`) as it is shown, and committed
    only once it is written: a command that fails leaves no record. Its record id goes to
    standard error.
    """
    reader = pick_audience(audience, interview)
    analysis = run_analysis(case, kb_dir, library_record(use_library, record.db))
    drafted = build_plan(analysis, start=start, lang=lang, strict=not interview)
    text = plan_text(drafted, fmt, interview=interview, audience=reader)
    record.deliver("plan", analysis.loaded, analysis.kb, drafted.to_json(), text, output,
                   lang=lang, params=plan_params(start, lang, interview),
                   track_record=analysis.track_record)

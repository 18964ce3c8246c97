"""From an Analysis to a Plan: a PIP when a gap is significant, a monitoring note otherwise.

The steps: pick the start (the first working day after the case's as_of unless given), state the
gaps, set one SMART goal per significant gap, check them, place the actions, the training and the
meetings on working days, prepare the interview, and check the wording of the result.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import InputError
from ..explain.analysis import Analysis
from ..explain.wording import label
from ..i18n import Lang
from ..kb.policy import PlanPolicy
from . import wording_check
from .calendar import WorkCalendar
from .gaps import severities_text, summarise
from .goals import build_goals
from .interview import build_interview
from .model import Basis, CauseRef, EmployeeRef, Goal, Plan, Signatory
from .phrases import date, join, say
from .policy import plan_policy
from .punctuation import full_width
from .schedule import build_actions, build_meetings, build_training, link_goals
from .smart import check_goals, smart_failures


def plan_start(analysis: Analysis, start: dt.date | None, lang: Lang
               ) -> tuple[dt.date, str | None]:
    """The start date and, when a given date was not a working day, a note saying so."""
    cal = WorkCalendar.from_policy(plan_policy(analysis.kb))
    as_of = analysis.diagnosis.as_of
    if start is None:
        return cal.next_after(as_of), None
    if start < as_of:
        raise InputError(f"--start {start.isoformat()} is before the case's as_of date "
                         f"{as_of.isoformat()}", field="--start",
                         hint="a plan starts on or after the date of the data it rests on")
    if cal.is_working(start):
        return start, None
    moved = cal.on_or_after(start)
    what = "saturday" if start.weekday() == 5 else "sunday" if start.weekday() == 6 \
        else "holiday"
    return moved, say("start_moved", lang, given=date(start, lang), what=say(what, lang),
                      start=date(moved, lang))


def _basis(analysis: Analysis, lang: Lang) -> Basis:
    d, kb = analysis.diagnosis, analysis.kb
    names = {g.id: g for g in d.gaps}
    refs = []
    for c in d.causes:
        gap = names[c.gap]
        gap_name = label(kb, "kpi", gap.kpi, lang) if gap.kpi else label(kb, "area",
                                                                         gap.area or "", lang)
        refs.append(CauseRef(pattern=c.pattern, name=label(kb, "pattern", c.pattern, lang),
                             gap=c.gap, gap_name=gap_name, certainty=c.certainty,
                             rules=list(c.rules)))
    causes = ("; " if lang == "en" else ";").join(
        say("basis_cause", lang, cause=r.name, gap=r.gap_name,
            certainty=say("certainty", lang, value=f"{r.certainty:.2f}"),
            rules=join(r.rules, lang)) for r in refs) or say("basis_none", lang)
    text = say("basis", lang, case=d.case_id, as_of=d.as_of.isoformat(), kb=d.kb_hash[:12],
               causes=causes)
    return Basis(case_id=d.case_id, as_of=d.as_of, kb_hash=d.kb_hash, causes=refs, text=text)


def _mark_incomplete(goals: list[Goal], failures: dict[str, list[str]]) -> list[Goal]:
    """For the interview outline only: a goal that is not SMART yet is shown as incomplete."""
    out = []
    for g in goals:
        extra = ["cause" if f.startswith("no cause") else f for f in failures.get(g.id, [])]
        extra = [f for f in extra if f not in g.incomplete]
        out.append(g.model_copy(update={"status": "incomplete",
                                        "incomplete": g.incomplete + extra}) if extra else g)
    return out


def _smart_hint(analysis: Analysis, goals: list[Goal]) -> str | None:
    kb = analysis.kb
    for g in goals:
        if g.kind == "result" and not g.measured_in and g.metric in kb.kpis:
            return f"add `measured_in` to KPI {g.metric!r} at {kb.location('kpis', g.metric)}"
    if any(not g.cause for g in goals):
        return ("prepare the interview with `perfdx plan CASE --interview`, record what it "
                "finds in the case, and draft the plan again")
    return None


def _years_without_holidays(policy: PlanPolicy, begin: dt.date, end: dt.date) -> list[str]:
    """Years the plan runs in that the policy's holiday list does not cover (none listed)."""
    listed = {d.year for d in policy.holiday_dates()}
    if not listed:
        return []
    return [str(y) for y in range(begin.year, end.year + 1) if y not in listed]


def build_plan(analysis: Analysis, *, start: dt.date | None = None, lang: Lang = "en",
               strict: bool = True) -> Plan:
    """Draft the plan for an analysed case. Raises PlanError when a goal fails the SMART check
    (unless `strict` is False: then such goals are marked incomplete, for the interview
    outline) or when the text breaks the wording rules; InputError for a bad start date."""
    kb, d = analysis.kb, analysis.diagnosis
    policy = plan_policy(kb)
    cal = WorkCalendar.from_policy(policy)
    begin, start_note = plan_start(analysis, start, lang)
    summary = summarise(analysis, policy, lang)
    goals = build_goals(analysis, policy, cal, begin, lang)
    emp = analysis.loaded.case.employee
    common: dict[str, Any] = dict(
        lang=lang, case_id=d.case_id, as_of=d.as_of, period=d.period,
        employee=EmployeeRef(id=emp.id, name=emp.name, role=emp.role, department=emp.department,
                             manager=emp.manager),
        reviewer=emp.reviewer, start=begin, start_note=start_note, summary=summary,
        weekly_training_hours=policy.weekly_training_hours,
        check_in_weekday=policy.check_in_weekday,
        review_statement=say("review_statement" if goals else "review_statement_note", lang,
                             reviewer=emp.reviewer or say("no_reviewer", lang)),
        basis=_basis(analysis, lang))
    if not goals:
        end = cal.day(begin, policy.monitoring_days)
        uncovered_note = _years_without_holidays(policy, begin, end)
        notes = [say("mon_no_pip" if summary else "mon_none", lang,
                     severities=severities_text(policy, lang))]
        if summary:
            notes += [say("mon_share", lang, date=date(end, lang)),
                      say("mon_escalate", lang, severities=severities_text(policy, lang))]
        if uncovered_note:
            notes.append(say("holidays_uncovered", lang, years=join(uncovered_note, lang)))
        interview = build_interview(analysis, summary, [], [], [], [], [],
                                    policy.check_in_weekday, date(end, lang), lang)
        plan = Plan(kind="monitoring", end=end, length_days=None, notes=notes, goals=[],
                    actions=[], training=[], training_unscheduled=[], check_in_routine=[],
                    check_ins=[], reviews=[],
                    decisions=[], interview=interview, sign_off=[], **common)
        return _finish(plan)
    end = max(g.due for g in goals)
    owners = set(kb.owners)
    if strict:
        check_goals(goals, start=begin, end=end, cal=cal, owners=owners,
                    hint=_smart_hint(analysis, goals), file=analysis.loaded.source)
    else:
        goals = _mark_incomplete(goals, {g.id: smart_failures(
            g, start=begin, end=end, cal=cal, owners=owners) for g in goals})
    training, unscheduled = build_training(analysis, policy, cal, goals, begin, end, lang)
    actions = build_actions(analysis, policy, cal, goals, training, begin, end, lang)
    goals = link_goals(goals, actions)
    routine, check_ins, reviews = build_meetings(policy, cal, goals, actions, training, begin,
                                                 end, lang)
    notes = []
    env = [g for g in goals if g.environmental]
    if env:
        notes.append(say("environment_first", lang,
                         causes=join(sorted({g.cause_name or "" for g in env}), lang),
                         goals=join([g.metric_name for g in env], lang)))
        if len(env) == len(goals):
            notes.append(say("environment_only", lang))
    for small in (s for s in summary if not s.significant):  # alike, with a cause or without
        notes.append(say("pip_small_gap", lang, gap=small.name, severity=say(small.severity, lang),
                         severities=severities_text(policy, lang)))
    uncovered = _years_without_holidays(policy, begin, end)
    if uncovered:
        notes.append(say("holidays_uncovered", lang, years=join(uncovered, lang)))
    for u in unscheduled:
        notes.append(say("unscheduled", lang, course=u.course_name, hours=f"{u.hours:g}",
                         end=date(end, lang), cap=f"{policy.weekly_training_hours:g}"))
    interview = build_interview(analysis, summary, goals, actions, training, check_ins, reviews,
                                policy.check_in_weekday, date(end, lang), lang)
    sign_off = [
        Signatory(role="employee", label=say("sign_employee", lang), name=emp.name or emp.id),
        Signatory(role="manager", label=say("sign_manager", lang), name=emp.manager),
        Signatory(role="hr", label=say("sign_hr", lang), name=emp.reviewer),
    ]
    plan = Plan(kind="pip", end=end, length_days=max(g.days for g in goals), notes=notes,
                goals=goals, actions=actions, training=training,
                training_unscheduled=unscheduled, check_in_routine=routine,
                check_ins=check_ins, reviews=reviews,
                decisions=[t.get(lang) for t in policy.decisions], interview=interview,
                sign_off=sign_off, **common)
    return _finish(plan)


def _finish(plan: Plan) -> Plan:
    if plan.lang == "zh":
        plan = Plan.model_validate(_full_width(plan.model_dump()))
    wording_check.check(plan)
    return plan


def _full_width(value: Any) -> Any:
    if isinstance(value, str):
        return full_width(value)
    if isinstance(value, dict):
        return {k: _full_width(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_full_width(v) for v in value]
    return value

"""What the plan renderers share: the plan cut into labelled rows, so that Markdown and HTML
say exactly the same things and differ only in layout."""

from __future__ import annotations

from engine.explain.wording import number
from engine.plan.goals import status_text
from engine.plan.model import Action, Goal, Party, Plan, Question
from engine.plan.phrases import colon, date, join, paren, say, semi, weekday

PARTIES: tuple[Party, ...] = ("organisation", "manager", "employee")


def title(plan: Plan, interview: bool = False) -> str:
    key = "title_interview" if interview else (
        "title_pip" if plan.kind == "pip" else "title_monitoring")
    who = plan.employee.name or plan.employee.id
    comma = ", " if plan.lang == "en" else "\uff0c"
    return f"{say(key, plan.lang)}{colon(plan.lang)}{who}{comma}{plan.employee.role}"


def draft_line(plan: Plan) -> str:
    return say("draft", plan.lang, reviewer=plan.reviewer or say("no_reviewer", plan.lang))


def weekday_name(plan: Plan) -> str:
    return weekday(plan.check_in_weekday, plan.lang)


def header_rows(plan: Plan) -> list[tuple[str, str]]:
    lang, e = plan.lang, plan.employee
    rows = [(say("employee", lang), say("header_employee", lang, id=e.id, role=e.role,
                                        department=e.department))]
    if e.manager:
        rows.append((say("manager", lang), e.manager))
    rows.append((say("reviewer", lang), plan.reviewer or say("no_reviewer", lang)))
    rows.append((say("case", lang), say("header_case", lang, case=plan.case_id,
                                        period=plan.period, as_of=date(plan.as_of, lang))))
    if plan.kind == "pip":
        rows.append((say("plan_period", lang), say("plan_span", lang, start=date(plan.start, lang),
                                                   end=date(plan.end, lang),
                                                   days=plan.length_days)))
    else:
        rows.append((say("look_again", lang), date(plan.end, lang)))
    return rows


def goal_rows(plan: Plan, goal: Goal) -> list[tuple[str, str]]:
    lang = plan.lang
    baseline = goal.baseline_text
    if goal.baseline is not None and goal.baseline_period:
        baseline += paren(goal.baseline_period, lang)
    cause = "-"
    if goal.cause_name:
        detail = say("certainty", lang, value=f"{goal.cause_certainty or 0:.2f}")
        if goal.cause_rules:
            detail += semi(lang) + join(goal.cause_rules, lang)
        cause = goal.cause_name + paren(detail, lang)
    rows = [(say("col_baseline", lang), baseline), (say("col_target", lang), goal.target_text)]
    if goal.indicator:
        rows.append((say("col_indicator", lang), goal.indicator))
    if goal.measured_in:
        rows.append((say("col_source", lang), goal.measured_in))
    rows += [
        (say("col_milestones", lang), semi(lang).join(m.text for m in goal.milestones) or "-"),
        (say("col_due", lang), date(goal.due, lang)),
        (say("col_owner", lang), say("supported_by", lang, owner=goal.owner_label,
                                     support=goal.support_label)),
        (say("col_cause", lang), cause),
        (say("col_length", lang), goal.length_reason),
    ]
    if goal.depends_on:
        by_id = {a.id: a for a in plan.actions}
        rows.append((say("depends_on", lang), semi(lang).join(
            by_id[i].title + paren(by_id[i].owner_label + (", " if lang == "en" else "\uff0c")
                                   + date(by_id[i].due, lang), lang)
            for i in goal.depends_on)))
    rows.append((say("col_status", lang), status_text(goal, lang)))
    return rows


def actions_by_party(plan: Plan) -> list[tuple[str, list[Action]]]:
    return [(say("party_" + p, plan.lang), [a for a in plan.actions if a.party == p])
            for p in PARTIES if any(a.party == p for a in plan.actions)]


def action_headers(plan: Plan) -> list[str]:
    return [say(k, plan.lang) for k in ("col_action", "col_owner", "col_start", "col_due")]


def action_cells(plan: Plan, action: Action) -> list[str]:
    lang = plan.lang
    what = action.title + (paren(action.detail, lang) if action.detail else "")
    return [what, action.owner_label, date(action.start, lang), date(action.due, lang)]


def training_headers(plan: Plan) -> list[str]:
    return [say(k, plan.lang) for k in ("col_week", "col_dates", "col_course", "col_hours")]


def training_rows(plan: Plan) -> list[list[str]]:
    lang = plan.lang
    rows = []
    for s in plan.training:
        course = s.course_name
        if s.parts > 1:
            course += paren(say("part_of", lang, part=s.part, parts=s.parts), lang)
        rows.append([str(s.week), say("span", lang, first=date(s.first_day, lang),
                                      last=date(s.last_day, lang)), course, number(s.hours)])
    return rows


def question_note(q: Question, plan: Plan) -> str | None:
    """How a question bears on the causes, and what the case already records."""
    return semi(plan.lang).join(p for p in (q.why, q.note) if p) or None


def signature_headers(plan: Plan) -> list[str]:
    return [say(k, plan.lang) for k in ("role", "name", "signature", "date")]

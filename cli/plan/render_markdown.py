"""The plan (and the interview outline alone) as Markdown: a document a manager can hand over."""

from __future__ import annotations

from engine.plan.model import InterviewOutline, Plan
from engine.plan.phrases import colon, date, say

from . import view


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(_cell(h) for h in headers) + " |",
           "|" + "---|" * len(headers)]
    out.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return out


def _pairs(rows: list[tuple[str, str]]) -> list[str]:
    return _table(["", ""], [[f"**{k}**", v] for k, v in rows])


def _interview(plan: Plan, outline: InterviewOutline, level: str) -> list[str]:
    lang = plan.lang
    out = [f"_{outline.tone}_", ""]
    for step in outline.steps:
        out += [f"{level} {say('step_n', lang, n=step.number, title=step.title)}", "",
                f"**{say('aim', lang)}**{colon(lang)}{step.aim}", ""]
        if step.points:
            out += [f"**{say('points_to_cover', lang)}**", ""]
            out += [f"- {p}" for p in step.points] + [""]
        if step.questions:
            out += [f"**{say('to_find_out', lang)}**", ""]
            for q in step.questions:
                out.append(f"- [ ] {q.text}")
                note = view.question_note(q, plan)
                if note:
                    out.append(f"  <br>_{note}_")
            out.append("")
    return out


def _review(plan: Plan) -> list[str]:
    return [f"## {say('h_basis', plan.lang)}", "", plan.review_statement, "", plan.basis.text, ""]


def render_plan(plan: Plan) -> str:
    lang = plan.lang
    out = [f"# {view.title(plan)}", "", f"> **{view.draft_line(plan)}**", ""]
    out += _pairs(view.header_rows(plan)) + [""]
    if plan.start_note:
        out += [f"_{plan.start_note}_", ""]
    out += [f"## {say('h_summary', lang)}", ""]
    out += [f"- {s.text}" for s in plan.summary] or [f"- {say('mon_none', lang)}"]
    out.append("")
    if plan.notes:
        out += [f"## {say('h_notes', lang)}", ""] + [f"- {n}" for n in plan.notes] + [""]
    if plan.kind == "pip":
        out += _pip_body(plan)
    if plan.interview is not None:
        out += [f"## {say('h_interview', lang)}", ""] + _interview(plan, plan.interview, "###")
    if plan.left_out:  # the employee's copy says what it leaves out, where it would have been
        out += [f"## {say('h_left_out', lang)}", ""]
        for note in plan.left_out:
            out += [note, ""]
    if plan.kind == "pip":
        out += [f"## {say('h_comments', lang)}", "", say("comments_prompt", lang), ""]
        out += ["> &nbsp;", ">", "> &nbsp;", ">", "> &nbsp;", ""]
        out += [f"## {say('h_signoff', lang)}", "", say("signoff_note", lang), ""]
        out += _table(view.signature_headers(plan),
                      [[s.label, s.name or "", "", ""] for s in plan.sign_off]) + [""]
    out += _review(plan)
    return "\n".join(out).rstrip("\n") + "\n"


def _pip_body(plan: Plan) -> list[str]:
    lang = plan.lang
    out = [f"## {say('h_goals', lang)}", ""]
    for n, goal in enumerate(plan.goals, 1):
        out += [f"### {say('goal_n', lang, n=n, name=goal.metric_name)}", "", goal.statement, ""]
        out += _pairs(view.goal_rows(plan, goal)) + [""]
    out += [f"## {say('h_actions', lang)}", ""]
    for heading, actions in view.actions_by_party(plan):
        out += [f"### {heading}", ""]
        out += _table(view.action_headers(plan),
                      [view.action_cells(plan, a) for a in actions]) + [""]
    out += [f"## {say('h_training', lang)}", ""]
    if plan.training:
        out += [say("training_cap", lang, cap=f"{plan.weekly_training_hours:g}"), ""]
        out += _table(view.training_headers(plan), view.training_rows(plan)) + [""]
    else:
        out += [say("no_training", lang), ""]
    out += [f"## {say('h_checkins', lang)}", "",
            say("checkin_rule", lang, weekday=view.weekday_name(plan)), "",
            f"**{say('checkin_routine', lang)}**", ""]
    out += [f"- [ ] {x}" for x in plan.check_in_routine] + [""]
    for c in plan.check_ins:
        out += [f"**{say('checkin_n', lang, n=c.number, date=date(c.date, lang))}**", ""]
        out += [f"- [ ] {x}" for x in c.checks] + [""]
    out += [f"## {say('h_reviews', lang)}", ""]
    for r in plan.reviews:
        key = "review_final" if r.final else "review_n"
        out += [f"**{say(key, lang, n=r.number, date=date(r.date, lang))}**", ""]
        out += [f"- [ ] {x}" for x in r.checks] + [""]
    out += [f"## {say('h_decisions', lang)}", ""]
    out += [f"{i}. {d}" for i, d in enumerate(plan.decisions, 1)] + [""]
    return out


def render_interview(plan: Plan) -> str:
    lang = plan.lang
    out = [f"# {view.title(plan, interview=True)}", "",
           f"> **{view.draft_line(plan)}**", ""]
    out += _pairs(view.header_rows(plan)) + [""]
    out += [say("iv_for", lang, start=date(plan.start, lang)), ""]
    assert plan.interview is not None, "the interview outline is the manager's copy"
    out += _interview(plan, plan.interview, "##")
    out += _review(plan)
    return "\n".join(out).rstrip("\n") + "\n"

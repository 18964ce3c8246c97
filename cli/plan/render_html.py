"""The plan as one self-contained, printable HTML page: inline CSS, no scripts, no images, no
fonts or anything else fetched over the network, so it prints and archives as it is."""

from __future__ import annotations

from html import escape

from engine.plan.model import InterviewOutline, Plan
from engine.plan.phrases import colon, date, say

from . import view

_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, "PingFang SC", "Microsoft YaHei",
       "Noto Sans CJK SC", sans-serif; color: #1a1a1a; line-height: 1.45; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; font-size: 11pt; }
h1 { font-size: 1.6em; margin-bottom: .3em; }
h2 { font-size: 1.25em; border-bottom: 2px solid #444; padding-bottom: .15em; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin-top: 1.2em; }
.draft { border: 2px solid #b35900; background: #fff4e5; padding: .5em .8em; font-weight: 600; }
.note { font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 .8em; }
th, td { border: 1px solid #999; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #eee; }
table.pairs th { width: 22%; }
.incomplete { color: #a40000; font-weight: 600; }
.meta { color: #444; font-size: .92em; }
ul.checks { list-style: none; padding-left: .4em; }
ul.checks li::before { content: "\\2610\\00a0"; }
.comments { border: 1px solid #999; min-height: 9em; margin: .5em 0 1em; }
td.sign { height: 2.6em; }
section { page-break-inside: avoid; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; }
               .draft { background: none; } }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _pairs(rows: list[tuple[str, str]], mark: str | None = None) -> list[str]:
    out = ['<table class="pairs">']
    for k, v in rows:
        cls = ' class="incomplete"' if mark and v.startswith(mark) else ""
        out.append(f"<tr><th>{_e(k)}</th><td{cls}>{_e(v)}</td></tr>")
    return out + ["</table>"]


def _table(headers: list[str], rows: list[list[str]], sign: bool = False) -> list[str]:
    out = ["<table>", "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in headers) + "</tr>"]
    for row in rows:
        cells = "".join((f'<td class="sign">{_e(c)}</td>' if sign else f"<td>{_e(c)}</td>")
                        for c in row)
        out.append(f"<tr>{cells}</tr>")
    return out + ["</table>"]


def _list(items: list[str], checks: bool = False) -> list[str]:
    cls = ' class="checks"' if checks else ""
    return [f"<ul{cls}>"] + [f"<li>{_e(i)}</li>" for i in items] + ["</ul>"]


def _interview(plan: Plan, outline: InterviewOutline, level: int) -> list[str]:
    lang = plan.lang
    out = [f'<p class="note">{_e(outline.tone)}</p>']
    for step in outline.steps:
        out.append("<section>")
        out.append(f"<h{level}>{_e(say('step_n', lang, n=step.number, title=step.title))}"
                   f"</h{level}>")
        out.append(f"<p><strong>{_e(say('aim', lang))}</strong>{_e(colon(lang))}"
                   f"{_e(step.aim)}</p>")
        if step.points:
            out.append(f"<p><strong>{_e(say('points_to_cover', lang))}</strong></p>")
            out += _list(step.points)
        if step.questions:
            out.append(f"<p><strong>{_e(say('to_find_out', lang))}</strong></p>")
            out.append('<ul class="checks">')
            for q in step.questions:
                note = view.question_note(q, plan)
                extra = f'<br><span class="meta">{_e(note)}</span>' if note else ""
                out.append(f"<li>{_e(q.text)}{extra}</li>")
            out.append("</ul>")
        out.append("</section>")
    return out


def _page(plan: Plan, heading: str, body: list[str], banner: str | None = None) -> str:
    lang_attr = "zh-CN" if plan.lang == "zh" else "en"
    head = ["<!DOCTYPE html>", f'<html lang="{lang_attr}">', "<head>", '<meta charset="utf-8">',
            f"<title>{_e(heading)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
            f"<h1>{_e(heading)}</h1>", f'<p class="draft">{_e(view.draft_line(plan))}</p>']
    if banner:  # e.g. the diagnosis it rests on was contested (audit show --format html)
        head.append(f'<p class="draft contested">{_e(banner)}</p>')
    head += _pairs(view.header_rows(plan))
    return "\n".join(head + body + ["</body>", "</html>"]) + "\n"


def _review(plan: Plan) -> list[str]:
    return [f"<h2>{_e(say('h_basis', plan.lang))}</h2>", f"<p>{_e(plan.review_statement)}</p>",
            f"<p>{_e(plan.basis.text)}</p>"]


def render_plan_html(plan: Plan, *, interview: bool = False, banner: str | None = None) -> str:
    lang = plan.lang
    if interview:
        body = [f"<p>{_e(say('iv_for', lang, start=date(plan.start, lang)))}</p>"]
        assert plan.interview is not None, "the interview outline is the manager's copy"
        body += _interview(plan, plan.interview, 2) + _review(plan)
        return _page(plan, view.title(plan, interview=True), body, banner)
    body: list[str] = []
    if plan.start_note:
        body.append(f'<p class="note">{_e(plan.start_note)}</p>')
    body.append(f"<h2>{_e(say('h_summary', lang))}</h2>")
    body += _list([s.text for s in plan.summary] or [say("mon_none", lang)])
    if plan.notes:
        body.append(f"<h2>{_e(say('h_notes', lang))}</h2>")
        body += _list(plan.notes)
    if plan.kind == "pip":
        body += _pip_body(plan)
    if plan.interview is not None:
        body.append(f"<h2>{_e(say('h_interview', lang))}</h2>")
        body += _interview(plan, plan.interview, 3)
    if plan.left_out:  # the employee's copy says what it leaves out, where it would have been
        body.append(f"<h2>{_e(say('h_left_out', lang))}</h2>")
        body += [f'<p class="note">{_e(note)}</p>' for note in plan.left_out]
    if plan.kind == "pip":
        body += [f"<h2>{_e(say('h_comments', lang))}</h2>",
                 f"<p>{_e(say('comments_prompt', lang))}</p>", '<div class="comments"></div>',
                 f"<h2>{_e(say('h_signoff', lang))}</h2>",
                 f"<p>{_e(say('signoff_note', lang))}</p>"]
        body += _table(view.signature_headers(plan),
                       [[s.label, s.name or "", "", ""] for s in plan.sign_off], sign=True)
    body += _review(plan)
    return _page(plan, view.title(plan), body, banner)


def _pip_body(plan: Plan) -> list[str]:
    lang = plan.lang
    incomplete_mark = say("status_incomplete", lang, what="").rstrip()
    out = [f"<h2>{_e(say('h_goals', lang))}</h2>"]
    for n, goal in enumerate(plan.goals, 1):
        out += ["<section>", f"<h3>{_e(say('goal_n', lang, n=n, name=goal.metric_name))}</h3>",
                f"<p>{_e(goal.statement)}</p>"]
        out += _pairs(view.goal_rows(plan, goal), mark=incomplete_mark) + ["</section>"]
    out.append(f"<h2>{_e(say('h_actions', lang))}</h2>")
    for heading, actions in view.actions_by_party(plan):
        out.append(f"<h3>{_e(heading)}</h3>")
        out += _table(view.action_headers(plan), [view.action_cells(plan, a) for a in actions])
    out.append(f"<h2>{_e(say('h_training', lang))}</h2>")
    if plan.training:
        out.append(f"<p>{_e(say('training_cap', lang, cap=f'{plan.weekly_training_hours:g}'))}"
                   "</p>")
        out += _table(view.training_headers(plan), view.training_rows(plan))
    else:
        out.append(f"<p>{_e(say('no_training', lang))}</p>")
    out += [f"<h2>{_e(say('h_checkins', lang))}</h2>",
            f"<p>{_e(say('checkin_rule', lang, weekday=view.weekday_name(plan)))}</p>",
            f"<h3>{_e(say('checkin_routine', lang))}</h3>"]
    out += _list(plan.check_in_routine, checks=True)
    for c in plan.check_ins:
        out += ["<section>",
                f"<h3>{_e(say('checkin_n', lang, n=c.number, date=date(c.date, lang)))}</h3>"]
        out += _list(c.checks, checks=True) + ["</section>"]
    out.append(f"<h2>{_e(say('h_reviews', lang))}</h2>")
    for r in plan.reviews:
        key = "review_final" if r.final else "review_n"
        out += ["<section>", f"<h3>{_e(say(key, lang, n=r.number, date=date(r.date, lang)))}</h3>"]
        out += _list(r.checks, checks=True) + ["</section>"]
    out.append(f"<h2>{_e(say('h_decisions', lang))}</h2>")
    out += ["<ol>"] + [f"<li>{_e(d)}</li>" for d in plan.decisions] + ["</ol>"]
    return out

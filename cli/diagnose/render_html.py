"""The diagnosis as one self-contained HTML page: inline CSS, no scripts, nothing fetched, so it
opens from file:// and archives as it is. `perfdx diagnose --format html`, and each person's page
of a department run (`perfdx batch run`) links here; the audit views reuse it."""

from __future__ import annotations

from html import escape

from engine.explain.analysis import Analysis
from engine.explain.grouping import recommendation_lines
from engine.explain.how_why_not import FactLine, how
from engine.explain.wording import label, number
from engine.i18n import Lang, ui

from .render_text import causes, gap_names, gap_rows, monitoring

CSS = """
body { font-family: "Segoe UI", "Helvetica Neue", Arial, "PingFang SC", "Microsoft YaHei",
       "Noto Sans CJK SC", sans-serif; color: #1a1a1a; line-height: 1.45; max-width: 62rem;
       margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { font-size: 1.2em; border-bottom: 2px solid
#444; padding-bottom: .15em; margin-top: 1.5em; } h3 { font-size: 1.02em; margin: 1em 0 .3em; }
.meta { color: #444; } .draft { border: 2px solid #b35900; background: #fff4e5;
padding: .5em .8em; font-weight: 600; } table { border-collapse: collapse; margin: .4em 0 .8em; }
th, td { border: 1px solid #999; padding: .3em .55em; text-align: left; vertical-align: top; }
th { background: #eee; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.why { color: #333; font-size: .93em; margin: .2em 0 .2em 1.2em; } .src { color: #555;
font-size: .9em; } ul.facts { margin: .2em 0 .5em 0; font-size: .92em; }
a { color: #0b5394; }
"""


def e(text: object) -> str:
    return escape(str(text), quote=True)


def table_html(headers: list[str], rows: list[list[str]], numeric: tuple[int, ...] = ()) -> str:
    out = ["<table>", "<tr>" + "".join(f"<th>{e(h)}</th>" for h in headers) + "</tr>"]
    for row in rows:
        out.append("<tr>" + "".join(
            f'<td class="num">{e(c)}</td>' if i in numeric else f"<td>{e(c)}</td>"
            for i, c in enumerate(row)) + "</tr>")
    return "\n".join(out + ["</table>"])


def _facts(lines: list[FactLine]) -> str:
    if not lines:
        return ""
    return '<ul class="facts">' + "".join(
        f"<li>{e(f.summary)} <span class=\"src\">[{e(f.id)}; {e(f.origin)}]</span>"
        f"{_facts(f.derived_from)}</li>" for f in lines) + "</ul>"


def render_html(analysis: Analysis, lang: Lang, *, back: str | None = None) -> str:
    """The page; `back` is a link (relative) to the department report it belongs to."""
    d, kb = analysis.diagnosis, analysis.kb
    emp = d.employee
    title = f"perfdx {ui('diagnosis', lang)}: {emp.id} · {d.case_id}"
    out = [f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
           '<meta charset="utf-8"><meta name="viewport" content="width=device-width">'
           f"<title>{e(title)}</title><style>{CSS}</style></head><body>"]
    if back:
        out.append(f'<p><a href="{e(back)}">&larr; {e("部门报告" if lang == "zh" else "Department report")}'
                   "</a></p>")
    out.append(f"<h1>{e(title)}</h1>")
    facts = [emp.id, emp.role, emp.department] + ([emp.level] if emp.level else []) + [
        f"{number(emp.tenure_months)} {ui('months', lang)}"]
    out.append(f'<p class="meta">{e(" · ".join(facts))}<br>{e(ui("period", lang))} {e(d.period)}'
               f" · {e(ui('as_of', lang))} {e(d.as_of.isoformat())} · {e(ui('kb', lang))} "
               f"<code>{e(d.kb_hash[:12])}</code></p>")
    reviewer = d.review.reviewer or ui("no_reviewer", lang)
    out.append(f'<p class="draft">{e(ui("draft_notice", lang, reviewer=reviewer))}</p>')
    out.append(f"<h2>{e(ui('gaps', lang))}</h2>")
    if d.gaps:
        headers, rows = gap_rows(kb, d, lang)
        out.append(table_html(headers, rows, numeric=(1, 2, 3)))
    else:
        out.append(f"<p>{e(ui('no_gaps', lang))}</p>")
    out.append(f"<h2>{e(ui('causes', lang))}</h2>")
    if d.causes:
        rows = [[f"{i}.", label(kb, "pattern", c.pattern, lang), f"{c.certainty:.2f}",
                 gap_names(kb, d, [c.gap], lang), ", ".join(c.rules)]
                for i, c in enumerate(d.causes, 1)]
        out.append(table_html(["#", ui("cause", lang), ui("certainty", lang),
                               ui("for_gap", lang), ui("rules", lang)], rows, numeric=(2,)))
        out.append(f"<h2>{e(ui('how', lang))}</h2>")
        for pattern in dict.fromkeys(c.pattern for c in d.causes):
            h = how(analysis, pattern, lang)
            out.append(f"<h3>{e(h.name)}</h3>")
            for c in h.causes:
                if not c.reported:
                    continue
                out.append(f"<p><strong>{e(c.gap_name)}</strong>: {e(ui('certainty', lang))} "
                           f"{c.certainty:.2f}</p><ul>")
                for r in c.rules:
                    sign = f" {r.certainty:+.2f}" if r.certainty is not None else ""
                    out.append(f"<li><strong>{e(r.rule)}</strong>{e(sign)} {e(r.title)} "
                               f'<span class="src">({e(r.location)})</span>')
                    if r.rationale:
                        out.append(f'<div class="why">{e(r.rationale)}</div>')
                    if r.source:
                        out.append(f'<div class="why src">{e(r.source)}</div>')
                    out.append(_facts(r.matched) + "</li>")
                out.append("</ul>")
    else:
        out.append(f"<p>{e(ui('no_causes', lang, threshold=f'{d.report_threshold:g}'))}</p>")
    out.append(f"<h2>{e(ui('recommendations', lang))}</h2>")
    if d.recommendations:
        rows = []
        for i, r in enumerate(recommendation_lines(d.recommendations), 1):
            iv = kb.interventions[r.intervention]
            rows.append([f"{i}.", iv.name.get(lang), str(r.priority),
                         label(kb, "owners", r.owner, lang), f"{iv.duration_days}",
                         causes(kb, r.patterns, lang) + ": " +
                         gap_names(kb, d, list(r.gaps), lang), ", ".join(r.rules)])
        out.append(table_html(["#", ui("recommendations", lang), ui("priority", lang),
                               ui("owner", lang), ui("days", lang), ui("for_gap", lang),
                               ui("rules", lang)], rows, numeric=(2, 4)))
    else:
        out.append(f"<p>{e(ui('no_recommendations', lang))}</p>")
    if d.training:
        out.append(f"<h3>{e(ui('training', lang))}</h3><ul>")
        for t in d.training:
            course = kb.courses[t.course]
            out.append(f"<li>{e(course.name.get(lang))} ({e(number(t.hours))} "
                       f"{e(ui('hours', lang))}) {e(ui('for_gap', lang))} "
                       f"{e(label(kb, 'pattern', t.pattern, lang))}</li>")
        out.append("</ul>")
    watched = monitoring(kb, d, lang)
    if watched:
        heading, items, means = watched
        out.append(f"<h2>{e(heading)}</h2><ul>" + "".join(f"<li>{e(i)}</li>" for i in items)
                   + f"</ul><p>{e(means)}</p>")
    out.append(f"<h2>{e(ui('missing_evidence', lang))}</h2>")
    if d.missing_evidence:
        out.append("<ul>" + "".join(
            f"<li>{e(m.question.get(lang))} <span class=\"src\">("
            f"{e(label(kb, 'observation', m.observation, lang))}; {e(ui('asked_by', lang))} "
            f"{e(', '.join(m.rules))})</span></li>" for m in d.missing_evidence) + "</ul>")
    else:
        out.append(f"<p>{e(ui('no_missing', lang))}</p>")
    out.append("</body></html>\n")
    return "\n".join(out)

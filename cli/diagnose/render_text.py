"""The diagnosis as a specialist reads it at a terminal (and as Markdown)."""

from __future__ import annotations

from collections.abc import Callable

from engine.explain.diagnosis import Diagnosis, GapOut
from engine.explain.grouping import recommendation_lines
from engine.explain.wording import label, number
from engine.i18n import Lang, ui
from engine.kb.base import KnowledgeBase
from engine.kb.models import unit_text

from ..table import table

Style = Callable[..., str]


def _plain(text: str, **_kw: object) -> str:
    return text


def gap_name(kb: KnowledgeBase, gap: GapOut, lang: Lang) -> str:
    if gap.kpi:
        return label(kb, "kpi", gap.kpi, lang)
    return _cap(label(kb, "area", gap.area or "", lang))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def gap_names(kb: KnowledgeBase, d: Diagnosis, ids: list[str], lang: Lang) -> str:
    by_id = {g.id: g for g in d.gaps}
    sep = "、" if lang == "zh" else ", "
    return sep.join(gap_name(kb, by_id[i], lang) for i in ids if i in by_id)


def causes(kb: KnowledgeBase, patterns: tuple[str, ...], lang: Lang) -> str:
    """The causes one recommendation answers: "Goal misfit, Skill shortfall"."""
    sep = "、" if lang == "zh" else ", "
    return sep.join(label(kb, "pattern", p, lang) for p in patterns)


def _sev(value: str | None, lang: Lang) -> str:
    return ui(value, lang) if value else "-"


def gap_rows(kb: KnowledgeBase, d: Diagnosis, lang: Lang) -> tuple[list[str], list[list[str]]]:
    headers = [ui("kpi", lang) + " / " + ui("area", lang), ui("target", lang),
               ui("actual", lang), ui("attainment", lang), ui("severity", lang),
               ui("trend", lang), ui("team", lang)]
    rows = []
    for g in d.gaps:
        unit = unit_text(kb.kpis[g.kpi], lang) if g.kpi in kb.kpis else None
        name = gap_name(kb, g, lang) + (f" ({unit})" if g.measured and unit else "")
        if not g.measured:
            rows.append([name, "-", "-", "-", _sev(g.severity, lang), ui("stated", lang), "-"])
            continue
        att = f"{g.attainment:.0%}" if g.attainment is not None else "-"
        team = "-"
        if g.team_median is not None:
            team = (ui("team_cell", lang, side=ui(g.vs_team, lang), median=number(g.team_median))
                    if g.vs_team else number(g.team_median))
        rows.append([name, number(g.target or 0), number(g.actual or 0), att,
                     _sev(g.severity, lang), _sev(g.trend, lang), team])
    return headers, rows


MISSING_SHOWN = 8  # the most useful questions; the rest with --explain or in the JSON


def render_text(d: Diagnosis, kb: KnowledgeBase, lang: Lang, style: Style = _plain,
                full: bool = False) -> str:
    out: list[str] = []
    h: Callable[[str], str] = lambda t: style(t, bold=True)  # noqa: E731
    emp = d.employee
    out.append(h(f"perfdx {ui('diagnosis', lang)}") + f" · {ui('case', lang)} {d.case_id} · "
               f"{ui('period', lang)} {d.period} · {ui('as_of', lang)} {d.as_of.isoformat()}")
    facts = [emp.id, emp.role, emp.department] + ([emp.level] if emp.level else []) + [
        ui("tenure_unknown", lang) if emp.tenure_months == "unknown"
        else f"{number(emp.tenure_months)} {ui('months', lang)}"]
    colon = "：" if lang == "zh" else ": "
    out.append(f"{ui('employee', lang)}{colon}" + " · ".join(facts))
    out.append(f"{ui('kb', lang)}{colon}{d.kb_hash[:12]}")
    out.append("")

    out.append(h(ui("gaps", lang)))
    if d.gaps:
        headers, rows = gap_rows(kb, d, lang)
        out.extend(table(headers, rows, right=(1, 2, 3)))
        for g in d.gaps:
            if g.description:
                out.append(f"  · {gap_name(kb, g, lang)}: {g.description}")
    else:
        out.append("  " + ui("no_gaps", lang))
    out.append("")

    out.append(h(ui("causes", lang)))
    if d.causes:
        rows = []
        for i, c in enumerate(d.causes, 1):
            rows.append([f"{i}.", label(kb, "pattern", c.pattern, lang), f"{c.certainty:.2f}",
                         gap_names(kb, d, [c.gap], lang), ", ".join(c.rules)])
        headers = ["#", ui("cause", lang), _cap(ui("certainty", lang)),
                   _cap(ui("for_gap", lang)), _cap(ui("rules", lang))]
        out.extend(table(headers, rows, right=(2,)))
    elif nothing_found(d):
        out.append("  " + ui("nothing_found", lang))
    else:
        out.append("  " + ui("no_causes", lang, threshold=f"{d.report_threshold:g}"))
    out.append("")
    if d.by_gap:
        out.append(h(ui("by_gap", lang)))
        for v in d.by_gap:
            out.extend("  " + line for line in verdict_line(kb, d, v, lang))
        out.append("")
    if d.unused:
        out.append(h(ui("unused", lang)))
        out.extend("  - " + unused_line(kb, d, u, lang) for u in d.unused)
        out.append("")

    out.append(h(ui("recommendations", lang)))
    if d.recommendations:
        for i, r in enumerate(recommendation_lines(d.recommendations), 1):
            iv = kb.interventions[r.intervention]
            meta = (f"{ui('priority', lang)} {r.priority} · {ui('owner', lang)} "
                    f"{label(kb, 'owners', r.owner, lang)} · {iv.duration_days} {ui('days', lang)}"
                    f" · {ui('cost', lang)} {ui(iv.cost, lang)}")
            out.append(f"  {i}. {style(iv.name.get(lang), bold=True)}  [{meta}]")
            out.append(f"     {ui('for_gap', lang)} {causes(kb, r.patterns, lang)}: "
                       f"{gap_names(kb, d, list(r.gaps), lang)}  ({', '.join(r.rules)})")
    else:
        out.append("  " + ui("no_recommendations", lang))
    request = training_request_line(kb, d, lang)
    if request:
        out.append("  " + request)
    if d.suppressed:
        out.append("")
        out.append(h(ui("suppressed", lang)))
        out.extend("  - " + suppressed_line(kb, d, s, lang) for s in d.suppressed)
    if d.training:
        out.append("")
        out.append(h(ui("training", lang)))
        for t in d.training:
            course = kb.courses[t.course]
            out.append(f"  - {course.name.get(lang)} ({label(kb, 'dimension', t.competency, lang)}"
                       f", {number(t.hours)} {ui('hours', lang)}, {ui(course.format, lang)})"
                       f"  {ui('for_gap', lang)} {label(kb, 'pattern', t.pattern, lang)}"
                       f"  ({', '.join(t.rules)})")
    out.append("")
    watched = monitoring(kb, d, lang)
    if watched:
        heading, items, means = watched
        out.append(h(heading))
        out.extend(f"  - {item}" for item in items)
        out.append(f"  {means}")
        out.append("")

    out.append(h(ui("missing_evidence", lang)))
    if d.missing_evidence:
        shown = d.missing_evidence if full else d.missing_evidence[:MISSING_SHOWN]
        for m in shown:
            out.append(f"  - {m.question.get(lang)}")
            out.append(f"    ({label(kb, 'observation', m.observation, lang)}; "
                       f"{ui('asked_by', lang)} {', '.join(m.rules)})")
        more = len(d.missing_evidence) - len(shown)
        if more:
            out.append("  " + ui("more_missing", lang, n=more))
    else:
        out.append("  " + ui("no_missing", lang))
    out.append("")

    out.append(h(ui("review", lang)))
    reviewer = d.review.reviewer or ui("no_reviewer", lang)
    out.append("  " + style(ui("draft_notice", lang, reviewer=reviewer), fg="yellow"))
    return "\n".join(out) + "\n"


def render_markdown(d: Diagnosis, kb: KnowledgeBase, lang: Lang) -> str:
    out: list[str] = []
    emp = d.employee
    out.append(f"# perfdx {ui('diagnosis', lang)}: {d.case_id}")
    out.append("")
    out.append(f"- {ui('employee', lang)}: {emp.id}, {emp.role}, {emp.department}")
    out.append(f"- {ui('period', lang)}: {d.period}; {ui('as_of', lang)} {d.as_of.isoformat()}")
    out.append(f"- {ui('kb', lang)}: `{d.kb_hash[:12]}`")
    out.append("")
    out.append(f"> {ui('draft_notice', lang, reviewer=d.review.reviewer or ui('no_reviewer', lang))}")
    out.append("")
    out.append(f"## {ui('gaps', lang)}")
    out.append("")
    if d.gaps:
        headers, rows = gap_rows(kb, d, lang)
        out.append("| " + " | ".join(headers) + " |")
        out.append("|" + "---|" * len(headers))
        out.extend("| " + " | ".join(r) + " |" for r in rows)
    else:
        out.append(ui("no_gaps", lang))
    out.append("")
    out.append(f"## {ui('causes', lang)}")
    out.append("")
    if d.causes:
        for i, c in enumerate(d.causes, 1):
            out.append(f"{i}. **{label(kb, 'pattern', c.pattern, lang)}** "
                       f"({ui('certainty', lang)} {c.certainty:.2f}), {ui('for_gap', lang)} "
                       f"{gap_names(kb, d, [c.gap], lang)}: {', '.join(c.rules)}")
    elif nothing_found(d):
        out.append(ui("nothing_found", lang))
    else:
        out.append(ui("no_causes", lang, threshold=f"{d.report_threshold:g}"))
    out.append("")
    if d.by_gap:
        out.append(f"### {ui('by_gap', lang)}")
        out.append("")
        for v in d.by_gap:
            lines = verdict_line(kb, d, v, lang)
            out.append("- " + lines[0])
            out.extend("  - " + line.strip() for line in lines[1:])
        out.append("")
    if d.unused:
        out.append(f"## {ui('unused', lang)}")
        out.append("")
        out.extend("- " + unused_line(kb, d, u, lang) for u in d.unused)
        out.append("")
    out.append(f"## {ui('recommendations', lang)}")
    out.append("")
    if d.recommendations:
        for i, r in enumerate(recommendation_lines(d.recommendations), 1):
            iv = kb.interventions[r.intervention]
            out.append(f"{i}. **{iv.name.get(lang)}** ({ui('priority', lang)} {r.priority}, "
                       f"{ui('owner', lang)} {label(kb, 'owners', r.owner, lang)}), "
                       f"{ui('for_gap', lang)} {causes(kb, r.patterns, lang)}: "
                       f"{gap_names(kb, d, list(r.gaps), lang)}")
    else:
        out.append(ui("no_recommendations", lang))
    request = training_request_line(kb, d, lang)
    if request:
        out.append("")
        out.append(request)
    if d.suppressed:
        out.append("")
        out.append(f"### {ui('suppressed', lang)}")
        out.append("")
        out.extend("- " + suppressed_line(kb, d, s, lang) for s in d.suppressed)
    if d.training:
        out.append("")
        out.append(f"### {ui('training', lang)}")
        out.append("")
        for t in d.training:
            course = kb.courses[t.course]
            out.append(f"- {course.name.get(lang)} ({number(t.hours)} {ui('hours', lang)})")
    out.append("")
    watched = monitoring(kb, d, lang)
    if watched:
        heading, items, means = watched
        out.extend([f"## {heading}", ""] + [f"- {item}" for item in items] + ["", means, ""])
    out.append(f"## {ui('missing_evidence', lang)}")
    out.append("")
    if d.missing_evidence:
        out.extend(f"- {m.question.get(lang)}" for m in d.missing_evidence)
    else:
        out.append(ui("no_missing", lang))
    return "\n".join(out) + "\n"


from .render_findings import (  # noqa: E402 - they use gap_names
    monitoring,
    nothing_found,
    suppressed_line,
    training_request_line,
    unused_line,
    verdict_line,
)

"""`perfdx track status --format html`: one self-contained page (inline CSS and SVG, nothing
fetched), a trend chart per measured goal with a table beside it saying the same in numbers."""

from __future__ import annotations

from engine.i18n import Lang
from engine.plan.gaps import amount
from engine.tracking.progress import GoalProgress, Status
from engine.tracking.words import t

from ..diagnose.render_html import CSS, e, table_html
from .charts import trend
from .render import (
    change_line,
    checkin_line,
    checkin_summary,
    goal_lines,
    header_lines,
    title,
    training_lines,
)


def _chart(g: GoalProgress, lang: Lang) -> list[str]:
    if not g.path:
        return []
    figure, path = t("chart_figure", lang), t("chart_path", lang)
    rows = [{"date": p.date.isoformat(), "value": p.value, "series": figure} for p in g.observed]
    rows += [{"date": p.date.isoformat(), "value": p.value, "series": path} for p in g.path]
    svg = trend(rows, prefix=f"trend-{g.goal}", date_title=t("chart_date", lang),
                value_title=g.name + (f" ({g.unit})" if g.unit else ""),
                series_title=t("chart_series", lang))
    dates = sorted({p.date for p in g.observed} | {p.date for p in g.path})
    seen = {p.date: p.value for p in g.observed}
    planned = {p.date: p.value for p in g.path}
    table = table_html([t("h_date", lang), t("chart_figure", lang), t("chart_path", lang)],
                       [[d.isoformat(), amount(seen[d], g.unit) if d in seen else "",
                         amount(planned[d], g.unit) if d in planned else ""] for d in dates],
                       numeric=(1, 2))
    return [f'<figure class="chart" data-chart="{e(g.goal)}">{svg}</figure>', table]


def render_status_html(st: Status, lang: Lang) -> str:
    head = title(st, lang)
    out = [f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
           '<meta charset="utf-8"><meta name="viewport" content="width=device-width">'
           f"<title>{e(head)}</title><style>{CSS}</style></head><body>",
           f"<h1>{e(head)}</h1>"]
    out += [f"<p>{e(line)}</p>" for line in header_lines(st, lang)]
    out.append(f"<h2>{e(t('h_goals', lang))}</h2>")
    for g in st.goals:
        gh, lines = goal_lines(g, lang)
        out.append(f'<h3 class="goal-{e(g.state)}">{e(gh)}</h3>')
        out += [f"<p>{e(line)}</p>" for line in lines] + _chart(g, lang)
    out.append(f'<p class="note">{e(t("rule", lang, tol=round(st.tolerance * 100)))}</p>')
    th, tlines = training_lines(st, lang)
    out += [f"<h2>{e(t('h_training', lang))}</h2>", f"<p>{e(th)}</p>"]
    out += ["<ul>" + "".join(f"<li>{e(x)}</li>" for x in tlines) + "</ul>"] if tlines else []
    out += [f"<h2>{e(t('h_checkins', lang))}</h2>", f"<p>{e(checkin_summary(st, lang))}</p>"]
    items = [checkin_line(c, lang) for c in st.checkins]
    out.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in items) + "</ul>" if items
               else f"<p>{e(t('no_checkins', lang))}</p>")
    if st.changes:
        out.append(f"<h2>{e(t('h_changes', lang))}</h2>")
        out.append("<ul>" + "".join(f"<li>{e(change_line(c, st, lang))}</li>"
                                    for c in st.changes) + "</ul>")
    return "\n".join(out + ["</body></html>"]) + "\n"

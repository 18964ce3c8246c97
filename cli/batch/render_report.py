"""The department report: one self-contained HTML file (inline CSS, inline SVG charts, a few
lines of inline script to sort the employee table; nothing fetched), readable offline from
file://. Every chart has a table beside it saying the same in numbers."""

from __future__ import annotations

from engine.explain.wording import label
from engine.i18n import Lang
from engine.kb.base import KnowledgeBase
from engine.team.members import Member
from engine.team.report import Summary

from ..diagnose.render_html import CSS, e, table_html

_W: dict[str, tuple[str, str]] = {
    "title": ("Department run", "部门批量诊断"),
    "draft": ("Decision support for the named reviewers, not a decision about anyone. Every "
              "diagnosis is a draft that a named person must review before anything is done.",
              "仅为决策支持，不是对任何人的决定。每份诊断均为草稿，须由指定人员审核后方可采取行动。"),
    "counts": ("{employees} employees in {teams} teams from {sources}: {diagnosed} diagnosed, "
               "{skipped} skipped for bad rows, {failed} failed; {bad_rows} bad rows, "
               "{blank_rows} blank rows.",
               "来自 {sources} 的 {teams} 个团队共 {employees} 名员工：已诊断 {diagnosed} 人，"
               "因数据行有误跳过 {skipped} 人，失败 {failed} 人；有误数据行 {bad_rows} 行，"
               "空行 {blank_rows} 行。"),
    "heatmap": ("Attainment by KPI and team (median)", "各团队各指标达成率（中位数）"),
    "heatmap_text": ("Median attainment of each team's members on each KPI (100% = on target); "
                     "the table below gives the same numbers with the members measured.",
                     "各团队成员在各指标上的达成率中位数（100% 即达标）；下表给出相同数字及被考核人数。"),
    "causes": ("Likely causes by team", "各团队的可能原因"),
    "causes_text": ("Members whose diagnosis reports each cause (a person may have several).",
                    "诊断中报告了各项原因的成员人数（一人可能有多项原因）。"),
    "findings": ("Team-level findings", "团队层面的结论"),
    "no_findings": ("No team rule reached the reporting threshold: the gaps found are "
                    "individual, not shared by a team.",
                    "没有团队规则达到报告阈值：发现的差距属于个人，而非团队共有。"),
    "fairness": ("Fairness check", "公平性检查"),
    "fairness_text": ("For each group attribute and adverse outcome: the rate per group, and the "
                      "impact ratio = lowest group rate / this group's rate, flagged under 0.8 "
                      "(the four-fifths rule). Groups under 10 people are shown, never flagged. "
                      "No rule ever sees these attributes.",
                      "对每个群体属性和不利结果：各群体的比例，以及影响比 = 最低群体比例 / "
                      "本群体比例，低于 0.8 时标记（五分之四规则）。不足 10 人的群体只显示、"
                      "不标记。任何规则都看不到这些属性。"),
    "no_groups": ("The mapping names no group attributes.", "映射文件未指定群体属性。"),
    "employees": ("Employees", "员工"),
    "problems": ("Rows not diagnosed", "未诊断的数据行"),
    "team": ("Team", "团队"), "kpi": ("KPI", "指标"), "median": ("Median attainment", "达成率中位数"),
    "measured": ("Measured", "被考核人数"), "with_gap": ("With a gap", "存在差距"),
    "cause": ("Cause", "原因"), "members": ("Members", "人数"),
    "certainty": ("certainty", "确定度"), "recommend": ("Fix it once for the team",
                                                       "为团队一次性解决"),
    "how": ("How it was concluded", "推理依据"),
    "evidence": ("Members whose own diagnosis carries this cause", "自身诊断含有此原因的成员"),
    "attribute": ("Attribute", "属性"), "outcome": ("Outcome", "结果"), "group": ("Group", "群体"),
    "n": ("People", "人数"), "adverse": ("With the outcome", "出现该结果"), "rate": ("Rate", "比例"),
    "ratio": ("Impact ratio", "影响比"), "p": ("p (Fisher)", "p 值 (Fisher)"),
    "flag": ("Flag", "标记"), "flagged": ("under 0.8", "低于 0.8"),
    "plan_advised": ("improvement plan advised", "建议改进计划"),
    "employee": ("Employee", "员工"), "role": ("Role", "岗位"), "manager": ("Manager", "经理"),
    "primary": ("Primary cause", "首要原因"), "severity": ("Worst gap", "最严重差距"),
    "plan": ("Plan advised", "建议改进计划"), "yes": ("yes", "是"), "no": ("no", "否"),
    "sort": ("Click a column heading to sort.", "点击列标题可排序。"),
    "failed": ("failed", "失败"),
    "not_significant": ("under four-fifths, but not significant at 0.05 (Fisher's exact)",
                        "低于五分之四，但在 0.05 水平上不显著（Fisher 精确检验）"),
    "small": ("fewer than 10 people: shown, not flagged", "不足 10 人：只显示，不标记"),
    "no_reference": ("no other group of 10 or more to compare with",
                     "没有其他 10 人及以上的群体可供比较"),
    "none": ("none", "无"), "minor": ("minor", "轻微"), "moderate": ("moderate", "中等"),
    "severe": ("severe", "严重"),
}
_NOTES = {"under four-fifths, but not significant at 0.05 (Fisher's exact)": "not_significant",
          "fewer than 10 people: shown, not flagged": "small",
          "no other group of 10 or more to compare with": "no_reference"}


def w(key: str, lang: Lang, **kw: object) -> str:
    text = _W[key][0 if lang == "en" else 1]
    return text.format(**kw) if kw else text


_SORT_JS = """
document.querySelectorAll('table.sortable th').forEach(function (th, col) {
  th.addEventListener('click', function () {
    var table = th.closest('table'), body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var asc = th.getAttribute('data-order') !== 'asc';
    rows.sort(function (a, b) {
      var x = a.cells[col].getAttribute('data-v') || a.cells[col].textContent;
      var y = b.cells[col].getAttribute('data-v') || b.cells[col].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    th.setAttribute('data-order', asc ? 'asc' : 'desc');
  });
});
"""
_EXTRA_CSS = """
figure.chart { margin: .6em 0 1em; } figure.chart figcaption { color: #444; font-size: .92em; }
.finding { border-left: 4px solid #b35900; padding: .2em .9em; margin: .8em 0; background: #fafafa; }
.flag { color: #a40000; font-weight: 600; } table.sortable th { cursor: pointer; }
"""


def _heatmap(summary: Summary, kb: KnowledgeBase, lang: Lang) -> str:
    cells, rows = [], []
    for t in summary.teams:
        for kpi, v in sorted(t.kpis.items()):
            name = label(kb, "kpi", kpi, lang)
            cells.append({"team": t.name, "kpi": name, "value": v["median_attainment"],
                          "label": f"{v['median_attainment']:.0%}"})
            rows.append([t.name, name, f"{v['median_attainment']:.0%}", str(v["measured"]),
                         str(v["gaps"])])
    if not cells:
        return ""
    from . import charts  # Altair and the Vega runtime load only when a report is drawn

    svg = charts.heatmap(cells, kpi_title=w("kpi", lang), team_title=w("team", lang),
                         value_title=w("median", lang))
    return (f'<h2>{e(w("heatmap", lang))}</h2><figure class="chart" data-chart="heatmap">{svg}'
            f'<figcaption>{e(w("heatmap_text", lang))}</figcaption></figure>' +
            table_html([w("team", lang), w("kpi", lang), w("median", lang),
                        w("measured", lang), w("with_gap", lang)], rows, numeric=(2, 3, 4)))


def _causes(summary: Summary, kb: KnowledgeBase, lang: Lang) -> str:
    bars, rows = [], []
    for t in summary.teams:
        for pattern, n in t.causes.items():
            name = label(kb, "pattern", pattern, lang)
            bars.append({"team": t.name, "cause": name, "members": n})
            rows.append([t.name, name, str(n), str(t.members)])
    out = f'<h2>{e(w("causes", lang))}</h2>'
    if not bars:
        return out + "<p>-</p>"
    from . import charts

    svg = charts.cause_bars(bars, team_title=w("team", lang), count_title=w("members", lang),
                            cause_title=w("cause", lang))
    return (out + f'<figure class="chart" data-chart="causes">{svg}<figcaption>'
            f'{e(w("causes_text", lang))}</figcaption></figure>' +
            table_html([w("team", lang), w("cause", lang), w("members", lang),
                        w("measured", lang)], rows, numeric=(2, 3)))


def _findings(summary: Summary, pages: dict[str, str], lang: Lang) -> str:
    out = [f'<h2>{e(w("findings", lang))}</h2>']
    if not summary.team_findings:
        out.append(f"<p>{e(w('no_findings', lang))}</p>")
    for f in summary.team_findings:
        out.append(f'<div class="finding" data-team="{e(f.team)}"><h3>{e(f.team)}: '
                   f"{e(f.pattern_name)} ({e(w('certainty', lang))} {f.certainty:.2f})</h3>")
        if f.recommend:
            out.append(f"<p><strong>{e(w('recommend', lang))}</strong>: " + "; ".join(
                f"{e(r['name'])} ({e(r['rule'])})" for r in f.recommend) + "</p>")
        out.append(f"<p><strong>{e(w('how', lang))}</strong></p><ul>")
        for x in f.firings:
            out.append(f"<li><strong>{e(x.rule)}</strong> {x.certainty:+.2f} {e(x.title)} "
                       f'<span class="src">({e(x.location)})</span><ul>' +
                       "".join(f"<li>{e(fact)}</li>" for fact in x.facts) + "</ul>")
            if x.rationale:
                out.append(f'<div class="why">{e(x.rationale)}</div>')
            if x.source:
                out.append(f'<div class="why src">{e(x.source)}</div>')
            out.append("</li>")
        out.append(f"</ul><p><strong>{e(w('evidence', lang))}</strong> "
                   f"({len(f.members)}):</p><p>" + ", ".join(
                       f'<a href="{e(pages[m.employee])}">{e(m.employee)}</a> '
                       f"{m.certainty:.2f} ({e(', '.join(m.rules))})"
                       if m.employee in pages else e(m.employee) for m in f.members) +
                   "</p></div>")
    return "\n".join(out)


def _fairness(summary: Summary, kb: KnowledgeBase, lang: Lang) -> str:
    out = [f'<h2>{e(w("fairness", lang))}</h2><p>{e(w("fairness_text", lang))}</p>']
    if not summary.fairness:
        return out[0] + f"<p>{e(w('no_groups', lang))}</p>"
    rows = []
    for r in summary.fairness:
        outcome = w("plan_advised", lang) if r["outcome"] == "plan_advised" else label(
            kb, "pattern", r["outcome"], lang)
        for g in r["groups"]:
            ratio = "-" if g["impact_ratio"] is None else f"{g['impact_ratio']:.2f}"
            flag = w("flagged", lang) if g["flagged"] else ""
            rows.append([r["attribute"], outcome, g["value"], str(g["n"]), str(g["adverse"]),
                         f"{g['rate']:.0%}", ratio,
                         "-" if g["p_value"] is None else f"{g['p_value']:.3f}",
                         (flag + ("; " if flag and g["note"] else "") + (
                             w(_NOTES[g["note"]], lang) if g["note"] in _NOTES
                             else g["note"] or ""))])
    out.append(table_html([w("attribute", lang), w("outcome", lang), w("group", lang),
                           w("n", lang), w("adverse", lang), w("rate", lang), w("ratio", lang),
                           w("p", lang), w("flag", lang)], rows, numeric=(3, 4, 5, 6, 7)))
    return "\n".join(out)


def _employees(members: list[Member], kb: KnowledgeBase, lang: Lang) -> str:
    order = ["none", "minor", "moderate", "severe"]
    head = [w("employee", lang), w("team", lang), w("role", lang), w("manager", lang),
            w("primary", lang), w("certainty", lang), w("severity", lang), w("plan", lang)]
    out = [f'<h2>{e(w("employees", lang))}</h2><p class="meta">{e(w("sort", lang))}</p>',
           '<table class="sortable" id="employees"><thead><tr>' +
           "".join(f"<th>{e(h)}</th>" for h in head) + "</tr></thead><tbody>"]
    for m in members:
        link = f'<a href="{e(m.page)}">{e(m.employee)}</a>' if m.page else e(m.employee)
        primary = m.primary
        sev = m.worst_severity()
        cells = [link, e(m.team), e(m.role), e(m.manager or "-"),
                 e(label(kb, "pattern", primary[0], lang) if primary else
                   (w("failed", lang) if m.error else "-")),
                 f'<td class="num" data-v="{primary[1] if primary else -1}">'
                 f"{primary[1]:.2f}</td>" if primary else '<td class="num" data-v="-1">-</td>',
                 f'<td data-v="{order.index(sev)}">{e(w(sev, lang))}</td>',
                 e(w("yes", lang) if m.plan_advised else w("no", lang))]
        out.append("<tr>" + "".join(c if c.startswith("<td") else f"<td>{c}</td>"
                                    for c in cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def render_report(summary: Summary, members: list[Member], kb: KnowledgeBase,
                  lang: Lang) -> str:
    c = summary.counts
    pages = {m.employee: m.page for m in members if m.page}
    counts = w("counts", lang, teams=len(summary.teams), sources=", ".join(summary.files), **c)
    parts = [f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
             '<meta charset="utf-8"><meta name="viewport" content="width=device-width">'
             f"<title>perfdx {e(w('title', lang))}</title><style>{CSS}{_EXTRA_CSS}</style>"
             f"</head><body><h1>perfdx {e(w('title', lang))}</h1>",
             f'<p class="meta">{e(counts)}'
             f"<br>{e('knowledge base')} <code>{e(summary.kb_hash[:12])}</code></p>",
             f'<p class="draft">{e(w("draft", lang))}</p>',
             _heatmap(summary, kb, lang), _causes(summary, kb, lang),
             _findings(summary, pages, lang), _fairness(summary, kb, lang),
             _employees(members, kb, lang)]
    if summary.problems or summary.failed:
        parts.append(f'<h2>{e(w("problems", lang))}</h2><ul>' + "".join(
            f"<li><code>{e(p)}</code></li>" for p in summary.problems) + "".join(
            f"<li>{e(f['employee'])}: {e(f['error'])}</li>" for f in summary.failed) + "</ul>")
    parts.append(f"<script>{_SORT_JS}</script></body></html>\n")
    return "\n".join(parts)

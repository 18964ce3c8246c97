"""`perfdx kb show` as text: every name a case can use, with what it means, section by section."""

from __future__ import annotations

from collections.abc import Callable
from typing import get_args

from engine.case.model import Rating
from engine.explain.wording import number
from engine.i18n import Lang, ui
from engine.kb.base import KnowledgeBase
from engine.kb.models import Observation, unit_text

from ..table import table

# (en, zh) for every word printed here
_W: dict[str, tuple[str, str]] = {
    "kb": ("knowledge base", "知识库"),
    "kpis": ("KPIs", "指标"),
    "kpis_how": ("write the id as `kpi:` under metrics or concerns",
                 "在 metrics 或 concerns 中以 `kpi:` 填写编号"),
    "observations": ("Observations", "观察项"),
    "observations_how": ("write the id as `name:` under observations; any of them may be answered "
                         "`unknown`",
                         "在 observations 中以 `name:` 填写编号；任何一项都可以回答 `unknown`"),
    "dimensions": ("Rating dimensions", "评分维度"),
    "dimensions_how": ("write the id as `dimension:` under ratings", "在 ratings 中以 "
                       "`dimension:` 填写编号"),
    "areas": ("Concern areas", "关注领域"),
    "areas_how": ("write the id as `area:` under concerns; the indicator is how the plan sees "
                  "progress", "在 concerns 中以 `area:` 填写编号；改进计划以衡量标志判断进展"),
    "patterns": ("Patterns", "差距模式"),
    "patterns_how": ("the causes perfdx can conclude; `perfdx explain CASE --how|--why-not ID`",
                     "perfdx 可以得出的原因；`perfdx explain CASE --how|--why-not 编号`"),
    "interventions": ("Interventions", "干预措施"),
    "interventions_how": ("what perfdx can recommend for the patterns it addresses",
                          "perfdx 可针对所列差距模式建议的措施"),
    "courses": ("Courses", "课程"),
    "courses_how": ("training perfdx can schedule for a competency",
                    "perfdx 可针对某项能力安排的培训"),
    "rules": ("Rules", "规则"),
    "id": ("id", "编号"),
    "name": ("name", "名称"),
    "unit": ("unit", "单位"),
    "direction": ("direction", "方向"),
    "standard": ("usual target", "常用目标"),
    "measured_in": ("measured in", "数据来源"),
    "higher_is_better": ("higher is better", "越高越好"),
    "lower_is_better": ("lower is better", "越低越好"),
    "type": ("type", "类型"),
    "answer": ("answer", "回答"),
    "question": ("question", "问题"),
    "boolean": ("yes or no", "是或否"),
    "number": ("a number", "数字"),
    "range": ("a number, {low} to {high}", "数字，{low} 至 {high}"),
    "choice": ("one of: {choices}", "以下之一：{choices}"),
    "text": ("text", "文字"),
    "scale": ("Sources: {sources}. A score runs from 1 to the rating's `scale` (5 when not "
              "given); rules see every score converted to 1-{rules}.",
              "来源：{sources}。分数从 1 到该评分的 `scale`（未填写时为 5）；规则看到的分数一律换算为 "
              "1-{rules}。"),
    "indicator": ("indicator", "衡量标志"),
    "drivers": ("usual causes", "常见原因"),
    "rules_n": ("rules", "规则数"),
    "kind": ("kind", "类别"),
    "environment": ("environment", "环境"),
    "person": ("person", "个人"),
    "addresses": ("addresses", "针对"),
    "owner": ("owner", "负责人"),
    "days": ("days", "天数"),
    "cost": ("cost", "成本"),
    "competency": ("competency", "能力"),
    "hours": ("hours", "学时"),
    "format": ("format", "形式"),
    "stage": ("stage", "阶段"),
    "title": ("title", "标题"),
    "where": ("where", "位置"),
    "gaps": ("gaps", "差距"),
    "evidence": ("evidence", "证据"),
    "causes": ("causes", "原因"),
    "recommend": ("recommend", "建议"),
}
# counts on the summary line: (en noun, zh measure word + noun)
_COUNTS: dict[str, tuple[str, str]] = {
    "kpis": ("KPIs", "个指标"), "observations": ("observations", "个观察项"),
    "dimensions": ("rating dimensions", "个评分维度"), "areas": ("concern areas", "个关注领域"),
    "patterns": ("patterns", "个差距模式"), "interventions": ("interventions", "项干预措施"),
    "courses": ("courses", "门课程"), "rules": ("rules", "条规则"),
}


def _w(key: str, lang: Lang, **values: str) -> str:
    en, zh = _W[key]
    return (zh if lang == "zh" else en).format(**values)


def _heads(lang: Lang, *keys: str) -> list[str]:
    return [_w(k, lang) for k in keys]


def _answer(obs: Observation, lang: Lang) -> str:
    if obs.type == "choice":
        return _w("choice", lang, choices=", ".join(obs.choices or []))
    if obs.type == "number" and obs.low is not None and obs.high is not None:
        return _w("range", lang, low=number(obs.low), high=number(obs.high))
    return _w(obs.type, lang)


def _kpis(kb: KnowledgeBase, lang: Lang) -> list[str]:
    rows = [[k.id, k.name.get(lang), unit_text(k, lang), _w(k.direction, lang),
             number(k.standard) if k.standard is not None else "-", k.measured_in.get(lang)]
            for k in kb.kpis.values()]
    return table(_heads(lang, "id", "name", "unit", "direction", "standard", "measured_in"),
                 rows, right=(4,))


def _observations(kb: KnowledgeBase, lang: Lang) -> list[str]:
    rows = [[o.id, _answer(o, lang), o.question.get(lang)] for o in kb.observations.values()]
    return table(_heads(lang, "id", "answer", "question"), rows)


def _dimensions(kb: KnowledgeBase, lang: Lang) -> list[str]:
    # the sources a case may give are the case model's; the id is what a case writes
    sources = get_args(Rating.model_fields["source"].annotation)
    named = [s if lang == "en" else f"{s}（{ui(s, lang)}）" for s in sources]
    rows = [[d.id, d.label.get(lang)] for d in kb.dimensions.values()]
    return table(_heads(lang, "id", "name"), rows) + [
        "  " + _w("scale", lang, sources=("、" if lang == "zh" else ", ").join(named),
                  rules=number(kb.settings.rating_scale))]


def _areas(kb: KnowledgeBase, lang: Lang) -> list[str]:
    rows = [[a.id, a.label.get(lang), a.indicator.get(lang)] for a in kb.areas.values()]
    return table(_heads(lang, "id", "name", "indicator"), rows)


def _patterns(kb: KnowledgeBase, lang: Lang) -> list[str]:
    rows = [[p.id, p.name.get(lang), str(sum(1 for r in kb.rules if r.concludes(p.id))),
             _w("environment" if p.environmental else "person", lang)]
            for p in kb.patterns.values()]
    return table(_heads(lang, "id", "name", "rules_n", "kind"), rows, right=(2,))


def _interventions(kb: KnowledgeBase, lang: Lang) -> list[str]:
    owners = kb.owners
    rows = [[i.id, i.name.get(lang), ", ".join(i.addresses),
             owners[i.owner].label.get(lang) if i.owner in owners else i.owner,
             str(i.duration_days), ui(i.cost, lang)] for i in kb.interventions.values()]
    return table(_heads(lang, "id", "name", "addresses", "owner", "days", "cost"), rows,
                 right=(4,))


def _courses(kb: KnowledgeBase, lang: Lang) -> list[str]:
    rows = [[c.id, c.name.get(lang), c.competency, number(c.hours), ui(c.format, lang)]
            for c in kb.courses.values()]
    return table(_heads(lang, "id", "name", "competency", "hours", "format"), rows, right=(3,))


def _rules(kb: KnowledgeBase, lang: Lang) -> list[str]:
    rows = [[r.id, _w(r.stage, lang), r.title.get(lang), r.location] for r in kb.rules]
    return table(_heads(lang, "id", "stage", "title", "where"), rows)


_RENDER: dict[str, Callable[[KnowledgeBase, Lang], list[str]]] = {
    "kpis": _kpis, "observations": _observations, "dimensions": _dimensions, "areas": _areas,
    "patterns": _patterns, "interventions": _interventions, "courses": _courses,
    "rules": _rules,
}


def _count(kb: KnowledgeBase, section: str) -> int:
    return len(kb.rules) if section == "rules" else len(getattr(kb, section))


def render_show(kb: KnowledgeBase, sections: list[str], lang: Lang) -> str:
    """The header, the counts of every section, then each section asked for."""
    zh = lang == "zh"
    out = [f"{_w('kb', lang)} {kb.root} ({kb.short_hash})", ""]
    counts = [(f"{_count(kb, s)}{_COUNTS[s][1]}" if zh else f"{_count(kb, s)} {_COUNTS[s][0]}")
              for s in _RENDER]
    out += ["  " + ("，" if zh else ", ").join(counts), ""]
    for s in sections:
        how = f"{s}_how"
        head = _w(s, lang)
        if how in _W:
            head += f"（{_w(how, lang)}）" if zh else f" ({_w(how, lang)})"
        out += [head] + _RENDER[s](kb, lang) + [""]
    out += [w.compiler_line() for w in kb.warnings]
    return "\n".join(out).rstrip("\n") + "\n"

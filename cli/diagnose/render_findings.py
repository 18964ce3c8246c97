"""Per gap: primary, contributing and unsupported causes; and what was recorded but not used.

Shared by the text and Markdown renderings (issue 11: nothing silent, honest silence)."""

from __future__ import annotations

from engine.explain.diagnosis import Diagnosis, GapVerdictOut, SuppressedOut, UnusedOut
from engine.explain.wording import label
from engine.i18n import Lang, ui
from engine.kb.base import KnowledgeBase
from engine.kb.policy import PlanPolicy

from .render_text import gap_names

_REASON = {
    "below_threshold": ("{c:.2f}, below the threshold", "{c:.2f},低于阈值"),
    "against": ("evidence against, {c:.2f}", "有反对证据,{c:.2f}"),
    "no_evidence": ("no evidence", "无证据"),
}

_UNUSED = {
    "unknown": ("answered unknown: no rule fires on it, and it is not asked again",
                "回答为未知:不据此触发任何规则,也不再询问"),
    "no_gap": ("the case has no gap it could count for", "案例中没有它可计入的差距"),
    "no_gap_about": ("about {about}, which has no gap in this case",
                     "针对{about},而本案例中该项没有差距"),
    "replaced": ("for {gap} a finding about that gap itself ({by}) takes its place",
                 "对{gap},以针对该差距本身的发现({by})为准"),
    "no_rule_reads_it": ("no rule of the knowledge base reads it", "知识库中没有规则读取它"),
    "contradicted": ("{rule} would use it, but {by} rules it out", "{rule} 本会采用它,但被 {by} 排除"),
    "condition_not_met": ("the rules that read it want another answer (first: {rule})",
                          "读取它的规则需要其他答案(首条:{rule})"),
    "condition_not_met_rating": ("no rule's condition on ratings holds for this score (first: "
                                 "{rule})", "没有规则对评分的条件适用于该得分(首条:{rule})"),
    "below_threshold": ("it counted for {pattern} on {gap} ({rule}), which stays below the "
                        "reporting threshold ({c:.2f})",
                        "它计入了{gap}的{pattern}({rule}),但该原因仍低于报告阈值({c:.2f})"),
    "outside_drivers": ("outside the usual drivers of {gap} ({rule}), and off_driver_factor is 0",
                        "不在{gap}的常见原因之内({rule}),且 off_driver_factor 为 0"),
}


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "en" else pair[1]


def nothing_found(d: Diagnosis) -> bool:
    """No evidence rule fired for any gap of the case."""
    return bool(d.by_gap) and not any(v.evidence_found for v in d.by_gap)


def verdict_line(kb: KnowledgeBase, d: Diagnosis, v: GapVerdictOut, lang: Lang) -> list[str]:
    name = gap_names(kb, d, [v.gap], lang)
    colon = ":" if lang == "zh" else ": "
    sep = "、" if lang == "zh" else ", "
    if not v.evidence_found:
        lines = [f"{name}{colon}{ui('silent_gap', lang)}"]
        if v.questions:
            asked = sep.join(label(kb, "observation", q, lang) for q in v.questions)
            lines.append(f"  {ui('ask_first', lang)}{colon}{asked}")
        return lines
    parts = []
    if v.primary:
        parts.append(f"{ui('primary', lang)} {label(kb, 'pattern', v.primary, lang)} "
                     f"({v.primary_certainty:.2f})")
    else:
        parts.append(ui("no_primary", lang))
    if v.contributing:
        parts.append(f"{ui('contributing', lang)}{colon}" + sep.join(
            label(kb, "pattern", p, lang) for p in v.contributing))
    if v.not_supported:
        parts.append(f"{ui('not_supported', lang)}{colon}" + sep.join(
            f"{label(kb, 'pattern', n.pattern, lang)} ("
            + _pick(_REASON[n.reason], lang).format(c=n.certainty or 0.0) + ")"
            for n in v.not_supported))
    return [f"{name}{colon}" + ("; " if lang == "en" else ";").join(parts)]


def unused_line(kb: KnowledgeBase, d: Diagnosis, u: UnusedOut, lang: Lang) -> str:
    kind = {"observation": "observation", "rating": "dimension", "concern": "area"}[u.kind]
    if u.kind == "concern" and u.name in kb.kpis:
        kind = "kpi"
    name = label(kb, kind, u.name, lang) if u.name else u.fact
    key = "no_gap_about" if u.reason == "no_gap" and u.about else u.reason
    if key == "condition_not_met" and u.kind == "rating":
        key = "condition_not_met_rating"
    about = (label(kb, "kpi", u.about, lang) if u.about in kb.kpis
             else label(kb, "area", u.about or "", lang))
    why = _pick(_UNUSED[key], lang).format(
        rule=u.rule or "", by=u.by or "", gap=gap_names(kb, d, [u.gap], lang) if u.gap else "",
        pattern=label(kb, "pattern", u.pattern, lang) if u.pattern else "",
        c=u.certainty or 0.0, about=about)
    colon = ":" if lang == "zh" else ": "
    return f"{name} [{u.fact}]{colon}{why}"


def suppressed_line(kb: KnowledgeBase, d: Diagnosis, s: SuppressedOut, lang: Lang) -> str:
    name = kb.interventions[s.intervention].name.get(lang)
    colon = ":" if lang == "zh" else ": "
    return (f"{name} ({label(kb, 'pattern', s.pattern, lang)}, {gap_names(kb, d, s.gaps, lang)}; "
            f"{', '.join(s.rules)}){colon}{s.reason.get(lang)} [{s.contraindication}]")


_REQUEST = {
    "recommended": ("Training was requested, and it fits: {what} is recommended for a skill "
                    "shortfall.", "经理要求培训，且培训适用：针对技能不足建议{what}。"),
    "contraindicated": ("Training was requested, but it does not fit here: {why}",
                        "经理要求培训，但此处培训不适用：{why}"),
    "no_skill_cause": ("Training was requested, but it does not fit: no gap has a skill "
                       "shortfall among its causes ({causes}); training does not remove an "
                       "obstacle in the environment.",
                       "经理要求培训，但培训不适用：没有任何差距的原因是技能不足（{causes}）；"
                       "培训无法消除环境中的障碍。"),
}


def training_request_line(kb: KnowledgeBase, d: Diagnosis, lang: Lang) -> str | None:
    t = d.training_request
    if t is None:
        return None
    sep = "、" if lang == "zh" else ", "
    what = sep.join(kb.interventions[i].name.get(lang) for i in t.interventions)
    why = next((s.reason.get(lang) for s in d.suppressed
                if s.contraindication == t.contraindication), "")
    causes = sep.join(label(kb, "pattern", p, lang) for p in t.causes) or "-"
    return _pick(_REQUEST[t.reason], lang).format(what=what, why=why, causes=causes)


_MONITOR = {
    "heading": ("{severities} gaps: monitored, no improvement plan",
                "{severities}差距：持续观察，不制定改进计划"),
    "item": ("{gap} ({severity}; {cause})", "{gap}（{severity}；{cause}）"),
    "cause": ("primary cause {cause}", "主要原因：{cause}"),
    "no_cause": ("no cause found yet", "尚未找到原因"),
    "means": ("Monitoring means: no improvement plan, which is for {significant} gaps; share the "
              "figures with the employee at the next one-to-one, look at them again in {days} "
              "days with the next results, and draft an improvement plan if a gap has grown to "
              "{significant} by then.",
              "持续观察是指：不制定改进计划（改进计划针对{significant}差距）；在下次一对一沟通时"
              "与员工分享上述数据，{days} 天后结合最新结果再次查看；届时如差距已达到{significant}"
              "程度，再起草改进计划。"),
}


def _policy(kb: KnowledgeBase) -> PlanPolicy:
    found = kb.sections.get("plan_policy")
    return found if isinstance(found, PlanPolicy) else PlanPolicy()


def _severities(values: list[str], lang: Lang) -> str:
    return (" or " if lang == "en" else "或").join(ui(s, lang) for s in values)


def monitoring(kb: KnowledgeBase, d: Diagnosis, lang: Lang) -> tuple[str, list[str], str] | None:
    """The gaps too small for an improvement plan (by the KB's plan policy), each with its primary
    cause or none, and what monitoring them means: the same for a gap with a cause and one
    without (issue 16). None when every gap calls for a plan."""
    policy = _policy(kb)
    small = [g for g in d.gaps if g.severity not in policy.significant_severities]
    if not small:
        return None
    order = ("minor", "moderate", "severe")
    quiet = [s for s in order if s not in policy.significant_severities and
             any(g.severity == s for g in small)]
    loud = [s for s in order if s in policy.significant_severities]
    heading = _pick(_MONITOR["heading"], lang).format(severities=_severities(quiet, lang))
    heading = heading[:1].upper() + heading[1:]
    primary = {v.gap: v.primary for v in d.by_gap}
    items = []
    for g in small:
        p = primary.get(g.id)
        cause = (_pick(_MONITOR["cause"], lang).format(cause=label(kb, "pattern", p, lang))
                 if p else _pick(_MONITOR["no_cause"], lang))
        items.append(_pick(_MONITOR["item"], lang).format(
            gap=gap_names(kb, d, [g.id], lang), severity=ui(g.severity, lang), cause=cause))
    means = _pick(_MONITOR["means"], lang).format(significant=_severities(loud, lang),
                                                  days=policy.monitoring_days)
    return heading, items, means

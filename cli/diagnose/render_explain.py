"""HOW and WHY-NOT explanations, and the trace, as text."""

from __future__ import annotations

from engine.explain.how_why_not import Attempt, FactLine, HowExplanation, WhyNotExplanation
from engine.explain.why_not_recommended import WhyNotRecommendedExplanation
from engine.i18n import Lang, ui
from engine.reasoning.trace import Trace


def _facts(lines: list[FactLine], indent: str, out: list[str]) -> None:
    for f in lines:
        out.append(f"{indent}- {f.summary}  [{f.id}; {f.origin}]")
        _facts(f.derived_from, indent + "  ", out)


def render_how(e: HowExplanation, lang: Lang) -> str:
    out = [f"{ui('how', lang)}: {e.name}"]
    if not e.causes:
        out.append("  " + ("no rule found evidence for this pattern" if lang == "en"
                           else "没有规则为该模式找到证据"))
    for c in e.causes:
        state = "" if c.reported else (
            f" (below the reporting threshold {e.threshold:g}, not reported)" if lang == "en"
            else f"(低于报告阈值 {e.threshold:g},不予报告)")
        out.append(f"  {c.gap_name}: {ui('certainty', lang)} {c.certainty:.2f}{state}")
        for r in c.rules:
            sign = f"{r.certainty:+.2f}" if r.certainty is not None else ""
            out.append(f"    {r.rule} {sign}  {r.title}  ({r.location}, {_zh(r.stage, lang)})")
            if r.factor is not None:
                out.append(f"      outside the gap's usual drivers: certainty x{r.factor:g}"
                           if lang == "en" else f"      不在该差距的常见原因之内:确定度 x{r.factor:g}")
            if r.rationale:
                out.append(f"      {r.rationale}")
            if r.source:
                out.append(f"      source: {r.source}" if lang == "en" else f"      出处:{r.source}")
            _facts(r.matched, "      ", out)
    for line in e.ranking:
        out.append(f"  {line.text}")
    return "\n".join(out) + "\n"


def render_why_not(e: WhyNotExplanation, lang: Lang) -> str:
    en = lang == "en"
    out = [f"{ui('why_not', lang)}: {e.name}"]
    if e.concluded:
        gaps = ", ".join(f"{c.gap_name} ({c.certainty:.2f})" for c in e.concluded)
        out.append(f"  It was concluded, for {gaps}; see --how." if en
                   else f"  已得出该结论({gaps}),请查看 --how。")
    if e.no_gaps:
        out.append("  No gap was found, so no cause can be concluded." if en
                   else "  未发现绩效差距,因此无法得出原因。")
    for b in e.below_threshold:
        parts = ", ".join(f"{r} {v:+.2f}" for r, v in b.contributions)
        out.append(f"  For the {b.gap_name} the combined certainty {b.certainty:.2f} is below the "
                   f"reporting threshold {e.threshold:g} ({parts})." if en else
                   f"  {b.gap_name}的综合确定度为 {b.certainty:.2f},低于报告阈值 {e.threshold:g}"
                   f"({parts})。")
    if not e.attempts:
        out.append("  No rule in the knowledge base concludes this pattern." if en
                   else "  知识库中没有能得出该模式的规则。")
    out += _attempts(e.attempts, lang)
    return "\n".join(out) + "\n"


def _attempts(attempts: list[Attempt], lang: Lang) -> list[str]:
    """Each rule that could have concluded it: its closest match and first failed condition."""
    en = lang == "en"
    out: list[str] = []
    for a in attempts:
        head = f"  {a.rule}  {a.title}  ({a.location})"
        out.append(head)
        if a.fired_for:
            out.append(f"    fired for {', '.join(a.fired_for)}" if en
                       else f"    已对 {', '.join(a.fired_for)} 触发")
        if a.failed:
            closest = ", ".join(f"{k}={v}" for k, v in a.closest.items()) or (
                "none" if en else "无")
            met = (f"closest match {closest}: {a.met} of {a.total} conditions hold" if en
                   else f"最接近的匹配 {closest}:{a.total} 个条件中 {a.met} 个成立")
            out.append(f"    {met}")
            out.append(f"    first failed: {a.failed}" if en else f"    首个不成立的条件:{a.failed}")
            if a.question:
                out.append(f"    ask: {a.question}" if en else f"    请询问:{a.question}")
    return out


def render_why_not_recommended(e: WhyNotRecommendedExplanation, lang: Lang) -> str:
    en = lang == "en"
    sep = ", " if en else "、"
    out = [(f"Why perfdx did not recommend: {e.name}" if en
            else f"未建议该干预措施的原因：{e.name}")]
    for r in e.recommended:
        out.append(f"  It was recommended, for {sep.join(r.gaps)} ({sep.join(r.rules)}); see "
                   "the diagnosis." if en else
                   f"  已建议该措施，针对 {sep.join(r.gaps)}（{sep.join(r.rules)}），请查看诊断结果。")
    for w in e.withheld:
        src = f"; source: {w.source}" if en and w.source else (f"；出处：{w.source}" if w.source
                                                                else "")
        out.append(f"  Withheld for {sep.join(w.gaps)}: {w.reason} (contraindication "
                   f"{w.contraindication}{src}; recommended by {sep.join(w.rules)})" if en else
                   f"  针对 {sep.join(w.gaps)} 已撤下：{w.reason}（禁忌 {w.contraindication}{src}；"
                   f"建议规则 {sep.join(w.rules)}）")
    if e.no_gaps:
        out.append("  No gap was found, so no cause was concluded and nothing is recommended."
                   if en else "  未发现绩效差距，因此未得出原因，也没有建议任何措施。")
    for c in e.causes:
        if c.concluded_for:
            gaps = sep.join(f"{g} ({v:.2f})" if en else f"{g}（{v:.2f}）"
                            for g, v in c.concluded_for)
            out.append(f"  It addresses {c.name}, concluded for {gaps}." if en
                       else f"  该措施针对{c.name}，已就 {gaps} 得出该原因。")
        else:
            out.append(f"  It addresses {c.name}, which was not concluded for this case "
                       f"(--why-not {c.pattern} says why)." if en else
                       f"  该措施针对{c.name}，本案例未得出该原因（--why-not {c.pattern} 可查看原因）。")
    if not e.attempts:
        out.append("  No rule in the knowledge base recommends it." if en
                   else "  知识库中没有建议该措施的规则。")
    out += _attempts(e.attempts, lang)
    return "\n".join(out) + "\n"


_TRACE_ZH = {
    "input": "输入", "gaps": "差距", "evidence": "证据", "causes": "原因", "recommend": "建议",
    "fire": "触发", "measure": "测量", "summarise": "汇总", "combine": "合并", "drop": "舍弃",
    "scope": "适用", "scale": "折减", "suppress": "撤下",
    "outside the gap's usual drivers": "不在该差距的常见原因之内",
    "case-wide: counts for every gap": "适用于整个案例:计入每项差距",
    "case-wide, but the case has no gap": "适用于整个案例,但案例中没有差距",
    "about one KPI or area: counts only for its gap": "针对某一指标或领域:只计入该项差距",
    "about a KPI or area without a gap in this case: counts for none":
        "所针对的指标或领域在本案例中没有差距:不计入任何差距",
    "a finding about the gap itself takes its place where it exists":
        "若有针对该差距本身的发现,则以其为准",
    "most severe proposal": "取最严重的判定", "MYCIN combination": "MYCIN 合成",
    "MYCIN combination of evidence and cause rules": "证据与原因规则的 MYCIN 合成",
    "severity none: not a gap": "严重程度为无:不构成差距",
    "first priority of the rules that recommend it": "取各建议规则中最高的优先级",
    "measured from the KPI catalog": "依据指标目录计算",
}


def _zh(word: str, lang: Lang) -> str:
    if lang != "zh":
        return word
    if word.startswith("below the reporting threshold "):
        return "低于报告阈值 " + word.rsplit(" ", 1)[1]
    if "; " in word:
        return ";".join(_zh(part, lang) for part in word.split("; "))
    return _TRACE_ZH.get(word, word)


def render_trace(trace: Trace, lang: Lang) -> str:
    """Every step in order. Rule ids, fact ids and field names stay as they are: they are the
    names an auditor looks up in the KB and the case."""
    zh = lang == "zh"
    on, att, sev, trend, cert = (("匹配", "达成率", "严重程度", "趋势", "确定度") if zh else
                                 ("on", "attainment", "severity", "trend", "certainty"))
    out = [ui("reasoning", lang)]
    for s in trace.steps:
        stage = f"{_zh(s.stage, lang):<9}" if not zh else _zh(s.stage, lang)
        if s.kind == "fire":
            matched = ", ".join(f"{k}={v}" for k, v in sorted(s.matched.items()))
            concl = s.asserted or {}
            what = " ".join(f"{k}={v}" for k, v in concl.items() if k != "t")
            out.append(f"  {s.seq:>3} {stage} {_zh('fire', lang):<7} {s.rule} ({s.location}) "
                       f"{on} {matched} -> {concl.get('t')} {what}")
        elif s.kind == "scope":
            fid = next(iter(s.matched.values()), "")
            gaps = ", ".join((s.asserted or {}).get("gaps", [])) or "-"
            out.append(f"  {s.seq:>3} {stage} {_zh('scope', lang):<7} {fid} -> {gaps} "
                       f"({_zh(s.note or '', lang)})")
        elif s.kind == "scale":
            a = s.asserted or {}
            matched = ", ".join(f"{k}={v}" for k, v in sorted(s.matched.items()))
            out.append(f"  {s.seq:>3} {stage} {_zh('scale', lang):<7} {s.rule} {on} {matched} -> "
                       f"{a.get('t')} {a.get('pattern')} {a.get('gap')} x{a.get('factor'):g} = "
                       f"{a.get('certainty'):+g} ({_zh(s.note or '', lang)})")
        elif s.kind == "enrich":
            fid = next(iter(s.matched.values()), "")
            a = s.asserted or {}
            out.append(f"  {s.seq:>3} {stage} {_zh('measure', lang)} {fid}: {att} "
                       f"{a.get('attainment', '-')}, {sev} {ui(str(a.get('severity')), lang)}, "
                       f"{trend} {ui(str(a.get('trend')), lang)} ({s.location})")
        elif s.kind == "summarise":
            fid = next(iter(s.matched.values()), "")
            a = s.asserted or {}
            words = (f"平均 {a.get('score')}，{a.get('count')} 条评分，最低 {a.get('lowest')}，"
                     f"最高 {a.get('highest')}" if zh else
                     f"mean {a.get('score')} of {a.get('count')} ratings, lowest "
                     f"{a.get('lowest')}, highest {a.get('highest')}")
            out.append(f"  {s.seq:>3} {stage} {_zh('summarise', lang)} {fid}: {words} "
                       f"({s.location})")
        else:
            a = s.asserted or {}
            ins = ", ".join(f"{i.rule}{'' if i.certainty is None else f' {i.certainty:+g}'}"
                            for i in s.inputs)
            fid = a.get("id") or f"{a.get('t', '')} {a.get('pattern', '')} {a.get('gap', '')}"
            extra = f" {cert} {a['certainty']:g}" if "certainty" in a else ""
            out.append(f"  {s.seq:>3} {stage} {_zh(s.kind, lang):<7} {fid}{extra} <- {ins}"
                       + (f" ({_zh(s.note, lang)})" if s.note else ""))
    return "\n".join(out) + "\n"

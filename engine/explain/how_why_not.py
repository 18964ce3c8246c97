"""HOW and WHY-NOT explanations, as data (the CLI renders them).

HOW: for a concluded pattern, every rule that weighed in, with its certainty, rationale, source
and file:line, and the facts it matched, down to the input values and where they came from.

WHY-NOT: for a pattern not concluded, each rule that could have concluded it, its closest
binding (the candidate facts meeting the most conditions) and the first condition that failed,
worded ("digital tools rating (supervisor) 3.4 is not below 3"), or the evidence that is
missing, with the question to ask.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..i18n import Lang
from ..kb.conditions import AnyOf, Branch, Expr, Pattern, Test
from ..kb.models import unit_text
from ..kb.operators import unknown_flag
from ..kb.rules import Rule
from ..kb.scope import is_scope_test
from ..kb.vocabulary import FACT_TYPES
from ..reasoning.evaluate import already_bound, expr_holds, index_by_type, pattern_blocks
from ..reasoning.scope import input_id
from .analysis import Analysis
from .missing import has_target, pinned_names
from .wording import expr_words, fact_name, label, number

Fact = Mapping[str, Any]
BEAM = 8


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class FactLine(_M):
    id: str
    summary: str
    origin: str
    derived_from: list[FactLine] = []


class RuleLine(_M):
    rule: str
    title: str
    stage: str
    location: str
    certainty: float | None
    rationale: str | None
    source: str | None
    matched: list[FactLine]
    factor: float | None = None  # outside the gap's usual drivers: the certainty was scaled by it


class HowCause(_M):
    gap: str
    gap_name: str
    certainty: float
    reported: bool
    rules: list[RuleLine]


class RankLine(_M):
    """An intervention the case library's track record moved up among equal priorities."""

    intervention: str
    name: str
    above: list[str]  # the interventions it now comes before (names)
    n: int  # closed cases in its record
    met: int
    share: float  # the share it was ranked by (0.5: no usable record)
    text: str


class HowExplanation(_M):
    pattern: str
    name: str
    threshold: float
    causes: list[HowCause]
    ranking: list[RankLine] = []  # only when a track record was used


class Attempt(_M):
    rule: str
    title: str
    location: str
    fired_for: list[str]  # gaps the rule did fire for
    closest: dict[str, str]  # alias -> fact id of the closest binding
    met: int
    total: int
    failed: str | None  # the first failed condition, worded
    missing: str | None  # an observation the case lacks
    question: str | None  # the question that would supply it


class GapCertainty(_M):
    gap: str
    gap_name: str
    certainty: float
    contributions: list[tuple[str, float]]  # (rule, certainty) for and against


class WhyNotExplanation(_M):
    pattern: str
    name: str
    threshold: float
    concluded: list[GapCertainty]  # where it was concluded
    below_threshold: list[GapCertainty]  # where rules weighed in but not enough
    no_gaps: bool
    attempts: list[Attempt]


# -- facts as words -----------------------------------------------------------------------------

def summarize(analysis: Analysis, fact: Fact, lang: Lang) -> str:
    kb = analysis.kb
    t = fact.get("t")
    name = fact_name(kb, fact, lang)
    if t == "metric":
        # the unit in the reader's language ("天", not "days"); a word unit is spaced in English
        kpi = kb.kpis.get(fact["kpi"])
        unit = unit_text(kpi, lang) if kpi is not None else str(fact.get("unit", ""))
        if lang == "en" and unit[:1].isalpha():
            unit = " " + unit
        att = fact.get("attainment")
        att_text = f"{att:.0%}" if isinstance(att, (int, float)) else "-"
        if lang == "zh":
            return (f"{label(kb, 'kpi', fact['kpi'], lang)}:目标 {number(fact['target'])}{unit},"
                    f"实际 {number(fact['actual'])}{unit},达成率 {att_text}")
        return (f"{label(kb, 'kpi', fact['kpi'], lang)}: target {number(fact['target'])}{unit}, "
                f"actual {number(fact['actual'])}{unit}, attainment {att_text}")
    if t == "rating":
        return f"{name}: {number(fact['score'])}/{number(analysis.kb.settings.rating_scale)}"
    if t == "observation":
        if "value" not in fact:
            return f"{name}: unknown" if lang == "en" else f"{name}:未知"
        v = fact["value"]
        shown = ("yes" if v else "no") if isinstance(v, bool) and lang == "en" else \
            ("是" if v else "否") if isinstance(v, bool) else str(v)
        return f"{name}: {shown}"
    if t == "employee":
        if "tenure_months" not in fact:
            return f"{fact['role']},任职时长未知" if lang == "zh" else \
                f"{fact['role']}, time in post unknown"
        if lang == "zh":
            return f"{fact['role']},任职 {number(fact['tenure_months'])} 个月"
        return f"{fact['role']}, {number(fact['tenure_months'])} months in post"
    if t == "gap":
        sev = fact["severity"]
        return f"{name}: {sev}" if lang == "en" else f"{name}:{_sev_zh(sev)}"
    if t in ("evidence", "cause"):
        word = "certainty" if lang == "en" else "确定度"
        return f"{name}: {word} {fact['certainty']:+.2f}"
    if t == "concern":
        index = analysis.result.origins[fact["id"]].index
        return f"{name}: {analysis.loaded.case.concerns[index].description}"
    return name


def _sev_zh(s: str) -> str:
    return {"minor": "轻微", "moderate": "中等", "severe": "严重", "none": "无"}.get(s, s)


def fact_line(analysis: Analysis, fid: str, lang: Lang, depth: int = 0) -> FactLine:
    fact = analysis.result.facts[fid]
    origin = analysis.result.origins.get(fid)
    if origin is not None:
        where = origin.case_location
        if origin.catalog_location:
            where += (f"; measured with {origin.catalog_location}" if lang == "en"
                      else f";依据 {origin.catalog_location} 计算")
        # a finding's per-gap copy is shown as the finding the case recorded
        return FactLine(id=input_id(fid), summary=summarize(analysis, fact, lang), origin=where)
    supports = analysis.result.support.get(fid, [])
    rules = ", ".join(f"{s.rule.id} ({s.rule.location})" for s in supports)
    where = f"concluded by {rules}" if lang == "en" else f"由 {rules} 得出"
    below: list[FactLine] = []
    if depth < 3 and fact.get("t") == "gap":
        below = [fact_line(analysis, str(fact["source"]), lang, depth + 1)]
    return FactLine(id=fid, summary=summarize(analysis, fact, lang), origin=where,
                    derived_from=below)


def _rule_line(analysis: Analysis, rule: Rule, binding: Mapping[str, str], value: float | None,
               stage: str, lang: Lang, factor: float | None = None) -> RuleLine:
    return RuleLine(
        rule=rule.id, title=rule.title.get(lang), stage=stage, location=rule.location,
        certainty=value, factor=factor, rationale=rule.rationale.get(lang) if rule.rationale else None,
        source=rule.source,
        matched=[fact_line(analysis, fid, lang) for _alias, fid in sorted(binding.items())])


# -- HOW ----------------------------------------------------------------------------------------

def how(analysis: Analysis, pattern: str, lang: Lang = "en") -> HowExplanation:
    kb, result = analysis.kb, analysis.result
    threshold = kb.settings.report_threshold
    causes = []
    for (p, gap), value in result.combined.items():
        if p != pattern:
            continue
        lines = [_rule_line(analysis, s.rule, s.binding, s.value, s.stage, lang, s.factor)
                 for s in result.cause_support.get((p, gap), [])]
        causes.append(HowCause(gap=gap, gap_name=fact_name(kb, result.facts[gap], lang),
                               certainty=value, reported=value >= threshold, rules=lines))
    causes.sort(key=lambda c: -c.certainty)
    return HowExplanation(pattern=pattern, name=label(kb, "pattern", pattern, lang),
                          threshold=threshold, causes=causes,
                          ranking=_ranking(analysis, pattern, lang))


def _record_words(n: int, met: int, share: float, minimum: int, lang: Lang) -> str:
    if n >= minimum:
        return (f"{met} of {n} past cases met their goal" if lang == "en"
                else f"过去 {n} 个案例中有 {met} 个达成目标")
    return (f"fewer than {minimum} closed cases, counted as even chances ({share:.0%})"
            if lang == "en" else f"已结束案例少于 {minimum} 个,按对半机会计({share:.0%})")


def _ranking(analysis: Analysis, pattern: str, lang: Lang) -> list[RankLine]:
    track, kb = analysis.track_record, analysis.kb
    if track is None:
        return []
    minimum = kb.settings.min_track_record
    recs = analysis.diagnosis.recommendations
    usual = sorted(recs, key=lambda r: (r.priority, -r.certainty, r.intervention, r.pattern))
    out = []
    for step in analysis.diagnosis.trace.steps:
        a = step.asserted or {}
        if step.kind != "rank" or a.get("pattern") != pattern:
            continue
        me = next(r for r in recs if r.intervention == a["intervention"] and r.pattern == pattern)
        above = [r for r in recs[recs.index(me) + 1:]
                 if r.priority == me.priority and usual.index(r) < usual.index(me)]
        if not above:
            continue
        name = label(kb, "intervention", me.intervention, lang)
        others = [label(kb, "intervention", r.intervention, lang) for r in above]
        mine = _record_words(a["n"], a["met"], a["share"], minimum, lang)
        theirs = ("; " if lang == "en" else ";").join(
            label(kb, "intervention", r.intervention, lang) + (": " if lang == "en" else ":")
            + _record_words(
                e.n if (e := track.entry(r.intervention, r.pattern)) else 0,
                e.met if e else 0, track.share(r.intervention, r.pattern, minimum), minimum,
                lang) for r in above)
        text = (f"{name} ranked above {', '.join(others)} (equal priority {me.priority}), by the "
                f"case library's track record: {mine}; {theirs}" if lang == "en" else
                f"{name}排在{'、'.join(others)}之前(同为优先级 {me.priority}),依据案例库的"
                f"实施记录:{mine};{theirs}")
        out.append(RankLine(intervention=me.intervention, name=name, above=others,
                            n=a["n"], met=a["met"], share=a["share"], text=text))
    return out


# -- WHY-NOT ------------------------------------------------------------------------------------

def _leaves(p: Pattern, fact: Fact | None, binding: Mapping[str, Fact]
            ) -> list[tuple[Expr | None, bool]]:
    if fact is None:
        return [(None, False)]
    return [(e, expr_holds(e, fact, binding)) for e in p.tests] or [(None, True)]


def closest(branch: Branch, by_type: Mapping[str, list[Fact]]
            ) -> tuple[dict[str, Fact], list[tuple[Pattern, Fact | None, Expr | None, bool]]]:
    """The binding meeting the most conditions, and every condition's outcome under it."""
    states: list[tuple[int, dict[str, Fact], list[Any]]] = [(0, {}, [])]
    for p in branch.patterns:
        nxt: list[tuple[int, dict[str, Fact], list[Any]]] = []
        for score, binding, results in states:
            candidates = by_type.get(p.fact, [])
            if not p.negated:
                candidates = [f for f in candidates if not already_bound(f, binding)]
            if p.negated:
                blocker = next((f for f in candidates if pattern_blocks(p, f, binding)), None)
                held = blocker is None
                nxt.append((score + held, binding, results + [(p, blocker, None, held)]))
                continue
            if not candidates:
                nxt.append((score, binding, results + [(p, None, None, False)]))
                continue
            for f in candidates:
                leaves = _leaves(p, f, binding)
                new = dict(binding, **{p.alias: f})
                nxt.append((score + sum(h for _e, h in leaves), new,
                            results + [(p, f, e, h) for e, h in leaves]))
        nxt.sort(key=lambda s: -s[0])
        states = nxt[:BEAM]
    best = states[0]
    return best[1], best[2]


def attempt(analysis: Analysis, rule: Rule, lang: Lang, fired_for: list[str]) -> Attempt:
    """A rule that could have concluded something: its closest binding, the first condition
    that failed, or the evidence that is missing (and the question that would supply it)."""
    kb = analysis.kb
    by_type = index_by_type(analysis.result.facts.values())
    present = {str(f["name"]) for f in by_type.get("observation", [])}
    best: tuple[int, int, dict[str, Fact], list[Any]] | None = None
    for branch in rule.engine_branches:
        binding, results = closest(branch, by_type)
        met = sum(1 for r in results if r[3])
        if best is None or (met, met - len(results)) > (best[0], best[0] - best[1]):
            best = (met, len(results), binding, results)
    assert best is not None
    met, total, binding, results = best
    failed = missing = question = None
    for p, fact, expr, held in results:
        if held:
            continue
        names = pinned_names(p) if p.fact == "observation" else ()
        if names and not present.intersection(names):
            missing = names[0]
            question = kb.observations[missing].question.get(lang)
            failed = (f"the case has no answer for '{label(kb, 'observation', missing, lang)}'"
                      if lang == "en" else f"案例中没有“{label(kb, 'observation', missing, lang)}”的信息")
            if kb.observations[missing].about_target and not has_target(binding, by_type):
                question = None  # a question about the target, and this gap has none (issue 16)
                failed += (" (not asked: this gap has no target)" if lang == "en"
                           else "(不询问：该差距没有目标值)")
        elif p.negated:
            what = summarize(analysis, fact, lang) if fact is not None else p.fact
            failed = f"ruled out by {what}" if lang == "en" else f"被以下事实排除:{what}"
            if fact is not None and any(k.startswith(unknown_flag('')) for k in fact):
                failed += (" (an unknown answer neither holds nor fails, so the `not` does not "
                           "hold)" if lang == "en" else "(答案未知：既不成立也不否定，故“非”条件不成立)")
        elif isinstance(expr, Test) and is_scope_test(expr):
            failed = ("the finding counts for another gap (it is about something else)"
                      if lang == "en" else "该发现只适用于另一项差距")
        elif fact is not None and isinstance(expr, Test) and \
                fact.get(unknown_flag(expr.field)):
            subject = summarize(analysis, fact, lang)
            failed = (f"{subject}: an unknown answer neither holds nor fails, so no rule fires "
                      f"on it" if lang == "en" else f"{subject}:答案未知，不据此触发任何规则")
        elif fact is None:
            failed = (f"the case has no {p.fact} fact that fits" if lang == "en"
                      else f"案例中没有符合条件的{FACT_TYPES[p.fact].label.get(lang)}")
        elif isinstance(expr, AnyOf) or expr is not None:
            failed = expr_words(kb, p, expr, fact, binding, lang, held=False)
        break
    # show only the facts that meet every condition of their pattern
    failed_aliases = {p.alias for p, _f, _e, held in results if not held}
    shown = {a: str(f["id"]) for a, f in binding.items() if a not in failed_aliases}
    return Attempt(rule=rule.id, title=rule.title.get(lang), location=rule.location,
                   fired_for=fired_for, closest=shown,
                   met=met, total=total, failed=failed, missing=missing, question=question)


def why_not(analysis: Analysis, pattern: str, lang: Lang = "en") -> WhyNotExplanation:
    kb, result = analysis.kb, analysis.result
    threshold = kb.settings.report_threshold
    def entry(gap: str, value: float) -> GapCertainty:
        supports = result.cause_support.get((pattern, gap), [])
        return GapCertainty(gap=gap, gap_name=fact_name(kb, result.facts[gap], lang),
                            certainty=value,
                            contributions=[(s.rule.id, s.value or 0.0) for s in supports])

    concluded = [entry(g, v) for (p, g), v in result.combined.items()
                 if p == pattern and v >= threshold]
    below = [entry(g, v) for (p, g), v in result.combined.items()
             if p == pattern and v < threshold]
    fired: dict[str, list[str]] = {}
    for (p, gap), supports in result.cause_support.items():
        if p == pattern:
            for s in supports:
                fired.setdefault(s.rule.id, []).append(gap)
    attempts = [attempt(analysis, r, lang, sorted(set(fired.get(r.id, []))))
                for r in kb.rules if r.stage in ("evidence", "causes") and r.concludes(pattern)]
    no_gaps = not any(f.get("t") == "gap" for f in result.facts.values())
    return WhyNotExplanation(pattern=pattern, name=label(kb, "pattern", pattern, lang),
                             threshold=threshold, concluded=concluded, below_threshold=below,
                             no_gaps=no_gaps, attempts=attempts)

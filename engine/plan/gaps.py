"""The gaps as a plan states them: one sentence each, with the numbers, the period and the history."""

from __future__ import annotations

from ..explain.analysis import Analysis
from ..explain.diagnosis import CauseOut, GapOut
from ..explain.wording import label, number
from ..i18n import Lang
from ..kb.base import KnowledgeBase
from ..kb.models import unit_text
from ..kb.policy import PlanPolicy
from .model import GapSummary
from .phrases import join, say, share


def amount(value: float, unit: str | None) -> str:
    """6.2% · 3.7/5 · 8 days: a figure with its unit, the way a reader writes it."""
    text = number(round(value, 2))
    if not unit:
        return text
    if unit == "%" or unit.startswith("/"):
        return text + unit
    return f"{text} {unit}"


def kpi_unit(kb: KnowledgeBase, kpi: str | None, lang: Lang) -> str | None:
    if kpi is None or kpi not in kb.kpis:
        return None
    return unit_text(kb.kpis[kpi], lang)


def gap_label(kb: KnowledgeBase, gap: GapOut, lang: Lang) -> str:
    name = label(kb, "kpi", gap.kpi, lang) if gap.kpi else label(kb, "area", gap.area or "", lang)
    return name[:1].upper() + name[1:] if lang == "en" else name


def significant(policy: PlanPolicy, gap: GapOut) -> bool:
    return gap.severity in policy.significant_severities


def leading_cause(causes: list[CauseOut], gap: GapOut) -> CauseOut | None:
    """The reported cause with the highest certainty for this gap (causes come sorted)."""
    return next((c for c in causes if c.gap == gap.id), None)


def severities_text(policy: PlanPolicy, lang: Lang) -> str:
    words = [say(s, lang) for s in ("minor", "moderate", "severe")
             if s in policy.significant_severities]
    return say("or", lang).join(words)


def _short(gap: GapOut, unit: str | None, lang: Lang) -> str:
    """How far the result is from the target, as a distance (the side is worded apart)."""
    short = abs(gap.shortfall or 0.0)
    one = round(short, 2) == 1
    if unit == "%":
        return say("point" if one else "points", lang, value=number(round(short, 2)))
    if unit and unit.startswith("/"):  # a rating scale such as /5
        return say("scale_point" if one else "scale_points", lang, value=number(round(short, 2)))
    return amount(short, unit)


def _side(gap: GapOut, lang: Lang) -> str:
    """Which side of the target the result lies: a result better than its target (on target
    but sliding) is above it for a higher-is-better KPI, never a negative distance below."""
    better = (gap.shortfall or 0.0) < 0
    lower_is_better = gap.direction == "lower_is_better"
    return say("above" if lower_is_better != better else "below", lang)


def summarise(analysis: Analysis, policy: PlanPolicy, lang: Lang) -> list[GapSummary]:
    d, kb = analysis.diagnosis, analysis.kb
    case = analysis.loaded.case
    out = []
    for gap in d.gaps:
        name = gap_label(kb, gap, lang)
        severity = say(gap.severity, lang)
        if gap.measured:
            unit = kpi_unit(kb, gap.kpi, lang)
            side = _side(gap, lang)
            if gap.attainment is not None:
                detail = say("gap_detail", lang, attainment=share(gap.attainment),
                             short=_short(gap, unit, lang), side=side)
            else:
                detail = say("gap_detail_no_att", lang, short=_short(gap, unit, lang), side=side)
            history = ""
            index = analysis.result.origins[gap.source].index
            points = case.metrics[index].history if index < len(case.metrics) else []
            if points:
                items = [say("gap_history_item", lang, value=amount(p.actual, unit),
                             period=p.period) for p in points]
                history = say("gap_history", lang, items=join(items, lang))
            team = ""
            if gap.team_median is not None:
                key = f"gap_team_{gap.vs_team}" if gap.vs_team else "gap_team"
                team = say(key, lang, value=amount(gap.team_median, unit))
            text = say("gap_measured", lang, name=name, actual=amount(gap.actual or 0, unit),
                       period=gap.period or d.period, target=amount(gap.target or 0, unit),
                       detail=detail, history=history, team=team, severity=severity)
        else:
            text = say("gap_concern", lang, name=name, period=gap.period or d.period,
                       description=(gap.description or "").strip(), severity=severity)
        out.append(GapSummary(gap=gap.id, name=name, measured=gap.measured,
                              severity=gap.severity, significant=significant(policy, gap),
                              text=text))
    return out

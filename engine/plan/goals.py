"""SMART goals: one per significant gap, with baseline, target, source, milestones, date, owner
and the cause it answers.

A measured gap becomes a result goal (the KPI from its baseline to its target). A concern (a gap
stated without numbers) becomes a behavioural goal: its indicator comes from the KB's area (or
KPI), or from the concern itself when it gives one, and its target is the concern's own
`target`; without one the target is "to be agreed in the interview", so the goal is marked
incomplete and the interview outline asks for it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..case.model import Concern
from ..explain.analysis import Analysis
from ..explain.diagnosis import GapOut
from ..explain.wording import label
from ..i18n import Lang
from ..kb.policy import PlanPolicy
from .calendar import WorkCalendar
from .gaps import amount, gap_label, kpi_unit, leading_cause, significant
from .model import Goal, GoalMilestone
from .phrases import date, say, share
from .policy import length_rule


def status_text(goal: Goal, lang: Lang) -> str:
    """"passed", or what keeps the goal incomplete ("target to be agreed in the interview")."""
    if goal.status == "complete":
        return say("status_ok", lang)
    named = {"target": "missing_target", "cause": "missing_cause"}
    what = [say(named[i], lang) if i in named else i for i in goal.incomplete]
    return say("status_incomplete", lang, what=("; " if lang == "en" else "\uff1b").join(what))


def _value_at(baseline: float, target: float, closed: float) -> float:
    return round(baseline + closed * (target - baseline), 2)


def _owner(analysis: Analysis, owner: str, lang: Lang) -> str:
    return label(analysis.kb, "owners", owner, lang)


def build_goals(analysis: Analysis, policy: PlanPolicy, cal: WorkCalendar, start: dt.date,
                lang: Lang) -> list[Goal]:
    d, kb = analysis.diagnosis, analysis.kb
    goals: list[Goal] = []
    for gap in d.gaps:
        if not significant(policy, gap):
            continue
        cause = leading_cause(d.causes, gap)
        pattern = cause.pattern if cause else None
        rule = length_rule(policy, pattern, gap.severity)
        due = cal.day(start, rule.days)
        cause_name = label(kb, "pattern", pattern, lang) if pattern else None
        reason = say("length_reason", lang, days=rule.days,
                     cause=cause_name or "-", severity=say(gap.severity, lang),
                     why=rule.why.get(lang))
        common: dict[str, Any] = dict(
            id=f"goal-{len(goals) + 1}", gap=gap.id, due=due, days=rule.days,
            length_reason=reason,
            owner=policy.goal_owner, owner_label=_owner(analysis, policy.goal_owner, lang),
            support=policy.goal_support,
            support_label=_owner(analysis, policy.goal_support, lang),
            cause=pattern, cause_name=cause_name,
            cause_certainty=cause.certainty if cause else None,
            cause_rules=list(cause.rules) if cause else [],
            environmental=bool(pattern and kb.patterns[pattern].environmental),
            depends_on=[],
        )
        dates = _milestone_dates(policy, cal, start, rule.days, due)
        specific = (_result_goal(analysis, gap, dates, due, lang) if gap.measured
                    else _behaviour_goal(analysis, gap, dates, due, lang))
        goals.append(Goal(**common, **specific))
    return goals


def _milestone_dates(policy: PlanPolicy, cal: WorkCalendar, start: dt.date, days: int,
                     due: dt.date) -> list[tuple[dt.date, float]]:
    out: list[tuple[dt.date, float]] = []
    for m in policy.milestones:
        when = cal.day(start, round(days * m.at))
        if when < due and all(when > w for w, _c in out):
            out.append((when, m.closed))
    return out


def _result_goal(analysis: Analysis, gap: GapOut, dates: list[tuple[dt.date, float]],
                 due: dt.date, lang: Lang) -> dict[str, Any]:
    kb = analysis.kb
    kpi = kb.kpis.get(gap.kpi or "")
    unit = kpi_unit(kb, gap.kpi, lang)
    metric_name = gap_label(kb, gap, lang)
    baseline, target = gap.actual, gap.target
    source = kpi.measured_in.get(lang) if kpi and kpi.measured_in else None
    milestones = []
    if baseline is not None and target is not None:
        for when, closed in dates:
            value = _value_at(baseline, target, closed)
            milestones.append(GoalMilestone(
                date=when, value=value, closed=closed,
                text=say("milestone_result", lang, value=amount(value, unit),
                         date=date(when, lang), closed=share(closed))))
    key = "goal_lower" if gap.direction == "lower_is_better" else "goal_raise"
    statement = say(key, lang, metric=metric_name,
                    baseline=amount(baseline, unit) if baseline is not None else "-",
                    period=gap.period or "-", target=amount(target, unit) if target is not None
                    else "-", due=date(due, lang), source=source or "-")
    return dict(kind="result", metric=gap.kpi or "", metric_name=metric_name, unit=unit,
                direction=gap.direction, baseline=baseline, baseline_period=gap.period,
                baseline_text=amount(baseline, unit) if baseline is not None else "-",
                target=target, target_text=amount(target, unit) if target is not None else "-",
                measured_in=source, milestones=milestones, status="complete", incomplete=[],
                statement=statement)


def _behaviour_goal(analysis: Analysis, gap: GapOut, dates: list[tuple[dt.date, float]],
                    due: dt.date, lang: Lang) -> dict[str, Any]:
    kb = analysis.kb
    metric_name = gap_label(kb, gap, lang)
    indicator: str | None = None
    source: str | None = None
    if gap.area and gap.area in kb.areas:
        indicator = kb.areas[gap.area].indicator.get(lang)
    elif gap.kpi and gap.kpi in kb.kpis:
        kpi = kb.kpis[gap.kpi]
        source = kpi.measured_in.get(lang) if kpi.measured_in else None
        indicator = source or kpi.name.get(lang)  # the KPI's own figure, where it is kept
    concern = _concern(analysis, gap)
    if concern is not None and concern.indicator:
        indicator = concern.indicator  # the specialist's own words win over the KB's default
    unit = kpi_unit(kb, gap.kpi, lang)
    stated = None
    if concern is not None and concern.target is not None:
        stated = (amount(concern.target, unit) if isinstance(concern.target, float)
                  else concern.target.strip())
    milestones = [GoalMilestone(date=when, value=None, closed=closed,
                                text=say("milestone_behaviour", lang, date=date(when, lang)))
                  for when, closed in dates]
    in_sentence = metric_name[:1].lower() + metric_name[1:] if lang == "en" else metric_name
    statement = say("goal_behaviour_target" if stated else "goal_behaviour", lang,
                    metric=in_sentence, indicator=indicator or "-", due=date(due, lang),
                    target=stated or "-")
    return dict(kind="behaviour", metric=gap.area or gap.kpi or "", metric_name=metric_name,
                indicator=indicator, unit=unit, direction=gap.direction,
                baseline=None, baseline_period=gap.period,
                baseline_text=say("baseline_none", lang, period=gap.period or "-"),
                target=None, target_text=stated or say("target_tba", lang),
                stated_target=stated, measured_in=source, milestones=milestones,
                status="complete" if stated else "incomplete",
                incomplete=[] if stated else ["target"], statement=statement)


def _concern(analysis: Analysis, gap: GapOut) -> Concern | None:
    """The case's concern a gap stated without numbers comes from."""
    origin = analysis.result.origins.get(gap.source)
    concerns = analysis.loaded.case.concerns
    if origin is None or not gap.source.startswith("concern-") or origin.index >= len(concerns):
        return None
    return concerns[origin.index]

"""The interview outline, in the user's four steps: review performance and data; explore the
causes together; shape the plan with the employee; agree support and follow-up.

Its questions come from the KB: for each leading cause, the observations that the rules
concluding that pattern test (they would confirm it, or rule it out when the rule's certainty is
negative), then the questions for the evidence the diagnosis found missing.
"""

from __future__ import annotations

from typing import Any

from ..explain.analysis import Analysis
from ..explain.missing import pinned_names
from ..explain.wording import label, number
from ..i18n import Lang
from .gaps import gap_label
from .goals import status_text
from .model import (
    Action,
    CheckIn,
    GapSummary,
    Goal,
    InterviewOutline,
    InterviewStep,
    Question,
    Review,
    TrainingSession,
)
from .phrases import date, join, paren, say, weekday


def cause_observations(analysis: Analysis, pattern: str) -> dict[str, set[str]]:
    """observation id -> {"confirm", "rule_out"}: what the rules concluding `pattern` ask about."""
    found: dict[str, set[str]] = {}
    for rule in analysis.kb.rules:
        signs = {("confirm" if (c.certainty or 0) > 0 else "rule_out")
                 for c in rule.conclusions
                 if c.kind in ("evidence", "cause") and c.pattern == pattern}
        if not signs:
            continue
        for branch in rule.branches:
            for p in branch.patterns:
                if p.fact != "observation":
                    continue
                for name in pinned_names(p):
                    # `not: observation ...` works the other way round
                    flipped = {"rule_out" if s == "confirm" else "confirm" for s in signs} \
                        if p.negated else signs
                    found.setdefault(name, set()).update(flipped)
    order = list(analysis.kb.observations)
    return {k: found[k] for k in sorted(found, key=lambda n: order.index(n)
                                        if n in order else len(order))}


def _recorded(analysis: Analysis, name: str, lang: Lang) -> str | None:
    for o in analysis.loaded.case.observations:
        if o.name != name:
            continue
        value: Any = o.value
        shown = say("yes" if value else "no", lang) if isinstance(value, bool) else (
            number(value) if isinstance(value, (int, float)) else str(value))
        text = say("iv_recorded", lang, value=shown, source=say("src_" + o.source, lang))
        if o.note:
            text += (": " if lang == "en" else ":") + o.note.strip()
        return text
    return None


def _step1(analysis: Analysis, summary: list[GapSummary], lang: Lang) -> InterviewStep:
    questions = [Question(text=say("q_data", lang), purpose="data")]
    for s in summary:
        if not s.measured:
            name = s.name[:1].lower() + s.name[1:] if lang == "en" else s.name
            questions.append(Question(text=say("q_examples", lang, name=name), purpose="data",
                                      about=s.gap))
    return InterviewStep(number=1, title=say("iv1", lang), aim=say("iv1_aim", lang),
                         points=[s.text for s in summary], questions=questions)


def _leading(analysis: Analysis, goals: list[Goal]) -> list[tuple[str, list[str], float]]:
    """(pattern, gap ids, best certainty) for the causes the plan answers, strongest first;
    without goals (a monitoring note), every reported cause."""
    d = analysis.diagnosis
    wanted = {g.gap for g in goals}
    out: dict[str, tuple[list[str], float]] = {}
    for c in d.causes:
        if goals and c.gap not in wanted:
            continue
        if goals and not any(g.cause == c.pattern and g.gap == c.gap for g in goals):
            continue
        gaps, best = out.get(c.pattern, ([], 0.0))
        out[c.pattern] = (gaps + [c.gap], max(best, c.certainty))
    return [(p, gaps, best) for p, (gaps, best) in out.items()]


def _step2(analysis: Analysis, goals: list[Goal], lang: Lang) -> InterviewStep:
    kb, d = analysis.kb, analysis.diagnosis
    names = {g.id: g for g in d.gaps}
    points, questions = [], []
    asked: set[str] = set()
    missing = {m.observation: m for m in d.missing_evidence}
    for pattern, gap_ids, certainty in _leading(analysis, goals):
        cause = label(kb, "pattern", pattern, lang)
        gap_names = join([gap_label(kb, names[g], lang) for g in gap_ids], lang)
        points.append(say("iv_cause", lang, gaps=gap_names, cause=cause,
                          certainty=say("certainty", lang, value=f"{certainty:.2f}")))
        for obs, signs in cause_observations(analysis, pattern).items():
            if obs in asked or obs not in kb.observations:
                continue
            asked.add(obs)
            purpose = "confirm_or_rule_out" if len(signs) == 2 else next(iter(signs))
            note = _recorded(analysis, obs, lang)
            if note is None and obs in missing:
                note = say("iv_missing", lang, rules=join(missing[obs].rules, lang))
            questions.append(Question(text=kb.observations[obs].question.get(lang),
                                      purpose=purpose, about=obs, patterns=[pattern],
                                      why=say("purpose_" + purpose, lang, cause=cause),
                                      note=note))  # type: ignore[arg-type]
    for m in d.missing_evidence:
        if m.observation in asked:
            continue
        asked.add(m.observation)
        causes = join([label(kb, "pattern", p, lang) for p in m.patterns], lang)
        questions.append(Question(text=m.question.get(lang), purpose="missing",
                                  about=m.observation, patterns=list(m.patterns),
                                  why=say("purpose_missing", lang, cause=causes),
                                  note=say("iv_missing", lang, rules=join(m.rules, lang))))
    # Gilbert: the environment first. Questions about tools, process and expectations come
    # before those about the person's skill or will, whatever the leading cause.
    questions.sort(key=lambda q: not any(kb.patterns[p].environmental for p in q.patterns
                                         if p in kb.patterns))
    return InterviewStep(number=2, title=say("iv2", lang), aim=say("iv2_aim", lang),
                         points=points, questions=questions)


def _step3(goals: list[Goal], end_text: str, lang: Lang) -> InterviewStep:
    if not goals:
        return InterviewStep(number=3, title=say("iv3", lang),
                             aim=say("iv3_aim_monitoring", lang), points=[],
                             questions=[Question(text=say("q_follow_minor", lang, date=end_text),
                                                 purpose="plan")])
    questions = [Question(text=say("q_goals", lang), purpose="plan")]
    for g in goals:
        if "target" in g.incomplete:
            metric = g.metric_name[:1].lower() + g.metric_name[1:] if lang == "en" \
                else g.metric_name
            questions.append(Question(
                text=say("q_agree_target", lang, metric=metric, indicator=g.indicator or "-",
                         due=date(g.due, lang)), purpose="agree_target", about=g.id,
                why=say("purpose_agree_target", lang)))
    questions.append(Question(text=say("q_own", lang), purpose="plan"))
    points = [g.statement if g.status == "complete" else
              g.statement + paren(status_text(g, lang), lang) for g in goals]
    return InterviewStep(number=3, title=say("iv3", lang), aim=say("iv3_aim", lang),
                         points=points, questions=questions)


def _step4(goals: list[Goal], actions: list[Action], training: list[TrainingSession],
           check_ins: list[CheckIn], reviews: list[Review], check_in_weekday: str,
           lang: Lang) -> InterviewStep:
    points = [say("iv_action", lang, title=a.title, owner=a.owner_label, due=date(a.due, lang))
              for a in actions if a.party != "employee" and a.source == "diagnosis"]
    courses: dict[str, list[TrainingSession]] = {}
    for s in training:
        courses.setdefault(s.course_name, []).append(s)
    for name, sessions in courses.items():
        points.append(say("iv_training", lang, course=name,
                          hours=number(sum(s.hours for s in sessions)),
                          first=sessions[0].week, last=sessions[-1].week))
    if check_ins:
        points.append(say("iv_checkins", lang, weekday=weekday(check_in_weekday, lang),
                          date=date(check_ins[0].date, lang)))
    if reviews:
        interim = [date(r.date, lang) for r in reviews if not r.final]
        end = date(reviews[-1].date, lang)
        points.append(say("iv_reviews", lang, dates=join(interim, lang), end=end) if interim
                      else say("iv_final_only", lang, end=end))
    if goals:
        points.append(say("iv_signoff", lang))
    questions = [Question(text=say("q_support" if goals else "q_support_minor", lang),
                          purpose="support")]
    if goals:
        questions.append(Question(text=say("q_followup", lang), purpose="support"))
    return InterviewStep(number=4, title=say("iv4", lang), aim=say("iv4_aim", lang),
                         points=points, questions=questions)


def build_interview(analysis: Analysis, summary: list[GapSummary], goals: list[Goal],
                    actions: list[Action], training: list[TrainingSession],
                    check_ins: list[CheckIn], reviews: list[Review], check_in_weekday: str,
                    end_text: str, lang: Lang) -> InterviewOutline:
    return InterviewOutline(tone=say("iv_tone", lang), steps=[
        _step1(analysis, summary, lang),
        _step2(analysis, goals, lang),
        _step3(goals, end_text, lang),
        _step4(goals, actions, training, check_ins, reviews, check_in_weekday, lang),
    ])

"""The plan's calendar: actions with owners and dates, the training weeks, the weekly check-ins,
the monthly reviews, and what each meeting checks.

Actions come from the recommended interventions (what the organisation and the manager commit
to, as well as the employee), from the policy's standard commitments, and from the schedule
itself (take the training, hold the check-ins).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..explain.analysis import Analysis
from ..explain.wording import label, number
from ..i18n import Lang
from ..kb.policy import WEEKDAYS, PlanPolicy
from .calendar import WorkCalendar, monday_of
from .gaps import amount
from .model import Action, CheckIn, Goal, Party, Review, TrainingSession, UnscheduledCourse
from .phrases import date, join, paren, say, weekday

_PARTY_ORDER: tuple[Party, ...] = ("organisation", "manager", "employee")


def _party(kind: str | None, owner: str, policy: PlanPolicy) -> Party:
    if kind == "environment":
        return "organisation"
    if owner == "employee" or owner == policy.goal_owner:
        return "employee"
    if owner == policy.goal_support:
        return "manager"
    return "organisation"


@dataclass
class Draft:
    """What the schedule builds, before the check-ins and reviews are worded."""

    actions: list[Action]
    training: list[TrainingSession]
    unscheduled: list[UnscheduledCourse]


@dataclass
class _Left:
    course: str
    hours: float
    goals: list[str]


def build_training(analysis: Analysis, policy: PlanPolicy, cal: WorkCalendar, goals: list[Goal],
                   start: dt.date, end: dt.date, lang: Lang
                   ) -> tuple[list[TrainingSession], list[UnscheduledCourse]]:
    """Recommended courses placed week by week, in the diagnosis's order, within the weekly
    cap; what does not fit before the end is returned as unscheduled."""
    kb = analysis.kb
    by_gap = {g.gap: g.id for g in goals}
    left = [_Left(t.course, float(t.hours), [by_gap[x] for x in t.gaps if x in by_gap])
            for t in analysis.diagnosis.training if any(x in by_gap for x in t.gaps)]
    placed: list[tuple[int, list[dt.date], _Left, float]] = []
    week, monday = 1, monday_of(start)
    while left and monday <= end:
        days = cal.week_days(monday, start, end)
        room = policy.weekly_training_hours
        while days and room > 0 and left:
            take = min(left[0].hours, room)
            placed.append((week, days, left[0], take))
            room -= take
            left[0].hours -= take
            if left[0].hours <= 0:
                left.pop(0)
        week, monday = week + 1, monday + dt.timedelta(days=7)
    parts: dict[str, int] = {}
    for _w, _d, item, _h in placed:
        parts[item.course] = parts.get(item.course, 0) + 1
    seen: dict[str, int] = {}
    sessions = []
    for wk, days, item, hours in placed:
        seen[item.course] = seen.get(item.course, 0) + 1
        sessions.append(TrainingSession(
            week=wk, first_day=days[0], last_day=days[-1], course=item.course,
            course_name=kb.courses[item.course].name.get(lang), hours=round(hours, 2),
            part=seen[item.course], parts=parts[item.course], goals=list(item.goals)))
    unscheduled = [UnscheduledCourse(course=x.course, course_name=kb.courses[x.course].name.get(
        lang), hours=round(x.hours, 2)) for x in left]
    return sessions, unscheduled


def build_actions(analysis: Analysis, policy: PlanPolicy, cal: WorkCalendar, goals: list[Goal],
                  training: list[TrainingSession], start: dt.date, end: dt.date, lang: Lang
                  ) -> list[Action]:
    kb, d = analysis.kb, analysis.diagnosis
    by_gap = {g.gap: g for g in goals}
    length = (end - start).days
    drafts: list[dict[str, object]] = []
    training_end = max((s.last_day for s in training), default=None)

    def owner_label(owner: str) -> str:
        return label(kb, "owners", owner, lang)

    for r in d.recommendations:
        served = [by_gap[g] for g in r.gaps if g in by_gap]
        if not served:
            continue
        iv = kb.interventions[r.intervention]
        due = cal.day(start, min(iv.duration_days, length))
        detail = say("action_for", lang, cause=label(kb, "pattern", r.pattern, lang),
                     goals=join([g.metric_name for g in served], lang))
        if iv.kind == "training":
            if training_end is not None:
                due = training_end
            else:
                choose_by = cal.day(start, 7)
                detail += "; " + say("action_choose_course", lang, owner=owner_label(r.owner),
                                     date=date(choose_by, lang))
        drafts.append(dict(party=_party(iv.kind, r.owner, policy), title=iv.name.get(lang),
                           detail=detail, owner=r.owner, owner_label=owner_label(r.owner),
                           start=start, due=due, intervention=r.intervention,
                           answers=r.pattern, goals=[g.id for g in served],
                           source="diagnosis"))
    support = policy.goal_support
    agree_by = min([cal.day(start, a.within_days) for a in policy.standard_actions
                    if a.owner == support] or [cal.day(start, 7)])
    for g in goals:
        if "target" in g.incomplete:
            metric = g.metric_name[:1].lower() + g.metric_name[1:] if lang == "en" \
                else g.metric_name
            drafts.append(dict(party="manager", title=say("act_agree_target", lang, metric=metric),
                               owner=support, owner_label=owner_label(support), start=start,
                               due=agree_by, goals=[g.id], source="plan"))
    for a in policy.standard_actions:
        drafts.append(dict(party=_party(None, a.owner, policy), title=a.text.get(lang),
                           owner=a.owner, owner_label=owner_label(a.owner), start=start,
                           due=cal.day(start, a.within_days), goals=[g.id for g in goals],
                           source="policy"))
    drafts.append(dict(party="manager", title=say("act_checkins", lang, weekday=weekday(
        policy.check_in_weekday, lang)), owner=support, owner_label=owner_label(support),
        start=start, due=end, goals=[g.id for g in goals], source="plan"))
    if training:
        courses: dict[str, float] = {}
        for s in training:
            courses[s.course_name] = courses.get(s.course_name, 0.0) + s.hours
        listed = join([name + paren(say("hours_n", lang, value=number(h)), lang)
                       for name, h in courses.items()], lang)
        drafts.append(dict(party="employee", title=say("act_training", lang, courses=listed),
                           owner=policy.goal_owner, owner_label=owner_label(policy.goal_owner),
                           start=start, due=training_end,
                           goals=sorted({g for s in training for g in s.goals}), source="plan"))
    drafts.append(dict(party="employee", title=say("act_bring", lang), owner=policy.goal_owner,
                       owner_label=owner_label(policy.goal_owner), start=start, due=end,
                       goals=[g.id for g in goals], source="plan"))
    # by who commits, then by date: each party's list reads as its timeline
    drafts.sort(key=lambda a: (_PARTY_ORDER.index(a["party"]), a["due"]))  # type: ignore[arg-type]
    return [Action(id=f"action-{i}", **a) for i, a in enumerate(drafts, 1)]  # type: ignore[arg-type]


def link_goals(goals: list[Goal], actions: list[Action]) -> list[Goal]:
    """An environmental goal waits for the organisation's actions that answer its cause."""
    out = []
    for g in goals:
        waits = [a.id for a in actions if g.environmental and a.party == "organisation"
                 and a.answers == g.cause and g.id in a.goals]
        out.append(g.model_copy(update={"depends_on": waits}) if waits else g)
    return out


# -- meetings ----------------------------------------------------------------------------------


def review_dates(policy: PlanPolicy, cal: WorkCalendar, start: dt.date, end: dt.date
                 ) -> list[dt.date]:
    """Every `review_every_days`, on that week's check-in day (the review takes the check-in's
    place), and the final review on the last day; an interim review less than a week before
    the final one is left to the final one."""
    dates: list[dt.date] = []
    wanted = WEEKDAYS.index(policy.check_in_weekday)
    k = 1
    while True:
        when = cal.day(start, k * policy.review_every_days)
        same_day = monday_of(when) + dt.timedelta(days=wanted)
        if start < same_day and cal.is_working(same_day):
            when = same_day
        if when >= end - dt.timedelta(days=7):
            break
        if when not in dates:
            dates.append(when)
        k += 1
    return dates + [end]


def _hours_by(training: list[TrainingSession], when: dt.date) -> dict[str, float]:
    done: dict[str, float] = {}
    for s in training:
        if s.first_day <= when:
            done[s.course_name] = done.get(s.course_name, 0.0) + s.hours
    return done


def _goal_lines(goals: list[Goal], when: dt.date, lang: Lang, *, review: bool, final: bool
                ) -> list[str]:
    out = []
    for g in goals:
        if g.kind == "behaviour":
            key = "rv_behaviour" if review else "ck_behaviour"
            out.append(say(key, lang, metric=g.metric_name, indicator=g.indicator or "-"))
            continue
        if final or (review and g.due <= when):
            out.append(say("rv_result_final", lang, metric=g.metric_name, target=g.target_text))
            continue
        if review:
            past = [m for m in g.milestones if m.date <= when]
            if past:
                m = past[-1]
                out.append(say("rv_result", lang, metric=g.metric_name,
                               value=amount(m.value or 0, g.unit), date=date(m.date, lang)))
                continue
        upcoming = [m for m in g.milestones if m.date >= when]
        value = amount(upcoming[0].value or 0, g.unit) if upcoming else g.target_text
        point = upcoming[0].date if upcoming else g.due
        if when > g.due:
            continue
        out.append(say("ck_result" if upcoming else "ck_result_target", lang,
                       metric=g.metric_name, source=g.measured_in or "-", value=value,
                       date=date(point, lang)))
    return out


def build_meetings(policy: PlanPolicy, cal: WorkCalendar, goals: list[Goal],
                   actions: list[Action], training: list[TrainingSession], start: dt.date,
                   end: dt.date, lang: Lang
                   ) -> tuple[list[str], list[CheckIn], list[Review]]:
    """The checks every check-in makes, the check-ins with what is particular to each date,
    and the monthly reviews."""
    reviews_on = review_dates(policy, cal, start, end)
    review_weeks = {monday_of(r) for r in reviews_on}
    weekly = [w for w in cal.weekly(start, end, policy.check_in_weekday)
              if monday_of(w) not in review_weeks]
    routine = [say("ck_tasks", lang)]
    routine += [say("ck_behaviour", lang, metric=g.metric_name, indicator=g.indicator or "-")
                for g in goals if g.kind == "behaviour"]
    routine.append(say("ck_support", lang))
    totals = _hours_by(training, end)
    check_ins: list[CheckIn] = []
    previous = start
    for n, when in enumerate(weekly, 1):
        checks = []
        done_before, done_now = _hours_by(training, previous), _hours_by(training, when)
        for course, hours in done_now.items():
            if done_before.get(course, 0.0) < totals[course]:
                checks.append(say("ck_training", lang, course=course, done=number(hours),
                                  total=number(totals[course])))
        for a in actions:
            if previous < a.due <= when:
                checks.append(say("ck_due", lang, title=a.title, owner=a.owner_label,
                                  date=date(a.due, lang)))
        checks.extend(_goal_lines([g for g in goals if g.kind == "result"], when, lang,
                                  review=False, final=False))
        check_ins.append(CheckIn(number=n, date=when, checks=checks))
        previous = when
    reviews: list[Review] = []
    for n, when in enumerate(reviews_on, 1):
        final = when == end
        checks = _goal_lines(goals, when, lang, review=True, final=final)
        if totals:
            done = sum(_hours_by(training, when).values())
            checks.append(say("rv_training", lang, done=number(done),
                              total=number(sum(totals.values()))))
        due = [a.title + paren(a.owner_label, lang) for a in actions
               if a.party != "employee" and a.source == "diagnosis" and a.due <= when]
        if due:
            checks.append(say("rv_support", lang, items=join(due, lang)))
        checks.append(say("rv_decide" if final else "rv_adjust", lang))
        reviews.append(Review(number=n, date=when, final=final, checks=checks))
    return routine, check_ins, reviews

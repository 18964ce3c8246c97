"""The plan policy (`plan_policy` in knowledge_base/plan_policy.yaml): how perfdx drafts a
performance improvement plan (PIP). HR edits it; the engine never hard-codes these choices.

Everything has a default, so a KB without the section still gets a sensible plan
(`engine.plan.policy.plan_policy`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import Problem, did_you_mean
from ..i18n import Text, text
from ..yamlio import dotted, locate
from .scalars import Count, Date, Number

Id = str
Severity = Literal["minor", "moderate", "severe"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday"]
_SIGNIFICANT: tuple[Severity, ...] = ("moderate", "severe")
WEEKDAYS: tuple[Weekday, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday")


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class LengthRule(_Entry):
    """One row of the length table: the first row matching a goal's cause and severity wins."""

    patterns: list[Id] = []  # the cause the goal answers is one of these (empty: any cause)
    severities: list[Severity] = []  # the gap's severity is one of these (empty: any)
    days: Literal[30, 60, 90]  # PIP norm: 30 days for habits, 60-90 for skills
    why: Text  # printed in the plan as the reason for its length


class Milestone(_Entry):
    """An interim point of every measured goal: by `at` of its length, `closed` of the shortfall."""

    at: Number = Field(gt=0, lt=1)  # share of the goal's length (0.5 = the midpoint)
    closed: Number = Field(gt=0, lt=1)  # share of the shortfall closed by then


class Holiday(_Entry):
    """Days off from `from` to `to`, both included (e.g. the Spring Festival week); a plain
    date is one day off."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    first: Date = Field(alias="from")
    last: Date = Field(alias="to")
    name: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_day(cls, data: Any) -> Any:
        if isinstance(data, str):
            try:
                data = dt.date.fromisoformat(data)
            except ValueError:
                raise ValueError("not a date written YYYY-MM-DD") from None
        if isinstance(data, dt.date):
            return {"from": data, "to": data}
        return data

    @model_validator(mode="after")
    def _ordered(self) -> Holiday:
        if self.last < self.first:
            raise ValueError("`to` comes before `from`")
        return self


class StandardAction(_Entry):
    """A commitment every plan carries (e.g. the manager agrees the goals in writing)."""

    owner: Id  # an id from the `owners` catalog
    within_days: Count = Field(ge=1, le=90)  # calendar days after the start; moved to a working day
    text: Text


def _lengths() -> list[LengthRule]:
    return [
        LengthRule(patterns=["skill_shortfall"], severities=["severe"], days=90, why=text(
            "building a new skill and applying it to real work takes 60 to 90 days",
            "掌握一项新技能并应用到实际工作中需要 60 至 90 天")),
        LengthRule(patterns=["skill_shortfall"], days=60, why=text(
            "a skill needs practice on real work before the result can move",
            "技能需要在实际工作中练习，结果才能改善")),
        LengthRule(patterns=["process_blockage", "resource_shortage", "team_collaboration"],
                   days=60, why=text(
                       "the change to the process, resources or team must land before the "
                       "result can move",
                       "流程、资源或团队方面的调整需要先落地，结果才能改善")),
        LengthRule(patterns=["motivation", "goal_misfit"], days=30, why=text(
            "clear expectations and work habits can change within a month",
            "明确的期望和工作习惯可以在一个月内改善")),
        LengthRule(severities=["severe"], days=90, why=text(
            "a severe gap needs time to close", "严重差距需要较长时间弥补")),
        LengthRule(days=60, why=text("the usual length of an improvement plan",
                                     "绩效改进计划的常规周期")),
    ]


def _standard_actions() -> list[StandardAction]:
    return [
        StandardAction(owner="manager", within_days=5, text=text(
            "Agree the goals, milestones and dates of this plan with the employee in writing",
            "与员工书面确认本计划的目标、里程碑和日期")),
        StandardAction(owner="hr_business_partner", within_days=5, text=text(
            "Confirm with each owner named in this plan that the support (tools, process "
            "changes, training places) is booked with its date",
            "与本计划中的各负责人确认支持措施（工具、流程调整、培训名额）已落实并约定日期")),
        StandardAction(owner="employee", within_days=5, text=text(
            "Add own comments and proposed actions to this plan",
            "在本计划中填写本人意见和建议的行动")),
    ]


def _decisions() -> list[Text]:
    return [
        text("Goals met: close the plan and return to the normal review cycle, with the "
             "results recorded.",
             "目标达成：结束本计划，回到常规考核周期，并记录改进结果。"),
        text("Clear progress but a goal not yet met: extend the plan once, by 30 days, with "
             "revised milestones agreed with the employee.",
             "有明显进步但目标尚未达成：与员工商定调整后的里程碑，计划延长一次，为期 30 天。"),
        text("Little or no progress: the manager and HR review the next steps with the employee "
             "under company policy; the employee's comments are part of that review.",
             "进展甚微或没有进展：经理与 HR 依照公司制度，与员工一起商定下一步安排；"
             "员工本人的意见纳入该评估。"),
        text("Support promised in this plan arrived late: the goal dates move by the same number "
             "of days before any decision is taken.",
             "本计划承诺的支持措施延迟到位：相关目标日期顺延相同天数后，再作任何决定。"),
    ]


class PlanPolicy(_Entry):
    """How plans are drafted. Every field has a default; HR edits knowledge_base/plan_policy.yaml."""

    significant_severities: list[Severity] = Field(
        default_factory=lambda: list(_SIGNIFICANT), min_length=1)  # gaps that call for a PIP
    lengths: list[LengthRule] = Field(default_factory=_lengths, min_length=1)
    milestones: list[Milestone] = Field(
        default_factory=lambda: [Milestone(at=0.5, closed=0.5)])
    weekly_training_hours: Number = Field(8, gt=0, le=40)  # at most this many hours a week
    check_in_weekday: Weekday = "thursday"  # the day of the weekly check-in (one-to-one)
    review_every_days: Count = Field(30, ge=14, le=45)  # monthly review: every this many days
    monitoring_days: Count = Field(30, ge=7, le=90)  # minor gaps only: look again after this
    holidays: list[Holiday] = []  # days off besides Saturday and Sunday
    extra_working_days: list[Date] = []  # weekend days worked (e.g. make-up days, 调休)
    goal_owner: Id = "employee"  # who owns each goal
    goal_support: Id = "manager"  # who supports each goal and holds the check-ins
    standard_actions: list[StandardAction] = Field(default_factory=_standard_actions)
    decisions: list[Text] = Field(default_factory=_decisions, min_length=1)  # at the end

    @field_validator("lengths")
    @classmethod
    def _catch_all_last(cls, rows: list[LengthRule]) -> list[LengthRule]:
        if rows and (rows[-1].patterns or rows[-1].severities):
            raise ValueError("the last row must have no `patterns` or `severities`, so that "
                             "every plan gets a length")
        return rows

    @field_validator("milestones")
    @classmethod
    def _in_order(cls, milestones: list[Milestone]) -> list[Milestone]:
        ats = [m.at for m in milestones]
        if ats != sorted(set(ats)):
            raise ValueError("milestones must be in order of `at`, each `at` once")
        closed = [m.closed for m in milestones]
        if closed != sorted(closed):
            raise ValueError("milestones must close more of the shortfall as time goes on")
        return milestones

    def holiday_dates(self) -> set[dt.date]:
        days: set[dt.date] = set()
        for h in self.holidays:
            n = (h.last - h.first).days
            days.update(h.first + dt.timedelta(days=i) for i in range(n + 1))
        return days


def reference_problems(policy: PlanPolicy, raw: Any, file: str,
                       ids: Mapping[str, set[str]]) -> list[Problem]:
    """Names in the policy that the KB's catalogs do not know (owners, patterns), at file:line."""
    problems: list[Problem] = []

    def check(value: str, catalog: str, path: tuple[Any, ...]) -> None:
        if value in ids.get(catalog, set()):
            return
        pos = locate(raw, path)
        problems.append(Problem(f"unknown {catalog} {value!r}", file, pos[0] if pos else None,
                                pos[1] if pos else None, dotted(("plan_policy",) + path),
                                did_you_mean(value, ids.get(catalog, set())), "E110"))

    check(policy.goal_owner, "owner", ("goal_owner",))
    check(policy.goal_support, "owner", ("goal_support",))
    for i, a in enumerate(policy.standard_actions):
        check(a.owner, "owner", ("standard_actions", i, "owner"))
    for i, row in enumerate(policy.lengths):
        for j, p in enumerate(row.patterns):
            check(p, "pattern", ("lengths", i, "patterns", j))
    return problems

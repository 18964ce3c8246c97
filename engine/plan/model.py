"""The Plan: a performance improvement plan (or a monitoring note) for one case, as data.

A plan is built in one language (its `lang`): every sentence in it is ready to print, so the
renderers only lay it out and the wording check can read every word the employee will read.
Ids (KPI, pattern, owner, intervention, course) stay in the data for programs and auditors.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..i18n import Lang
from .phrases import say

SCHEMA_VERSION = "1"

Party = Literal["organisation", "manager", "employee"]
# Who a copy of the plan is for. The manager's copy is the whole plan (it is what the decision
# log records); the employee's leaves out what prepares the manager (the interview outline, with
# the rules and questions it tests) and says so in `left_out`.
Audience = Literal["employee", "manager"]


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class EmployeeRef(_M):
    id: str
    name: str | None = None
    role: str
    department: str
    manager: str | None = None


class GapSummary(_M):
    gap: str  # the diagnosis's gap id
    name: str  # the KPI or area, in the plan's language
    measured: bool
    severity: Literal["minor", "moderate", "severe"]
    significant: bool  # calls for a goal under the plan policy
    text: str  # one sentence with the numbers and the period


class GoalMilestone(_M):
    date: dt.date
    value: float | None  # None for a behavioural goal (its target is not agreed yet)
    closed: float  # share of the shortfall closed by then (policy)
    text: str


class Goal(_M):
    id: str  # goal-1, goal-2, ... in the order of the gaps
    gap: str
    kind: Literal["result", "behaviour"]  # result: a KPI with numbers; behaviour: a concern
    metric: str  # the KPI id, or the area id of a concern
    metric_name: str
    indicator: str | None = None  # behaviour: how progress is seen (from the KB)
    unit: str | None = None
    direction: str | None = None
    baseline: float | None = None
    baseline_period: str | None = None
    baseline_text: str
    target: float | None = None  # None only while "to be agreed in the interview"
    target_text: str
    # behaviour: the target the case's concern states (then nothing is left to the interview)
    stated_target: str | None = None
    measured_in: str | None = None  # where the figure comes from
    milestones: list[GoalMilestone]
    due: dt.date
    days: int  # the goal's length from the policy (30, 60 or 90)
    length_reason: str
    owner: str  # owner id (policy goal_owner)
    owner_label: str
    support: str  # owner id (policy goal_support)
    support_label: str
    cause: str | None  # the pattern id of the cause the goal answers
    cause_name: str | None
    cause_certainty: float | None
    cause_rules: list[str]
    environmental: bool  # the cause lies in the work environment
    depends_on: list[str]  # action ids the goal waits for (organisation commitments)
    status: Literal["complete", "incomplete"]
    incomplete: list[str]  # what is still open, e.g. ["target"]
    statement: str  # the goal as one sentence


class Action(_M):
    id: str
    party: Party  # who commits: the organisation, the manager, the employee
    title: str
    detail: str | None = None
    owner: str  # owner id
    owner_label: str
    start: dt.date
    due: dt.date
    intervention: str | None = None  # the KB intervention it carries out
    answers: str | None = None  # the pattern id it answers
    goals: list[str]  # goal ids it supports
    source: Literal["diagnosis", "policy", "plan"]  # recommended, HR's standard, or scheduling


class TrainingSession(_M):
    week: int  # plan week, 1 = the week the plan starts
    first_day: dt.date
    last_day: dt.date
    course: str
    course_name: str
    hours: float
    part: int
    parts: int
    goals: list[str]


class UnscheduledCourse(_M):
    course: str
    course_name: str
    hours: float  # hours that did not fit within the weekly cap before the plan ends


class CheckIn(_M):
    number: int
    date: dt.date
    checks: list[str]


class Review(_M):
    number: int
    date: dt.date
    final: bool
    checks: list[str]


class CauseRef(_M):
    pattern: str
    name: str
    gap: str
    gap_name: str
    certainty: float
    rules: list[str]


class Basis(_M):
    """The diagnosis the plan rests on."""

    case_id: str
    as_of: dt.date
    kb_hash: str
    causes: list[CauseRef]
    text: str


class Question(_M):
    text: str
    purpose: Literal["data", "confirm", "rule_out", "confirm_or_rule_out", "missing",
                     "agree_target", "plan", "support"]
    about: str | None = None  # observation id, goal id or gap id
    patterns: list[str] = []  # the causes it bears on
    why: str | None = None  # how it bears on them: "would confirm Skill shortfall"
    note: str | None = None  # what the case already records, or the rules that want it


class InterviewStep(_M):
    number: int  # 1..4, the user's four steps
    title: str
    aim: str
    points: list[str]
    questions: list[Question]


class InterviewOutline(_M):
    tone: str
    steps: list[InterviewStep]


class Signatory(_M):
    role: Literal["employee", "manager", "hr"]
    label: str
    name: str | None


class Plan(_M):
    schema_version: str = SCHEMA_VERSION
    kind: Literal["pip", "monitoring"]  # monitoring: no significant gap, a short note
    lang: Lang
    case_id: str
    as_of: dt.date
    period: str
    employee: EmployeeRef
    reviewer: str | None
    start: dt.date
    end: dt.date  # the final review (monitoring: the date to look again)
    length_days: int | None  # 30, 60 or 90 for a PIP
    start_note: str | None = None  # why the start differs from --start
    summary: list[GapSummary]
    notes: list[str]  # monitoring text, environment-first note, unscheduled training
    goals: list[Goal]
    actions: list[Action]
    training: list[TrainingSession]
    training_unscheduled: list[UnscheduledCourse]
    weekly_training_hours: float
    check_in_weekday: str
    check_in_routine: list[str]  # what every check-in checks
    check_ins: list[CheckIn]  # each with what is particular to its date
    reviews: list[Review]
    decisions: list[str]  # decision points at the final review
    interview: InterviewOutline | None  # None in the employee's copy (see left_out)
    sign_off: list[Signatory]
    review_statement: str
    basis: Basis
    audience: Audience = "manager"
    left_out: list[str] = []  # what this copy leaves out, in words (the employee's copy)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"

    def for_audience(self, audience: Audience) -> Plan:
        """This plan as `audience` reads it: the manager's copy is the whole plan; the
        employee's leaves out the manager's interview outline and says what was left out."""
        if audience == "manager" or self.interview is None:
            return self  # the plan as built is the manager's: whole
        questions = sum(len(step.questions) for step in self.interview.steps)
        note = say("left_out_interview", self.lang, steps=len(self.interview.steps),
                   questions=questions)
        return self.model_copy(update={"audience": "employee", "interview": None,
                                       "left_out": [note]})

"""The Diagnosis: what perfdx concluded for one case, as data (renderers turn it into text)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..i18n import Text
from ..reasoning.trace import Trace

SCHEMA_VERSION = "1"


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class EmployeeOut(_Out):
    id: str
    role: str
    department: str
    level: str | None = None
    tenure_months: float | Literal["unknown"]  # `unknown` when omitted or answered so
    manager: str | None = None


class GapOut(_Out):
    id: str  # e.g. gap-metric-1
    source: str  # the case fact it comes from: metric-1, concern-2
    kpi: str | None = None
    area: str | None = None
    measured: bool  # False: a concern stated by the specialist, without numbers
    period: str | None = None
    target: float | None = None
    actual: float | None = None
    unit: str | None = None
    direction: str | None = None
    attainment: float | None = None  # share of target reached; None when it means nothing
    shortfall: float | None = None  # units short of target
    severity: Literal["minor", "moderate", "severe"]
    trend: str | None = Field(None, description=(
        "declining (getting worse), sudden_drop (suddenly worse), improving (getting better), "
        "stable, fluctuating or unknown: better and worse whatever the KPI's direction"))
    team_median: float | None = None
    vs_team: str | None = Field(None, description=(
        "below (the result is worse than the team median), level or above (better), "
        "whatever the KPI's direction"))
    description: str | None = None  # the concern as the specialist stated it
    rules: list[str]  # the gap rules that detected it


class ContributionOut(_Out):
    rule: str
    stage: str
    certainty: float


class CauseOut(_Out):
    pattern: str
    gap: str
    certainty: float
    rules: list[str]  # rules that support the cause (positive contributions)
    contributions: list[ContributionOut]  # every counted contribution, for and against


class RecommendationOut(_Out):
    intervention: str
    pattern: str
    gaps: list[str]
    priority: int  # 1 = first
    certainty: float  # certainty of the cause it answers
    owner: str
    rules: list[str]


class TrainingOut(_Out):
    course: str
    competency: str
    hours: float
    pattern: str
    gaps: list[str]
    rules: list[str]


class MissingEvidenceOut(_Out):
    observation: str
    question: Text
    patterns: list[str]  # patterns whose rules need it
    rules: list[str]


class NotReportedOut(_Out):
    pattern: str
    gap: str
    certainty: float


class NotSupportedOut(_Out):
    pattern: str
    certainty: float | None  # None: no rule found evidence for or against it on this gap
    reason: Literal["below_threshold", "against", "no_evidence"]


class GapVerdictOut(_Out):
    """One gap's causes: the primary, the contributing ones, and the rest, considered."""

    gap: str
    primary: str | None  # the pattern with the highest certainty above the threshold
    primary_certainty: float | None
    contributing: list[str]  # other patterns above the threshold, strongest first
    not_supported: list[NotSupportedOut]  # every other pattern of the KB
    evidence_found: bool  # False: no evidence rule fired for this gap at all
    questions: list[str]  # when silent: the missing questions that best separate its patterns


class UnusedOut(_Out):
    """A recorded finding no counted rule used, and why."""

    fact: str  # observation-3, rating-1, concern-2
    kind: Literal["observation", "rating", "concern"] = "observation"
    name: str = ""  # the observation, rating dimension, or concern's area or KPI
    # unknown: answered unknown; no_gap: about a KPI or area without a gap (or the case has none);
    # replaced: a finding about the gap itself took its place; no_rule_reads_it; contradicted:
    # a rule would have used it but `by` rules it out; condition_not_met: the rules that read it
    # want something else (`rule`: the first); below_threshold: it counted for `pattern` on `gap`,
    # which stays below the reporting threshold; outside_drivers: off the gap's usual drivers with
    # off_driver_factor 0
    reason: Literal["unknown", "no_gap", "replaced", "no_rule_reads_it", "contradicted",
                    "condition_not_met", "below_threshold", "outside_drivers"]
    rule: str | None = None
    by: str | None = None
    gap: str | None = None
    pattern: str | None = None
    certainty: float | None = None
    about: str | None = None


class SuppressedOut(_Out):
    """A recommendation a rule made and a declared contraindication withheld."""

    intervention: str
    pattern: str
    gaps: list[str]
    contraindication: str  # its id in the intervention's catalog entry
    reason: Text
    source: str | None
    rules: list[str]  # the rules that recommended it


class TrainingRequestOut(_Out):
    """The manager asked for training: does it fit the causes found?"""

    fits: bool
    # recommended: a training intervention is recommended; contraindicated: training was withheld
    # by a contraindication; no_skill_cause: no gap has a skill shortfall among its causes
    reason: Literal["recommended", "contraindicated", "no_skill_cause"]
    interventions: list[str]  # the training interventions recommended or withheld
    contraindication: str | None = None
    causes: list[str]  # the primary causes of the gaps, for "what fits instead"


class ReviewOut(_Out):
    status: Literal["draft_requires_human_review"] = "draft_requires_human_review"
    reviewer: str | None  # the human who must review this output, as named in the case


class Diagnosis(_Out):
    schema_version: str = SCHEMA_VERSION
    case_id: str
    as_of: dt.date
    period: str
    kb_hash: str
    employee: EmployeeOut
    review: ReviewOut
    gaps: list[GapOut]
    causes: list[CauseOut]  # sorted by certainty, highest first; only those >= threshold
    recommendations: list[RecommendationOut]
    training: list[TrainingOut]
    missing_evidence: list[MissingEvidenceOut]
    not_reported: list[NotReportedOut]  # causes with some support, below the threshold
    by_gap: list[GapVerdictOut] = []  # per gap: primary, contributing, considered
    unused: list[UnusedOut] = []  # recorded but not used, with the reason
    suppressed: list[SuppressedOut] = []  # recommendations withheld by a contraindication
    training_request: TrainingRequestOut | None = None  # when the case says training was asked
    report_threshold: float
    trace: Trace

    def primary_cause(self) -> CauseOut | None:
        return self.causes[0] if self.causes else None

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"

"""The Diagnosis: what perfdx concluded for one case, as data (renderers turn it into text)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..i18n import Text
from ..reasoning.trace import Trace

SCHEMA_VERSION = "1"


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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
    trend: str | None = None
    team_median: float | None = None
    vs_team: str | None = None
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
    report_threshold: float
    trace: Trace

    def primary_cause(self) -> CauseOut | None:
        return self.causes[0] if self.causes else None

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"

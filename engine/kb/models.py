"""Pydantic models of the knowledge base's catalog entries (what HR edits in knowledge_base/)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..i18n import Text
from .scalars import Count, Id, Number

# Id: lowercase identifiers, never empty (the pattern is enforced by the JSON Schema).
# Number/Count: a yes/no (or a text) where a number belongs is refused, not read as 1.0.

GilbertCell = Literal["information", "resources", "incentives", "knowledge", "capacity",
                      "motives"]
Cost = Literal["low", "medium", "high"]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Bands(_Entry):
    """Where each severity starts. For `attainment` (share of target, 1.0 = met), a value below
    the threshold reaches that severity; for `shortfall` (units short of target), a value above it."""

    minor: Number
    moderate: Number
    severe: Number


class SeverityBands(_Entry):
    attainment: Bands | None = None  # used whenever attainment can be computed
    shortfall: Bands | None = None  # used when it cannot (a target of 0), or when alone

    @model_validator(mode="after")
    def _one(self) -> SeverityBands:
        if self.attainment is None and self.shortfall is None:
            raise ValueError("give `attainment` bands, `shortfall` bands, or both")
        if self.attainment and not (self.attainment.minor >= self.attainment.moderate
                                    >= self.attainment.severe):
            raise ValueError("attainment bands must fall: minor >= moderate >= severe")
        if self.shortfall and not (self.shortfall.minor <= self.shortfall.moderate
                                   <= self.shortfall.severe):
            raise ValueError("shortfall bands must rise: minor <= moderate <= severe")
        return self


class TrendSettings(_Entry):
    declining_periods: Count = Field(3, ge=2)  # this many periods in a row getting worse
    sudden_drop: Number = Field(0.15, gt=0)  # worse than the stable history by this share
    stable_band: Number = Field(0.05, ge=0)  # history within this share of its mean is stable


class Kpi(_Entry):
    id: Id
    name: Text
    unit: str | Text  # a symbol such as "%" is the same in both languages
    direction: Literal["higher_is_better", "lower_is_better"]
    category: list[Id] = Field(min_length=1)  # the gap patterns that usually drive this KPI
    standard: Number | None = None  # the usual target, shown when a case gives none
    # where the number comes from (CRM, finance system...): every plan goal names it
    measured_in: Text
    description: Text | None = None
    bands: SeverityBands
    trend: TrendSettings | None = None


def unit_text(kpi: Kpi, lang: str) -> str:
    return kpi.unit if isinstance(kpi.unit, str) else kpi.unit.get(lang)  # type: ignore[arg-type]


class Pattern(_Entry):
    id: Id
    name: Text
    description: Text
    gilbert_cells: list[GilbertCell] = Field(min_length=1)
    environmental: bool  # True: a cause in the work environment, examined before the person


class ContraindicationEntry(_Entry):
    """When an intervention does not help (kb/contraindications.py)."""

    id: Id
    when: Any  # a condition in the rule language, read at the recommend stage
    reason: Text
    source: str | None = None


class Intervention(_Entry):
    id: Id
    name: Text
    description: Text
    gilbert_cell: GilbertCell
    addresses: list[Id] = Field(min_length=1)
    owner: Id
    duration_days: Count = Field(gt=0)
    cost: Cost
    kind: Literal["training", "environment", "management", "individual"] = "management"
    contraindications: list[ContraindicationEntry] = []


class Course(_Entry):
    id: Id
    name: Text
    competency: Id
    hours: Number = Field(gt=0)
    format: Literal["classroom", "online", "workshop", "blended", "coaching", "on_the_job"]
    modules: list[Text] = Field(min_length=1)
    description: Text | None = None


class Observation(_Entry):
    id: Id
    type: Literal["boolean", "number", "choice", "text"]
    label: Text
    question: Text
    choices: list[str] | None = None
    low: Number | None = None
    high: Number | None = None
    # a question about the gap's target (agreed? raised? attainable?): asked only for a gap that
    # has one, a KPI result, never a concern stated without figures (issue 16); an answer the
    # specialist records anyway still counts
    about_target: bool = False

    @model_validator(mode="after")
    def _choices(self) -> Observation:
        if self.type == "choice" and not self.choices:
            raise ValueError("an observation of type `choice` needs `choices`")
        if self.type != "choice" and self.choices:
            raise ValueError("only an observation of type `choice` takes `choices`")
        if (self.low is not None or self.high is not None) and self.type != "number":
            raise ValueError("only an observation of type `number` takes `low`/`high`")
        return self


class Dimension(_Entry):
    id: Id
    label: Text
    description: Text | None = None


class Area(_Entry):
    id: Id
    label: Text
    drivers: list[Id] = Field(min_length=1)
    indicator: Text  # how progress is seen when there is no number: a behavioural indicator


class Owner(_Entry):
    id: Id
    label: Text


class Settings(_Entry):
    report_threshold: Number = Field(0.2, ge=0, le=1)  # causes below this are not reported
    rating_scale: Number = Field(5, gt=1)  # ratings are converted to 1..this scale for rules
    team_level_band: Number = Field(0.05, ge=0)  # within this share of the median is "level"
    # a rule's certainty on a gap whose KPI or area does not list the rule's pattern among its
    # usual drivers is multiplied by this (0: such findings do not count, and say so)
    off_driver_factor: Number = Field(0.5, ge=0, le=1)
    # the yes/no observation that says the manager asked for training: the diagnosis then says
    # whether training fits the causes found, and why
    training_request: str | None = None
    trend: TrendSettings = TrendSettings()
    # a track record from the case library orders interventions of equal priority once it rests
    # on at least this many closed cases (perfdx diagnose --library)
    min_track_record: int = Field(3, ge=1)

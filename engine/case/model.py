"""The case file: what was measured and observed about one person, validated with file:line errors."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    field_validator,
    model_validator,
)

from ..kb.scalars import date_as_written
from ..yamlio import locate

# Numbers are strict (a yes/no or a text is not a number), finite and of a sane size.
Number = Annotated[float, Strict(), Field(ge=-1e9, le=1e9)]
Scalar = Union[bool, Annotated[int, Strict()], Annotated[float, Strict()], str]
MAX_ITEMS = {"metrics": 50, "ratings": 500, "observations": 200, "concerns": 50}
# The answer a specialist gives when they do not know: recorded as such, never replaced by a guess.
UNKNOWN = "unknown"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)


class Employee(_Model):
    id: str = Field(min_length=1)
    name: str | None = None
    role: str = Field(min_length=1)
    department: str = Field(min_length=1)
    level: str | None = None
    # months in the role; omitted or `unknown` when the source does not say (rules on tenure then
    # neither hold nor fail)
    tenure_months: Annotated[float, Strict(), Field(ge=0, le=1200)] | Literal["unknown"] | None = None
    manager: str | None = None
    reviewer: str | None = None  # the human who must review perfdx's output
    # Attributes kept only for fairness statistics (adverse-impact checks); rules never see them.
    group: dict[str, Scalar] | None = None

    @field_validator("tenure_months", mode="before")
    @classmethod
    def _tenure_or_unknown(cls, v: Any) -> Any:
        # one clear message instead of one per member of the union
        if v is None or v == UNKNOWN or (isinstance(v, (int, float)) and not isinstance(v, bool)):
            return v
        raise ValueError("tenure_months is a number of months or `unknown`")


class HistoryPoint(_Model):
    period: str
    actual: Number


class Metric(_Model):
    kpi: str
    target: Number
    actual: Number
    period: str | None = None  # defaults to the case's period
    history: list[HistoryPoint] = Field([], max_length=120)  # earlier periods, oldest first
    team_median: Number | None = None  # the team's median actual for the same KPI and period
    # the share of the team at target
    team_meeting_target: Annotated[float, Strict(), Field(ge=0, le=1)] | None = None
    note: str | None = None


class Rating(_Model):
    source: Literal["supervisor", "peer", "subordinate", "customer", "self"]
    dimension: str
    score: Annotated[float, Strict()]
    scale: Annotated[float, Strict(), Field(gt=1, le=100)] = 5  # the top of the scale; scales start at 1
    raters: Annotated[int, Strict(), Field(ge=1)] | None = None
    comment: str | None = None

    @model_validator(mode="after")
    def _score_on_scale(self) -> Rating:
        if not 1 <= self.score <= self.scale:
            raise ValueError(f"score {self.score:g} is outside the scale 1-{self.scale:g}")
        return self


class ObservationIn(_Model):
    name: str
    value: Scalar  # of the observation's type, or `unknown` for any type
    # the KPI id or area id the finding is about: it then counts only for that gap; without it,
    # the finding applies to the whole case
    about: str | None = Field(None, min_length=1)
    source: Literal["interview", "assessment", "records", "observation"] = "interview"
    note: str | None = None


class Concern(_Model):
    kpi: str | None = None
    area: str | None = None
    severity: Literal["minor", "moderate", "severe"]
    description: str = Field(min_length=1)
    # the level to reach, in a few words ("every hand-off on time for four weeks") or a number
    # in the KPI's unit: the plan's goal then states it instead of leaving it to the interview
    target: Number | Annotated[str, Field(min_length=1)] | None = None
    # how progress is seen, when not by the indicator the knowledge base gives the area or KPI
    indicator: str | None = Field(None, min_length=1)

    @field_validator("target", mode="before")
    @classmethod
    def _words_or_number(cls, v: Any) -> Any:
        # one clear message instead of one per member of the union
        if v is None or isinstance(v, str) or (isinstance(v, (int, float))
                                               and not isinstance(v, bool)):
            return float(v) if isinstance(v, int) else v
        raise ValueError("a concern's target is a number or a few words, e.g. "
                         "`target: every hand-off on time for four weeks`")

    @model_validator(mode="after")
    def _about_something(self) -> Concern:
        if not self.kpi and not self.area:
            raise ValueError("a concern names the `kpi` or the `area` it is about")
        return self


class Case(_Model):
    case_id: str = Field(min_length=1)
    as_of: Annotated[dt.date, Field(ge=dt.date(1970, 1, 1), le=dt.date(2200, 12, 31)),
                     BeforeValidator(date_as_written)]
    period: str
    employee: Employee
    # Limits keep one case's working memory small: durable_rules identifies facts by a 32-bit
    # hash and was seen to confuse facts at tens of thousands in one session.
    metrics: list[Metric] = Field([], max_length=MAX_ITEMS["metrics"])
    ratings: list[Rating] = Field([], max_length=MAX_ITEMS["ratings"])
    observations: list[ObservationIn] = Field([], max_length=MAX_ITEMS["observations"])
    concerns: list[Concern] = Field([], max_length=MAX_ITEMS["concerns"])
    notes: str | None = None


class LoadedCase:
    """A validated case with the file it came from and the position of every element."""

    def __init__(self, case: Case, source: str, data: Any) -> None:
        self.case = case
        self.source = source
        self._data = data

    def line_of(self, *path: Any) -> int | None:
        pos = locate(self._data, path)
        return pos[0] if pos else None

    def where(self, *path: Any) -> str:
        line = self.line_of(*path)
        return f"{self.source}:{line}" if line else self.source

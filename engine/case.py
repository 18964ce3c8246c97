"""The case file: what was measured and observed about one person, validated with file:line errors."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, Strict, ValidationError, model_validator

from .errors import InputError, Problem, did_you_mean
from .kb.base import KnowledgeBase
from .kb.validation import problems_from
from .yamlio import load_file, locate, parse

# Numbers are strict (a yes/no or a text is not a number), finite and of a sane size.
Number = Annotated[float, Strict(), Field(ge=-1e9, le=1e9)]
Scalar = Union[bool, Annotated[int, Strict()], Annotated[float, Strict()], str]
MAX_ITEMS = {"metrics": 50, "ratings": 500, "observations": 200, "concerns": 50}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Employee(_Model):
    id: str = Field(min_length=1)
    name: str | None = None
    role: str = Field(min_length=1)
    department: str = Field(min_length=1)
    level: str | None = None
    tenure_months: Annotated[float, Strict(), Field(ge=0, le=1200)]
    manager: str | None = None
    reviewer: str | None = None  # the human who must review perfdx's output
    # Attributes kept only for fairness statistics (adverse-impact checks); rules never see them.
    group: dict[str, Scalar] | None = None


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
    value: Scalar
    source: Literal["interview", "assessment", "records", "observation"] = "interview"
    note: str | None = None


class Concern(_Model):
    kpi: str | None = None
    area: str | None = None
    severity: Literal["minor", "moderate", "severe"]
    description: str = Field(min_length=1)

    @model_validator(mode="after")
    def _about_something(self) -> Concern:
        if not self.kpi and not self.area:
            raise ValueError("a concern names the `kpi` or the `area` it is about")
        return self


class Case(_Model):
    case_id: str = Field(min_length=1)
    as_of: Annotated[dt.date, Field(ge=dt.date(1970, 1, 1), le=dt.date(2200, 12, 31))]
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


def _raise_first(problems: list[Problem]) -> None:
    first = problems[0]
    more = len(problems) - 1
    hint = first.hint
    if more:
        extra = f"{more} more problem{'s' if more > 1 else ''} in this file"
        hint = f"{hint}; {extra}" if hint else extra
    raise InputError(first.message, file=first.file, line=first.line, col=first.col,
                     field=first.field, hint=hint, code=first.code)


def parse_case(data: Any, source: str) -> LoadedCase:
    """Validate parsed case data (positions kept for error messages)."""
    if not isinstance(data, dict):
        raise InputError("a case file must be a mapping with case_id, as_of, period, employee, "
                         "metrics, ...", file=source, line=1)
    try:
        case = Case.model_validate(data)
    except ValidationError as err:
        _raise_first(problems_from(err, data, file=source, model=Case))
    return LoadedCase(case, source, data)


def load_case(path: str) -> LoadedCase:
    """Read a case from a YAML or JSON file ('-' for stdin) and validate its shape."""
    source, data = load_file(path, what="case file")
    return parse_case(data, source)


def load_case_text(text: str, source: str) -> LoadedCase:
    return parse_case(parse(text, source, json_file=source.endswith(".json")), source)


def check_case(loaded: LoadedCase, kb: KnowledgeBase) -> None:
    """Names in the case must exist in the KB: a typo must not silently change a diagnosis."""
    case = loaded.case
    problems: list[Problem] = []

    def add(message: str, path: tuple[Any, ...], hint: str | None = None) -> None:
        pos = locate(loaded._data, path)
        field = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in path)
        field = field.replace(".[", "[")
        problems.append(Problem(message, loaded.source, pos[0] if pos else None,
                                pos[1] if pos else None, field, hint, "E110"))

    seen_kpis: dict[str, int] = {}
    for i, m in enumerate(case.metrics):
        if m.kpi not in kb.kpis:
            add(f"unknown KPI {m.kpi!r}", ("metrics", i, "kpi"), did_you_mean(m.kpi, kb.kpis))
        elif m.kpi in seen_kpis:
            add(f"KPI {m.kpi!r} is listed twice", ("metrics", i, "kpi"),
                f"first as metrics[{seen_kpis[m.kpi]}]; put earlier periods in its `history`")
        seen_kpis.setdefault(m.kpi, i)
    for i, r in enumerate(case.ratings):
        if r.dimension not in kb.dimensions:
            add(f"unknown rating dimension {r.dimension!r}", ("ratings", i, "dimension"),
                did_you_mean(r.dimension, kb.dimensions))
    seen_obs: dict[str, int] = {}
    for i, o in enumerate(case.observations):
        spec = kb.observations.get(o.name)
        if spec is None:
            add(f"unknown observation {o.name!r}", ("observations", i, "name"),
                did_you_mean(o.name, kb.observations))
            continue
        if o.name in seen_obs:
            add(f"observation {o.name!r} is given twice", ("observations", i, "name"),
                f"first as observations[{seen_obs[o.name]}]")
        seen_obs.setdefault(o.name, i)
        message = _value_problem(spec.type, spec.choices, spec.low, spec.high, o.value)
        if message:
            add(f"observation {o.name!r} {message}", ("observations", i, "value"),
                did_you_mean(o.value, spec.choices) if spec.choices else None)
    for i, c in enumerate(case.concerns):
        if c.kpi is not None and c.kpi not in kb.kpis:
            add(f"unknown KPI {c.kpi!r}", ("concerns", i, "kpi"), did_you_mean(c.kpi, kb.kpis))
        if c.area is not None and c.area not in kb.areas:
            add(f"unknown area {c.area!r}", ("concerns", i, "area"),
                did_you_mean(c.area, kb.areas))
    if problems:
        _raise_first(problems)


def _value_problem(kind: str, choices: list[str] | None, low: float | None, high: float | None,
                   value: Any) -> str | None:
    if kind == "boolean":
        return None if isinstance(value, bool) else f"is answered yes or no (true/false), " \
                                                     f"not {value!r}"
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"is a number, not {value!r}"
        if low is not None and value < low:
            return f"is at least {low:g}, not {value:g}"
        if high is not None and value > high:
            return f"is at most {high:g}, not {value:g}"
        return None
    if kind == "choice":
        return None if value in (choices or []) else \
            f"is one of {', '.join(choices or [])}, not {value!r}"
    return None if isinstance(value, str) else f"is text, not {value!r}"

"""The mapping file: which columns of an HR export become which parts of a case.

A plain string names a column of the export; ``{value: X}`` gives a constant for every row::

    layout: wide                       # wide: one row per employee; long: one row per KPI result
    employee: {id: Employee ID, role: Job title, department: Team, manager: Manager,
               tenure_months: Tenure (months)}
    case: {as_of: {value: 2026-10-31}, period: {value: 2026-Q3},
           reviewer: {value: Chen Li (HR business partner)}, case_id: "B-{period}-{employee}"}
    metrics:
      - {kpi: sales_growth, target: {value: 15}, actual: Sales growth %}
    ratings:
      - {column: Manager rating, source: supervisor, dimension: professional_knowledge}
    observations:
      - {column: Trained on CRM, name: training_received, values: {Y: true, N: false}}
    group:                             # fairness statistics only; rules never see these
      - {column: Gender, attribute: gender}
    ignore: [Badge colour]

Group attributes are copied into `employee.group`, which rules cannot read (the KB loader refuses
a rule that names one); the fairness check in engine/team/ is their only reader.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ...errors import InputError
from ...kb.validation import problems_from
from ...yamlio import load_file, locate
from ..load import raise_problems

MAPPING_VERSION = 1
Scalar = Union[bool, int, float, str, dt.date]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Constant(_Model):
    """The same value for every employee, e.g. `{value: 2026-10-31}`."""

    value: Scalar


Source = Union[Annotated[str, Field(min_length=1)], Constant]  # a column name, or a constant


class EmployeeColumns(_Model):
    id: Source
    role: Source
    department: Source  # the team, as team-level patterns and the report group people
    manager: Source | None = None
    level: Source | None = None
    tenure_months: Source | None = None
    name: Source | None = None


class CaseFields(_Model):
    as_of: Source
    period: Source | None = None  # long layout: the latest period of each employee when omitted
    reviewer: Source | None = None  # the human who must review each diagnosis
    # `{employee}`, `{period}` and `{row}` are filled in for each employee
    case_id: str = "{period}-{employee}"

    @model_validator(mode="after")
    def _known_placeholders(self) -> CaseFields:
        unknown = set(re.findall(r"{([^}]*)}", self.case_id)) - {"employee", "period", "row"}
        if unknown:
            raise ValueError(f"case_id template has unknown placeholder(s) "
                             f"{', '.join(sorted(unknown))}: use {{employee}}, {{period}}, "
                             "{row}")
        return self


class MetricColumns(_Model):
    """Wide layout: one KPI's target and actual for the case's period."""

    kpi: str
    target: Source
    actual: Source
    team_median: Source | None = None


class LongColumns(_Model):
    """Long layout: each row is one KPI result of one employee in one period."""

    kpi: str  # the column holding the KPI
    period: str
    target: Source
    actual: Source
    # the export's KPI names -> KPI ids of the knowledge base, when they differ
    kpi_values: dict[str, str] = {}


class RatingColumn(_Model):
    column: str
    source: Literal["supervisor", "peer", "subordinate", "customer", "self"]
    dimension: str
    scale: Annotated[float, Field(gt=1, le=100)] = 5


class ObservationColumn(_Model):
    column: str
    name: str
    # the export's words -> the answer the KB expects (e.g. {"Yes": true, "1": "basic"});
    # without it yes/no, true/false, 是/否 and numbers are read as such. Blank cells are unknown.
    values: dict[str, Scalar] = {}


class GroupColumn(_Model):
    column: str
    attribute: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Mapping(_Model):
    mapping_version: Literal[1] = 1
    layout: Literal["wide", "long"]
    sheet: str | None = None  # XLSX: the sheet to read; the first when omitted
    employee: EmployeeColumns
    case: CaseFields
    metrics: list[MetricColumns] = []
    long: LongColumns | None = None
    ratings: list[RatingColumn] = []
    observations: list[ObservationColumn] = []
    group: list[GroupColumn] = []
    ignore: list[str] = []  # columns of the export that are deliberately not used

    @model_validator(mode="after")
    def _layout_fits(self) -> Mapping:
        if self.layout == "long" and self.long is None:
            raise ValueError("a long layout needs `long:` (the kpi, period, target and actual "
                             "columns)")
        if self.layout == "wide" and self.long is not None:
            raise ValueError("`long:` belongs to `layout: long`; a wide export lists `metrics:`")
        if self.layout == "long" and self.case.period is not None and not isinstance(
                self.case.period, Constant):
            raise ValueError("in a long layout the period comes from `long.period`; "
                             "`case.period` may only be a constant `{value: ...}`")
        return self

    def columns(self) -> Iterator[tuple[str, str]]:
        """Every column the mapping reads, with where in the mapping it is named."""
        for name in EmployeeColumns.model_fields:
            src = getattr(self.employee, name)
            if isinstance(src, str):
                yield src, f"employee.{name}"
        for name in CaseFields.model_fields:
            src = getattr(self.case, name)
            if name != "case_id" and isinstance(src, str):
                yield src, f"case.{name}"
        for i, m in enumerate(self.metrics):
            for name in ("target", "actual", "team_median"):
                src = getattr(m, name)
                if isinstance(src, str):
                    yield src, f"metrics[{i}].{name}"
        if self.long is not None:
            for name in ("kpi", "period", "target", "actual"):
                src = getattr(self.long, name)
                if isinstance(src, str):
                    yield src, f"long.{name}"
        for i, rc in enumerate(self.ratings):
            yield rc.column, f"ratings[{i}].column"
        for i, oc in enumerate(self.observations):
            yield oc.column, f"observations[{i}].column"
        for i, gc in enumerate(self.group):
            yield gc.column, f"group[{i}].column"


@dataclass(frozen=True)
class LoadedMapping:
    source: str
    mapping: Mapping
    data: Any  # as parsed, with positions

    def line_of(self, path: tuple[Any, ...]) -> tuple[int, int] | None:
        return locate(self.data, path)


def load_mapping(path: str) -> LoadedMapping:
    """Read and validate a mapping file; errors name its file:line."""
    source, data = load_file(path, what="mapping file")
    if not isinstance(data, dict):
        raise InputError("a mapping file must be a mapping with layout, employee, case, ...",
                         file=source, line=1)
    try:
        return LoadedMapping(source, Mapping.model_validate(data), data)
    except ValidationError as err:
        raise_problems(problems_from(err, data, file=source, model=Mapping))
    raise AssertionError("unreachable")  # pragma: no cover


def mapping_schema() -> dict[str, Any]:
    """The JSON Schema of a mapping file (editors complete and check it while HR types)."""
    schema = Mapping.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "perfdx export mapping",
            "description": "Which columns of an HR export (CSV or XLSX) become which parts of a "
                           "perfdx case. A plain string names a column; {value: X} is a "
                           "constant for every employee. Group attributes are for fairness "
                           "statistics only; rules never see them.",
            **{k: v for k, v in schema.items() if k not in ("title", "description")}}

"""Checking one row of an export against the mapping and the KB, into plain case parts.

Every cell the mapping reads is checked; every problem is kept (not only the first), as
`file:row:column: message (hint)`. A row with a problem is never diagnosed: a diagnosis made
without one of its KPIs would silently be a different diagnosis.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...errors import did_you_mean
from ...kb.base import KnowledgeBase
from .mapping import Constant, Mapping, Source
from .sources import Row
from .values import CellError, constant_text, date, number, yes_no


@dataclass(frozen=True)
class RowProblem:
    file: str
    row: int
    column: str | None  # the header of the column, as the export names it
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.message}" + (f" ({self.hint})" if self.hint else "")


class Header:
    """A file's header: column name -> position."""

    def __init__(self, cells: tuple[str, ...]) -> None:
        self.names = cells
        self.index = {name: i for i, name in enumerate(cells) if name}


class RowReader:
    """Turns a row into the parts of a case (plain data), collecting every problem."""

    def __init__(self, mapping: Mapping, kb: KnowledgeBase) -> None:
        self.m = mapping
        self.kb = kb

    def read(self, row: Row, header: Header) -> tuple[dict[str, Any], list[RowProblem]]:
        problems: list[RowProblem] = []

        def cell(src: Source | None) -> tuple[str, str | None]:
            """(text, column) of a source: a constant's text, or the row's cell."""
            if src is None:
                return "", None
            if isinstance(src, Constant):
                return constant_text(src.value), None
            i = header.index.get(src)
            return (row.cells[i] if i is not None and i < len(row.cells) else ""), src

        def get(src: Source | None, convert: Callable[[str], Any], what: str,
                required: bool = False) -> Any:
            text, column = cell(src)
            if text == "":
                if required:
                    problems.append(RowProblem(row.file, row.number, column,
                                               f"{what} is blank", "every employee needs it"))
                return None
            try:
                return convert(text)
            except CellError as err:
                problems.append(RowProblem(row.file, row.number, column, err.message, err.hint))
                return None

        m = self.m
        out: dict[str, Any] = {}
        emp: dict[str, Any] = {}
        for name in ("id", "role", "department"):
            emp[name] = get(getattr(m.employee, name), str, f"employee {name}", required=True)
        for name in ("manager", "level", "name"):
            value = get(getattr(m.employee, name), str, name)
            if value is not None:
                emp[name] = value
        if m.employee.tenure_months is not None:
            tenure = get(m.employee.tenure_months, self._tenure, "tenure (months)",
                         required=True)
            if tenure is not None:
                emp["tenure_months"] = tenure
        out["employee"] = emp
        case: dict[str, Any] = {"as_of": get(m.case.as_of, lambda t: date(t).isoformat(),
                                             "as_of", required=True)}
        if m.case.period is not None:
            case["period"] = get(m.case.period, str, "period", required=True)
        reviewer = get(m.case.reviewer, str, "reviewer")
        if reviewer is not None:
            case["reviewer"] = reviewer
        out["case"] = case
        out["metrics"] = [metric for mc in m.metrics if (metric := self._metric(
            mc.kpi, mc.target, mc.actual, mc.team_median, get, cell, row, problems)) is not None]
        if m.long is not None:
            lc = m.long
            kpi = get(lc.kpi, lambda t: self._kpi(t), "KPI", required=True)
            period = get(lc.period, str, "period", required=True)
            point = self._metric(kpi or "?", lc.target, lc.actual, None, get, cell, row,
                                 problems)
            out["points"] = [dict(point, period=period)] if point and kpi and period else []
        ratings = []
        for rc in m.ratings:
            score = get(rc.column, functools.partial(self._score, scale=rc.scale), "rating")
            if score is not None:
                rating = {"source": rc.source, "dimension": rc.dimension, "score": score}
                if rc.scale != 5:
                    rating["scale"] = rc.scale
                ratings.append(rating)
        out["ratings"] = ratings
        observations = []
        for oc in m.observations:
            value = get(oc.column, functools.partial(self._observation, oc.name, oc.values),
                        oc.name)
            if value is not None:
                observations.append({"name": oc.name, "value": value, "source": "records"})
        out["observations"] = observations
        group = {}
        for gc in m.group:
            value = get(gc.column, str, gc.attribute)
            if value is not None:
                group[gc.attribute] = value
        out["group"] = group
        return out, problems

    # -- one kind of cell ------------------------------------------------------------------

    def _metric(self, kpi: str, target: Source, actual: Source, median: Source | None,
                get: Callable[..., Any], cell: Callable[..., tuple[str, str | None]], row: Row,
                problems: list[RowProblem]) -> dict[str, Any] | None:
        t_text, t_col = cell(target)
        a_text, a_col = cell(actual)
        t_given = t_text != "" and t_col is not None  # a constant target says nothing
        if a_text == "" and not t_given or a_col is None and t_text == "":
            return None  # not measured for this employee: the KPI is left out, not guessed
        if t_text == "" or a_text == "":
            blank, given = (t_col, a_col) if t_text == "" else (a_col, t_col)
            problems.append(RowProblem(row.file, row.number, blank or given,
                                       f"{kpi}: the {'target' if t_text == '' else 'actual'} "
                                       "is blank but the "
                                       f"{'actual' if t_text == '' else 'target'} is given",
                                       "give both, or leave both blank when not measured"))
            return None
        before = len(problems)
        t = get(target, number, f"{kpi} target")
        a = get(actual, number, f"{kpi} actual")
        metric: dict[str, Any] = {"kpi": kpi, "target": t, "actual": a}
        if median is not None:
            med = get(median, number, f"{kpi} team median")
            if med is not None:
                metric["team_median"] = med
        return metric if len(problems) == before else None

    def _kpi(self, text: str) -> str:
        mapped = self.m.long.kpi_values.get(text, text) if self.m.long else text
        if mapped not in self.kb.kpis:
            raise CellError(f"unknown KPI {text!r}", did_you_mean(mapped, self.kb.kpis) or
                            "map the export's KPI names with `long.kpi_values` in the mapping")
        return mapped

    @staticmethod
    def _tenure(text: str) -> float:
        value = number(text)
        if not 0 <= value <= 1200:
            raise CellError(f"tenure {text} months is outside 0-1200")
        return value

    @staticmethod
    def _score(text: str, scale: float) -> float:
        value = number(text)
        if not 1 <= value <= scale:
            raise CellError(f"rating {text} is outside the scale 1-{scale:g}",
                            "set `scale:` for this column in the mapping if the scale differs")
        return value

    def _observation(self, name: str, values: dict[str, Any], text: str) -> Any:
        spec = self.kb.observations[name]
        lowered = {str(k).strip().lower(): v for k, v in values.items()}
        if text.strip().lower() in lowered:
            value = lowered[text.strip().lower()]
        elif values:
            raise CellError(f"{text!r} is none of the values mapped for {name} ("
                            f"{', '.join(str(k) for k in values)})",
                            "correct the cell, or add the word to `values:` for this column in "
                            "the mapping")
        elif spec.type == "boolean":
            value = yes_no(text)
        elif spec.type == "number":
            value = number(text)
        else:
            value = text
        if spec.type == "boolean" and not isinstance(value, bool):
            raise CellError(f"{text!r} is not a yes/no answer for {name}",
                            "map it to true or false with `values:` in the mapping")
        if spec.type == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise CellError(f"{text!r} is not a number for {name}")
            if spec.low is not None and value < spec.low or \
                    spec.high is not None and value > spec.high:
                raise CellError(f"{name} {text} is outside {spec.low:g}-{spec.high:g}"
                                if spec.low is not None and spec.high is not None
                                else f"{name} {text} is out of range")
        if spec.type == "choice" and value not in (spec.choices or []):
            raise CellError(f"{text!r} is not one of {', '.join(spec.choices or [])} "
                            f"for {name}", did_you_mean(text, spec.choices or []) or
                            "map the export's words with `values:` in the mapping")
        return value

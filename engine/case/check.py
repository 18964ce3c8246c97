"""A case against the KB: every name it uses must exist there (a typo must not change a diagnosis)."""

from __future__ import annotations

from typing import Any

from ..errors import Problem, did_you_mean, shown
from ..kb.base import KnowledgeBase
from ..yamlio import locate
from .load import raise_problems
from .model import UNKNOWN, Case, LoadedCase


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
            add(f"unknown KPI {shown(m.kpi)}", ("metrics", i, "kpi"), did_you_mean(m.kpi, kb.kpis))
        elif m.kpi in seen_kpis:
            twice, hint = _kpi_twice(case, seen_kpis[m.kpi], i)
            add(twice, ("metrics", i, "kpi"), hint)
        seen_kpis.setdefault(m.kpi, i)
    for i, r in enumerate(case.ratings):
        if r.dimension not in kb.dimensions:
            add(f"unknown rating dimension {shown(r.dimension)}", ("ratings", i, "dimension"),
                did_you_mean(r.dimension, kb.dimensions))
    seen_obs: dict[tuple[str, str | None], int] = {}
    for i, o in enumerate(case.observations):
        spec = kb.observations.get(o.name)
        if spec is None:
            add(f"unknown observation {shown(o.name)}", ("observations", i, "name"),
                did_you_mean(o.name, kb.observations))
            continue
        if o.about is not None and o.about not in kb.kpis and o.about not in kb.areas:
            add(f"observation {shown(o.name)} is about {shown(o.about)}, which is neither a KPI "
                f"nor an area", ("observations", i, "about"),
                did_you_mean(o.about, [*kb.kpis, *kb.areas]))
        key = (o.name, o.about)
        if key in seen_obs:
            scope = f" about {shown(o.about)}" if o.about is not None else ""
            add(f"observation {shown(o.name)}{scope} is given twice",
                ("observations", i, "name"), f"first as observations[{seen_obs[key]}]")
        seen_obs.setdefault(key, i)
        if o.value == UNKNOWN:  # an answer of every type: the specialist does not know
            continue
        message = _value_problem(spec.type, spec.choices, spec.low, spec.high, o.value)
        if message:
            add(f"observation {shown(o.name)} {message}", ("observations", i, "value"),
                did_you_mean(o.value, spec.choices) if spec.choices else None)
    concern_kpis: dict[str, int] = {}
    for i, c in enumerate(case.concerns):
        if c.kpi is not None and c.kpi not in kb.kpis:
            add(f"unknown KPI {shown(c.kpi)}", ("concerns", i, "kpi"), did_you_mean(c.kpi, kb.kpis))
        elif c.kpi is not None and c.kpi in concern_kpis:
            add(f"KPI {shown(c.kpi)} is named by two concerns", ("concerns", i, "kpi"),
                f"first as concerns[{concern_kpis[c.kpi]}]; one concern per KPI: put both "
                "descriptions in one")
        if c.kpi is not None:
            concern_kpis.setdefault(c.kpi, i)
        if c.kpi is not None and c.area is not None:
            add("a concern is about a `kpi` or an `area`, not both", ("concerns", i, "area"),
                "pick one; write two concerns for both")
            continue
        if c.area is not None and c.area not in kb.areas:
            add(f"unknown area {shown(c.area)}", ("concerns", i, "area"),
                did_you_mean(c.area, kb.areas))
    if problems:
        raise_problems(problems)


def _kpi_twice(case: Case, first: int, again: int) -> tuple[str, str]:
    """The message and hint for a KPI given twice: one period holds one result per KPI."""
    kpi = case.metrics[again].kpi
    one, two = (case.metrics[first].period or case.period,
                case.metrics[again].period or case.period)
    if one == two:
        return (f"KPI {shown(kpi)} is given twice for {one}",
                f"first as metrics[{first}]; one period holds one result per KPI: keep one, "
                "and record a result from another period in its `history` as "
                "{period: ..., actual: ...}")
    latest, earlier = (one, two) if one > two else (two, one)
    return (f"KPI {shown(kpi)} is given twice, for {one} and {two}",
            f"first as metrics[{first}]; a case holds one entry per KPI for its period: record "
            f"the result for {earlier} in the `history` of the one for {latest} as "
            "{period: ..., actual: ...}")


# How YAML writes yes and no: quoted, one of these is text, not an answer.
_YES_NO = {"yes", "no", "true", "false", "on", "off", "y", "n"}


def _value_problem(kind: str, choices: list[str] | None, low: float | None, high: float | None,
                   value: Any) -> str | None:
    if kind == "boolean":
        if isinstance(value, bool):
            return None
        if isinstance(value, str) and value.strip().lower() in _YES_NO:
            bare = value.strip()
            return f'is answered yes or no, without quotes (write {bare}, not "{bare}")'
        return f"is answered yes or no (true/false), not {shown(value)}"
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"is a number, not {shown(value)}"
        if low is not None and value < low:
            return f"is at least {low:g}, not {value:g}"
        if high is not None and value > high:
            return f"is at most {high:g}, not {value:g}"
        return None
    if kind == "choice":
        return None if value in (choices or []) else \
            f"is one of {', '.join(choices or [])}, not {shown(value)}"
    return None if isinstance(value, str) else f"is text, not {shown(value)}"

"""A case against the KB: every name it uses must exist there (a typo must not change a diagnosis)."""

from __future__ import annotations

from typing import Any

from ..errors import Problem, did_you_mean, shown
from ..kb.base import KnowledgeBase
from ..yamlio import locate
from .load import raise_problems
from .model import UNKNOWN, LoadedCase


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
            add(f"KPI {shown(m.kpi)} is listed twice", ("metrics", i, "kpi"),
                f"first as metrics[{seen_kpis[m.kpi]}]; put earlier periods in its `history`")
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
    for i, c in enumerate(case.concerns):
        if c.kpi is not None and c.kpi not in kb.kpis:
            add(f"unknown KPI {shown(c.kpi)}", ("concerns", i, "kpi"), did_you_mean(c.kpi, kb.kpis))
        if c.area is not None and c.area not in kb.areas:
            add(f"unknown area {shown(c.area)}", ("concerns", i, "area"),
                did_you_mean(c.area, kb.areas))
    if problems:
        raise_problems(problems)


def _value_problem(kind: str, choices: list[str] | None, low: float | None, high: float | None,
                   value: Any) -> str | None:
    if kind == "boolean":
        return None if isinstance(value, bool) else f"is answered yes or no (true/false), " \
                                                     f"not {shown(value)}"
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

"""A mapping against the KB (its KPI, dimension and observation names) and against each
export's header (every column it reads must be there; columns it does not read are named)."""

from __future__ import annotations

from typing import Any

from ...errors import InputError, Problem, did_you_mean
from ...kb.base import KnowledgeBase
from ..load import raise_problems
from ..model import Employee
from .mapping import LoadedMapping, Mapping
from .rows import Header


def check_mapping(loaded: LoadedMapping, kb: KnowledgeBase) -> None:
    """Every name the mapping gives must exist in the KB; raises InputError naming all."""
    m = loaded.mapping
    problems: list[Problem] = []

    def add(message: str, path: tuple[Any, ...], hint: str | None) -> None:
        pos = loaded.line_of(path)
        field = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in path)
        problems.append(Problem(message, loaded.source, pos[0] if pos else None,
                                pos[1] if pos else None, field.replace(".[", "["), hint, "E110"))

    for i, mc in enumerate(m.metrics):
        if mc.kpi not in kb.kpis:
            add(f"unknown KPI {mc.kpi!r}", ("metrics", i, "kpi"), did_you_mean(mc.kpi, kb.kpis))
    if m.long is not None:
        for name, kpi in m.long.kpi_values.items():
            if kpi not in kb.kpis:
                add(f"unknown KPI {kpi!r}", ("long", "kpi_values", name),
                    did_you_mean(kpi, kb.kpis))
    for i, rc in enumerate(m.ratings):
        if rc.dimension not in kb.dimensions:
            add(f"unknown rating dimension {rc.dimension!r}", ("ratings", i, "dimension"),
                did_you_mean(rc.dimension, kb.dimensions))
    seen: dict[str, int] = {}
    for i, oc in enumerate(m.observations):
        if oc.name not in kb.observations:
            add(f"unknown observation {oc.name!r}", ("observations", i, "name"),
                did_you_mean(oc.name, kb.observations))
        elif oc.name in seen:
            add(f"observation {oc.name!r} is mapped twice", ("observations", i, "name"),
                f"first as observations[{seen[oc.name]}]")
        seen.setdefault(oc.name, i)
    if m.employee.tenure_months is None and Employee.model_fields["tenure_months"].is_required():
        add("employee.tenure_months is needed: every case records the tenure in months",
            ("employee",), "name the tenure column, or give `{value: N}` for everyone")
    if problems:
        raise_problems(problems)


def check_header(header: Header, m: Mapping, file: str) -> list[str]:
    """Raise when a column the mapping reads is missing; warn about columns it does not read."""
    missing = [(col, where) for col, where in m.columns() if col not in header.index]
    if missing:
        col, where = missing[0]
        more = len(missing) - 1
        hint = did_you_mean(col, header.index) or "columns: " + ", ".join(header.names)
        if more:
            hint += f"; {more} more column{'s' if more > 1 else ''} of the mapping missing: " + \
                ", ".join(repr(c) for c, _w in missing[1:4]) + (" ..." if more > 3 else "")
        raise InputError(f"column {col!r} (the mapping's {where}) is not in the header",
                         file=file, line=1, hint=hint)
    dupes = sorted({n for n in header.names if n and header.names.count(n) > 1})
    if dupes:
        raise InputError(f"the header names column {dupes[0]!r} twice", file=file, line=1,
                         hint="rename one of them so the mapping can tell them apart")
    used = {col for col, _w in m.columns()} | set(m.ignore)
    return [f"{file}:1: column {name!r} is not in the mapping and is not read (list it under "
            "`ignore:` to say so)" for name in header.names if name and name not in used]

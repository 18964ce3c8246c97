"""One employee's rows into one case (plain data, as a case file would hold it)."""

from __future__ import annotations

from typing import Any

from .mapping import Constant, Mapping
from .rows import RowProblem

RowData = tuple[str, int, dict[str, Any]]  # (file, row, the row's parts)


def _case_id(template: str, employee: str, period: str, row: int) -> str:
    return template.replace("{employee}", employee).replace("{period}", period).replace(
        "{row}", str(row))


def _conflicts(rows: list[RowData]) -> list[RowProblem]:
    """A long export repeats the employee's details on every row; they must agree."""
    problems = []
    file0, row0, first = rows[0]
    for file, row, data in rows[1:]:
        for part in ("employee", "case", "group"):
            for key, value in data[part].items():
                if key in first[part] and first[part][key] != value:
                    problems.append(RowProblem(
                        file, row, None, f"{part} {key} {value!r} differs from "
                        f"{first[part][key]!r} at {file0}:{row0}",
                        "one employee's details must be the same on every row"))
        for part, key in (("ratings", ("source", "dimension")), ("observations", ("name",))):
            seen = {tuple(x[k] for k in key): x for x in first[part]}
            for x in data[part]:
                old = seen.get(tuple(x[k] for k in key))
                if old is not None and old != x:
                    problems.append(RowProblem(
                        file, row, None, f"{' '.join(str(x[k]) for k in key)} "
                        f"{x.get('value', x.get('score'))!r} differs from "
                        f"{old.get('value', old.get('score'))!r} at {file0}:{row0}",
                        "one employee's ratings and observations must agree on every row"))
    return problems


def _merge(rows: list[RowData], part: str, key: tuple[str, ...]) -> list[dict[str, Any]]:
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for _f, _r, data in rows:
        for x in data[part]:
            out.setdefault(tuple(x[k] for k in key), x)
    return list(out.values())


def assemble_case(m: Mapping, rows: list[RowData]) -> tuple[dict[str, Any], list[RowProblem]]:
    file0, row0, first = rows[0]
    problems = _conflicts(rows) if len(rows) > 1 else []
    employee = {k: v for k, v in first["employee"].items()}
    for _f, _r, data in rows[1:]:
        for k, v in data["employee"].items():
            employee.setdefault(k, v)
    case_part = dict(first["case"])
    if m.layout == "wide":
        metrics = first["metrics"]
        period = str(case_part.get("period", ""))
    else:
        metrics, period, more = _long_metrics(m, rows)
        problems += more
    reviewer = case_part.get("reviewer")
    if reviewer is not None:
        employee["reviewer"] = reviewer
    group: dict[str, Any] = {}
    for _f, _r, data in rows:
        for k, v in data["group"].items():
            group.setdefault(k, v)
    if group:
        employee["group"] = group
    case: dict[str, Any] = {
        "case_id": _case_id(m.case.case_id, str(employee["id"]), period, row0),
        "as_of": case_part["as_of"],
        "period": period,
        "employee": employee,
        "metrics": metrics,
        "ratings": _merge(rows, "ratings", ("source", "dimension")),
        "observations": _merge(rows, "observations", ("name",)),
    }
    return case, problems


def _long_metrics(m: Mapping, rows: list[RowData]
                  ) -> tuple[list[dict[str, Any]], str, list[RowProblem]]:
    """Each KPI's result in the case's period, with the earlier periods as its history."""
    problems: list[RowProblem] = []
    points: dict[str, dict[str, tuple[dict[str, Any], str, int]]] = {}
    for file, row, data in rows:
        for p in data.get("points", []):
            by_period = points.setdefault(p["kpi"], {})
            if p["period"] in by_period:
                _p, f0, r0 = by_period[p["period"]]
                problems.append(RowProblem(file, row, m.long.period if m.long else None,
                                           f"{p['kpi']} for period {p['period']} is given "
                                           f"again (first at {f0}:{r0})",
                                           "one row per employee, KPI and period"))
                continue
            by_period[p["period"]] = (p, file, row)
    constant = m.case.period.value if isinstance(m.case.period, Constant) else None
    all_periods = {period for by in points.values() for period in by}
    period = str(constant) if constant is not None else max(all_periods, default="")
    metrics = []
    for kpi, by_period in points.items():
        if period not in by_period:
            continue  # measured only in other periods: no result for this case's period
        current = by_period[period][0]
        history = [{"period": per, "actual": by_period[per][0]["actual"]}
                   for per in sorted(by_period) if per < period]
        metric = {"kpi": kpi, "target": current["target"], "actual": current["actual"]}
        if history:
            metric["history"] = history
        metrics.append(metric)
    return metrics, period, problems

"""Reading a case file: YAML or JSON, validated with file:line errors."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from ..errors import InputError, Problem
from ..kb.validation import problems_from
from ..yamlio import load_file, parse
from .model import Case, LoadedCase


def raise_problems(problems: list[Problem]) -> None:
    """Raise one InputError holding every problem, in file order (the first one as its message)."""
    problems = sorted(problems, key=lambda p: (p.line or 0, p.col or 0))
    first = problems[0]
    more = len(problems) - 1
    hint = first.hint
    if more:
        extra = f"{more} more problem{'s' if more > 1 else ''} in this file"
        hint = f"{hint}; {extra}" if hint else extra
    err = InputError(first.message, file=first.file, line=first.line, col=first.col,
                     field=first.field, hint=hint, code=first.code)
    err.problems = tuple(problems)
    raise err


_NO_TARGET = ("the target is missing", "give the KPI's target for this period; a result with no "
              "target belongs under `concerns`, as {kpi: ..., severity: ..., description: ...}")


def _reworded(problem: Problem) -> Problem:
    """Problems worded for the person writing a case rather than as the validator put them."""
    field = problem.field or ""
    if not field.startswith("metrics["):
        return problem
    if (field.endswith(".target") and problem.message.endswith(", got None")) or (
            problem.message == "missing required key 'target'"):
        return replace(problem, message=_NO_TARGET[0], hint=_NO_TARGET[1])
    return problem


def parse_case(data: Any, source: str) -> LoadedCase:
    """Validate parsed case data (positions kept for error messages)."""
    if not isinstance(data, dict):
        raise InputError("a case file must be a mapping with case_id, as_of, period, employee, "
                         "metrics, ...", file=source, line=1)
    try:
        case = Case.model_validate(data)
    except ValidationError as err:
        raise_problems([_reworded(p) for p in problems_from(err, data, file=source, model=Case)])
    return LoadedCase(case, source, data)


def load_case(path: str) -> LoadedCase:
    """Read a case from a YAML or JSON file ('-' for stdin) and validate its shape."""
    source, data = load_file(path, what="case file")
    return parse_case(data, source)


def load_case_text(text: str, source: str) -> LoadedCase:
    return parse_case(parse(text, source, json_file=source.endswith(".json")), source)

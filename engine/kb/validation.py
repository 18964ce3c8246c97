"""Turn pydantic validation errors into Problems that name the file, line and field."""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import SHOWN_MAX, Problem, did_you_mean, shown
from ..i18n import Text
from ..yamlio import dotted, locate


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            out.extend(_unwrap(arg))
        return out
    if origin in (list, tuple, dict, typing.Annotated):
        args = typing.get_args(annotation)
        return _unwrap(args[-1] if origin is dict else args[0]) if args else []
    return [annotation]


def _model_at(model: type[BaseModel], loc: Sequence[Any]) -> type[BaseModel] | None:
    """The model class that owns the last step of `loc` (for listing its field names)."""
    current: type[BaseModel] | None = model
    for step in loc:
        if current is None:
            return None
        if isinstance(step, int):
            continue
        field = current.model_fields.get(str(step))
        if field is None:
            return current
        nxt = [a for a in _unwrap(field.annotation)
               if isinstance(a, type) and issubclass(a, BaseModel)]
        current = nxt[0] if nxt else None
    return current


def _parent_model(model: type[BaseModel], loc: Sequence[Any]) -> type[BaseModel] | None:
    return _model_at(model, list(loc)[:-1])


_FRIENDLY = {
    "missing": "missing required key",
    "extra_forbidden": "unknown key",
}


def _shown(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return shown(value)


def problems_from(err: ValidationError, data: Any, *, file: str, model: type[BaseModel],
                  base: Sequence[Any] = (), code: str = "E101") -> list[Problem]:
    """One Problem per pydantic error, positioned with the PosDict/PosList positions of `data`."""
    import difflib  # only for invalid input (start-up, issue 15)

    problems = []
    errors = err.errors(include_url=False)
    for e in errors:
        e["loc"] = tuple(step for step in e["loc"] if not (isinstance(step, str) and (
            step.startswith("function-") or step in ("tagged-union", "union"))))
    # A misspelt key is reported once: as unknown, with the near name it was meant to be, and
    # not a second time as that required key being missing.
    misspelt = {(e["loc"][:-1], close) for e in errors if e["type"] == "extra_forbidden"
                and e["loc"] and len(str(e["loc"][-1])) <= SHOWN_MAX
                for close in difflib.get_close_matches(str(e["loc"][-1]), [
                    str(m["loc"][-1]) for m in errors if m["type"] == "missing" and m["loc"]
                    and m["loc"][:-1] == e["loc"][:-1]], n=1, cutoff=0.6)}
    for e in errors:
        loc = list(e["loc"])
        if e["type"] == "missing" and loc and (tuple(loc[:-1]), str(loc[-1])) in misspelt:
            continue
        pos = locate(data, loc)
        field = dotted(list(base) + loc)
        kind = e["type"]
        hint = None
        if kind == "extra_forbidden":
            owner = _parent_model(model, loc)
            if owner is Text:
                hint = ("a comma inside `{en: ..., zh: ...}` starts a new key; put text that "
                        "holds a comma in quotes")
            elif owner is not None:
                hint = did_you_mean(loc[-1], owner.model_fields)
                if hint is None:
                    hint = "allowed keys: " + ", ".join(owner.model_fields)
            message = f"unknown key {shown(loc[-1])}" if loc else "unknown key"
        elif kind == "missing":
            message = f"missing required key {loc[-1]!r}" if loc else "missing required key"
            field = dotted(list(base) + loc[:-1])
        else:
            message = e["msg"]
            if message.startswith("Value error, "):
                message = message[len("Value error, "):]
            value = e.get("input")
            if kind not in ("model_type", "dict_type", "list_type") and not isinstance(
                    value, (dict, list)) and "literal" not in kind:
                message += f", got {_shown(value)}"
            if kind == "literal_error":
                expected = e.get("ctx", {}).get("expected", "")
                hint = did_you_mean(value, [x.strip(" '") for x in expected.replace(" or ", ",").split(",")])
                message += f", got {shown(value)}"
        line, col = pos if pos else (None, None)
        problems.append(Problem(message, file, line, col, field or None, hint, code))
    return problems

"""A checked KnowledgeBase as plain JSON data and back, for the on-disk cache (kb/cache.py).

Only the types a loaded KB is made of are written or read back: the dataclasses and pydantic
models of the knowledge model (listed below by name), tuples, sets, dates, and the position-aware
containers of engine/yamlio. Reading builds exactly those types from JSON and nothing else: no
pickle, no import by a name found in the data, no code from the file ever runs (principle 8). An
object of any other type makes the KB uncacheable (`Uncacheable`): it is then simply loaded from
its files, never written half-way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel

from ..errors import Problem
from ..i18n import Text
from ..yamlio import PosDict, PosList
from . import conditions, contraindications, models, policy, rules

TAG = "$"  # a JSON object with this key is a tagged value; a plain dict using it is tagged too


class Uncacheable(Exception):
    """The KB holds a value the codec does not know: it is not cached."""


def _classes() -> dict[str, type]:
    """The knowledge model's dataclasses and pydantic models, by module and name."""
    found: dict[str, type] = {"Problem": Problem, "Text": Text}
    for module in (models, policy, rules, conditions, contraindications):
        short = module.__name__.rpartition(".")[2]
        for name, value in vars(module).items():
            if not isinstance(value, type) or value.__module__ != module.__name__:
                continue
            if dataclasses.is_dataclass(value) or issubclass(value, BaseModel):
                found[f"{short}.{name}"] = value
    return found


CLASSES = _classes()
_NAMES = {cls: name for name, cls in CLASSES.items()}
_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in CLASSES.values()
           if dataclasses.is_dataclass(cls)}


def encode(value: Any) -> Any:
    """`value` as JSON-ready data (raises Uncacheable for a type the codec does not know)."""
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    if kind is list:
        return [encode(v) for v in value]
    if kind is tuple:
        return {TAG: "t", "v": [encode(v) for v in value]}
    if kind is dict:
        if all(type(k) is str and not k.startswith(TAG) for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {TAG: "d", "v": [[encode(k), encode(v)] for k, v in value.items()]}
    if kind is MappingProxyType:
        return {TAG: "mp", "v": encode(dict(value))}
    if kind is PosDict:
        return {TAG: "pd", "v": [[encode(k), encode(v)] for k, v in value.items()],
                "pos": [[encode(k), list(p)] for k, p in value.pos.items()],
                "start": list(value.start)}
    if kind is PosList:
        return {TAG: "pl", "v": [encode(v) for v in value], "pos": [list(p) for p in value.pos],
                "start": list(value.start)}
    if kind in (set, frozenset):
        return {TAG: "s" if kind is set else "fs", "v": sorted((encode(v) for v in value),
                                                               key=repr)}
    if kind is dt.date:
        return {TAG: "date", "v": value.isoformat()}
    name = _NAMES.get(kind)
    if name is None:
        raise Uncacheable(f"cannot cache a {kind.__module__}.{kind.__qualname__}")
    if isinstance(value, BaseModel):
        if value.__pydantic_extra__ or value.__pydantic_private__:
            raise Uncacheable(f"{name} holds extra or private data")
        out = {TAG: "pm", "c": name, "f": {k: encode(v) for k, v in value.__dict__.items()}}
        if value.model_fields_set != set(value.__dict__):  # left out: every field was given
            out["set"] = sorted(value.model_fields_set)
        return out
    return {TAG: "dc", "c": name, "f": [encode(getattr(value, f)) for f in _FIELDS[kind]]}


def _pairs(items: list[list[Any]]) -> list[tuple[Any, Any]]:
    return [(k, v) for k, v in items]


def _model(obj: dict[str, Any]) -> Any:
    cls = CLASSES[obj["c"]]
    fields = obj["f"]
    if not issubclass(cls, BaseModel) or fields.keys() != cls.model_fields.keys():
        raise ValueError(f"{obj['c']}: the fields differ from the model's")
    given = set(obj["set"]) if "set" in obj else set(fields)
    if cls in _PLAIN_MODELS:  # what model_construct does for such a model, without its loops
        made = cls.__new__(cls)
        _set(made, "__dict__", fields)
        _set(made, "__pydantic_fields_set__", given)
        _set(made, "__pydantic_extra__", None)
        _set(made, "__pydantic_private__", None)
        return made
    return cls.model_construct(_fields_set=given, **fields)


_set = object.__setattr__
# Models without private attributes, post-init hooks or extra fields: built from their fields.
_PLAIN_MODELS = {cls for cls in CLASSES.values() if issubclass(cls, BaseModel)
                 and not cls.__private_attributes__ and cls.__pydantic_post_init__ is None
                 and cls.model_config.get("extra") != "allow"}


def _dataclass(obj: dict[str, Any]) -> Any:
    cls = CLASSES[obj["c"]]
    names = _FIELDS.get(cls)
    values = obj["f"]
    if names is None or len(values) != len(names):
        raise ValueError(f"{obj['c']}: the fields differ from the dataclass's")
    made: Any = object.__new__(cls)
    # frozen: set as the dataclass's own __init__ would (the lengths are checked above)
    made.__dict__.update(zip(names, values, strict=True))
    return made


def _posdict(obj: dict[str, Any]) -> PosDict:
    made = PosDict(_pairs(obj["v"]))
    made.pos = {k: (p[0], p[1]) for k, p in obj["pos"]}
    made.start = (obj["start"][0], obj["start"][1])
    return made


def _poslist(obj: dict[str, Any]) -> PosList:
    made = PosList(obj["v"])
    made.pos = [(p[0], p[1]) for p in obj["pos"]]
    made.start = (obj["start"][0], obj["start"][1])
    return made


_DECODERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "t": lambda o: tuple(o["v"]),
    "d": lambda o: dict(_pairs(o["v"])),
    "mp": lambda o: MappingProxyType(o["v"]),
    "pd": _posdict,
    "pl": _poslist,
    "s": lambda o: set(o["v"]),
    "fs": lambda o: frozenset(o["v"]),
    "date": lambda o: dt.date.fromisoformat(o["v"]),
    "pm": _model,
    "dc": _dataclass,
}


def _hook(obj: dict[str, Any]) -> Any:
    tag = obj.get(TAG)
    if tag is None:
        return obj
    return _DECODERS[tag](obj)


def dumps(value: Any) -> str:
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Any:
    """Decode what `dumps` wrote (raises ValueError, KeyError or TypeError on anything else)."""
    return json.loads(text, object_hook=_hook)

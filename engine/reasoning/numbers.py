"""Numbers durable_rules can read.

durable_rules parses the JSON Python writes for each fact, and its parser does not understand
exponents: `1e-06` (any value below 0.0001) or `1e+16` fails the whole assertion ("error code
204"). Facts are made safe before they are asserted, and the same values are kept on the Python
side so explanations and the cross-check see exactly what the engine saw.

A join (`same_as`) compares two facts' values by type as well: 4 and 4.0 are not equal to the
engine, though they are to Python and to the reference evaluator (fuzz finding D03). The copy
the engine receives therefore writes a decimal that is a whole number as that whole number
(`engine_copy`); the Python side keeps its own value, which is equal, so outputs do not change.
Comparisons with constants were never affected.
"""

from __future__ import annotations

from typing import Any

from ..kb.operators import ENGINE_LARGEST as LARGEST  # ... and magnitudes from 1e16 on
from ..kb.operators import ENGINE_SMALLEST as SMALLEST  # Python writes smaller ones with an exponent


def durable_safe(value: Any) -> Any:
    if isinstance(value, float):
        if value != 0 and abs(value) < SMALLEST:
            value = round(value, 4) + 0.0  # 0.0 or +-0.0001; `+ 0.0` turns -0.0 into 0.0
        elif abs(value) >= LARGEST:
            value = LARGEST if value > 0 else -LARGEST
        return value
    if isinstance(value, list):
        return [durable_safe(v) for v in value]
    return value


_AS_IS = frozenset({str, int, bool, type(None)})  # never a decimal nor a list


def safe_fact(fact: dict[str, Any]) -> dict[str, Any]:
    """The fact with every number written without an exponent (changed in place, returned)."""
    for key, value in fact.items():
        if type(value) not in _AS_IS:
            fact[key] = durable_safe(value)
    return fact


def _whole(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < LARGEST:
        return int(value)
    if isinstance(value, list):
        return [_whole(v) for v in value]
    return value


def engine_copy(fact: dict[str, Any]) -> dict[str, Any]:
    """The fact as the engine receives it: whole decimals as whole numbers (see above)."""
    return {key: value if type(value) in _AS_IS else _whole(value)
            for key, value in fact.items()}

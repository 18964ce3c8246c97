"""Scalar types for values read from YAML or JSON, stricter than pydantic's defaults.

pydantic reads `yes` as 1.0 where a number belongs and `0` as 1970-01-01 where a date belongs;
from a hand-written file both are mistakes, so they are refused at the file's line.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, Strict

# A number: an int or a float as written, never a yes/no or a text.
Number = Annotated[float, Strict()]
Count = Annotated[int, Strict()]

# An id in a catalog: never empty.
Id = Annotated[str, Field(min_length=1)]


def date_as_written(value: Any) -> Any:
    """A date is written YYYY-MM-DD (YAML reads it as a date; JSON gives the text). A number
    (or a text that is one) would otherwise count seconds from 1970."""
    if isinstance(value, (bool, int, float)):
        raise ValueError("a date must be written as YYYY-MM-DD")
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return value
        raise ValueError("a date must be written as YYYY-MM-DD")
    return value


Date = Annotated[dt.date, BeforeValidator(date_as_written)]

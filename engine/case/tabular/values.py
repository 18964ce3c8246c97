"""Reading one cell: numbers as HR exports write them, yes/no in English and Chinese, dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
YES = {"yes", "y", "true", "t", "1", "是", "有", "对", "x", "✓"}
NO = {"no", "n", "false", "f", "0", "否", "无", "没有", "不是"}
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋％，", "0123456789.-+%,")


class CellError(ValueError):
    """A cell that cannot be read as asked: the message and a hint."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def number(text: str) -> int | float:
    """15 · 15.5 · 1,234.5 · 15% (read as 15, the unit KPIs use) · full-width digits."""
    t = text.translate(_FULL_WIDTH).strip().replace(" ", "")
    if t.endswith("%"):
        t = t[:-1]
    if _THOUSANDS.match(t):
        t = t.replace(",", "")
    if not _NUMBER.match(t):
        raise CellError(f"{text!r} is not a number",
                        "write digits only, e.g. 12.5; leave it blank when not recorded")
    value = float(t)
    if abs(value) > 1e9:
        raise CellError(f"{text} is too large")
    return int(value) if value.is_integer() and "." not in t and "e" not in t.lower() else value


def yes_no(text: str) -> bool:
    t = text.strip().lower()
    if t in YES:
        return True
    if t in NO:
        return False
    raise CellError(f"{text!r} is not a yes/no answer",
                    "write yes or no (also true/false, y/n, 1/0, 是/否), or map it with "
                    "`values:` in the mapping")


def date(text: str) -> dt.date:
    t = text.strip().replace("/", "-").replace(".", "-")
    t = t.replace("年", "-").replace("月", "-").replace("日", "")
    try:
        parts = [int(p) for p in t.split("-")]
        if len(parts) == 3:
            return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        pass
    raise CellError(f"{text!r} is not a date", "write it as YYYY-MM-DD, e.g. 2026-10-31")


def constant_text(value: Any) -> str:
    """A mapping constant as the cell text it stands for."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)

"""Plain-text tables that line up with Chinese text too (wide characters take two columns)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, size: int, right: bool = False) -> str:
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = (),
          indent: str = "  ") -> list[str]:
    sizes = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = [indent + "  ".join(pad(h, sizes[i], i in right) for i, h in enumerate(headers)).rstrip()]
    for row in rows:
        lines.append(indent + "  ".join(pad(c, sizes[i], i in right)
                                        for i, c in enumerate(row)).rstrip())
    return lines

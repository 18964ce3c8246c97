"""What is still English in a line meant to be Chinese (issue 16, point 11): a run of three or
more English words, once names, values, commands and code (in quotes or backticks), options,
paths, ids and command lines (`perfdx kb diff`) are set aside. "kb check 未通过" passes; "plan
3f9a has no goal on KPI" does not."""

from __future__ import annotations

import re

_SET_ASIDE = re.compile(r"perfdx(?: [a-z-]+)+|'[^']*'|\"[^\"]*\"|`[^`]*`|--[\w-]+|"
                        r"\S*[/\\]\S*|\S*\d\S*|\[\S*\]|\b[A-Z_]{2,}\b")
_WORDS = re.compile(r"\b[A-Za-z]{2,}(?: +[A-Za-z]{2,}\b){2,}")


def english_left(line: str) -> list[str]:
    """The runs of English words in `line` (an empty list when there are none)."""
    return _WORDS.findall(_SET_ASIDE.sub(" ", line))

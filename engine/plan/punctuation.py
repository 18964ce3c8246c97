"""Chinese punctuation: ASCII , ; : ( ) next to Chinese text become their full-width forms.

Knowledge-base and case text is often typed with ASCII punctuation inside Chinese sentences
("练习,结果"); in a plan handed to an employee that reads as careless typesetting. Numbers,
dates and English text are left alone.
"""

from __future__ import annotations

import re

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_IS_CJK = re.compile(f"[{_CJK}]")
_FULL = {",": "\uff0c", ";": "\uff1b", ":": "\uff1a", "(": "\uff08", ")": "\uff09",
         "?": "\uff1f", "!": "\uff01"}


def _cjk(ch: str) -> bool:
    return bool(ch) and bool(_IS_CJK.match(ch))


def full_width(text: str) -> str:
    """`text` with ASCII , ; : ( ) beside Chinese characters in full-width form."""
    if not _IS_CJK.search(text):
        return text
    out: list[str] = []
    open_converted = 0  # "(" turned full-width and not yet closed
    n = len(text)
    for i, ch in enumerate(text):
        prev = out[-1] if out else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if ch in ",;:" and (_cjk(prev) or (_cjk(nxt) and prev != " ")):
            # "10:00" and "a, b" stay; a mark touching Chinese text is Chinese punctuation
            if not (prev.isdigit() and nxt.isdigit()):
                ch = _FULL[ch]
        elif ch in "?!" and _cjk(prev):
            ch = _FULL[ch]
        elif ch == "(" and (_cjk(prev) or _cjk(nxt)):
            ch = _FULL[ch]
            open_converted += 1
        elif ch == ")" and open_converted:
            ch = _FULL[ch]
            open_converted -= 1
        if ch in "\uff0c\uff1b\uff1a\uff08\uff09\uff1f\uff01" and out and out[-1] == " " and ch != "\uff08":
            out.pop()  # no space before closing Chinese punctuation
        if ch != " " and out and out[-1] == " " and len(out) > 1 and _cjk(out[-2]) \
                and _cjk(ch) and not out[-2].isdigit():
            out.pop()  # no space between two Chinese characters: "天 的" -> "天的"
        out.append(ch)
    return "".join(out)


def template(text: str) -> str:
    """A Chinese phrase template with every ASCII , ; : ( ) in full-width form (placeholders
    such as {value} hold none of them)."""
    return text.translate({ord(k): v for k, v in _FULL.items()})

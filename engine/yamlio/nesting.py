"""perfdx's nesting limit, checked on the text before the YAML library sees it (a linear pre-scan
that follows the YAML scanner's rules for what opens a collection)."""

from __future__ import annotations

import re

Position = tuple[int, int]


# YAML's line breaks (\r\n, \r, NEL, LS, PS) each count as one line, as "\n" does.
_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")
_INDENT = re.compile(" *")
_BLANK = re.compile(r"[ \t]*(?:#|\n|\Z)")  # from the indentation on: nothing, or a comment
# Where a plain scalar may stop (checked by _plain_end): ": " or " #" or the line's end in block
# context; inside flow collections also , [ ] { }, and not at a line's end.
_BLOCK_PLAIN_STOP = re.compile(r"[:#\n]")
_FLOW_PLAIN_STOP = re.compile(r"[:#,\[\]{}]")
_VALUE = re.compile(r"[ \t]*:(?:[ \t\n]|\Z)")  # ": " after a key
_SINGLE_QUOTED = re.compile(r"'[^']*(?:''[^']*)*'")
_DOUBLE_QUOTED = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
# An anchor or alias (&name, *name), or a tag (!name, !!name, !<uri>), as libyaml reads them.
_PROPERTY = re.compile(r"[&*][0-9A-Za-z_-]*|!(?:<[^>\n]*>|[0-9A-Za-z$&'()*+\-./:;=?@_~!%]*)")
_BLOCK_SCALAR = re.compile(r"[|>](?:([1-9])[+-]?|[+-]([1-9])?)?")


def _plain_end(s: str, q: int, flow: bool) -> int:
    """Where the plain scalar at q ends (len(s) if it runs to the end)."""
    stop, blanks = (_FLOW_PLAIN_STOP, " \t\n,[]{}") if flow else (_BLOCK_PLAIN_STOP, " \t\n")
    while True:
        m = stop.search(s, q + 1)
        if m is None:
            return len(s)
        e = m.start()
        ch = s[e]
        if ch == ":":
            if s[e + 1: e + 2] in blanks:  # also "" at the end
                return e
        elif ch == "#":
            if s[e - 1] in " \t\n":
                return e - 1
        else:
            return e
        q = e


def nesting_prescan(text: str, limit: int) -> Position | None:
    """Where the first collection deeper than ``limit`` starts, found from the text alone.

    One pass over the text, following the YAML scanner's rules for what opens a collection:
    block mappings (a key followed by ": ", or "? "), block sequences ("- ", also the
    indentless kind under a key) by their indentation, flow collections by their brackets,
    while skipping comments, quoted, plain and block scalars. Its depth and place are the ones
    the parser's events show (tested on every YAML file here, on generated documents and on
    fuzzed text); where it could differ, it counts fewer levels, never more, so nothing the
    parser would accept is refused here. Linear in the text. Returns (line, column), 1-based,
    or None.
    """
    s = _BREAKS.sub("\n", text)
    n = len(s)
    opened: list[tuple[int, str]] = []  # open block collections: (column, map | seq | iseq)

    def indent() -> int:
        """The scanner's indentation: the column of the innermost block collection that is not
        an indentless sequence (-1 at the top)."""
        for column, kind in reversed(opened):
            if kind != "iseq":
                return column
        return -1

    def at(pos: int) -> Position:
        return s.count("\n", 0, pos) + 1, pos - (s.rfind("\n", 0, pos) + 1) + 1

    def flow(q: int, props: int, base: int = -1) -> tuple[int, int]:
        """Skip the flow collection opening at q (its anchor or tag, if any, at props), inside
        `base` levels (default: the open block collections); returns (the offset after it, -1)
        or, when a collection inside is too deep, (-1, its offset).

        A key inside a flow sequence (`[a: b]`) opens a one-pair mapping, to the entry's end.
        """
        base = len(opened) if base < 0 else base
        kinds: list[str] = []  # "[", "{", or ":" for a one-pair mapping in a flow sequence
        entries: list[int] = []  # where each level's current entry starts (-1: not yet)
        heads: list[int] = []  # and where its node starts, after any anchor or tag
        while q < n:
            ch = s[q]
            if ch in "[{,:?]}":
                if ch in "[{":
                    if kinds and entries[-1] < 0:
                        entries[-1] = props if props >= 0 else q
                    if kinds and heads[-1] < 0:
                        heads[-1] = q
                    kinds.append(ch)
                    entries.append(-1)
                    heads.append(-1)
                    if base + len(kinds) > limit:
                        return -1, props if props >= 0 else q
                elif ch in "]}":
                    if kinds[-1] == ":":
                        del kinds[-1], entries[-1], heads[-1]
                    del kinds[-1], entries[-1], heads[-1]
                    if not kinds:
                        return q + 1, -1
                elif ch == ",":
                    if kinds[-1] == ":":
                        del kinds[-1], entries[-1], heads[-1]
                    entries[-1] = heads[-1] = -1
                elif kinds[-1] == "[":  # ":" or "?": in flow context, always a value or a key
                    key, head = (q, -1) if ch == "?" else (entries[-1], heads[-1])
                    # a simple key is one line of at most 1,024 characters
                    if key >= 0 and q - key <= 1024 and s.rfind("\n", key, q) < 0:
                        kinds.append(":")
                        entries.append(-1)
                        heads.append(-1)
                        if base + len(kinds) > limit:
                            return -1, key
                        if head >= 0 and s[head] in "[{":
                            # the key is a collection: it is inside the pair, one level deeper
                            deep = flow(head, key if key < head else -1, base + len(kinds))[1]
                            if deep >= 0:
                                return -1, deep
                props = -1
                q += 1
                continue
            if ch in " \t\n":
                q += 1
                continue
            if ch == "#":
                q = s.find("\n", q)
                if q < 0:
                    break
                continue
            if entries[-1] < 0:
                entries[-1] = props if props >= 0 else q
            if heads[-1] < 0 and ch not in "&!*":
                heads[-1] = q
            if ch in "'\"":
                m = (_SINGLE_QUOTED if ch == "'" else _DOUBLE_QUOTED).match(s, q)
                if m is None:
                    break  # unterminated: the YAML library reports it
                q, props = m.end(), -1
            elif ch in "&!*":
                if props < 0 and ch != "*":
                    props = q
                q = _PROPERTY.match(s, q).end()  # type: ignore[union-attr]
            else:
                q, props = _plain_end(s, q, True), -1
        return n, -1

    def block_scalar(q: int) -> int:
        """Skip a literal or folded block scalar whose header is at q; returns the offset of
        the first line after it."""
        header = _BLOCK_SCALAR.match(s, q)
        step = header.group(1) or header.group(2) if header else None
        p = s.find("\n", q) + 1
        if p == 0:
            return n
        least = max(indent() + 1, 1)
        if step:
            width = least + int(step) - 1
        else:  # the widest of the leading blank lines and the first line with text
            width = 0
            while p < n:
                e = _INDENT.match(s, p).end()  # type: ignore[union-attr]
                width = max(width, e - p)
                if e < n and s[e] == "\n":
                    p = e + 1
                    continue
                break
            width = max(least, width)
        # its lines: indented at least `width`, or blank
        lines = re.compile(r"(?:(?: {" + str(width) + r"}[^\n]*| *)\n)*")
        p = lines.match(s, p).end()  # type: ignore[union-attr]
        last = _INDENT.match(s, p).end()  # type: ignore[union-attr]
        if s.find("\n", p) < 0 and (last - p >= width or last == n):
            return n  # it runs to the end of the text
        return p

    def push(column: int, kind: str) -> bool:
        opened.append((column, kind))
        return len(opened) > limit

    plain_from: int | None = None  # a plain scalar goes on in lines indented at least this
    pending = -1  # an anchor or tag that ended its line: it belongs to the next line's node
    p = 0
    while p < n:
        eol = s.find("\n", p)
        if eol < 0:
            eol = n
        q = _INDENT.match(s, p).end()  # type: ignore[union-attr]
        column = q - p
        if _BLANK.match(s, q):  # a blank line, or a comment (which ends a plain scalar)
            if "#" in s[q:eol]:
                plain_from = None
            p = eol + 1
            continue
        marker = column == 0 and s.startswith(("---", "..."), q) and s[q + 3: q + 4] in (
            "", " ", "\t", "\n")
        if plain_from is not None:
            if column >= plain_from and not marker:  # the plain scalar goes on
                e = _plain_end(s, q - 1, False)
                if e >= n:
                    break
                if s[e] == "\n":
                    p = e + 1
                    continue
                plain_from = None
                if s[e] != ":":
                    p = eol + 1
                    continue
                q = e
            plain_from = None
        if marker:
            opened.clear()
            if s.startswith("...", q):
                p = eol + 1
                continue
            q += 3
        else:
            while opened and opened[-1][0] > column:
                opened.pop()
            if opened and opened[-1] == (column, "iseq") and not (
                    s[q] == "-" and s[q + 1: q + 2] in ("", " ", "\t", "\n")):
                opened.pop()
        # the tokens of this line
        line = p
        key = props = -1  # offsets of a token that may be a simple key, and of its properties
        lead, pending = pending, -1  # where the first collection of this line is said to start
        while True:
            if q >= n:
                return None
            ch = s[q]
            if ch == "\n" or ch == "#":
                if props >= 0:  # properties end the line: they belong to the next node
                    pending = lead if lead >= 0 else props
                p = (q if ch == "\n" else s.find("\n", q)) + 1 or n
                break
            if ch in " \t":
                q += 1
                continue
            if ch in "-?:" and s[q + 1: q + 2] in ("", " ", "\t", "\n"):
                # "- " starts a sequence, "? " or a simple key before ": " a mapping, when
                # indented deeper than the collection they are in
                start, kind = (key, "map") if ch == ":" else (q, "seq" if ch == "-" else "map")
                if start >= 0:
                    at_col = start - line
                    top = opened[-1] if opened else None
                    if at_col > indent() or (ch == "-" and top == (at_col, "map")):
                        if at_col <= indent():
                            kind = "iseq"  # a sequence as a mapping's value, not indented
                        where, lead = lead if lead >= 0 else start, -1
                        if push(at_col, kind):
                            return at(where)
                q += 1
                key = props = -1
                continue
            if key < 0:
                key = q
            if ch in "[{":
                begin = q
                q, deep = flow(q, props if props >= 0 else lead)
                if deep >= 0:
                    return at(deep)
                nl = s.rfind("\n", line, q)
                if nl >= 0:  # spread over lines: no simple key
                    line, key = nl + 1, -1
                elif key >= 0 and _VALUE.match(s, q) and key - line > indent():
                    # a key: its mapping opened first, so the collection is one level deeper
                    where, lead = lead if lead >= 0 else key, -1
                    if push(key - line, "map"):
                        return at(where)
                    deep = flow(begin, props)[1]
                    opened.pop()
                    if deep >= 0:
                        return at(deep)
                lead = props = -1
            elif ch in "'\"":
                m = (_SINGLE_QUOTED if ch == "'" else _DOUBLE_QUOTED).match(s, q)
                if m is None:
                    return None
                q = m.end()
                nl = s.rfind("\n", line, q)
                if nl >= 0:
                    line, key = nl + 1, -1
                props = -1
            elif ch in "|>":
                p = block_scalar(q)
                break
            elif ch in "&!*":
                if props < 0 and ch != "*":
                    props = q
                q = _PROPERTY.match(s, q).end()  # type: ignore[union-attr]
            else:  # a plain scalar
                e = _plain_end(s, q, False)
                if e >= n:
                    return None
                if s[e] == ":":
                    q = e
                    props = -1
                    continue
                if s[e] == "\n":
                    plain_from = indent() + 1
                    p = e + 1
                else:  # " #": a comment to the end of the line
                    p = s.find("\n", e) + 1 or n
                break
    return None

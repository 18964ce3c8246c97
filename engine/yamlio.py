"""Safe YAML/JSON reading that remembers where every value came from.

Only plain data is accepted: no explicit tags at all (`!!python/...`, `!!binary`, `!!float x`,
`!custom`), no aliases (which can blow a small file up into a huge one), no duplicate keys (YAML
would silently keep the last one; JSON too), no integers too long to be a number anyone means.
Only regular files are read (or standard input as `-`): a named pipe or a device would block or
never end. Mappings and lists come back as ``PosDict``/``PosList``, which know the line and
column of each entry, so a validation error deep inside a file can still name its line.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import yaml

from .errors import SHOWN_MAX, InputError, one_line

MAX_BYTES = 10 * 1024 * 1024  # files over 10 MB are refused before they are read
MAX_DIGITS = 15  # a longer integer is no measurement, and past ~308 digits not even a float

Position = tuple[int, int]  # 1-based line and column


class PosDict(dict):  # type: ignore[type-arg]
    """A dict that knows the position of each key and of itself."""

    __slots__ = ("pos", "start")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pos: dict[Any, Position] = {}
        self.start: Position = (1, 1)


class PosList(list):  # type: ignore[type-arg]
    """A list that knows the position of each item and of itself."""

    __slots__ = ("pos", "start")

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.pos: list[Position] = []
        self.start: Position = (1, 1)


_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _mark(node: yaml.Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML 1.1's line breaks
_IMPLICIT: dict[type, str] = {yaml.MappingNode: "tag:yaml.org,2002:map",
                              yaml.SequenceNode: "tag:yaml.org,2002:seq"}


class _PositionLoader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader that builds PosDict/PosList and refuses tags, aliases and duplicate keys."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            # Without aliases every node occurs once; a node met again is an alias (of a
            # mapping, a list or a plain value alike).
            line, col = _mark(node)
            raise _Refused(
                "YAML aliases (*name) are not supported: write the value out again",
                line, col,
            )
        if node.tag != self._implicit_tag(node) or self._tag_written(node):
            line, col = _mark(node)
            raise _Refused(_tag_refused(node.tag), line, col)
        return super().construct_object(node, deep=deep)

    def _tag_written(self, node: yaml.Node) -> bool:
        """Was a tag written before the node, even one that changes nothing (`!!int 4`)?

        A node starts at its properties (`&anchor`, `!tag`), so look at the text there."""
        lines: list[str] = getattr(self, "source_lines", [])
        mark = node.start_mark
        if not lines or mark.line >= len(lines):
            return False
        rest = lines[mark.line][mark.column:]
        if rest.startswith("&"):  # an anchor first: the tag, if any, follows it
            rest = rest.split(None, 1)[1] if len(rest.split(None, 1)) > 1 else ""
        return rest.startswith("!")

    def _implicit_tag(self, node: yaml.Node) -> str:
        """The tag the node would have had without an explicit one (`!!float forty` has a tag
        other than the plain text `forty` resolves to: it was written by hand)."""
        if isinstance(node, yaml.ScalarNode):
            if not node.style:  # plain (None, or "" from libyaml): resolved from its text
                return str(self.resolve(yaml.ScalarNode, node.value, (True, False)))
            return "tag:yaml.org,2002:str"  # quoted or block text is always text
        return _IMPLICIT[type(node)]

    def _construct_int(self, node: yaml.ScalarNode) -> Any:
        value = yaml.SafeLoader.construct_yaml_int(self, node)
        _check_digits(value, _mark(node))
        return value

    def _construct_posdict(self, node: yaml.MappingNode) -> Iterator[PosDict]:
        data = PosDict()
        data.start = _mark(node)
        yield data
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                line, col = _mark(key_node)
                raise _Refused("a mapping key must be a plain name", line, col)
            if key in data:
                line, col = _mark(key_node)
                first = data.pos[key][0]
                raise _Refused(f"duplicate key {key!r} (first given at line {first})", line, col)
            data[key] = self.construct_object(value_node, deep=True)
            data.pos[key] = _mark(key_node)

    def _construct_poslist(self, node: yaml.SequenceNode) -> Iterator[PosList]:
        data = PosList()
        data.start = _mark(node)
        yield data
        for child in node.value:
            data.append(self.construct_object(child, deep=True))
            data.pos.append(_mark(child))


    def _construct_timestamp(self, node: yaml.ScalarNode) -> Any:
        # YAML reads 2027-13-01 as a date and PyYAML then fails with a bare ValueError
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(self, node)
        except ValueError:
            line, col = _mark(node)
            raise _Refused(f"{node.value!r} is not a valid date (YYYY-MM-DD)", line, col) \
                from None


_PositionLoader.add_constructor("tag:yaml.org,2002:timestamp",
                                _PositionLoader._construct_timestamp)
_PositionLoader.add_constructor("tag:yaml.org,2002:int", _PositionLoader._construct_int)
_PositionLoader.add_constructor("tag:yaml.org,2002:map", _PositionLoader._construct_posdict)
_PositionLoader.add_constructor("tag:yaml.org,2002:seq", _PositionLoader._construct_poslist)
# Sets and ordered maps are YAML extras nobody needs here; refuse them like any other tag.
for _tag in ("tag:yaml.org,2002:set", "tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs"):
    _PositionLoader.yaml_constructors.pop(_tag, None)


class _Refused(Exception):
    def __init__(self, message: str, line: int | None, col: int | None) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


def _tag_refused(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return (f"YAML tag {shown} is not allowed: only plain data (text, numbers, lists, "
            "mappings) is read")


def _check_digits(value: int, where: Position | None) -> None:
    digits = len(str(abs(value))) if abs(value) >= 10 ** MAX_DIGITS else 0
    if digits:
        line, col = where if where else (None, None)
        raise _Refused(f"a number of {digits} digits is too long: numbers have at most "
                       f"{MAX_DIGITS} digits (put an id or a name in quotes)", line, col)


def _first_line(text: str) -> str:
    return " ".join(text.split())


def _yaml_error_message(err: yaml.YAMLError) -> tuple[str, int | None, int | None]:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    col = mark.column + 1 if mark is not None else None
    problem = getattr(err, "problem", None) or str(err)
    if isinstance(err, yaml.constructor.ConstructorError) and "constructor for the tag" in problem:
        return _tag_refused(problem.split("tag", 1)[1].strip().strip("'")), line, col
    context = getattr(err, "context", None)
    text = _first_line(problem)
    if context:
        text = f"{_first_line(context)}: {text}"
    return f"malformed YAML: {text}", line, col


def read_text(path: str | Path, *, what: str = "file") -> tuple[str, str]:
    """Read a UTF-8 file (or '-' for stdin) of at most MAX_BYTES; returns (display name, text)."""
    if str(path) == "-":
        return "<stdin>", _read_stream(sys.stdin.buffer, "<stdin>")
    # The display name is escaped once here: a file name with a newline or bytes that are not
    # UTF-8 is then safe in every message, trace line and record that names it.
    name = one_line(str(path))
    if not str(path):
        raise InputError(f"no {what} given (an empty name)")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{what} not found", file=name) from None
    except OSError as err:
        raise InputError(f"cannot read {what}: {err.strerror}", file=name) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{what} is a directory, not a file", file=name)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{what} is {_kind(info.st_mode)}, not a regular file (give - to read "
                         "standard input)", file=name)
    if info.st_size > MAX_BYTES:
        raise InputError(
            f"{what} is {info.st_size / 1024 / 1024:.1f} MB; files over "
            f"{MAX_BYTES // (1024 * 1024)} MB are refused", file=name)
    try:
        # O_NONBLOCK: should the file be swapped for a named pipe since the check above, opening
        # it does not wait for a writer; the check on the open file then refuses it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise InputError(f"{what} is not a regular file", file=name)
            return name, _read_stream(fh, name)
    except OSError as err:
        raise InputError(f"cannot read {what}: {err.strerror}", file=name) from None


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _read_stream(stream: IO[bytes], name: str) -> str:
    raw = stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise InputError(f"input is over {MAX_BYTES // (1024 * 1024)} MB and is refused", file=name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", file=name, line=line) from None


def parse(text: str, name: str, *, json_file: bool = False) -> Any:
    """Parse YAML (or JSON) text into PosDict/PosList/scalars, with one-line errors."""
    if "\t" in text and json_file:
        # JSON allows tabs where YAML does not. Valid JSON has tabs only between tokens (a raw
        # tab inside a string is invalid), so once json accepts the text, the same text with
        # spaces for tabs reads as YAML: with positions, and duplicate keys refused.
        try:
            json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(f"malformed JSON: {err.msg}", file=name, line=err.lineno,
                             col=err.colno) from None
        except RecursionError:
            raise InputError("nesting is too deep", file=name) from None
        return parse(text.replace("\t", " "), name, json_file=True)
    try:
        _check_depth(text, name)
        loader = _PositionLoader(io.StringIO(text))
        loader.source_lines = _LINE_BREAK.split(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except _Refused as err:
        raise InputError(err.message, file=name, line=err.line, col=err.col) from None
    except yaml.YAMLError as err:
        if json_file:
            return _parse_json(text, name)
        message, line, col = _yaml_error_message(err)
        raise InputError(message, file=name, line=line, col=col) from None
    except RecursionError:
        raise InputError("nesting is too deep", file=name) from None


MAX_DEPTH = 64  # far deeper than any case or KB file; libyaml's composer crashes past ~25,000


def _check_depth(text: str, name: str) -> None:
    """Refuse deeply nested collections before the YAML library can see them.

    libyaml's composer recurses in C and kills the process (a segfault) on a file of a few
    tens of kilobytes like `[[[[...]]]]`. Newer libyaml (PyYAML 6.0.4 bundles 0.2.6) refuses
    1,000 levels on its own, but its scanner reads up to a line ahead of the events, so its
    limit fires before an event count can reach ours. So perfdx's limit is checked first on the
    text itself (``_nesting_prescan``), whatever the library does, then on the parser's events,
    which would also count any shape the text scan counted short.
    """
    where = _nesting_prescan(text, MAX_DEPTH)
    if where is not None:
        raise InputError(f"nesting is deeper than {MAX_DEPTH} levels", file=name,
                         line=where[0], col=where[1])
    depth = 0
    for event in yaml.parse(io.StringIO(text), Loader=_Base):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise InputError(f"nesting is deeper than {MAX_DEPTH} levels", file=name,
                                 line=mark.line + 1 if mark else None,
                                 col=mark.column + 1 if mark else None)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


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


def _nesting_prescan(text: str, limit: int) -> Position | None:
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


def _parse_json(text: str, name: str) -> Any:
    try:
        data = json.loads(text, object_pairs_hook=_json_object, parse_int=_json_int)
        _check_json_depth(data, name)
        return data
    except _Refused as err:
        raise InputError(err.message, file=name, line=err.line, col=err.col) from None
    except json.JSONDecodeError as err:
        raise InputError(f"malformed JSON: {err.msg}", file=name, line=err.lineno,
                         col=err.colno) from None
    except RecursionError:
        raise InputError("nesting is too deep", file=name) from None


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _Refused(f"duplicate key {key!r}", None, None)
        data[key] = value
    return data


def _json_int(text: str) -> int:
    value = int(text)
    _check_digits(value, None)
    return value


def _check_json_depth(data: Any, name: str) -> None:
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            if depth > MAX_DEPTH:
                raise InputError(f"nesting is deeper than {MAX_DEPTH} levels", file=name)
            stack.extend((child, depth + 1) for child in
                         (node.values() if isinstance(node, dict) else node))


def load_file(path: str | Path, *, what: str = "file") -> tuple[str, Any]:
    """Read and parse one YAML or JSON file; returns (display name, data)."""
    name, text = read_text(path, what=what)
    return name, parse(text, name, json_file=str(path).lower().endswith(".json"))


def locate(data: Any, path: Sequence[Any]) -> Position | None:
    """The position of the deepest known element along ``path`` (keys and list indexes)."""
    found: Position | None = getattr(data, "start", None)
    node = data
    for step in path:
        if isinstance(node, PosDict):
            if step not in node:
                break
            found = node.pos.get(step, found)
            node = node[step]
        elif isinstance(node, PosList):
            if not isinstance(step, int) or not 0 <= step < len(node):
                break
            found = node.pos[step]
            node = node[step]
        else:
            break
    return found


def dotted(path: Sequence[Any]) -> str:
    """('metrics', 0, 'target') -> 'metrics[0].target'."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            name = str(step)
            if len(name) > SHOWN_MAX:  # a key of a megabyte is shown by its start and length
                name = f"{name[:SHOWN_MAX]}\u2026 ({len(name)} characters)"
            text += ("." if text else "") + name
    return text


def plain(data: Any) -> Any:
    """Strip position wrappers (for hashing, JSON dumps and comparisons)."""
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data

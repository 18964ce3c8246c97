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

from ..errors import SHOWN_MAX, InputError, one_line
from .nesting import nesting_prescan
from .slips import worded

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
    slip = worded(err)
    if slip is not None:
        words, at_context = slip
        cmark = getattr(err, "context_mark", None)
        if at_context and cmark is not None:
            line, col = cmark.line + 1, cmark.column + 1
        return f"malformed YAML: {words}", line, col
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
    text itself (``nesting.nesting_prescan``), whatever the library does, then on the parser's
    events, which would also count any shape the text scan counted short.
    """
    where = nesting_prescan(text, MAX_DEPTH)
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

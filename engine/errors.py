"""The one exception hierarchy of perfdx.

Every error a user can cause carries where it happened (file, line, column, field) and, where a
name was unknown, a suggestion. ``str(error)`` is the one-line message the CLI prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

SHOWN_MAX = 100  # a user-supplied value longer than this is cut in error lines (and not matched)

# Characters that would break an error line or reach the terminal as a command: C0/C1 controls
# and DEL, line and paragraph separators, bidirectional overrides; and the lone surrogates that
# stand for bytes of a file name or argument that was not UTF-8.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): show the byte
        return f"\\x{code - 0xDC00:02x}"
    return repr(char)[1:-1] if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """`text` with every control character escaped repr-style: always one harmless line."""
    return _UNSAFE.sub(_escape, text)


def shown(value: object, limit: int = SHOWN_MAX) -> str:
    """A user-supplied value as an error line shows it: repr-style, one line, and cut after
    `limit` characters with an ellipsis and its full length."""
    text = value if isinstance(value, str) else str(value)
    cut = text if len(text) <= limit else text[:limit]
    quoted = _SURROGATE_REPR.sub(r"\\x\1", repr(cut)) if isinstance(value, str) else cut
    if len(text) <= limit:
        return one_line(quoted)
    kind = "digits" if text.lstrip("-").isdigit() else "characters"
    return one_line(f"{quoted}\u2026 ({len(text)} {kind})")


# repr() shows a byte that was not UTF-8 as '\udcff': show it as the byte it was, '\xff'
_SURROGATE_REPR = re.compile(r"\\udc([89a-f][0-9a-f])")


def did_you_mean(name: object, choices: Iterable[str]) -> str | None:
    """A "did you mean ...?" hint for an unknown name, or None when nothing is close.

    Only the best match and any nearly as good (within 0.1) are offered, two at most. A name
    longer than SHOWN_MAX is nobody's typo (and comparing it would take seconds): no hint.
    """
    target = str(name)
    if len(target) > SHOWN_MAX:
        return None
    import difflib  # only when a name is unknown (start-up, issue 15)

    scored = []
    for choice in sorted({str(c) for c in choices}):
        ratio = difflib.SequenceMatcher(None, target, choice).ratio()
        if ratio >= 0.6:
            scored.append((ratio, choice))
    if not scored:
        return None
    scored.sort(key=lambda rc: (-rc[0], rc[1]))
    best = scored[0][0]
    close = [c for r, c in scored if r >= best - 0.1][:2]
    return "did you mean " + " or ".join(repr(c) for c in close) + "?"


@dataclass(frozen=True)
class Problem:
    """One finding about an input or knowledge-base file, in compiler style."""

    message: str
    file: str | None = None
    line: int | None = None
    col: int | None = None
    field: str | None = None  # dotted path inside the file, e.g. "rules[3].when.all[0]"
    hint: str | None = None
    code: str = "E000"
    severity: str = "error"  # "error" or "warning"

    def where(self) -> str:
        parts = [p for p in (_file_shown(self.file), self.line, self.col) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        where = self.where()
        text = f"{where}: " if where else ""
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return one_line(text)

    def compiler_line(self, severity: str | None = None) -> str:
        """`path:line:col: error|warning CODE message (hint)` for `kb check`; `severity` words
        the severity in another language."""
        where = ":".join(str(p) for p in (_file_shown(self.file) or "-", self.line or 1,
                                           self.col or 1))
        text = f"{where}: {severity or self.severity} {self.code} "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return one_line(text)


FILE_SHOWN_MAX = 300  # paths are longer than names; one over this is cut like a long value


def _file_shown(file: str | None) -> str | None:
    if file is None or len(file) <= FILE_SHOWN_MAX:
        return file
    return f"{file[:FILE_SHOWN_MAX]}\u2026 ({len(file)} characters)"


class PerfdxError(Exception):
    """Base of every error perfdx reports to a user."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        col: int | None = None,
        field: str | None = None,
        hint: str | None = None,
        code: str = "E000",
    ) -> None:
        self.problem = Problem(message, file, line, col, field, hint, code)
        super().__init__(str(self.problem))

    @property
    def message(self) -> str:
        return self.problem.message

    @property
    def file(self) -> str | None:
        return self.problem.file

    @property
    def line(self) -> int | None:
        return self.problem.line

    @property
    def hint(self) -> str | None:
        return self.problem.hint


class InputError(PerfdxError):
    """A case file (or other user input) cannot be read or is not valid.

    ``problems`` holds every problem found (the first one is the message); a command line shows
    all of them, one line each, as `kb check` does for a knowledge base.
    """

    problems: tuple[Problem, ...] = ()


class KnowledgeBaseError(PerfdxError):
    """A knowledge base has errors; ``problems`` holds all of them, first one in the message."""

    def __init__(self, problems: list[Problem]) -> None:
        errors = [p for p in problems if p.severity == "error"] or problems
        first = errors[0]
        super().__init__(
            first.message, file=first.file, line=first.line, col=first.col,
            field=first.field, hint=first.hint, code=first.code,
        )
        self.problems = problems
        more = len(errors) - 1
        if more:
            suffix = f" [and {more} more error{'s' if more > 1 else ''}: run 'perfdx kb check']"
            self.args = (str(self.problem) + suffix,)

    def __str__(self) -> str:
        return str(self.args[0])


class EngineError(PerfdxError):
    """The inference engine misbehaved; the diagnosis is refused rather than quietly wrong."""


class CrossCheckError(EngineError):
    """durable_rules and the reference evaluator disagree about which rules fired."""


class PlanError(PerfdxError):
    """A plan cannot be drafted as asked: a goal fails the SMART check, or the wording rules."""


class UnsupportedPython(PerfdxError):
    """perfdx runs on a Python its rule engine cannot import."""


@dataclass
class ProblemList:
    """Collects problems during a load so that all of them are reported at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def error(self, message: str, **where: object) -> None:
        self.items.append(Problem(message, **where))  # type: ignore[arg-type]

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.items)

    def raise_if_errors(self) -> None:
        if self.has_errors:
            raise KnowledgeBaseError(self.items)

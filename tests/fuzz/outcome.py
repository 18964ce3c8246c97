"""How one fuzz input ended: the outcome classes and the rules that sort a CLI result into them."""

from __future__ import annotations

import re
from dataclasses import dataclass

OK, CLEAN, INTERNAL, HANG, DISAGREE = "ok", "clean error", "internal error", "hang", \
    "disagreement"
CLASSES = (OK, CLEAN, INTERNAL, HANG, DISAGREE)
FAILURES = (INTERNAL, HANG, DISAGREE)

_COMPILER_LINE = re.compile(r"^.+:\d+:\d+: (error|warning) [EW]\d{3} ")
_DISAGREE = ("cross-check failed", "durable_rules fired")
_PROBLEMS = re.compile(r"^perfdx: (\d+) problems in (.+): nothing was diagnosed$")


@dataclass(frozen=True)
class Outcome:
    cls: str
    detail: str = ""  # the line that decided it (first 300 characters)
    step: int = 0  # which step of the input decided it


def _short(text: str) -> str:
    return text if len(text) <= 300 else text[:300] + "..."


def classify(argv: list[str], exit_code: int, stdout: str, stderr: str,
             exception: BaseException | None, names: tuple[str, ...]) -> Outcome:
    """Sort one CLI run into an outcome class.

    `names`: paths of which one must appear in a clean error line (the input's files or the
    folder they are in). A clean error is exit 1 with exactly one line on stderr, beginning
    `perfdx: error: ` and naming one of them, or, for a case with several problems, one such
    line per problem and then `perfdx: N problems in FILE: nothing was diagnosed`, N being the
    count of lines; `kb check` may instead print compiler lines and its summary. Anything else
    is an internal error."""
    if exception is not None and not isinstance(exception, SystemExit):
        return Outcome(INTERNAL, _short(f"exception {type(exception).__name__}: {exception}"))
    for stream in (stdout, stderr):
        for bad in ("internal error", "Traceback (most recent call last)"):
            if bad in stream:
                line = next(x for x in stream.splitlines() if bad in x) if bad in stream else ""
                return Outcome(INTERNAL, _short(line))
    if "\x1b" in stdout or "\x1b" in stderr:
        return Outcome(INTERNAL, "a terminal escape sequence reached the output")
    if exit_code == 0:
        return Outcome(OK)
    if exit_code != 1:
        return Outcome(INTERNAL, _short(f"exit code {exit_code}: {stderr.strip()[:200]}"))
    err_lines = stderr.splitlines()
    if argv[:2] == ["kb", "check"] and not stderr:
        lines = stdout.splitlines()
        if lines and lines[-1].startswith("kb check failed: ") and all(
                _COMPILER_LINE.match(x) or x.startswith("note: ") for x in lines[:-1]):
            return Outcome(CLEAN, _short(lines[0]))
        return Outcome(INTERNAL, _short("kb check output is not one line per problem: " +
                                        repr(stdout[:200])))
    summary = _PROBLEMS.match(err_lines[-1]) if len(err_lines) > 2 else None
    if summary and int(summary.group(1)) == len(err_lines) - 1:
        err_lines = err_lines[:-1]
    elif len(err_lines) != 1:
        return Outcome(INTERNAL, _short(f"not one error line: {stderr[:250]!r}"))
    if not all(x.startswith("perfdx: error: ") for x in err_lines):
        return Outcome(INTERNAL, _short(f"not an error line: {stderr[:250]!r}"))
    for line in err_lines[1:]:
        if not any(n in line for n in names):
            return Outcome(INTERNAL, _short(f"names no input file: {line}"))
    line = err_lines[0]
    if any(d in line for d in _DISAGREE):
        return Outcome(DISAGREE, _short(line))
    if not any(n in line for n in names):
        return Outcome(INTERNAL, _short(f"names no input file: {line}"))
    return Outcome(CLEAN, _short(line))

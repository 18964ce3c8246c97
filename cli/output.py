"""Writing results: to standard output, or through cli/safe_write.py to `-o FILE`.

`stage(text, output)` does everything that can fail before anything is shown; `publish()` then
shows it. `emit` does both at once, for commands that record nothing.
"""

from __future__ import annotations

import os
import sys

import click

from cli.safe_write import Staged, check_output_path, stage_output
from engine.errors import InputError

STDOUT = "<stdout>"


def color_wanted() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def style(text: str, **kw: object) -> str:
    return click.style(text, **kw) if color_wanted() else text  # type: ignore[arg-type]


class StagedStdout:
    """Standard output cannot be staged: `publish()` writes it, and says so if it cannot."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.published = False

    def publish(self) -> None:
        try:
            click.echo(self.text, nl=False)
        except OSError as err:  # a closed pipe, a full disk behind a redirection
            _quiet_stdout()
            raise InputError(f"cannot write: {err.strerror or err}", file=STDOUT) from None
        self.published = True

    def discard(self) -> None:
        """Nothing to undo."""

    def __enter__(self) -> StagedStdout:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def _quiet_stdout() -> None:
    """After a write to stdout failed, point it at /dev/null so that Python's own flush at exit
    does not fail a second time with a traceback."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests, pytest capture)
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
    except OSError:
        pass


def stage(text: str, output: str | None) -> Staged | StagedStdout:
    """Make `text` ready for `output` (a path, or None/"-" for standard output)."""
    if output and output != "-":
        return stage_output(output, text)
    return StagedStdout(text)


def emit(text: str, output: str | None) -> None:
    with stage(text, output) as staged:
        staged.publish()


def check_output(output: str | None) -> None:
    if output and output != "-":
        check_output_path(output)


def write_atomic(path: str, text: str) -> None:
    """Write a file whole or not at all (kept for `kb schema --write`)."""
    emit(text, path)

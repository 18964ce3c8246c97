"""Writing results: to stdout, or to a file atomically (nothing half-written on failure)."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

import click

from engine.errors import InputError


def color_wanted() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def style(text: str, **kw: object) -> str:
    return click.style(text, **kw) if color_wanted() else text  # type: ignore[arg-type]


def write_atomic(path: str, text: str) -> None:
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
    except OSError as err:
        raise InputError(f"cannot write {path}: {err.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except OSError as err:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise InputError(f"cannot write {path}: {err.strerror}") from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def emit(text: str, output: str | None) -> None:
    if output and output != "-":
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)

"""Options shared by several commands."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import click

from .output import check_output

F = Callable[..., Any]


def kb_option(f: F) -> F:
    return click.option(
        "--kb", "kb_dir", metavar="DIR", envvar="PERFDX_KB", default=None,
        help="Knowledge-base directory (rules/ and knowledge_base/). Default: $PERFDX_KB, "
             "then the bundled knowledge base.")(f)


def lang_option(f: F) -> F:
    return click.option(
        "--lang", type=click.Choice(["en", "zh"]), default=lambda: os.environ.get(
            "PERFDX_LANG", "en") if os.environ.get("PERFDX_LANG") in ("en", "zh") else "en",
        show_default="en, or $PERFDX_LANG",
        help="Language of everything printed, headings included.")(f)


def _writable(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Check the output file can be written before any work (or any audit record) is done."""
    check_output(value)  # an InputError: one line, exit 1
    return value


def output_option(f: F) -> F:
    return click.option(
        "--output", "-o", metavar="FILE", default=None, callback=_writable,
        help="Write to FILE instead of standard output. A file is written whole or not at "
             "all and keeps its permissions (a new one gets your umask's); a symlink's target "
             "is written; a named pipe or a terminal is written through, never replaced.")(f)

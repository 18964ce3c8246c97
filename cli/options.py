"""Options shared by several commands."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

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
    if not value or value == "-":
        return value
    target = Path(value)
    folder = target.parent
    if target.is_dir():
        raise click.BadParameter(f"{value} is a folder; give a file name", ctx, param)
    if not folder.is_dir():
        raise click.BadParameter(f"the folder {folder} does not exist", ctx, param)
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise click.BadParameter(f"{value} cannot be written (permission denied)", ctx, param)
    return value


def output_option(f: F) -> F:
    return click.option(
        "--output", "-o", metavar="FILE", default=None, callback=_writable,
        help="Write to FILE instead of standard output (written whole or not at all).")(f)

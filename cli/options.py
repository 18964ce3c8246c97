"""Options shared by several commands."""

from __future__ import annotations

import functools
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


def _remember_lang(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """Errors follow --lang too: the error reporter (cli/main.py) reads it from the root."""
    root = ctx.find_root()
    root.ensure_object(dict)
    root.obj["lang"] = value
    return value


def lang_option(f: F) -> F:
    return click.option(
        "--lang", type=click.Choice(["en", "zh"]), default=lambda: os.environ.get(
            "PERFDX_LANG", "en") if os.environ.get("PERFDX_LANG") in ("en", "zh") else "en",
        show_default="en, or $PERFDX_LANG", callback=_remember_lang, is_eager=True,
        help="Language of everything printed, headings and errors included.")(f)


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


CROSS_CHECK_DEPRECATED = {
    "en": "perfdx: warning: --cross-check is deprecated and does nothing: the cross-check is on "
          "by default (--no-cross-check turns it off)",
    "zh": "perfdx:警告：--cross-check 已弃用，不起任何作用：交叉校验默认开启（用 --no-cross-check "
          "关闭）",
}


def cross_check_options(f: F) -> F:
    """Add --no-cross-check (and the deprecated --cross-check) to a command that diagnoses.

    The cross-check is on by default (engine/api.py); the option turns it off for everything the
    command analyses, however deep in the engine that happens."""

    @functools.wraps(f)
    def wrapper(*args: Any, no_cross_check: bool, cross_check_deprecated: bool,
                **kwargs: Any) -> Any:
        if no_cross_check and cross_check_deprecated:
            raise click.UsageError("--cross-check and --no-cross-check contradict each other; "
                                   "the cross-check is on by default: give --no-cross-check alone "
                                   "to turn it off")
        if cross_check_deprecated:
            lang = kwargs.get("lang") if kwargs.get("lang") in ("en", "zh") else "en"
            click.echo(CROSS_CHECK_DEPRECATED[str(lang)], err=True)
        # imported here: a command module must stay cheap to import (start-up, issue 15)
        from engine.api import cross_checking

        with cross_checking(not no_cross_check):
            return f(*args, **kwargs)

    wrapper = click.option(
        "--cross-check", "cross_check_deprecated", is_flag=True,
        help="Deprecated, does nothing: the cross-check is on by default (kept so that "
             "existing scripts still run; it says so on standard error).")(wrapper)
    wrapper = click.option(
        "--no-cross-check", is_flag=True,
        help="Skip the cross-check. By default every rule activation is re-derived by perfdx's "
             "reference evaluator, and a disagreement with the rule engine fails the command "
             "(exit 1) instead of giving a wrong answer quietly.")(wrapper)
    return wrapper

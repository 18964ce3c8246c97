"""The `perfdx` command. Thin: parse, call the engine, render, map errors to exit codes.

Exit codes: 0 ok; 1 bad input, a failed check or a refused diagnosis; 2 usage.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from .lazy import LazyGroup

MIN, MAX = (3, 10), (3, 13)


class PerfdxGroup(LazyGroup):
    """Turns perfdx errors into one line on stderr and exit code 1 (no traceback without --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        from engine.errors import PerfdxError, one_line

        try:
            return super().invoke(ctx)
        except PerfdxError as err:
            if _debug(ctx):
                raise
            _report(err, error_lang(ctx))
            ctx.exit(1)
        except click.UsageError as err:
            raise _usage_in(err, _usage_lang(ctx.meta.get(ARGS, ()))) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            ctx.exit(1)
        except Exception as err:  # a bug: say so plainly, keep the traceback for --debug
            if _debug(ctx):
                raise
            click.echo(f"perfdx: internal error: {type(err).__name__}: {one_line(str(err))[:300]} "
                       "(run with --debug for the traceback, and please report it)", err=True)
            ctx.exit(1)

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        given = list(args)
        try:
            ctx = super().make_context(info_name, args, parent, **extra)
        except click.UsageError as err:
            raise _usage_in(err, _usage_lang(given)) from None
        ctx.meta[ARGS] = given  # shared by every subcommand's context: the words typed
        return ctx


ARGS = "perfdx.args"


def _usage_lang(args: Any) -> str:
    """The language of a usage error: `--lang` as typed (the option may not have been read when
    the error came), else $PERFDX_LANG, else en."""
    words = list(args)
    for i, word in enumerate(words):
        value = words[i + 1] if word == "--lang" and i + 1 < len(words) else (
            word[len("--lang="):] if word.startswith("--lang=") else None)
        if value in ("en", "zh"):
            return str(value)
    env = os.environ.get("PERFDX_LANG")
    return env if env in ("en", "zh") else "en"


def _usage_in(err: click.UsageError, lang: str) -> click.UsageError:
    return err if lang != "zh" or isinstance(err, ChineseUsageError) else ChineseUsageError(err)


class ChineseUsageError(click.UsageError):
    """click's usage error, shown in Chinese: "用法：", the help hint, "错误：" and the message."""

    def __init__(self, err: click.UsageError) -> None:
        super().__init__(err.format_message(), err.ctx)
        self.exit_code = err.exit_code

    def show(self, file: Any = None) -> None:
        from engine.messages.usage import translate_usage

        out = file if file is not None else sys.stderr
        if self.ctx is not None:
            usage = self.ctx.get_usage()
            text = translate_usage(usage) + "\n"
            if self.ctx.command.get_help_option(self.ctx) is not None:
                names = self.ctx.command.get_help_option_names(self.ctx)
                text += translate_usage(
                    f"Try '{self.ctx.command_path} {max(names, key=len)}' for help.") + "\n"
            click.echo(text, file=out, color=self.ctx.color)
        click.echo(translate_usage("Error: " + translate_usage(self.message)), file=out,
                   color=self.ctx.color if self.ctx else None)


def _report(err: Exception, lang: str = "en") -> None:
    """One line per problem: every problem of a case file at once, compiler style; in the
    language of the command's --lang, else $PERFDX_LANG (issue 16)."""
    from engine.errors import InputError, PerfdxError
    from engine.messages import say

    problems = err.problems if isinstance(err, InputError) else ()
    if not problems and isinstance(err, PerfdxError) and str(err) == str(err.problem):
        problems = (err.problem,)
    shown = [_localized(p, lang) for p in problems] or [str(err)]
    for text in shown:
        click.echo(say("error", _lang(lang), text=text), err=True)
    if len(problems) > 1:
        click.echo(say("problems", _lang(lang), n=len(problems), file=problems[0].file), err=True)


def _lang(value: object) -> Any:
    return value if value in ("en", "zh") else "en"


def _localized(problem: Any, lang: str) -> str:
    """A Problem as one line, its message and hint in `lang`."""
    from engine.messages import localized

    return str(localized(problem, _lang(lang)))


def error_lang(ctx: click.Context) -> str:
    """The language errors are shown in: the command's --lang, else $PERFDX_LANG, else en."""
    chosen = (ctx.find_root().obj or {}).get("lang")
    if chosen in ("en", "zh"):
        return str(chosen)
    env = os.environ.get("PERFDX_LANG")
    return env if env in ("en", "zh") else "en"


def _debug(ctx: click.Context) -> bool:
    root = ctx.find_root()
    return bool((root.obj or {}).get("debug")) or os.environ.get("PERFDX_DEBUG") == "1"


# Each command family is imported only when its command runs (start-up time, issue 15).
COMMANDS = {
    "audit": "cli.audit.commands:audit",
    "batch": "cli.batch.commands:batch",
    "consult": "cli.consult.commands:consult",
    "diagnose": "cli.diagnose.commands:diagnose",
    "explain": "cli.diagnose.commands:explain",
    "kb": "cli.kb.commands:kb",
    "library": "cli.track.library:library",
    "plan": "cli.plan.commands:plan",
    "schema": "cli.diagnose.schema_command:schema",
    "track": "cli.track.commands:track",
}


@click.group(cls=PerfdxGroup, lazy_subcommands=COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
@click.option("--no-cache", is_flag=True,
              help="Load the knowledge base from its files, neither reading nor writing the "
                   "cache of checked knowledge (the same as PERFDX_NO_CACHE=1).")
@click.version_option(package_name="perfdx", prog_name="perfdx")
@click.pass_context
def cli(ctx: click.Context, debug: bool, no_cache: bool) -> None:
    """perfdx: find performance gaps, diagnose their causes, recommend interventions, and
    explain every step.

    \b
    Start with:
      perfdx diagnose examples/cases/sales_rep_new_crm.yaml
      perfdx explain CASE --how skill_shortfall
      perfdx kb show

    The knowledge base is the bundled one unless --kb DIR or $PERFDX_KB names another;
    once checked, it is cached (--no-cache, PERFDX_NO_CACHE=1: not).
    Output is decision support for a named human reviewer, never a decision.

    Exit codes: 0 ok, 1 bad input or failed check, 2 usage error.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    if no_cache:  # in the environment, so that worker processes (batch run) see it too
        os.environ["PERFDX_NO_CACHE"] = "1"


def main(argv: list[str] | None = None) -> None:
    """Console entry point."""
    if not MIN <= sys.version_info[:2] <= MAX:
        found = "{}.{}".format(*sys.version_info[:2])
        click.echo(f"perfdx: error: perfdx needs Python 3.10 to 3.13; this is Python {found}. "
                   "Its rule engine, durable_rules 2.0.28, is not known to run on Python 3.14 or "
                   "later. (create the environment with python3.13 to python3.10)", err=True)
        sys.exit(1)
    cli.main(args=argv, prog_name="perfdx")


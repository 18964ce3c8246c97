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
            _report(err)
            ctx.exit(1)
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


def _report(err: Exception) -> None:
    """One line per problem: every problem of a case file at once, compiler style."""
    from engine.errors import InputError

    problems = err.problems if isinstance(err, InputError) else ()
    if len(problems) <= 1:
        click.echo(f"perfdx: error: {err}", err=True)
        return
    for problem in problems:
        click.echo(f"perfdx: error: {problem}", err=True)
    click.echo(f"perfdx: {len(problems)} problems in {problems[0].file}: nothing was diagnosed",
               err=True)


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


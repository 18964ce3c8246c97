"""`perfdx kb init DIR`: start a knowledge base of your own from the bundled one."""

from __future__ import annotations

import click

from engine.authoring.init import init_kb


@click.command("init")
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=True, dir_okay=True))
def init(directory: str) -> None:
    """Copy the bundled knowledge base into DIR, ready to edit.

    DIR gets rules/, knowledge_base/ (catalogs, scenario tests, JSON Schemas for
    your editor, and README.md: how rules are written and what each check means)
    and examples/cases/ (the cases the scenario tests use). DIR must not exist or
    must be empty: nothing is ever overwritten.

    Exit codes: 0 created; 1 DIR is not empty or cannot be written; 2 usage.
    """
    made = init_kb(directory)
    click.echo(f"created knowledge base {made.root}: {_n(made.rule_files, 'rule file')}, "
               f"{_n(made.catalog_files, 'catalog file')}, {_n(made.scenario_files, 'scenario file')}, "
               f"{_n(made.cases, 'example case')}")
    click.echo("next:")
    click.echo(f"  read    {made.root}/knowledge_base/README.md")
    click.echo(f"  edit    {made.root}/rules/*.yaml and {made.root}/knowledge_base/*.yaml")
    click.echo(f"  check   perfdx kb check --kb {made.root}")
    click.echo(f"  test    perfdx kb test --kb {made.root}")
    click.echo(f"  use     perfdx diagnose CASE --kb {made.root}   (or export PERFDX_KB={made.root})")


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"

"""`perfdx kb ...`: look at, and (later) check, test and change the knowledge base."""

from __future__ import annotations

import json

import click

from engine.authoring.show import SECTIONS, kb_data, pick_section
from engine.i18n import Lang
from engine.kb.load import load_kb

from ..lazy import LazyGroup
from ..options import kb_option, lang_option, output_option
from ..output import emit
from .render_show import render_show

# `kb show` lives here; the editors' commands are imported when used.
EDITING_COMMANDS = {
    "check": "cli.kb.check:check",
    "diff": "cli.kb.diff:diff",
    "init": "cli.kb.init:init",
    "schema": "cli.kb.schema:schema",
    "test": "cli.kb.run_tests:test",
}


@click.group(cls=LazyGroup, lazy_subcommands=EDITING_COMMANDS)
def kb() -> None:
    """Work with a knowledge base: the rules (rules/*.yaml) and catalogs (knowledge_base/*.yaml)
    that HR edits."""


@kb.command()
@kb_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text to read, json (lists with file:line) for tools.")
@click.option("--section", metavar="NAME", default=None,
              help="Show one part only: " + ", ".join(SECTIONS) + ".")
@lang_option
@output_option
def show(kb_dir: str | None, fmt: str, section: str | None, lang: Lang,
         output: str | None) -> None:
    """Show the loaded knowledge base: every name a case can use and what it means.

    KPIs (unit, direction, usual target, where each is measured), observations (the answer
    each takes and the interview question that asks for it), rating dimensions and scales,
    concern areas (with the indicator a plan uses), then the patterns, interventions and
    courses perfdx concludes, and the rules with the file and line each comes from.
    """
    sections = pick_section(section)
    base = load_kb(kb_dir)
    if fmt == "json":
        data = kb_data(base)
        if section is not None:
            data = {"kb_hash": data["kb_hash"], section: data[SECTIONS[section]]}
        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
        return
    emit(render_show(base, sections, lang), output)

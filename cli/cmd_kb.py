"""`perfdx kb ...`: look at, and (later) check, test and change the knowledge base."""

from __future__ import annotations

import json

import click

from engine.i18n import Lang
from engine.kb.load import load_kb
from engine.kb.show import kb_data

from .options import kb_option, lang_option, output_option
from .output import emit
from .table import table


@click.group()
def kb() -> None:
    """Work with a knowledge base: the rules (rules/*.yaml) and catalogs (knowledge_base/*.yaml)
    that HR edits."""


@kb.command()
@kb_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text to read, json (lists with file:line) for tools.")
@lang_option
@output_option
def show(kb_dir: str | None, fmt: str, lang: Lang, output: str | None) -> None:
    """Show the loaded knowledge base: patterns, rules, interventions, courses, KPIs and
    observations, with the file and line each comes from."""
    base = load_kb(kb_dir)
    if fmt == "json":
        emit(json.dumps(kb_data(base), ensure_ascii=False, indent=2) + "\n", output)
        return
    out = [f"knowledge base {base.root} ({base.short_hash})", ""]
    counts = [("patterns", len(base.patterns)), ("rules", len(base.rules)),
              ("KPIs", len(base.kpis)), ("interventions", len(base.interventions)),
              ("courses", len(base.courses)), ("observations", len(base.observations)),
              ("rating dimensions", len(base.dimensions)), ("areas", len(base.areas))]
    out.append("  " + ", ".join(f"{n} {name}" for name, n in counts))
    out.append("")
    out.append("Patterns" if lang == "en" else "差距模式")
    rows = []
    for p in base.patterns.values():
        n = sum(1 for r in base.rules if r.concludes(p.id))
        rows.append([p.id, p.name.get(lang), str(n), "environment" if p.environmental
                     else "person"])
    out.extend(table(["id", "name", "rules", "kind"], rows, right=(2,)))
    out.append("")
    out.append("Rules" if lang == "en" else "规则")
    rows = [[r.id, r.stage, r.title.get(lang), r.location] for r in base.rules]
    out.extend(table(["id", "stage", "title", "where"], rows))
    for w in base.warnings:
        out.append(w.compiler_line())
    emit("\n".join(out) + "\n", output)

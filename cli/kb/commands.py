"""`perfdx kb ...`: look at, and (later) check, test and change the knowledge base."""

from __future__ import annotations

import json

import click

from engine.authoring.show import kb_data
from engine.i18n import Lang
from engine.kb.load import load_kb

from ..lazy import LazyGroup
from ..options import kb_option, lang_option, output_option
from ..output import emit
from ..table import table

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
@lang_option
@output_option
def show(kb_dir: str | None, fmt: str, lang: Lang, output: str | None) -> None:
    """Show the loaded knowledge base: patterns, rules, interventions, courses, KPIs and
    observations, with the file and line each comes from."""
    base = load_kb(kb_dir)
    if fmt == "json":
        emit(json.dumps(kb_data(base), ensure_ascii=False, indent=2) + "\n", output)
        return
    zh = lang == "zh"
    out = [f"{'知识库' if zh else 'knowledge base'} {base.root} ({base.short_hash})", ""]
    counts = [(("patterns", "个差距模式"), len(base.patterns)), (("rules", "条规则"), len(base.rules)),
              (("KPIs", "个指标"), len(base.kpis)),
              (("interventions", "项干预措施"), len(base.interventions)),
              (("courses", "门课程"), len(base.courses)),
              (("observations", "个观察项"), len(base.observations)),
              (("rating dimensions", "个评分维度"), len(base.dimensions)),
              (("areas", "个领域"), len(base.areas))]
    sep = "，" if zh else ", "
    out.append("  " + sep.join(f"{n}{name[1]}" if zh else f"{n} {name[0]}" for name, n in counts))
    out.append("")
    out.append("差距模式" if zh else "Patterns")
    rows = []
    for p in base.patterns.values():
        n = sum(1 for r in base.rules if r.concludes(p.id))
        kind = ("环境" if zh else "environment") if p.environmental else ("个人" if zh else "person")
        rows.append([p.id, p.name.get(lang), str(n), kind])
    heads = ["编号", "名称", "规则数", "类别"] if zh else ["id", "name", "rules", "kind"]
    out.extend(table(heads, rows, right=(2,)))
    out.append("")
    out.append("规则" if zh else "Rules")
    stages = {"gaps": "差距", "evidence": "证据", "causes": "原因", "recommend": "建议"}
    rows = [[r.id, stages[r.stage] if zh else r.stage, r.title.get(lang), r.location]
            for r in base.rules]
    out.extend(table(["编号", "阶段", "标题", "位置"] if zh else ["id", "stage", "title", "where"],
                     rows))
    for w in base.warnings:
        out.append(w.compiler_line())
    emit("\n".join(out) + "\n", output)

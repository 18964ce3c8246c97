"""`perfdx kb schema`: the JSON Schemas editors use to check rule, catalog and scenario files."""

from __future__ import annotations

import click

from engine.authoring.kb_schema import FILES, SCHEMA_DIR, render, schemas, stale
from engine.kb.load import resolve_kb_dir

from ..options import kb_option, output_option
from ..output import emit, write_atomic


@click.command("schema")
@click.argument("which", required=False, type=click.Choice(sorted(FILES)))
@kb_option
@click.option("--write", is_flag=True,
              help="Write all three schemas into the knowledge base's knowledge_base/schema/ "
                   "(each file replaced whole).")
@click.option("--check", "check_only", is_flag=True,
              help="Exit 1 if the knowledge base's schema files are missing or out of date.")
@output_option
def schema(which: str | None, kb_dir: str | None, write: bool, check_only: bool,
           output: str | None) -> None:
    """Print, write or check the JSON Schemas of the files HR edits.

    \b
    WHICH is one of:
      rules     rules/*.yaml            (knowledge_base/schema/rules.schema.json)
      catalog   knowledge_base/*.yaml   (knowledge_base/schema/catalog.schema.json)
      scenario  knowledge_base/scenarios/*.yaml (.../scenario.schema.json)

    The YAML files name their schema in a first-line comment
    (`# yaml-language-server: $schema=...`), so editors with YAML support
    (VS Code, JetBrains, vim/neovim with yaml-language-server) complete and
    check keys while you type. The schemas are generated from perfdx itself;
    regenerate them after upgrading perfdx with `perfdx kb schema --write`.

    Exit codes: 0 ok; 1 --check found stale schemas, or a write failed; 2 usage.
    """
    if sum([which is not None, write, check_only]) != 1:
        raise click.UsageError("give one of WHICH, --write or --check")
    if which is not None:
        emit(render(schemas()[FILES[which]]), output)
        return
    if output:
        raise click.UsageError("--output goes with WHICH (one schema to one file)")
    root = resolve_kb_dir(kb_dir)
    target = root / SCHEMA_DIR
    if check_only:
        old = stale(root)
        for name in old:
            click.echo(f"{target / name}: out of date (run 'perfdx kb schema --write')")
        if old:
            click.get_current_context().exit(1)
        click.echo(f"schemas in {target} are up to date")
        return
    if not (root / "knowledge_base").is_dir():
        raise click.ClickException(f"{root}: not a knowledge base: it has no knowledge_base/ "
                                   "folder")
    target.mkdir(exist_ok=True)
    changed = set(stale(root))
    for name, data in schemas().items():
        if name in changed:
            write_atomic(str(target / name), render(data))
            (target / name).chmod(0o644)  # shared with editors and version control
    click.echo(f"wrote {len(changed)} of {len(FILES)} schemas to {target}"
               + (f" ({', '.join(sorted(changed))})" if changed else " (all were up to date)"))

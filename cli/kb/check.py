"""`perfdx kb check`: every problem of a knowledge base at once, in compiler style."""

from __future__ import annotations

import json

import click

from engine.authoring.check import CheckReport, check_kb
from engine.messages import localized, say, translate

from ..main import error_lang
from ..options import kb_option


@click.command()
@kb_option
@click.option("--strict", is_flag=True,
              help="Fail (exit 1) on warnings too, not only on errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True,
              help="text: one `file:line:col: error|warning CODE message (hint)` line per "
                   "problem, then a summary. json: the same as one JSON object, for editors and "
                   "CI tools.")
def check(kb_dir: str | None, strict: bool, fmt: str) -> None:
    """Check a knowledge base and report ALL its problems in one run.

    \b
    Errors (E1xx) stop `perfdx diagnose` until they are fixed: YAML syntax,
    unknown keys and names (with "did you mean" hints), values of the wrong
    type, conditions that can never hold, duplicated rules.
    Warnings (W2xx) point at knowledge that is probably wrong: labels missing
    in English or Chinese, rules without rationale or source, shadowed rules,
    patterns no rule concludes, interventions never recommended, causes that
    lean on each other in a loop, observations no rule asks about.

    Every code is explained in knowledge_base/README.md.
    Exit codes: 0 no errors (warnings allowed unless --strict); 1 errors, or
    warnings with --strict, or the folder is not a knowledge base; 2 usage.
    """
    report = check_kb(kb_dir)
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    elif error_lang(click.get_current_context()) == "zh":
        _text_zh(report, strict)
    else:
        for p in report.problems:
            click.echo(p.compiler_line())
        for note in report.notes:
            click.echo(f"note: {note}")
        verdict = "failed" if report.failed(strict) else "passed"
        if report.failed(strict) and not report.errors:
            verdict += " (--strict: warnings count as failures)"
        click.echo(f"kb check {verdict}: {report.summary()}")
    if report.failed(strict):
        click.get_current_context().exit(1)


def _text_zh(report: CheckReport, strict: bool) -> None:
    """The text report in Chinese ($PERFDX_LANG=zh): the same lines, positions and codes."""
    for p in report.problems:
        click.echo(localized(p, "zh").compiler_line(say(f"severity_{p.severity}", "zh")))
    for note in report.notes:
        click.echo(say("kb_note", "zh", note=translate(note, "zh")))
    summary = say("kb_check_summary", "zh", errors=report.errors, warnings=report.warnings,
                  files=report.files, root=report.root)
    verdict = ("kb_check_strict" if report.failed(strict) and not report.errors else
               "kb_check_failed" if report.failed(strict) else "kb_check_passed")
    click.echo(say(verdict, "zh", summary=summary))

"""`perfdx kb diff OLD NEW [--cases DIR]`: a KB change in words, and what it does to cases."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from engine.authoring.diff import KBDiff, diff_kbs
from engine.authoring.impact import Impact, impact
from engine.kb.load import load_kb

from ..options import cross_check_options, output_option
from ..output import emit


@click.command("diff")
@click.argument("old", type=click.Path(file_okay=False))
@click.argument("new", type=click.Path(file_okay=False))
@click.option("--cases", "cases_dir", metavar="DIR",
              type=click.Path(exists=True, file_okay=False),
              help="Diagnose every case file in DIR (*.yaml, *.yml, *.json) with both knowledge "
                   "bases and show which results change, with counts per pattern, intervention "
                   "and course.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for tools.")
@output_option
@cross_check_options
def diff(old: str, new: str, cases_dir: str | None, fmt: str, output: str | None) -> None:
    """Show what changed from knowledge base OLD to NEW, rule by rule, in words.

    \b
    For example:
      PROC-REC-01: threshold for observation approval_steps value: at least 4 -> at least 6
      SKILL-01: certainty of skill_shortfall 0.5 -> 0.6
      interventions formal_training: duration_days 30 -> 45
    Added, removed and disabled rules, changed conclusions, and changed catalog
    entries and settings are listed too. With --cases, the impact: each case whose
    causes, recommendations, courses or gaps change, and how many cases each
    pattern, intervention and course is concluded for, before and after.

    Exit codes: 0 the comparison was made (whether or not anything changed);
    1 OLD or NEW is not a knowledge base or has errors (`perfdx kb check`); 2 usage.
    """
    kb_old, kb_new = load_kb(old), load_kb(new)
    changes = diff_kbs(kb_old, kb_new)
    effect = impact(kb_old, kb_new, Path(cases_dir)) if cases_dir else None
    if fmt == "json":
        emit(json.dumps(as_json(changes, effect), ensure_ascii=False, indent=2) + "\n", output)
        return
    emit("\n".join(render(changes, effect)) + "\n", output)


def as_json(changes: KBDiff, effect: Impact | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "old": {"kb": str(changes.old.root), "kb_hash": changes.old.hash},
        "new": {"kb": str(changes.new.root), "kb_hash": changes.new.hash},
        "changes": [dict(asdict(c), words=c.words()) for c in changes.changes],
    }
    if effect is not None:
        data["impact"] = {
            "cases": [{"file": c.file, "case_id": c.case_id, "changes": c.changes,
                       "old_error": c.old_error, "new_error": c.new_error} for c in effect.cases],
            "patterns": {k: list(v) for k, v in effect.patterns.items()},
            "interventions": {k: list(v) for k, v in effect.interventions.items()},
            "courses": {k: list(v) for k, v in effect.courses.items()},
        }
    return data


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(changes: KBDiff, effect: Impact | None) -> list[str]:
    out = [f"perfdx kb diff: {changes.old.root} ({changes.old.short_hash}) -> "
           f"{changes.new.root} ({changes.new.short_hash})", ""]
    if not changes.changes:
        out.append("No change in rules, catalogs or settings.")
    for title, items in (("Rules", changes.rules), ("Catalogs and settings", changes.catalogs)):
        if not items:
            continue
        counts = {w: sum(1 for c in items if c.what == w) for w in ("changed", "added",
                                                                    "removed")}
        out.append(f"{title}: " + ", ".join(f"{n} {w}" for w, n in counts.items() if n))
        for c in items:
            for words in c.words():
                out.append(f"  {words}  [{c.where}]")
        out.append("")
    if effect is not None:
        out += render_impact(effect)
    while out and out[-1] == "":
        out.pop()
    return out


def render_impact(effect: Impact) -> list[str]:
    n, changed, failed = len(effect.cases), len(effect.changed), len(effect.failed)
    out = [f"Impact on {_plural(n, 'case')} in {effect.directory}: {changed} changed, "
           f"{n - changed - failed} unchanged" + (f", {failed} not diagnosed" if failed else "")]
    for c in effect.changed:
        out.append(f"  {c.file}" + (f" ({c.case_id})" if c.case_id else ""))
        out += [f"    {line}" for line in c.changes]
    for c in effect.failed:
        out.append(f"  {c.file}: not diagnosed with either knowledge base: {c.new_error}")
    for title, counts, verb in (
            ("Per pattern (cases where it is a reported cause)", effect.patterns, "a cause in"),
            ("Per intervention (cases where it is recommended)", effect.interventions,
             "recommended in"),
            ("Per course (cases where it is in the training plan)", effect.courses, "planned in")):
        if not counts:
            continue
        out.append(title)
        for name, (before, after) in counts.items():
            out.append(f"  {name}: {verb} {_plural(before, 'case')} -> {after} "
                       f"({after - before:+d})")
    return out

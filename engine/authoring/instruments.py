"""The instrument coverage table of knowledge_base/README.md (issue 11): every item of the
PDC-HS, Gilbert's PROBE questions and Mager & Pipe's flowchart, the observation that records its
answer, and the rules that use that observation.

The items live in knowledge_base/instruments/coverage.yaml; the table is generated from them and
from the loaded KB (`python -m engine.authoring.instruments --write` rewrites the README section),
and a test checks that the README is current and that every observation is covered.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ..explain.missing import pinned_names
from ..kb.base import KnowledgeBase
from ..yamlio import load_file

START = "<!-- instrument coverage: generated, do not edit by hand -->"
END = "<!-- end of instrument coverage -->"


def load_items(kb_root: Path) -> list[dict[str, Any]]:
    _, data = load_file(kb_root / "knowledge_base" / "instruments" / "coverage.yaml")
    return list(data["instruments"])


def rules_using(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Observation name -> ids of the enabled rules whose conditions name it."""
    found: dict[str, list[str]] = {}
    for rule in kb.rules:
        for branch in rule.branches:
            for p in branch.patterns:
                if p.fact != "observation":
                    continue
                for name in pinned_names(p):
                    ids = found.setdefault(name, [])
                    if rule.id not in ids:
                        ids.append(rule.id)
    return found


def problems(kb: KnowledgeBase, instruments: list[dict[str, Any]]) -> list[str]:
    """Items naming an unknown observation, and observations no item covers."""
    named = {o for ins in instruments for it in ins["items"] for o in it["observations"]}
    out = [f"{ins['id']} {it['item']}: unknown observation {o!r}"
           for ins in instruments for it in ins["items"] for o in it["observations"]
           if o not in kb.observations]
    out += [f"observation {o!r} is in no instrument item" for o in kb.observations
            if o not in named]
    out += [f"{ins['id']} {it['item']}: no observation and no `covered_by`"
            for ins in instruments for it in ins["items"]
            if not it["observations"] and not it.get("covered_by")]
    return out


def table(kb: KnowledgeBase, instruments: list[dict[str, Any]]) -> str:
    used = rules_using(kb)
    lines = [START, ""]
    for ins in instruments:
        lines += [f"**{ins['name']}**", "",
                  "| item | question | observation | rules that use it |", "|---|---|---|---|"]
        for it in ins["items"]:
            if not it["observations"]:
                lines.append(f"| {it['item']} | {it['text']} | - | {it['covered_by']} |")
                continue
            for n, obs in enumerate(it["observations"]):
                rules = ", ".join(used.get(obs, [])) or "(none)"
                head = (f"| {it['item']} | {it['text']} |" if n == 0 else "| | |")
                lines.append(f"{head} `{obs}` | {rules} |")
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def rewrite(readme: str, generated: str) -> str:
    if START in readme and END in readme:
        before = readme[:readme.index(START)]
        after = readme[readme.index(END) + len(END):]
        return before + generated + after
    return readme.rstrip("\n") + "\n\n" + generated + "\n"


def main(argv: list[str]) -> int:
    from ..kb.load import load_kb
    root = Path(argv[1]) if len(argv) > 1 and not argv[1].startswith("-") else Path(".")
    kb = load_kb(root)
    instruments = load_items(root)
    bad = problems(kb, instruments)
    for p in bad:
        print(f"instrument coverage: {p}", file=sys.stderr)
    readme = root / "knowledge_base" / "README.md"
    new = rewrite(readme.read_text(encoding="utf-8"), table(kb, instruments))
    if "--write" in argv:
        readme.write_text(new, encoding="utf-8")
    else:
        sys.stdout.write(table(kb, instruments) + "\n")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

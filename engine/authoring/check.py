"""`perfdx kb check`: every problem of a KB in one run, errors and warnings, in compiler style.

It gathers the loader's problems (each file is read even when another has a YAML syntax error),
the whole-KB checks of lint.py, and the scenario-file checks; sorts them by file and line; and
removes the duplicates a problem can produce through two routes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..kb.load import display_path, load_kb_with_problems, resolve_kb_dir
from ..kb.raw import read_raw, written_ids
from ..reasoning.engine_limits import engine_problems
from ..team.rules import parse_team_rules
from .codes import CODES
from .lint import lint
from .scenario_check import scenario_problems
from .scenarios import scenario_files

USAGE_CODES = ("W203", "W204", "W205", "W206", "W207")


@dataclass
class CheckReport:
    root: Path
    files: int  # YAML files checked (rules, catalogs and scenarios)
    problems: list[Problem]
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    def summary(self) -> str:
        def count(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"
        return (f"{count(self.errors, 'error')}, {count(self.warnings, 'warning')} in "
                f"{count(self.files, 'file')} of {self.root}")

    def to_json(self) -> dict[str, Any]:
        return {
            "kb": str(self.root),
            "files": self.files,
            "errors": self.errors,
            "warnings": self.warnings,
            "problems": [{
                "file": p.file, "line": p.line, "col": p.col, "severity": p.severity,
                "code": p.code, "field": p.field, "message": p.message, "hint": p.hint,
                "explanation": CODES.get(p.code),
            } for p in self.problems],
            "notes": self.notes,
        }


def check_kb(kb: str | os.PathLike[str] | None = None) -> CheckReport:
    """Check a KB directory (default: $PERFDX_KB, then the bundled KB). Never raises on a
    problem inside the KB; raises InputError when the directory is not a KB at all."""
    root = resolve_kb_dir(kb)
    kb_obj, problems = load_kb_with_problems(root)
    assert kb_obj is not None
    raw = read_raw(kb_obj.files)
    rule_files = {display_path(root, f.path) for f in kb_obj.files if f.path.startswith("rules/")}
    rules_broken = any(p.severity == "error" and p.file in rule_files for p in problems)
    catalogs_ok = not any(p.severity == "error" and p.file not in rule_files for p in problems)
    notes = []
    if rules_broken:
        notes.append("checks for unused knowledge (" + ", ".join(USAGE_CODES) + ") run once "
                     "the errors in rules/ are fixed")
    found = lint(kb_obj, raw, usage=not rules_broken)
    known = {section: set(getattr(kb_obj, section)) for section in
             ("patterns", "interventions", "courses", "observations", "kpis", "areas")}
    for section, ids in written_ids(kb_obj.files).items():
        known.setdefault(section, set()).update(ids)
    found += scenario_problems(kb_obj, known, catalogs_ok)
    if catalogs_ok:  # team rules: the same language over their own facts
        found += parse_team_rules(kb_obj)[1]
    problems += [replace(p, file=display_path(root, p.file)) if p.file else p for p in found]
    if not any(p.severity == "error" for p in problems):
        problems += engine_problems(kb_obj)  # what `kb check` passes, `diagnose` runs
    unique = list(dict.fromkeys(problems))
    unique.sort(key=lambda p: (p.file or "", p.line or 0, p.col or 0, p.severity != "error",
                               p.code, p.message))
    return CheckReport(root, len(kb_obj.files) + len(scenario_files(root)), unique, notes)

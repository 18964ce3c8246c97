"""`perfdx kb test`: run a KB's scenario tests and collect what passed, failed or could not run.

The scenarios themselves (file format, running one, comparing expected and obtained) live in
engine/scenarios.py; this module runs them all like a test runner: a broken scenario file is one
error, the other files still run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..kb.base import KnowledgeBase
from ..kb.load import display_path
from .scenarios import ScenarioResult, load_scenarios, run_scenario, scenario_files


@dataclass(frozen=True)
class FileError:
    """A scenario file that could not be read: none of its scenarios ran."""

    file: str
    message: str


@dataclass
class TestRun:
    kb: KnowledgeBase
    results: list[ScenarioResult] = field(default_factory=list)
    file_errors: list[FileError] = field(default_factory=list)
    deselected: int = 0

    __test__ = False  # not a pytest test class, whatever its name

    @property
    def passed(self) -> list[ScenarioResult]:
        return [r for r in self.results if r.passed]

    @property
    def failed(self) -> list[ScenarioResult]:
        return [r for r in self.results if r.error is None and r.differences]

    @property
    def errors(self) -> list[ScenarioResult]:
        return [r for r in self.results if r.error is not None]

    @property
    def ok(self) -> bool:
        return bool(self.results) and not self.file_errors and all(r.passed for r in self.results)

    def summary(self) -> str:
        parts = []
        for n, word in ((len(self.failed), "failed"), (len(self.passed), "passed"),
                        (len(self.errors) + len(self.file_errors), "error"),
                        (self.deselected, "deselected")):
            if n:
                parts.append(f"{n} {word}" + ("s" if word == "error" and n > 1 else ""))
        return ", ".join(parts) or "no scenarios ran"


def relative(kb: KnowledgeBase, path: str | Path) -> str:
    """A scenario file as the user can open it (as `kb check` shows files)."""
    try:
        rel = Path(path).resolve().relative_to(kb.root.resolve()).as_posix()
    except ValueError:
        return str(path)
    return display_path(kb.root, rel)


def run_tests(kb: KnowledgeBase, select: str | None = None) -> TestRun:
    """Run every scenario of the KB (those whose name contains `select`, when given)."""
    run = TestRun(kb)
    for path in scenario_files(kb.root):
        try:
            scenarios = load_scenarios(path)
        except InputError as err:
            problem = err.problem
            where = ":".join(str(x) for x in (relative(kb, path), problem.line) if x)
            field = f"{problem.field}: " if problem.field else ""
            hint = f" ({problem.hint})" if problem.hint else ""
            run.file_errors.append(FileError(where, f"{field}{problem.message}{hint}"))
            continue
        for scenario, line in scenarios:
            if select and select.lower() not in scenario.name.lower():
                run.deselected += 1
                continue
            result = run_scenario(kb, scenario, path, line)
            result.file = relative(kb, path)
            run.results.append(result)
    return run

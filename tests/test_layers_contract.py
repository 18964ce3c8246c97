"""The layers contract in pyproject.toml holds, and breaking it on purpose fails `lint-imports`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache"],
                          cwd=tree, capture_output=True, text=True, env={"PYTHONPATH": str(tree)},
                          timeout=120)


@pytest.fixture()
def tree_copy(tmp_path: Path) -> Path:
    for part in ("engine", "cli"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_contract_is_kept(tree_copy: Path) -> None:
    run = _lint_imports(tree_copy)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Contracts: 3 kept, 0 broken." in run.stdout


@pytest.mark.parametrize("module, line, broken", [
    ("engine/kb/zz_reaches_up.py", "from ..api import analyse\n",
     "engine wings follow the data flow (a wing imports only the wings below it) BROKEN"),
    ("engine/explain/zz_reaches_up.py", "from ..plan import build_plan\n",
     "engine wings follow the data flow (a wing imports only the wings below it) BROKEN"),
    ("engine/reasoning/zz_click.py", "import click\n",
     "the engine never imports click (the CLI is the only adapter) BROKEN"),
    ("engine/audit/zz_cli.py", "from cli.output import emit\n",
     "the engine never imports the CLI BROKEN"),
])
def test_breaking_the_layering_fails_the_lint(tree_copy: Path, module: str, line: str,
                                              broken: str) -> None:
    (tree_copy / module).write_text(line)
    run = _lint_imports(tree_copy)
    assert run.returncode == 1
    assert broken in run.stdout

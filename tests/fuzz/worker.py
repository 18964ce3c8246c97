"""Runs fuzz inputs through the real CLI in-process (click's CliRunner), one worker process each.

A worker loads a KB once per content: the YAML reader is pure Python (about 1 s for the default
KB), and a fuzz input exercises the command, not re-reading the same unchanged files. The memo
hands back the very objects `load_kb_with_problems` built (a KnowledgeBase is immutable; the list
of problems is copied, since `kb check` extends it).
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections import OrderedDict
from pathlib import Path
from typing import Any

from click.testing import CliRunner

import engine.authoring.check as authoring_check
import engine.kb.load as kb_load
from cli.main import cli
from engine.kb.load import default_kb_dir, resolve_kb_dir

from ..kb_edits import copy_kb
from .generators import FuzzInput
from .outcome import CLEAN, OK, Outcome, classify

_MEMO: OrderedDict[tuple[str, str], tuple[Any, list[Any]]] = OrderedDict()


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for sub in ("rules", "knowledge_base"):
        for path in sorted((root / sub).rglob("*")):
            if path.is_file():
                h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _remember(load: Any) -> Any:
    @functools.wraps(load)
    def memo(kb: Any = None) -> tuple[Any, list[Any]]:
        root = resolve_kb_dir(kb)
        key = (str(root), _digest(root))
        if key not in _MEMO:
            _MEMO[key] = load(kb)
            while len(_MEMO) > 4:
                _MEMO.popitem(last=False)
        kb_obj, problems = _MEMO[key]
        return kb_obj, list(problems)
    return memo


def setup(workdir: Path) -> None:
    """Prepare this process to run inputs: environment, the KB memo."""
    os.environ["PERFDX_CROSS_CHECK"] = "1"  # every diagnosis is checked against the evaluator
    os.environ["PERFDX_DB"] = str(workdir / "decisions.db")  # never the user's own log
    for name in ("PERFDX_KB", "PERFDX_LANG", "PERFDX_DEBUG", "PERFDX_OPERATOR"):
        os.environ.pop(name, None)
    memo = _remember(kb_load.load_kb_with_problems)
    kb_load.load_kb_with_problems = memo  # type: ignore[assignment]
    authoring_check.load_kb_with_problems = memo  # type: ignore[assignment]


def materialise(inp: FuzzInput, folder: Path) -> Path:
    """Write the input's files under `folder`; return the KB folder it uses."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in inp.case_files.items():
        (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    if not inp.kb_files:
        return default_kb_dir()
    kb = copy_kb(folder / "kb")  # with the example cases its scenarios name
    for rel, text in inp.kb_files.items():
        (kb / rel).write_text(text, encoding="utf-8", errors="surrogatepass")
    return kb


def run(inp: FuzzInput, folder: Path) -> Outcome:
    """Run every step of one input; the first step that does not end `ok` decides."""
    kb = materialise(inp, folder)
    runner = CliRunner()
    names = (str(folder),)
    for number, step in enumerate(inp.steps):
        argv = [a.replace("{kb}", str(kb)).replace("{dir}", str(folder)) for a in step]
        case_args = [a for a in argv[1:] if a.endswith((".yaml", ".json"))]
        result = runner.invoke(cli, argv, catch_exceptions=True)
        outcome = classify(argv, result.exit_code, result.stdout, result.stderr,
                           result.exception, names + tuple(case_args))
        if outcome.cls == CLEAN and number > 0 and inp.kb_files and \
                not any(c in outcome.detail for c in case_args):
            outcome = Outcome("internal error", "kb check passed, then diagnose failed: " +
                              outcome.detail)
        if outcome.cls != OK:
            return Outcome(outcome.cls, outcome.detail, number)
    return Outcome(OK)

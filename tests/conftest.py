"""Shared fixtures: the default knowledge base, example cases, a CLI runner, KB copies."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from engine.audit.keys import keygen
from engine.kb.base import KnowledgeBase
from engine.kb.load import default_kb_dir, load_kb

# Every diagnosis made under test is cross-checked against the reference evaluator: it is the
# default (engine/api.py), and no test turns it off except to test --no-cross-check.

# The checked-KB cache (engine/kb/cache.py) of this test process: never the user's own, and
# shared with the CLI subprocesses tests start.
os.environ["PERFDX_CACHE_DIR"] = tempfile.mkdtemp(prefix="perfdx-test-cache-")
atexit.register(shutil.rmtree, os.environ["PERFDX_CACHE_DIR"], True)
os.environ.pop("PERFDX_NO_CACHE", None)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "cases"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _decision_log(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`diagnose` records by default: under test, into a fresh log, never the user's own ..."""
    db = tmp_path_factory.mktemp("log") / "decisions.db"
    monkeypatch.setenv("PERFDX_DB", str(db))
    # ... and its signing key, witness file, redaction keys and reviewers file beside it, never
    # the user's config directory.
    keys = tmp_path_factory.mktemp("keys")
    monkeypatch.setenv("PERFDX_AUDIT_KEY", str(keys / "audit.key"))
    keygen(keys / "audit.key", "perfdx-test")  # as on a machine that has signed before
    monkeypatch.delenv("PERFDX_AUDIT_WITNESS", raising=False)
    monkeypatch.delenv("PERFDX_REVIEWERS", raising=False)
    monkeypatch.delenv("PERFDX_REVIEWER_KEY", raising=False)
    return db


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_kb(default_kb_dir())


@pytest.fixture
def run():
    """Run the perfdx CLI in-process; returns click's Result (stdout, stderr, exit_code)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the default KB (rules/ and knowledge_base/)."""
    dest = tmp_path / "kb"
    for sub in ("rules", "knowledge_base"):
        shutil.copytree(default_kb_dir() / sub, dest / sub)
    return dest


def edit(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence of `old` in a file (fails loudly if it is not there once)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")

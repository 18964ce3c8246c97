"""The cross-check is on by default for every command that diagnoses (issue 10).

`engine/api.py` decides the default, so every caller inherits it; `--no-cross-check` turns it
off for one command; `--cross-check` is a deprecated no-op that says so on stderr.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import engine.api as api
from engine.case import load_case
from engine.kb.load import default_kb_dir
from tests.conftest import EXAMPLES

FINANCE = str(EXAMPLES / "finance_analyst_approvals.yaml")
CASES_DIR = str(EXAMPLES)
DEPRECATED = ("perfdx: warning: --cross-check is deprecated and does nothing: the cross-check "
              "is on by default (--no-cross-check turns it off)\n")


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts the cross-checks run (each diagnosis that was checked adds an entry)."""
    ran: list[str] = []
    real = api.run_cross_check

    def counting(kb, memory, fired):  # type: ignore[no-untyped-def]
        ran.append("checked")
        return real(kb, memory, fired)

    monkeypatch.setattr(api, "run_cross_check", counting)
    monkeypatch.delenv("PERFDX_CROSS_CHECK", raising=False)
    return ran


def _record(run) -> str:
    result = run("diagnose", FINANCE)
    assert result.exit_code == 0
    return re.search(r"recorded as (\S+) ", result.stderr).group(1)


COMMANDS = {
    "diagnose": lambda run: ["diagnose", FINANCE, "--no-record"],
    "explain": lambda run: ["explain", FINANCE, "--how", "process_blockage"],
    "plan": lambda run: ["plan", FINANCE, "--no-record"],
    "kb test": lambda run: ["kb", "test"],
    "kb diff": lambda run: ["kb", "diff", str(default_kb_dir()), str(default_kb_dir()),
                            "--cases", CASES_DIR],
    "audit replay": lambda run: ["audit", "replay", _record(run)],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_diagnosing_command_cross_checks_by_default(run, checks, command: str) -> None:
    args = COMMANDS[command](run)
    checks.clear()
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert checks, f"{command} did not cross-check"


@pytest.mark.parametrize("command", COMMANDS)
def test_no_cross_check_turns_it_off(run, checks, command: str) -> None:
    args = COMMANDS[command](run)
    checks.clear()
    result = run(*args, "--no-cross-check")
    assert result.exit_code == 0, result.stderr
    assert checks == []


@pytest.mark.parametrize("command", COMMANDS)
def test_cross_check_flag_is_a_deprecated_no_op(run, checks, command: str) -> None:
    args = COMMANDS[command](run)
    checks.clear()
    result = run(*args, "--cross-check")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(DEPRECATED)
    assert checks


def test_both_flags_are_refused_before_any_work(run, checks) -> None:
    result = run("diagnose", FINANCE, "--no-record", "--cross-check", "--no-cross-check")
    assert result.exit_code == 2
    assert "--cross-check and --no-cross-check contradict each other" in result.stderr
    assert checks == []


def test_the_api_cross_checks_by_default(checks, kb) -> None:
    analysis = api.analyse(load_case(FINANCE), kb)
    assert analysis.cross_checked is not None and checks == ["checked"]


def test_the_api_default_can_be_turned_off_for_a_block(checks, kb) -> None:
    with api.cross_checking(False):
        assert api.analyse(load_case(FINANCE), kb).cross_checked is None
    assert api.analyse(load_case(FINANCE), kb).cross_checked is not None
    assert checks == ["checked"]


def test_help_documents_both_flags(run) -> None:
    out = run("diagnose", "--help").stdout
    assert "--no-cross-check" in out
    assert "Deprecated" in out and "does nothing" in out


def test_readme_documents_the_default() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "--no-cross-check" in readme

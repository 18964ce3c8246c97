"""`-o FILE` and standard output, and the decision log: a command that fails to write its output
leaves no record (README: nothing is written when a command fails), and every odd output or
argument gives one clean line.

No test points perfdx at a real device (CI runs as root): FIFOs, symlinks, folders and files in
tmp_path; a full standard output is an echo that raises ENOSPC, a closed one a real pipe.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import click
import pytest

from tests.conftest import EXAMPLES

FINANCE = str(EXAMPLES / "finance_analyst_approvals.yaml")
COMMANDS = ["diagnose", "plan"]


def _records(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        return conn.execute("SELECT count(*) FROM records").fetchone()[0] if "records" in tables \
            else 0


@pytest.mark.parametrize("command", COMMANDS)
def test_failed_output_to_a_pipe_leaves_no_record(command: str, run, tmp_path: Path,
                                                  _decision_log: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)  # nobody reads it: the write fails after the decision was made
    result = run(command, FINANCE, "-o", str(fifo))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"perfdx: error: {fifo}: cannot write: no process is reading this "
                             "named pipe\n")
    assert _records(_decision_log) == 0


@pytest.mark.parametrize("command", COMMANDS)
def test_full_stdout_leaves_no_record(command: str, run, monkeypatch: pytest.MonkeyPatch,
                                      _decision_log: Path) -> None:
    echo = click.echo

    def full(message: object = None, *args: object, err: bool = False, **kw: object) -> None:
        if err:
            return echo(message, *args, err=True, **kw)  # type: ignore[arg-type]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(click, "echo", full)
    result = run(command, FINANCE)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "perfdx: error: <stdout>: cannot write: No space left on device\n"
    assert _records(_decision_log) == 0


def test_stdout_whose_reader_closed_leaves_no_record(tmp_path: Path) -> None:
    db = tmp_path / "log.db"
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "-m", "cli", "diagnose", FINANCE, "--db", str(db)],
                              stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert done.returncode == 1
    assert done.stderr == "perfdx: error: <stdout>: cannot write: Broken pipe\n"
    assert _records(db) == 0


@pytest.mark.parametrize("command", COMMANDS)
def test_output_written_then_recorded(command: str, run, tmp_path: Path,
                                      _decision_log: Path) -> None:
    target = tmp_path / "out.txt"
    result = run(command, FINANCE, "-o", str(target))
    assert (result.exit_code, result.stdout) == (0, "")
    assert target.read_text(encoding="utf-8") and _records(_decision_log) == 1
    assert result.stderr.startswith("perfdx: recorded as ")


@pytest.mark.parametrize("command", COMMANDS)
def test_output_to_a_folder_is_one_line_and_leaves_no_record(command: str, run, tmp_path: Path,
                                                             _decision_log: Path) -> None:
    result = run(command, FINANCE, "-o", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {tmp_path}: is a folder, not a file (perfdx "
                             "writes a file, or through to a named pipe or a character device)\n")
    assert _records(_decision_log) == 0


def test_output_to_a_symlink_keeps_the_link(run, tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("old")
    (tmp_path / "link.json").symlink_to("real.json")
    assert run("diagnose", FINANCE, "--format", "json", "-o", str(tmp_path / "link.json")
               ).exit_code == 0
    assert (tmp_path / "link.json").is_symlink()
    assert '"case_id": "C-2026-044"' in (tmp_path / "real.json").read_text()


def test_output_file_mode_follows_the_umask(run, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        assert run("diagnose", FINANCE, "-o", str(tmp_path / "out.txt")).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == 0o644


def test_over_long_output_name_gives_one_line(run, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("diagnose", FINANCE, "-o", "o" * 256)
    assert (result.exit_code, result.stderr) == (
        1, f"perfdx: error: {'o' * 256}: cannot write: File name too long\n")


def test_non_utf8_operator_gives_one_line(run, _decision_log: Path) -> None:
    name = b"caf\xe9".decode("utf-8", "surrogateescape")  # as Python receives such an argument
    result = run("diagnose", FINANCE, "--operator", name)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("perfdx: error: --operator 'caf\\xe9' is not a name: it holds bytes "
                             "that are not UTF-8 text, or control characters\n")
    assert _records(_decision_log) == 0


def test_operator_with_a_newline_gives_one_line(run) -> None:
    result = run("diagnose", FINANCE, "--operator", "Li\nperfdx: recorded")
    assert (result.exit_code, result.stderr) == (
        1, "perfdx: error: --operator 'Li\\nperfdx: recorded' is not a name: it holds bytes that "
           "are not UTF-8 text, or control characters\n")

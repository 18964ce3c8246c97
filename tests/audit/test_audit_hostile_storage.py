"""The decision log under hostile storage (issue 10, defects found by fuzzing): a read-only
folder, a full disk, and a --db that is not a regular file.

CI runs as root, whom file modes do not stop: read-only storage is a real read-only bind mount in
a private mount namespace (skipped where none can be made; a spy then still checks that the
reading commands open the log with `mode=ro`), a full disk is SQLite's own page limit, a device
is a named pipe in the test's folder.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.audit.conftest import SALES
from tests.conftest import ROOT


def _read_only(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`perfdx ARGS` with `folder` mounted read-only (a private mount namespace; root only)."""
    perfdx = shlex.join([sys.executable, "-c", "from cli.main import main; main()", *args])
    where = shlex.quote(str(folder))
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", f"mount --bind {where} {where} && "
         f"mount -o remount,bind,ro {where} && exec {perfdx}"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
        env={**os.environ, "PERFDX_CROSS_CHECK": "0"})


def _can_mount_read_only(tmp: Path) -> bool:
    if not shutil.which("unshare") or os.geteuid() != 0:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", f"mount --bind {tmp} {tmp} && "
                            f"mount -o remount,bind,ro {tmp} && ! touch {tmp}/x"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "ro"
    folder.mkdir()
    if not _can_mount_read_only(folder):
        pytest.skip("no read-only mount here (needs root and a mount namespace); "
                    "test_read_only_commands_open_the_log_read_only covers the code path")
    return folder


def test_audit_verify_and_list_cannot_open_a_log_on_read_only_storage(
        db: Path, record, read_only_folder: Path) -> None:
    rid = record()
    copy = read_only_folder / "decisions.db"
    shutil.copy(db, copy)  # a log closed cleanly: every record in the main file
    verify = _read_only(read_only_folder, "audit", "verify", "--db", str(copy))
    assert (verify.returncode, verify.stderr) == (0, "")
    assert verify.stdout.splitlines()[1].startswith("chain intact: 1 records;")
    listing = _read_only(read_only_folder, "audit", "list", "--db", str(copy))
    assert (listing.returncode, listing.stderr) == (0, "")
    assert listing.stdout.splitlines()[1].startswith(rid)


def test_a_read_only_log_with_unmerged_records_says_what_to_do(
        db: Path, record, read_only_folder: Path) -> None:
    record()
    keep = sqlite3.connect(str(db))  # while it is open, the next record stays in the -wal file
    keep.execute("SELECT count(*) FROM records").fetchone()
    record()
    copy = read_only_folder / "copy.db"  # a copy taken then: its last record only in -wal
    copy.write_bytes(db.read_bytes())
    Path(str(copy) + "-wal").write_bytes(Path(str(db) + "-wal").read_bytes())
    keep.close()
    assert Path(str(copy) + "-wal").stat().st_size > 0
    result = _read_only(read_only_folder, "audit", "verify", "--db", str(copy))
    assert result.returncode == 1
    assert result.stderr == (
        f"perfdx: error: {copy}: cannot read the decision log here: its folder is read-only and "
        "copy.db-wal holds records not yet in the main file (copy the log with its -wal file to "
        "a writable folder and read it there)\n")


def test_read_only_commands_open_the_log_read_only(audit, db: Path, record,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    record()
    opened: list[str] = []
    real = sqlite3.connect

    def spy(database: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        if database != ":memory:":  # verify builds a reference schema in memory
            opened.append(str(database))
        return real(database, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", spy)
    for command in (["list"], ["verify"], ["head"], ["export"]):
        opened.clear()
        assert audit(*command).exit_code == 0, command
        assert opened and all(o.startswith("file:") and "mode=ro" in o for o in opened), command


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch):
    """Every connection perfdx opens may hold at most `pages` pages: SQLite's "disk is full"."""
    real = sqlite3.connect

    def limit(pages: int) -> None:
        def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
            conn = real(*args, **kwargs)  # type: ignore[arg-type]
            conn.execute(f"PRAGMA max_page_count = {pages}")
            return conn
        monkeypatch.setattr(sqlite3, "connect", connect)
    return limit


def test_full_disk_cannot_commit_no_transaction_is_active(run, audit, db: Path,
                                                          full_disk) -> None:
    full_disk(20)  # room for an empty log, not for a decision with its knowledge base
    result = run("diagnose", str(SALES))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"perfdx: error: {db}: the disk is full: nothing was recorded "
                             "(free some space and run the command again)\n")
    verify = audit("verify")
    assert verify.exit_code == 0, verify.stderr
    assert verify.stdout.splitlines()[1].startswith("chain intact: 0 records;")


def test_db_pointing_at_a_device_writes_a_journal_beside_it(run, audit, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    line = (f"perfdx: error: {fifo}: is not a regular file (a device, a named pipe or a socket), "
            "so it cannot be a decision log (give --db the path of a .db file)\n")
    for args in (["diagnose", str(SALES), "--db", str(fifo)], ["audit", "list", "--db", str(fifo)],
                 ["audit", "verify", "--db", str(fifo)]):
        result = run(*args)
        assert (result.exit_code, result.stderr) == (1, line), args
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]

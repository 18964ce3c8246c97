"""Several processes recording at once, and a process killed while recording."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from engine.audit.store import AuditLog
from engine.audit.verify import verify
from tests.audit import tamper
from tests.conftest import ROOT


def _worker(db: Path, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tests.audit.record_worker", str(db), mode],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)


def test_four_processes_recording_250_each_leave_one_chain_of_1000(db: Path, audit) -> None:
    started = time.perf_counter()
    workers = [_worker(db, "250") for _ in range(4)]
    ids = []
    for w in workers:
        out, _ = w.communicate(timeout=300)
        assert w.returncode == 0
        ids += out.split()
    elapsed = time.perf_counter() - started
    rows = tamper.rows(db)
    assert len(ids) == len(set(ids)) == 1000
    assert sorted(r["id"] for r in rows) == sorted(ids)
    assert len({r["operator"] for r in rows}) == 4
    result = audit("verify")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[1].startswith("chain intact: 1000 records;")
    print(f"\n4 processes x 250 decisions recorded and verified in {elapsed:.1f} s")


def test_a_process_killed_inside_a_write_loses_only_that_write(db: Path) -> None:
    worker = _worker(db, "hang")
    assert worker.stdout is not None
    first = worker.stdout.readline().strip()
    assert worker.stdout.readline() == "writing\n"
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    with AuditLog.open(db) as log:
        report = verify(log)
        assert report.ok and report.records == 1
        assert log.head() is not None and log.head().id == first  # type: ignore[union-attr]
        log.append("contest", {"note": "the lock was released"}, operator="next")
        assert verify(log).ok


def test_processes_killed_at_random_moments_leave_a_log_that_verifies(db: Path) -> None:
    rng = random.Random(6)
    seen: list[str] = []
    for _round in range(3):
        worker = _worker(db, "forever")
        assert worker.stdout is not None
        for _ in range(15):
            seen.append(worker.stdout.readline().strip())
        time.sleep(rng.uniform(0, 0.02))
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        with AuditLog.open(db) as log:
            report = verify(log)
            stored = {r.id for r in log.rows()}
        assert report.ok, [f.message() for f in report.findings]
        assert set(seen) <= stored  # no record reported as written was lost


def test_many_openers_of_a_new_log_at_once_all_get_a_log(tmp_path: Path) -> None:
    """Regression: a process that read the schema while another created it took the half-made
    file for another program's database."""
    errors: list[BaseException] = []

    def open_it(path: Path, barrier: threading.Barrier) -> None:
        barrier.wait()
        try:
            AuditLog.open(path, create=True).close()
        except BaseException as err:  # noqa: BLE001 - collected for the assertion below
            errors.append(err)

    for attempt in range(15):
        path = tmp_path / f"log{attempt}.db"
        barrier = threading.Barrier(6)
        threads = [threading.Thread(target=open_it, args=(path, barrier)) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []

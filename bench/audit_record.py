"""Benchmark: several processes recording decisions into one log at once, then verify.

    python bench/audit_record.py                         # 4 processes x 250 decisions
    python bench/audit_record.py --processes 8 --records 500 --db /tmp/bench.db

Each decision is diagnosed (the example cases in turn) and recorded as `perfdx diagnose` does:
open the log, BEGIN IMMEDIATE, read the head, insert, COMMIT (WAL, synchronous=FULL). Prints
the wall time, decisions per second, per-record write latency, and how long `verify` takes.
Figures depend on the machine and its disk; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.api import analyse  # noqa: E402
from engine.audit.record import record_decision  # noqa: E402
from engine.audit.store import AuditLog  # noqa: E402
from engine.audit.verify import verify  # noqa: E402
from engine.case import load_case  # noqa: E402
from engine.kb.load import load_kb  # noqa: E402


def worker(db: str, count: int, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    kb = load_kb()
    cases = [load_case(str(p)) for p in sorted((ROOT / "examples" / "cases").glob("*.yaml"))]
    writes = []
    for i in range(count):
        loaded = cases[i % len(cases)]
        result = analyse(loaded, kb).diagnosis.to_json()
        started = time.perf_counter()
        record_decision("diagnose", loaded, kb, result, db=db, operator=f"bench-{i % 7}")
        writes.append(time.perf_counter() - started)
    queue.put(writes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--records", type=int, default=250, help="decisions per process")
    parser.add_argument("--db", help="the log to write (default: a new one in a temp folder)")
    args = parser.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp(prefix="perfdx-bench-")) / "decisions.db")

    queue: mp.Queue = mp.Queue()  # type: ignore[type-arg]
    started = time.perf_counter()
    procs = [mp.Process(target=worker, args=(db, args.records, queue))
             for _ in range(args.processes)]
    for p in procs:
        p.start()
    writes = sorted(w for _ in procs for w in queue.get())
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - started

    t = time.perf_counter()
    with AuditLog.open(db) as log:
        report = verify(log)
    verify_s = time.perf_counter() - t
    total = args.processes * args.records
    print(f"log: {db}")
    print(f"{args.processes} processes x {args.records} decisions = {total}: {elapsed:.2f} s "
          f"wall, {total / elapsed:.0f} decisions/s (diagnosis included)")
    print(f"record_decision latency: median {writes[len(writes) // 2] * 1000:.1f} ms, "
          f"p95 {writes[int(len(writes) * 0.95)] * 1000:.1f} ms, "
          f"max {writes[-1] * 1000:.1f} ms (waiting for the write lock included)")
    print(f"verify: {report.records} records, {'intact' if report.ok else 'BROKEN'}, "
          f"{verify_s:.2f} s; file {Path(db).stat().st_size / 1024 / 1024:.1f} MB")
    if report.records != total or not report.ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
